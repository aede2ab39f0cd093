/**
 * What a certificate can and cannot show: a professional registration is confirmed on the regulator's live register,
 * never "met and in date" from a certificate; items from issuers not recognised here are named in the first
 * sentence; equivalences and comparisons carry their strength and source.
 */
import { describe, expect, it } from 'vitest';
import { type Holding, assessRoleFit } from '../../worker/services/employer/role-fit';
import { CSTF_ALIGNED, EQS, LEVELS, NOW, hold, requirementsOf, roleFit } from '../helpers/role-fit-cases';

/** A holding for every required item of a role, from a CSTF-aligned provider, except `leaveOut`. */
function everythingRequired(roleId: string, over: Partial<Holding> = {}, leaveOut: string[] = []): Holding[] {
  return requirementsOf(roleId)
    .filter((r) => r.requirement === 'required' && !leaveOut.includes(r.competencyId))
    .map((r) => hold([r.competencyId], { ...CSTF_ALIGNED, level: r.level ?? null, ...over }));
}

const NA = 'nhs-nursing-associate';
const NA_TITLE = 'Nursing associate (AfC band 4)';

describe('registration is checked on the live register', () => {
  it('an NMC registration certificate over 3 years old is not "met": check the register, it may have lapsed', () => {
    const holdings = [
      ...everythingRequired(NA, {}, ['reg-nmc-nursing-associate']),
      hold(['reg-nmc-nursing-associate'], { validFrom: '2022-01-15T00:00:00.000Z' }),
    ];
    const r = roleFit(NA, holdings, NA_TITLE);
    const reg = r.line('REG-NMC-NURSING-ASSOCIATE');
    expect(reg.status).toBe('check_register');
    expect(reg.action).toBe('Check the NMC register before starting');
    expect(reg.notes).toEqual([
      'The certificate shows registration on 2022-01-15; only the NMC register shows whether it is current.',
      'It is older than one renewal period (every 3 years) or has expired: the registration may have lapsed.',
    ]);
    // Never "in date until" a date: only the register says how long it is current.
    expect(reg.inDateUntil).toBeNull();
    expect(r.summary.requiredCheckRegister).toBe(1);
    expect(r.summary.text).toContain('1 to check on the live register');
    expect(r.summary.headline).toMatch(
      /^Ready to start as Nursing associate \(AfC band 4\) once NMC registration: nursing associate is confirmed on the live register[;.]/,
    );
    expect(r.summary.routes?.longer).toContain(
      'NMC registration: nursing associate: certificate held; check the NMC register',
    );
    expect(r.summary.routes?.skip).not.toContain('NMC registration: nursing associate');
  });

  it('a recent certificate is still checked on the register, without the lapse note', () => {
    const holdings = [
      ...everythingRequired(NA, {}, ['reg-nmc-nursing-associate']),
      hold(['reg-nmc-nursing-associate'], { validFrom: '2025-09-01T00:00:00.000Z' }),
    ];
    const reg = roleFit(NA, holdings, NA_TITLE).line('REG-NMC-NURSING-ASSOCIATE');
    expect(reg.status).toBe('check_register');
    expect(reg.notes).toHaveLength(1);
    expect(reg.inDateUntil).toBeNull();
  });

  it('without a registration certificate the nursing associate is not ready to start', () => {
    const r = roleFit(NA, everythingRequired(NA, {}, ['reg-nmc-nursing-associate']), NA_TITLE);
    expect(r.line('REG-NMC-NURSING-ASSOCIATE').status).toBe('missing');
    expect(r.summary.headline).toMatch(
      /^Not ready to start as Nursing associate \(AfC band 4\) yet: needs NMC registration/,
    );
  });

  it('Social Care Wales registration (due within 6 months of starting): confirm on the register, not before starting', () => {
    const holdings = [
      ...everythingRequired('wales-a', {}, ['reg-scw-social-care-worker']),
      hold(['reg-scw-social-care-worker'], { validFrom: '2021-03-01T00:00:00.000Z' }),
    ];
    const r = roleFit('wales-a', holdings, 'Social care assistant');
    const reg = r.line('REG-SCW-SOCIAL-CARE-WORKER');
    expect(reg.status).toBe('check_register');
    expect(reg.action).toBe('Check the Social Care Wales register');
    expect(reg.notes?.[1]).toMatch(/may have lapsed/);
    expect(r.summary.headline).toMatch(
      /^Ready to start as Social care assistant; confirm Social Care Wales registration/,
    );
    expect(r.summary.headline).toContain('on the live register');
  });
});

describe('what the first sentence and the lines say about sources', () => {
  it('names items resting on certificates from issuers not recognised here', () => {
    const holdings = everythingRequired('nhs-healthcare-assistant', { recognised: false });
    const r = roleFit('nhs-healthcare-assistant', holdings, 'Healthcare assistant (AfC band 2)');
    const held = r.lines.filter((l) => l.requirement.requirement === 'required' && l.status === 'met').length;
    expect(held).toBeGreaterThan(0);
    expect(r.summary.headline).toContain(
      `${held} items rest on certificates from issuers not recognised here: check them first`,
    );
    const recognised = roleFit(
      'nhs-healthcare-assistant',
      everythingRequired('nhs-healthcare-assistant'),
      'Healthcare assistant (AfC band 2)',
    );
    expect(recognised.summary.headline).not.toContain('not recognised');
  });

  it('an England to Wales move: a 2015 Care Certificate is offered for comparison with the AWIF, with its source', () => {
    const cc2015 = hold(
      Array.from({ length: 15 }, (_, i) => `cc15-${String(i + 1).padStart(2, '0')}`),
      { name: 'Care Certificate (2015)' },
    );
    const r = assessRoleFit(requirementsOf('wales-a'), [cc2015], EQS, NOW, { jurisdiction: 'Wales', levels: LEVELS });
    const awif = r.lines.find((l) => l.requirement.code === 'AWIF');
    expect(awif?.status).toBe('compare');
    expect(awif?.holding?.name).toBe('Care Certificate (2015)');
    expect(awif?.notes?.[0]).toMatch(
      /^No published equivalence between the All Wales Induction Framework .* \(indicative; source: .+\)$/,
    );
  });

  it('Wales to NHS band 3: a Welsh Level 3 Practice diploma is offered for comparison with the Level 3 required', () => {
    const welsh = hold(['wal-hsc-l3-practice-adults'], { name: 'Level 3 Health and Social Care: Practice (Adults)' });
    const r = assessRoleFit(requirementsOf('nhs-senior-healthcare-support-worker'), [welsh], EQS, NOW, {
      levels: LEVELS,
    });
    const l3 = r.lines.find((l) => l.requirement.competencyId === 'rqf-l3-dip-healthcare-support');
    expect(l3?.status).toBe('compare');
    expect(l3?.holding?.name).toBe('Level 3 Health and Social Care: Practice (Adults)');
    expect(l3?.notes?.[0]).toMatch(/\(indicative; source: .+\)$/);
  });

  it('a line met through an equivalence carries its strength and source', () => {
    const holdings = [hold(['rqf-l3-dip-adult-care'])];
    const r = assessRoleFit(requirementsOf('nhs-senior-healthcare-support-worker'), holdings, EQS, NOW, {
      levels: LEVELS,
    });
    const l3 = r.lines.find((l) => l.requirement.competencyId === 'rqf-l3-dip-healthcare-support');
    expect(l3?.status).toBe('met');
    expect(l3?.via).toMatchObject({ fromId: 'rqf-l3-dip-adult-care', strength: 'indicative' });
    expect(l3?.via?.source).toMatch(/DHSC note/);
  });

  it('each requirement carries its basis and whether its source verified it', () => {
    const reqs = requirementsOf('nhs-healthcare-assistant');
    expect(reqs.every((r) => typeof r.basis === 'string' && r.basis.length > 10)).toBe(true);
    expect(reqs.some((r) => r.verified === false)).toBe(true);
    expect(reqs.some((r) => r.verified === true)).toBe(true);
  });
});

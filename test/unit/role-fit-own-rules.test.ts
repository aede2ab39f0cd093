/**
 * Role fit with an employer's own acceptance rule: the rule is applied and named ("Your rule"), a lapse under the
 * allowable period alone is a refresher, a looser rule says so, and the sector rule's words stay as they were.
 * Also the rule comparison an employer's edit is checked with.
 */
import { describe, expect, it } from 'vitest';
import type { AcceptanceRule } from '../../worker/services/catalogue/rules';
import { employerRule, looserThanSector } from '../../worker/services/employer/employer-rules';
import { type Holding, type Requirement, assessRoleFit } from '../../worker/services/employer/role-fit';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const fire = (acceptance: AcceptanceRule | null): Requirement => ({
  competencyId: 'cstf-fire',
  name: 'Fire safety',
  code: 'CSTF-FIRE',
  kind: 'mandatory_training',
  requirement: 'required',
  maxAgeMonths: 24,
  acceptance,
});
const held = (validFrom: string, over: Partial<Holding> = {}): Holding => ({
  credentialId: 'urn:uuid:fire',
  name: 'Fire safety',
  issuerName: 'Northern Care Academy',
  alignedIds: ['cstf-fire'],
  validFrom,
  validUntil: null,
  state: 'valid',
  recognised: true,
  providerKinds: [],
  ...over,
});
const sector: AcceptanceRule = {
  providers: ['nhs_body', 'cstf_aligned'],
  maxAgeMonths: 24,
  basis: 'Common NHS trust rule for prior training',
  source: 'Trust transfer-of-training pages',
  indicative: true,
};
const own = (rule: Partial<AcceptanceRule>): AcceptanceRule => ({
  basis: 'Set by Sunrise Care Homes on 2026-06-01',
  source: "Sunrise Care Homes's own rule for this role",
  indicative: false,
  setBy: 'employer',
  ...rule,
});

describe('role fit under an employer rule', () => {
  it('is met under the refresher period but not under a stricter allowable period, which it names', () => {
    const h = [held('2025-03-01T00:00:00.000Z')];
    expect(assessRoleFit([fire(null)], h, [], NOW).lines[0]!.status).toBe('met');
    const { lines, summary } = assessRoleFit([fire(own({ maxAgeMonths: 12 }))], h, [], NOW, { title: 'Night carer' });
    expect(lines[0]).toMatchObject({ status: 'not_accepted', lapsed: true });
    expect(lines[0]!.notes).toEqual([
      'Valid but not accepted under your rule: completed more than 12 months ago (your allowable period).',
      'Your rule: completed within the last 12 months.',
    ]);
    expect(lines[0]!.action).toBe(
      'Refresh Fire safety: your rule accepts training completed within the last 12 months',
    );
    expect(summary.headline).toBe('Ready to start as Night carer after 1 refresher.');
    expect(summary.routes?.refreshers).toEqual(['Fire safety']);
  });

  it('names a provider rule and asks for an accepted provider when the provider is the problem', () => {
    const { lines } = assessRoleFit(
      [fire(own({ providers: ['nhs_body'], maxAgeMonths: 12 }))],
      [held('2026-03-01')],
      [],
      NOW,
    );
    expect(lines[0]).toMatchObject({
      status: 'not_accepted',
      action: 'Repeat Fire safety with a provider your rule accepts',
    });
    expect(lines[0]!.lapsed).toBeUndefined();
    expect(lines[0]!.notes).toContain('Your rule: only from an NHS body; completed within the last 12 months.');
  });

  it('says when the employer rule accepts more than the sector rule, on met lines too', () => {
    const rule = own({ providers: ['approved_academy'], looserThan: 'sector rule: only from an NHS body' });
    const { lines } = assessRoleFit([fire(rule)], [held('2026-03-01')], [], NOW);
    expect(lines[0]!.status).toBe('met');
    expect(lines[0]!.notes).toEqual([
      'Your rule: only from any approved academy.',
      'Your rule accepts more than the sector rule (sector rule: only from an NHS body).',
    ]);
  });

  it('keeps the sector rule in its own words, with a refresher for a lapse alone', () => {
    const h = [held('2023-06-01T00:00:00.000Z', { providerKinds: ['nhs_body'], validUntil: '2027-01-01' })];
    const { lines } = assessRoleFit([{ ...fire(sector), maxAgeMonths: 60 }], h, [], NOW);
    expect(lines[0]!.notes).toEqual([
      "Valid but not accepted here: completed more than 24 months ago (this role's allowable period) (indicative: the common NHS trust rule).",
    ]);
    expect(lines[0]!.action).toBe(
      'Refresh Fire safety: this role accepts training completed within the last 24 months',
    );
  });
});

describe('checking an employer rule against the sector rule', () => {
  const ctx = { orgName: 'Sunrise Care Homes', day: '2026-06-01', previous: null, sector };
  const form = (f: Partial<{ providers: AcceptanceRule['providers']; maxAgeMonths: number; note: string }>) => ({
    competencyId: 'cstf-fire',
    providers: f.providers ?? [],
    ...(f.maxAgeMonths != null ? { maxAgeMonths: f.maxAgeMonths } : {}),
    ...(f.note ? { note: f.note } : {}),
  });

  it('is stricter (never flagged) with fewer provider kinds or a shorter period', () => {
    expect(looserThanSector({ providers: ['nhs_body'], maxAgeMonths: 12 }, sector)).toBeNull();
    expect(employerRule(form({ providers: ['nhs_body'], maxAgeMonths: 12 }), ctx)).toMatchObject({
      providers: ['nhs_body'],
      maxAgeMonths: 12,
      setBy: 'employer',
      indicative: false,
    });
  });

  it('is looser with a longer period or another provider kind, and then needs a reason', () => {
    expect(looserThanSector({ maxAgeMonths: 36 }, sector)).toBe(
      'sector rule: only from an NHS body or a CSTF-aligned provider; completed within the last 24 months',
    );
    expect(() => employerRule(form({ maxAgeMonths: 36 }), ctx)).toThrow('accepts more than the sector rule');
    expect(employerRule(form({ maxAgeMonths: 36, note: 'Agency staff refresh on arrival' }), ctx)).toMatchObject({
      looserThan: expect.stringContaining('sector rule:'),
      basis: 'Set by Sunrise Care Homes on 2026-06-01: Agency staff refresh on arrival',
    });
  });

  it('goes back to the sector rule when the form sets nothing', () => {
    expect(employerRule(form({}), ctx)).toBe(sector);
  });
});

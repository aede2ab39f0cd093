/**
 * Worked cases on the real catalogue: people moving between social care and the NHS, between Wales and England,
 * between two English providers, coming back after a break, or carrying medicines and delegated tasks. Each case
 * asserts the report's first sentence and the lines an employer would act on.
 */
import { describe, expect, it } from 'vitest';
import { CSTF_ALIGNED, hold, careWorker, requirementsOf, roleFit, welshWorker } from '../helpers/role-fit-cases';

describe('worked cases', () => {
  it('1. care worker from a care home to NHS band 2: CSTF training valid but not accepted by the trust rule', () => {
    const r = roleFit('nhs-healthcare-assistant', careWorker(), 'Healthcare assistant (AfC band 2)');
    expect(r.summary.headline).toBe('Ready to start as Healthcare assistant (AfC band 2) after 11 short courses.');
    const fire = r.line('CSTF-FIRE');
    expect(fire.status).toBe('not_accepted');
    expect(fire.notes).toEqual([
      'Valid but not accepted here: accepted here only from an NHS body or a CSTF-aligned provider (indicative: the common NHS trust rule).',
    ]);
    expect(fire.action).toBe('Repeat Fire safety with a provider this role accepts');
    // Non-CSTF items carry no trust rule: the Care Certificate and Oliver McGowan still count.
    expect(r.line('CC25-01').status).toBe('met');
    expect(r.line('OMMT-TIER1').status).toBe('met');
    // Band 2 needs children's safeguarding at level 2; the care worker holds level 1.
    expect(r.line('CSTF-SGC-L2').status).toBe('not_accepted');
    expect(r.line('CSTF-CR').status).toBe('missing');
  });

  it('2. the same worker trained by a CSTF-aligned provider: band 2 after three short courses', () => {
    const r = roleFit('nhs-healthcare-assistant', careWorker(CSTF_ALIGNED), 'Healthcare assistant (AfC band 2)');
    expect(r.line('CSTF-FIRE').status).toBe('met');
    expect(r.summary.headline).toBe('Ready to start as Healthcare assistant (AfC band 2) after 3 short courses.');
    expect(r.summary.routes?.shortTraining).toEqual([
      'Conflict resolution',
      'Safeguarding children level 2',
      'Preventing radicalisation',
    ]);
    expect(r.summary.routes?.longer).toEqual(['Level 2 Diploma in Care (RQF) (recommended)']);
  });

  it('3. senior care worker to NHS band 3 with medicines: ready after short courses; medicines needs local sign-off', () => {
    const med = hold(['med-admin'], {
      name: 'Medicines administration competence',
      evidence: { assessedBy: 'Jo Patel', delegatingRole: null, reviewDate: '2026-12-01' },
      ...CSTF_ALIGNED,
    });
    // A senior care worker's Level 3 Diploma in Adult Care meets band 3's Level 3 through an indicative mapping.
    const l3 = hold(['rqf-l3-dip-adult-care'], { name: 'Level 3 Diploma in Adult Care' });
    const r = roleFit(
      'nhs-senior-healthcare-support-worker',
      [...careWorker(CSTF_ALIGNED), hold(['cstf-sgc-l2', 'cstf-cr'], CSTF_ALIGNED), med, l3],
      'Senior healthcare support worker (AfC band 3)',
    );
    expect(r.summary.headline).toBe(
      'Ready to start as Senior healthcare support worker (AfC band 3) after 1 short course; medicines needs local sign-off.',
    );
    expect(r.line('RQF-L3-DIP-HEALTHCARE-SUPPORT')).toMatchObject({ status: 'met', via: { strength: 'indicative' } });
    const line = r.line('MED-ADMIN');
    expect(line.status).toBe('local_signoff');
    expect(line.notes?.[0]).toBe(
      'Prior evidence: Medicines administration competence, 2026-01-10, assessed by Jo Patel, review due 2026-12-01.',
    );
    expect(line.action).toMatch(/^Needs local sign-off/);
    expect(line.action).not.toMatch(/refresher/i);
  });

  it('3b. a care worker without a Level 3 is not ready for NHS band 3; the Senior Healthcare Support Worker apprenticeship meets it', () => {
    const base = [...careWorker(CSTF_ALIGNED), hold(['cstf-sgc-l2', 'cstf-cr'], CSTF_ALIGNED)];
    const title = 'Senior healthcare support worker (AfC band 3)';
    const r = roleFit('nhs-senior-healthcare-support-worker', base, title);
    expect(r.summary.headline).toBe(
      'Not ready to start as Senior healthcare support worker (AfC band 3) yet: needs Level 3 Diploma in Healthcare Support.',
    );
    expect(r.line('RQF-L3-DIP-HEALTHCARE-SUPPORT').status).toBe('missing');
    const app = roleFit('nhs-senior-healthcare-support-worker', [...base, hold(['app-st0217'])], title);
    expect(app.line('RQF-L3-DIP-HEALTHCARE-SUPPORT')).toMatchObject({ status: 'met', via: { strength: 'published' } });
    expect(app.summary.headline).toMatch(/^Ready to start as Senior healthcare support worker/);
  });

  it('4. senior care worker to nursing associate (band 4): not ready; the degree and NMC registration are the route', () => {
    const r = roleFit('nhs-nursing-associate', careWorker(CSTF_ALIGNED), 'Nursing associate (AfC band 4)');
    expect(r.summary.headline).toBe(
      'Not ready to start as Nursing associate (AfC band 4) yet: needs Nursing Associate foundation degree (NMC-approved) and NMC registration: nursing associate.',
    );
    const longer = r.summary.routes?.longer ?? [];
    expect(longer[0]).toMatch(/^Nursing Associate foundation degree \(NMC-approved\): 2 years/);
    expect(longer[0]).toMatch(/apprenticeship \(most trainees, employer-sponsored\) or direct entry \(self-funded\)/);
    expect(longer[1]).toMatch(/^NMC registration: nursing associate: register before starting/);
  });

  it('5. care worker to trainee nursing associate: the English and maths entry gates show', () => {
    const r = roleFit(
      'nhs-trainee-nursing-associate',
      careWorker(CSTF_ALIGNED),
      'Trainee nursing associate (AfC band 3)',
    );
    expect(r.summary.headline).toBe(
      'Not ready to start as Trainee nursing associate (AfC band 3) yet: needs English: GCSE grade 9-4 or Functional Skills Level 2 and Maths: GCSE grade 9-4 or Functional Skills Level 2.',
    );
    expect(r.line('ENTRY-MATHS-L2').status).toBe('missing');
    const withMaths = roleFit(
      'nhs-trainee-nursing-associate',
      [...careWorker(CSTF_ALIGNED), hold(['entry-english-l2', 'entry-maths-l2'])],
      'Trainee nursing associate (AfC band 3)',
    );
    expect(withMaths.summary.headline).toMatch(/^Ready to start as Trainee nursing associate/);
  });

  it('6. Wales to England: no register for care workers; AWIF is compared with the Care Certificate, not equated', () => {
    const welsh = welshWorker();
    const r = roleFit('dhsc-care-worker', welsh, 'Care worker');
    expect(r.summary.notes).toEqual([
      'England has no register for care workers: Social Care Wales registration is not needed for this role and does not carry over (indicative).',
    ]);
    const cc1 = r.line('CC25-01');
    expect(cc1.status).toBe('compare');
    expect(cc1.action).toBe(
      'No published equivalence: compare the content of All Wales Induction Framework with Understand your role',
    );
    expect(r.line('RQF-L2-DIP-CARE').status).toBe('compare');
    expect(r.line('CSTF-FIRE').status).toBe('met');
  });

  it('7. England to Wales: registration within 6 months and the qualification within the registration timeline', () => {
    const english = [...careWorker(), hold(['rqf-l2-dip-care'])];
    const r = roleFit('wales-a', english, 'Social care assistant');
    const reg = r.line('REG-SCW-SOCIAL-CARE-WORKER');
    expect(reg.status).toBe('due_later');
    expect(reg.action).toBe('Needed within 6 months of starting');
    const core = r.line('WAL-HSC-L2-CORE');
    expect(core.status).toBe('due_later');
    expect(core.action).toMatch(/^Needed within 36 months of starting: within the first 3-year registration period/);
    expect(r.line('WAL-HSC-L2-PRACTICE-ADULTS').status).toBe('compare');
    expect(r.summary.headline).toBe(
      'Ready to start as Social care assistant; Social Care Wales registration: domiciliary care or adult care home worker and Level 2 Health and Social Care: Core due after starting.',
    );
    // AWIF is compared with the Care Certificate the worker holds, within its own timeline.
    expect(r.line('AWIF').status).toBe('compare');
    expect(r.summary.routes?.longer.find((x) => x.startsWith('Social Care Wales'))).toMatch(
      /register within 6 months of starting; renewed every 3 years/,
    );
  });

  it('8. between two English providers: nothing to repeat', () => {
    const r = roleFit('cwp-care-or-support-worker', careWorker(), 'Care or support worker');
    expect(r.summary.headline).toBe('Ready to start as Care or support worker.');
    expect(r.summary.text).toBe('Can skip 19 of 19 required items; 0 of 1 recommended item held.');
  });

  it('9. a returning worker with lapsed training: refreshers, not new courses', () => {
    const r = roleFit('dhsc-care-worker', careWorker({ validFrom: '2022-03-01T00:00:00.000Z' }), 'Care worker');
    expect(r.summary.headline).toBe('Ready to start as Care worker after 9 refreshers.');
    expect(r.line('CSTF-IG').status).toBe('expired');
    expect(r.line('CSTF-IG').action).toBe(
      'Refresh Information governance and data security (refresher every 12 months)',
    );
    expect(r.line('CC25-01').status).toBe('met');
  });

  it('10. a senior worker with delegated tasks: prior evidence shown, sign-off here, never "met"', () => {
    const insulin = hold(['dha-insulin'], {
      name: 'Insulin administration',
      evidence: { assessedBy: null, delegatingRole: 'district nurse', reviewDate: '2026-09-01' },
    });
    const r = roleFit('cwp-enhanced-care-worker', [...careWorker(), insulin], 'Enhanced care worker');
    const line = r.line('DHA-INSULIN');
    expect(line.status).toBe('local_signoff');
    expect(line.notes?.[0]).toBe(
      'Prior evidence: Insulin administration, 2026-01-10, delegated by a district nurse, review due 2026-09-01.',
    );
    expect(r.summary.headline).toBe('Ready to start as Enhanced care worker; delegated tasks need local sign-off.');
  });

  it('11. a level 1 safeguarding certificate against a level 2 requirement is not accepted', () => {
    const holdings = careWorker().map((h) =>
      h.alignedIds[0] === 'cstf-sga-l2'
        ? { ...h, alignedIds: ['cstf-sga-l1'], name: 'Safeguarding adults level 1' }
        : h,
    );
    const line = roleFit('dhsc-care-worker', holdings, 'Care worker').line('CSTF-SGA-L2');
    expect(line.status).toBe('not_accepted');
    expect(line.notes).toEqual([
      'Valid but not accepted here: Safeguarding adults level 1 is below the level this role needs (Safeguarding adults level 2).',
    ]);
  });

  it('12. an older "levels 1-3" credential counts at the level it states, else level 1', () => {
    const stated = hold(['cstf-sga'], { name: 'Safeguarding adults level 2', level: 2 });
    const unstated = hold(['cstf-sga'], { name: 'Safeguarding adults' });
    const r1 = roleFit('dhsc-care-worker', [stated], 'Care worker').line('CSTF-SGA-L2');
    expect(r1.status).toBe('met');
    expect(r1.notes).toEqual(['Counted at level 2, the level the certificate states.']);
    const r2 = roleFit('dhsc-care-worker', [unstated], 'Care worker').line('CSTF-SGA-L2');
    expect(r2.status).toBe('not_accepted');
    expect(r2.notes?.[0]).toBe(
      'Counted as level 1 only: the certificate is aligned to "levels 1-3" and does not state its level.',
    );
  });

  it('13. Oliver McGowan: Tier 1 without the e-learning is not complete; Tier 2 meets Tier 1; other LD training is compared', () => {
    const base = careWorker().filter((h) => !h.alignedIds[0]?.startsWith('ommt-'));
    const r = roleFit('dhsc-care-worker', [...base, hold(['ommt-tier1'])], 'Care worker');
    expect(r.line('OMMT-TIER1').status).toBe('met');
    expect(r.line('OMMT-ELEARNING').status).toBe('missing');
    const tier2 = roleFit('dhsc-care-worker', [...base, hold(['ommt-elearning']), hold(['ommt-tier2'])], 'Care worker');
    expect(tier2.line('OMMT-TIER1').status).toBe('met');
    expect(tier2.line('OMMT-TIER1').via?.label).toMatch(/Tier 2 contains the Tier 1 material/);
    const other = roleFit(
      'dhsc-care-worker',
      [...base, hold(['ommt-elearning']), hold(['spec-learning-disability'])],
      'Care worker',
    );
    expect(other.line('OMMT-TIER1').status).toBe('compare');
    expect(other.line('OMMT-TIER1').notes?.[0]).toMatch(/not the only lawful one/);
  });

  it("14. an employer's allowable period shorter than the refresher period: valid, not accepted, and why", () => {
    const reqs = requirementsOf('dhsc-care-worker').map((r) =>
      r.competencyId === 'cstf-fire'
        ? {
            ...r,
            acceptance: {
              maxAgeMonths: 12,
              basis: 'Our policy: fire safety within 12 months',
              source: 'Employer policy (test)',
              indicative: false,
            },
          }
        : r,
    );
    const old = careWorker({ validFrom: '2025-01-01T00:00:00.000Z' });
    const line = roleFit('dhsc-care-worker', old, 'Care worker', reqs).line('CSTF-FIRE');
    expect(line.status).toBe('not_accepted');
    expect(line.notes).toEqual([
      "Valid but not accepted here: completed more than 12 months ago (this role's allowable period).",
    ]);
  });

  it('15. Wales band C: Core and Level 2 Practice meet what both settings share; Level 3 Practice is only recommended', () => {
    const welsh = welshWorker();
    const r = roleFit('wales-c', welsh, 'Senior social care worker');
    expect(r.line('WAL-HSC-L2-PRACTICE-ADULTS').status).toBe('met');
    const l3 = r.line('WAL-HSC-L3-PRACTICE-ADULTS');
    expect(l3.requirement.requirement).toBe('recommended');
    expect(l3.status).toBe('missing');
    // Registration is confirmed on the live register, within the 6 months the rules allow.
    expect(r.summary.headline).toBe(
      'Ready to start as Senior social care worker; confirm Social Care Wales registration: domiciliary care or adult care home worker on the live register.',
    );
    expect(r.summary.text).toMatch(/0 of 1 recommended item held\.$/);
    // Level 3 Practice, or Level 4, meets the shared registration qualification too.
    const l4 = roleFit(
      'wales-c',
      welsh.filter((h) => !h.alignedIds[0]?.startsWith('wal-')).concat(hold(['wal-hsc-l4-professional-practice'])),
      'Senior social care worker',
    );
    expect(l4.line('WAL-HSC-L2-PRACTICE-ADULTS').status).toBe('met');
    expect(l4.line('WAL-HSC-L2-CORE').status).toBe('met');
    expect(l4.line('WAL-HSC-L3-PRACTICE-ADULTS').status).toBe('met');
  });
  it('16. a legacy NVQ 3 meets the Level 3 Diploma in Adult Care at the level it states, indicatively; an NVQ 2 does not', () => {
    const nvq = (level: number) =>
      hold(['legacy-nvq-qcf-hsc'], { name: `NVQ Level ${level} in Health and Social Care`, level });
    const three = roleFit('cwp-supervisor-or-leader', [...careWorker(), nvq(3)], 'Supervisor or leader');
    const line = three.line('RQF-L3-DIP-ADULT-CARE');
    expect(line.status).toBe('met');
    expect(line.via).toMatchObject({ fromId: 'legacy-nvq-qcf-hsc-l3', strength: 'indicative' });
    expect(line.via?.label).toMatch(/the same level, though not the same content/);
    expect(line.notes).toEqual(['Counted at level 3, the level the certificate states.']);
    expect(three.summary.text).toMatch(/1 of 1 recommended item held\.$/);
    // An NVQ 4 meets it too; an NVQ 2, or an award that states no level, meets only the Level 2 Diploma.
    const four = roleFit('cwp-supervisor-or-leader', [...careWorker(), nvq(4)], 'Supervisor or leader');
    expect(four.line('RQF-L3-DIP-ADULT-CARE').status).toBe('met');
    const unstated = hold(['legacy-nvq-qcf-hsc'], { name: 'NVQ in Health and Social Care' });
    for (const h of [nvq(2), unstated]) {
      expect(
        roleFit('cwp-supervisor-or-leader', [h], 'Supervisor or leader').line('RQF-L3-DIP-ADULT-CARE').status,
      ).toBe('missing');
      expect(roleFit('dhsc-care-worker', [h], 'Care worker').line('RQF-L2-DIP-CARE').status).toBe('met');
    }
    // Through the Level 3 Diploma in Adult Care, an NVQ 3 reaches NHS band 3's Level 3 (indicative).
    const band3 = roleFit('nhs-senior-healthcare-support-worker', [nvq(3)], 'Senior healthcare support worker');
    expect(band3.line('RQF-L3-DIP-HEALTHCARE-SUPPORT')).toMatchObject({
      status: 'met',
      via: { strength: 'indicative' },
    });
  });
});

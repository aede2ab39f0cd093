/**
 * The catalogue's rules as data: every relation, acceptance rule and item fact carries a source and says how sure it
 * is; levels only ever count downwards; the NHS trust rule, Welsh registration and Oliver McGowan are modelled.
 */
import { describe, expect, it } from 'vitest';
import { COMPETENCIES, EQUIVALENCES, NHS_TRUST_RULE, ROLE_REQUIREMENTS, ROLES } from '../../db/seed/reference-data';
import { parseAcceptance, parseDetail } from '../../worker/services/catalogue/rules';
import { meetingIds } from '../../worker/services/employer/role-fit';

const competencyById = new Map(COMPETENCIES.map((c) => [c.id, c]));
const forRole = (id: string) => ROLE_REQUIREMENTS.filter((r) => r.roleId === id);
const eqs = EQUIVALENCES.filter((e) => e.kind === 'competency').map((e) => ({
  fromId: e.fromId,
  toId: e.toId,
  relation: e.relation,
  label: e.label,
}));

describe('every relation, rule and fact has a source and a verified flag', () => {
  it('relations: a source, a strength, a plain sentence; indicative ones are flagged', () => {
    for (const e of EQUIVALENCES) {
      expect(e.source.length, e.id).toBeGreaterThan(20);
      expect(['official', 'published', 'indicative'], e.id).toContain(e.strength);
      expect(e.label.length, e.id).toBeGreaterThan(20);
      expect(e.indicative, e.id).toBe(true);
    }
  });

  it('acceptance rules parse, and each names its basis and source and whether it is indicative', () => {
    const withRules = ROLE_REQUIREMENTS.filter((r) => r.acceptance);
    expect(withRules.length).toBeGreaterThan(50);
    for (const r of withRules) {
      const rule = parseAcceptance(r.acceptance);
      expect(rule, r.id).not.toBeNull();
      expect(rule?.source, r.id).toMatch(/https:\/\//);
      expect(typeof rule?.indicative, r.id).toBe('boolean');
    }
  });

  it('item facts parse, each with a source and a verified flag; unverified ones are never shown as verified', () => {
    const withDetail = COMPETENCIES.filter((c) => c.detail);
    expect(withDetail.length).toBeGreaterThan(10);
    for (const c of withDetail) {
      const d = parseDetail(c.detail);
      expect(d, c.id).not.toBeNull();
      expect(d?.source.length, c.id).toBeGreaterThan(20);
      expect(typeof d?.verified, c.id).toBe('boolean');
    }
    expect(parseDetail(competencyById.get('med-admin')?.detail)?.verified).toBe(false);
    expect(parseDetail(competencyById.get('reg-nmc-nurse')?.detail)?.verified).toBe(false);
  });
});

describe('levels with order', () => {
  it('a higher level meets a lower requirement, never the reverse', () => {
    expect(meetingIds('cstf-sga-l1', eqs).has('cstf-sga-l3')).toBe(true);
    expect(meetingIds('cstf-sga-l2', eqs).has('cstf-sga-l3')).toBe(true);
    expect(meetingIds('cstf-sga-l2', eqs).has('cstf-sga-l1')).toBe(false);
    expect(meetingIds('cstf-sgc-l3', eqs).has('cstf-sgc-l2')).toBe(false);
    expect(meetingIds('cstf-resus-bls-adult', eqs).has('cstf-resus-ils-adult')).toBe(true);
    expect(meetingIds('cstf-resus-ils-adult', eqs).has('cstf-resus-bls-adult')).toBe(false);
    // Adult life support never meets a paediatric requirement.
    expect(meetingIds('cstf-resus-bls-paed', eqs).has('cstf-resus-ils-adult')).toBe(false);
    expect(meetingIds('cstf-mh-l1', eqs).has('cstf-mh-l2')).toBe(true);
    expect(meetingIds('cstf-mh-l2', eqs).has('cstf-mh-l1')).toBe(false);
  });

  it('the older collapsed items stay in the catalogue so their credentials still verify', () => {
    for (const id of ['cstf-sga', 'cstf-sgc', 'cstf-resus-l2']) expect(competencyById.has(id), id).toBe(true);
    // No role asks for a collapsed item any more.
    expect(ROLE_REQUIREMENTS.filter((r) => ['cstf-sga', 'cstf-sgc', 'cstf-resus-l2'].includes(r.competencyId))).toEqual(
      [],
    );
  });
});

describe('acceptance rules and registration', () => {
  it('NHS roles carry the common trust rule on their CSTF subjects, labelled indicative with its sources', () => {
    expect(NHS_TRUST_RULE.indicative).toBe(true);
    expect(NHS_TRUST_RULE.source).toMatch(/imperial\.nhs\.uk/);
    expect(NHS_TRUST_RULE.source).toMatch(/southernhealth\.nhs\.uk/);
    for (const role of ROLES.filter((r) => r.frameworkId === 'nhs-afc')) {
      for (const r of forRole(role.id).filter((x) => x.competencyId.startsWith('cstf-'))) {
        expect(parseAcceptance(r.acceptance)?.providers, r.id).toEqual(['nhs_body', 'cstf_aligned']);
      }
    }
    // Social care roles accept any provider.
    expect(forRole('dhsc-care-worker').every((r) => !r.acceptance)).toBe(true);
  });

  it('Welsh care roles need Social Care Wales registration; qualifications fall due within the registration timeline', () => {
    for (const id of ['wales-a', 'wales-b', 'wales-c']) {
      const reqs = forRole(id);
      expect(reqs.find((r) => r.competencyId === 'reg-scw-social-care-worker')?.requirement, id).toBe('required');
      const quals = reqs.filter((x) => competencyById.get(x.competencyId)?.kind === 'qualification');
      for (const r of quals.filter((x) => x.requirement === 'required')) {
        expect(parseAcceptance(r.acceptance)?.dueWithinMonths, r.id).toBe(36);
      }
    }
    // Senior workers: Level 3 Practice is required for practice only in domiciliary care (as one of three options)
    // and recommended in adult care homes, so it is recommended; the basis states each setting's rule.
    for (const id of ['wales-c', 'wales-d']) {
      const reqs = new Map(forRole(id).map((r) => [r.competencyId, r]));
      expect(reqs.get('wal-hsc-l3-practice-adults')?.requirement, id).toBe('recommended');
      expect(reqs.get('wal-hsc-l3-practice-adults')?.basis, id).toMatch(/domiciliary care.*required for practice/);
      expect(reqs.get('wal-hsc-l3-practice-adults')?.basis, id).toMatch(/adult care homes.*recommended for practice/);
      expect(reqs.get('wal-hsc-l2-core')?.requirement, id).toBe('required');
      expect(reqs.get('wal-hsc-l2-practice-adults')?.requirement, id).toBe('required');
    }
    const scw = parseDetail(competencyById.get('reg-scw-social-care-worker')?.detail)?.registration;
    expect(scw).toMatchObject({ regulator: 'Social Care Wales', withinMonthsOfStart: 6, renewMonths: 36 });
    expect(scw?.routes).toHaveLength(3);
    expect(scw?.routes[2]).toMatch(/3 of the last 5 years/);
  });

  it('registrations are their own kind, not training items', () => {
    for (const c of COMPETENCIES.filter((x) => x.code.startsWith('REG-'))) expect(c.kind, c.id).toBe('registration');
  });

  it('the trainee nursing associate route names its English and maths entry gates', () => {
    const reqs = forRole('nhs-trainee-nursing-associate').map((r) => r.competencyId);
    expect(reqs).toEqual(expect.arrayContaining(['entry-english-l2', 'entry-maths-l2']));
    expect(competencyById.get('entry-maths-l2')?.name).toMatch(/GCSE grade 9-4 or Functional Skills Level 2/);
    expect(parseDetail(competencyById.get('nmc-na-fd')?.detail)?.routes).toHaveLength(2);
  });
});

describe('recognition', () => {
  it('the Level 2 Adult Social Care Certificate covers all 16 Care Certificate 2025 standards, per awarding body', () => {
    for (let n = 1; n <= 16; n++) {
      const to = `cc25-${String(n).padStart(2, '0')}`;
      const e = EQUIVALENCES.find((x) => x.fromId === 'rqf-l2-ascc' && x.toId === to);
      expect(e?.strength, to).toBe('published');
    }
    expect(competencyById.get('rqf-l2-ascc')?.note).toMatch(/610\/4234\/1.*336 guided learning hours/);
  });

  it('Oliver McGowan: the e-learning is its own requirement; Tier 2 contains Tier 1; other LD and autism training is compared', () => {
    for (const role of ROLES) {
      const ids = forRole(role.id).map((r) => r.competencyId);
      if (ids.includes('ommt-tier1')) expect(ids, role.id).toContain('ommt-elearning');
    }
    expect(meetingIds('ommt-tier1', eqs).has('ommt-tier2')).toBe(true);
    expect(meetingIds('ommt-tier1', eqs).has('ommt-elearning')).toBe(false);
    expect(meetingIds('ommt-tier1', eqs).has('spec-learning-disability')).toBe(false);
    expect(EQUIVALENCES.find((e) => e.fromId === 'spec-learning-disability')?.relation).toBe('comparable');
  });

  it('AWIF and the Care Certificate, and Welsh and English diplomas, are compared, not equated', () => {
    const awif = EQUIVALENCES.filter((e) => e.fromId === 'awif');
    expect(awif.length).toBeGreaterThanOrEqual(8);
    for (const e of awif) expect(e.relation).toBe('comparable');
    expect(
      EQUIVALENCES.find((e) => e.toId === 'wal-hsc-l3-practice-adults' && e.fromId === 'rqf-l3-dip-adult-care')
        ?.relation,
    ).toBe('comparable');
  });

  it('a comparable relation says no equivalence is published, so it is never stronger than indicative', () => {
    const comparable = EQUIVALENCES.filter((e) => e.relation === 'comparable');
    expect(comparable.length).toBeGreaterThan(0);
    for (const e of comparable) expect(e.strength, e.id).toBe('indicative');
    for (const [english, welsh] of [
      ['rqf-l2-dip-care', 'wal-hsc-l2-practice-adults'],
      ['rqf-l3-dip-adult-care', 'wal-hsc-l3-practice-adults'],
    ]) {
      const e = EQUIVALENCES.find((x) => x.fromId === english && x.toId === welsh);
      expect(e?.label).toMatch(/England publishes no equivalence/);
      expect(e?.source).toMatch(/^Care Passport indicative mapping/);
    }
  });
});

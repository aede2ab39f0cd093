/** Integrity of the reference catalogue data before it reaches a database. */
import { describe, expect, it } from 'vitest';
import {
  AFC_2026_27_UPLIFT,
  AFC_PAY_TABLE,
  AREAS,
  BANDS,
  COMPETENCIES,
  CSTF_CONFIRMED_CODES,
  EQUIVALENCES,
  FRAMEWORKS,
  PAY_POINTS,
  PROGRESSION_ROUTES,
  ROLE_REQUIREMENTS,
  ROLES,
} from '../../db/seed/reference-data';

const SLUG = /^[a-z0-9]+(?:--?[a-z0-9]+)*$/;
const ids = (rows: readonly { id: string }[]) => new Set(rows.map((r) => r.id));
const bandIds = ids(BANDS);
const roleIds = ids(ROLES);
const competencyIds = ids(COMPETENCIES);
const frameworkById = new Map(FRAMEWORKS.map((f) => [f.id, f]));
const competencyById = new Map(COMPETENCIES.map((c) => [c.id, c]));
const roleById = new Map(ROLES.map((r) => [r.id, r]));

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const v of values) {
    if (seen.has(v)) dup.push(v);
    seen.add(v);
  }
  return dup;
}

describe('identifiers', () => {
  const tables = {
    frameworks: FRAMEWORKS.map((r) => r.id),
    bands: BANDS.map((r) => r.id),
    pay_points: PAY_POINTS.map((r) => r.id),
    roles: ROLES.map((r) => r.id),
    competencies: COMPETENCIES.map((r) => r.id),
    role_requirements: ROLE_REQUIREMENTS.map((r) => r.id),
    equivalences: EQUIVALENCES.map((r) => r.id),
    progression_routes: PROGRESSION_ROUTES.map((r) => r.id),
    areas: AREAS.map((r) => r.code),
  };

  it.each(Object.entries(tables))('%s ids are unique', (_name, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(duplicates(values)).toEqual([]);
  });

  it.each(Object.entries(tables).filter(([name]) => name !== 'areas'))('%s ids are readable slugs', (_n, values) => {
    expect(values.filter((v) => !SLUG.test(v))).toEqual([]);
  });

  it('competency ids are their codes in lower case, and codes are unique', () => {
    expect(COMPETENCIES.filter((c) => c.id !== c.code.toLowerCase()).map((c) => c.id)).toEqual([]);
    expect(duplicates(COMPETENCIES.map((c) => c.code))).toEqual([]);
  });

  it('a role requires a competency at most once', () => {
    expect(duplicates(ROLE_REQUIREMENTS.map((r) => `${r.roleId}|${r.competencyId}`))).toEqual([]);
  });

  it('areas use ONS local authority codes', () => {
    for (const a of AREAS) expect(a.code).toMatch(/^[EW]0[6-9]\d{6}$/);
    expect(AREAS.find((a) => a.code === 'E08000035')?.name).toBe('Leeds');
  });
});

describe('foreign keys', () => {
  it('bands, roles and competencies belong to an existing framework of the right kind', () => {
    for (const b of BANDS) expect(frameworkById.get(b.frameworkId)?.kind, b.id).toBe('ladder');
    for (const r of ROLES) expect(frameworkById.get(r.frameworkId)?.kind, r.id).toBe('ladder');
    for (const c of COMPETENCIES) expect(frameworkById.get(c.frameworkId)?.kind, c.id).toBe('competency');
  });

  it('role bands and pay point bands exist', () => {
    for (const r of ROLES) if (r.bandId !== null) expect(bandIds.has(r.bandId), r.id).toBe(true);
    for (const p of PAY_POINTS) expect(bandIds.has(p.bandId), p.id).toBe(true);
  });

  it('requirements point at existing roles and competencies', () => {
    for (const r of ROLE_REQUIREMENTS) {
      expect(roleIds.has(r.roleId), r.id).toBe(true);
      expect(competencyIds.has(r.competencyId), r.id).toBe(true);
    }
  });

  it('equivalences point at existing rows of their kind, never at themselves', () => {
    for (const e of EQUIVALENCES) {
      const pool = e.kind === 'role' ? roleIds : competencyIds;
      expect(pool.has(e.fromId), `${e.id} from`).toBe(true);
      expect(pool.has(e.toId), `${e.id} to`).toBe(true);
      expect(e.fromId).not.toBe(e.toId);
    }
  });

  it('progression routes join existing roles', () => {
    for (const r of PROGRESSION_ROUTES) {
      expect(roleIds.has(r.fromRoleId), r.id).toBe(true);
      expect(roleIds.has(r.toRoleId), r.id).toBe(true);
    }
  });

  it('every ladder framework has roles and every competency framework has items', () => {
    for (const f of FRAMEWORKS) {
      const held =
        f.kind === 'ladder'
          ? ROLES.filter((r) => r.frameworkId === f.id)
          : COMPETENCIES.filter((c) => c.frameworkId === f.id);
      expect(held.length, f.id).toBeGreaterThan(0);
    }
  });

  it('a DHSC role band is an Agenda for Change band; a Wales role band is a Wales band', () => {
    for (const r of ROLES.filter((x) => x.frameworkId === 'dhsc-role-map'))
      expect(r.bandId, r.id).toMatch(/^afc-band-/);
    for (const r of ROLES.filter((x) => x.frameworkId === 'wales-ppf')) expect(r.bandId, r.id).toMatch(/^wales-band-/);
  });
});

describe('sources and verification', () => {
  it('every framework names its source', () => {
    for (const f of FRAMEWORKS) expect(f.source.trim().length, f.id).toBeGreaterThan(20);
  });

  it("an unverified framework's items are unverified, except items the source itself confirms", () => {
    const confirmed = new Set<string>(CSTF_CONFIRMED_CODES);
    const unverified = FRAMEWORKS.filter((f) => !f.verified).map((f) => f.id);
    expect(unverified).toEqual(expect.arrayContaining(['wales-ppf', 'cstf']));
    for (const r of ROLES.filter((x) => unverified.includes(x.frameworkId))) expect(r.verified, r.id).toBe(false);
    for (const c of COMPETENCIES.filter((x) => unverified.includes(x.frameworkId))) {
      expect(c.verified, c.id).toBe(confirmed.has(c.code));
    }
    // The exceptions are exactly the items the CSTF source names (safeguarding adults at every level), nothing else.
    expect([...confirmed].sort()).toEqual(['CSTF-IG', 'CSTF-SGA', 'CSTF-SGA-L1', 'CSTF-SGA-L2', 'CSTF-SGA-L3']);
    for (const code of confirmed) expect(COMPETENCIES.find((c) => c.code === code)?.frameworkId).toBe('cstf');
  });

  it('Wales keeps unknown titles null and marks every band and role indicative', () => {
    const wales = ROLES.filter((r) => r.frameworkId === 'wales-ppf');
    expect(wales.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(wales.find((r) => r.bandId === 'wales-band-b')?.title).toBeNull();
    expect(frameworkById.get('wales-ppf')?.verified).toBe(false);
    for (const b of BANDS.filter((x) => x.frameworkId === 'wales-ppf')) expect(b.note, b.id).toMatch(/indicative/i);
  });

  it('every equivalence is indicative and sourced; product mappings say so', () => {
    for (const e of EQUIVALENCES) {
      expect(e.indicative, e.id).toBe(true);
      expect(e.source.length, e.id).toBeGreaterThan(10);
      if (e.source.startsWith('Care Passport')) {
        expect(e.source, e.id).toMatch(/not from an official source/);
        expect(e.label, e.id).toMatch(/Care Passport mapping, indicative/);
      }
    }
  });
});

describe('pay points', () => {
  const years = Object.keys(AFC_PAY_TABLE);

  it('holds every Agenda for Change point for each year (11: bands 2-6 have 1+2+2+3+3 points)', () => {
    expect(years).toEqual(['2024/25', '2025/26', '2026/27']);
    for (const year of years)
      expect(
        PAY_POINTS.filter((p) => p.year === year),
        year,
      ).toHaveLength(11);
    expect(PAY_POINTS).toHaveLength(33);
  });

  it('no pay point is computed: 2026/27 is the published 3.3% award on 2025/26, one source per year', () => {
    const sources = new Map<string, Set<string>>();
    for (const p of PAY_POINTS) {
      expect(p.computed, p.id).toBe(false);
      expect(p.source, p.id).toContain(p.year);
      expect(p.source, p.id).not.toMatch(/computed/i);
      sources.set(p.year, (sources.get(p.year) ?? new Set()).add(p.source));
      if (p.year === '2026/27') {
        expect(p.source).toMatch(/published 3\.3% award/);
        expect(p.source).toMatch(/12 Feb 2026/);
        const base = PAY_POINTS.find((q) => q.year === '2025/26' && q.bandId === p.bandId && q.point === p.point);
        expect(base, p.id).toBeDefined();
        expect(p.amountGbp, p.id).toBe(Math.round((base?.amountGbp ?? 0) * (1 + AFC_2026_27_UPLIFT)));
      }
    }
  });

  it('bands 2 and 3 say NHS Wales differs and reform is pending, with sources', () => {
    for (const id of ['afc-band-2', 'afc-band-3']) {
      const note = BANDS.find((b) => b.id === id)?.note ?? '';
      expect(note, id).toMatch(/NHS Wales/);
      expect(note, id).toMatch(/reform/);
      expect(note, id).toMatch(/https:\/\//);
    }
  });

  it('pay rises with the point within a band, and step years start at 0', () => {
    for (const p of PAY_POINTS) {
      const next = PAY_POINTS.find((q) => q.year === p.year && q.bandId === p.bandId && q.point === p.point + 1);
      if (next) {
        expect(next.amountGbp).toBeGreaterThan(p.amountGbp);
        expect(next.stepYears ?? 0).toBeGreaterThan(p.stepYears ?? 0);
      }
      if (p.point === 1) expect(p.stepYears).toBe(0);
    }
    const b3 = PAY_POINTS.filter((p) => p.bandId === 'afc-band-3' && p.year === '2025/26').map((p) => p.amountGbp);
    expect(b3).toEqual([24937, 26598]);
  });
});

describe('competencies', () => {
  const inFramework = (id: string) => COMPETENCIES.filter((c) => c.frameworkId === id);

  it('Care Certificate: 15 standards in 2015, 16 in 2025 with 4, 9 renamed and 16 new', () => {
    expect(inFramework('care-certificate-2015')).toHaveLength(15);
    const cc25 = inFramework('care-certificate-2025');
    expect(cc25).toHaveLength(16);
    expect(competencyById.get('cc25-04')?.name).toBe('Equality, diversity, inclusion and human rights');
    expect(competencyById.get('cc25-09')?.name).toBe('Awareness of mental health and dementia');
    expect(competencyById.get('cc25-16')?.name).toBe('Awareness of learning disability and autism');
    expect(competencyById.get('cc25-10')?.name).toBe(competencyById.get('cc15-10')?.name);
  });

  it('CSTF: 13 original items plus 10 passported by level, refresh in months = years x 12', () => {
    const cstf = inFramework('cstf');
    expect(cstf).toHaveLength(23);
    expect(cstf.filter((c) => c.levelOf === 'cstf-sga').map((c) => c.level)).toEqual(['1', '2', '3']);
    expect(cstf.filter((c) => c.levelOf === 'cstf-sgc').map((c) => c.level)).toEqual(['1', '2', '3']);
    expect(competencyById.get('cstf-sga')?.note).toMatch(/Read as level 1 unless the credential states its level/);
    expect(competencyById.get('cstf-ipc-l2')?.refreshMonths).toBe(12);
    expect(competencyById.get('cstf-sga')?.refreshMonths).toBe(36);
    expect(competencyById.get('cstf-fire')?.refreshMonths).toBe(24);
    expect(competencyById.get('cstf-fire')?.note).toContain('1-2 years; check');
    for (const c of cstf) expect(c.kind).toBe('mandatory_training');
  });

  it('delegated healthcare activities are annual and person-specific', () => {
    const dha = inFramework('dha');
    expect(dha).toHaveLength(9);
    for (const c of dha) {
      expect(c.kind).toBe('delegated_task');
      expect(c.refreshMonths).toBe(12);
      expect(c.note).toMatch(/person-specific, re-assessed annually/i);
    }
  });

  it('annual re-assessment of a delegated activity is called local policy, never a rule of the guiding principles', () => {
    const dhaReqs = ROLE_REQUIREMENTS.filter((r) => competencyById.get(r.competencyId)?.frameworkId === 'dha');
    expect(dhaReqs.length).toBeGreaterThan(0);
    for (const text of [...dhaReqs.map((r) => r.basis), frameworkById.get('dha')?.note ?? '']) {
      expect(text).not.toMatch(/re-assessed annually \(Skills for Care/);
      expect(text).toMatch(/local policy/);
    }
  });

  it('qualifications include the Level 2 ASC certificate and legacy awards at level 2-4', () => {
    const quals = inFramework('qualifications');
    // 13 items, plus the legacy award read at levels 2, 3 and 4.
    expect(quals).toHaveLength(16);
    expect(competencyById.get('legacy-nvq-qcf-hsc')?.level).toBe('2-4');
    expect(quals.filter((c) => c.levelOf === 'legacy-nvq-qcf-hsc').map((c) => c.level)).toEqual(['2', '3', '4']);
    expect(competencyById.get('rqf-l2-ascc')?.note).toContain('610/4009/5');
    expect(inFramework('oliver-mcgowan').map((c) => c.code)).toEqual(['OMMT-ELEARNING', 'OMMT-TIER1', 'OMMT-TIER2']);
    expect(inFramework('specialisms').every((c) => c.kind === 'specialism')).toBe(true);
  });
});

describe('role requirements', () => {
  const forRole = (id: string) => ROLE_REQUIREMENTS.filter((r) => r.roleId === id);

  it('every role on every ladder has a reasonable set of requirements with a basis', () => {
    for (const role of ROLES) {
      const reqs = forRole(role.id);
      expect(reqs.length, role.id).toBeGreaterThanOrEqual(8);
      // 24: Oliver McGowan is now two items (e-learning and a tier), and some roles add medicines or entry gates.
      expect(reqs.length, role.id).toBeLessThanOrEqual(24);
    }
    for (const r of ROLE_REQUIREMENTS) expect(r.basis.length, r.id).toBeGreaterThan(20);
  });

  it('max age defaults to the refresher period of the item', () => {
    for (const r of ROLE_REQUIREMENTS) {
      expect(r.maxAgeMonths, r.id).toBe(competencyById.get(r.competencyId)?.refreshMonths ?? null);
    }
  });

  it('requirements of an indicative ladder or item say they are indicative', () => {
    for (const r of ROLE_REQUIREMENTS) {
      const role = roleById.get(r.roleId);
      const item = competencyById.get(r.competencyId);
      if (role?.verified === false || item?.verified === false) expect(r.basis, r.id).toMatch(/indicative/);
    }
  });

  it('senior care worker: Care Certificate, CSTF and Oliver McGowan required; Level 3 and a medication task recommended', () => {
    const reqs = new Map(forRole('dhsc-senior-care-worker').map((r) => [r.competencyId, r]));
    const required = [...reqs.values()].filter((r) => r.requirement === 'required').map((r) => r.competencyId);
    expect(required.filter((id) => id.startsWith('cc25-')).length).toBeGreaterThanOrEqual(8);
    expect(required).toEqual(
      expect.arrayContaining([
        'cstf-sga-l2',
        'cstf-ipc-l2',
        'cstf-mh-l2',
        'cstf-fire',
        'cstf-ig',
        'ommt-elearning',
        'ommt-tier1',
      ]),
    );
    expect(reqs.get('rqf-l3-dip-adult-care')?.requirement).toBe('recommended');
    expect(reqs.get('rqf-l3-dip-adult-care')?.basis).toMatch(/not mandated/);
    expect(reqs.get('dha-insulin')?.requirement).toBe('recommended');
    expect(reqs.get('med-admin')?.requirement).toBe('recommended');
    expect(required).not.toContain('cstf-sga');
    expect(reqs.get('cstf-ipc-l2')?.maxAgeMonths).toBe(12);
  });

  it('assistant practitioner: the Level 3 basis cites no DHSC entry route (the DHSC mapping has no such role) and says no national requirement was found', () => {
    const l3 = forRole('nhs-assistant-practitioner').find((r) => r.competencyId === 'rqf-l3-dip-healthcare-support');
    expect(l3?.requirement).toBe('recommended');
    expect(l3?.basis).not.toMatch(/DHSC/);
    expect(l3?.basis).toMatch(/no national published entry requirement was found/);
    expect(l3?.basis).toMatch(/employers set their own/);
    expect(l3?.basis).toMatch(/indicative/);
    const note = roleById.get('nhs-assistant-practitioner')?.note ?? '';
    expect(note).toMatch(/https:\/\/www\.healthcareers\.nhs\.uk\//);
    expect(note).toMatch(/https:\/\/www\.rcn\.org\.uk\//);
  });

  it('qualifications are recommended unless a regulator, a registration rule or a published entry requirement needs them', () => {
    const byEntry: string[] = [];
    for (const r of ROLE_REQUIREMENTS) {
      const item = competencyById.get(r.competencyId);
      if (item?.kind === 'qualification' && r.requirement === 'required') {
        if (/NMC|registration|Social Work England|HCPC/.test(r.basis)) continue;
        expect(r.basis, r.id).toMatch(/entry/);
        byEntry.push(r.id);
      }
    }
    // The only entry requirement that makes a qualification required: NHS band 3's Level 3 (DHSC mapping, RCN).
    expect(byEntry).toEqual(['nhs-senior-healthcare-support-worker--rqf-l3-dip-healthcare-support']);
    expect(forRole('nhs-nursing-associate').find((r) => r.competencyId === 'nmc-na-fd')?.requirement).toBe('required');
  });

  it('NHS band 3: the Level 3 is required, with a basis that says what the DHSC mapping and the RCN say', () => {
    const l3 = forRole('nhs-senior-healthcare-support-worker').find(
      (r) => r.competencyId === 'rqf-l3-dip-healthcare-support',
    );
    expect(l3?.requirement).toBe('required');
    expect(l3?.basis).toMatch(
      /DHSC role mapping \(2022\) names this diploma or an Advanced \(Level 3\) apprenticeship/,
    );
    expect(l3?.basis).toMatch(/RCN/);
    expect(l3?.basis).toMatch(/employer judges equivalents/);
    expect(roleById.get('nhs-senior-healthcare-support-worker')?.note).toMatch(/https:\/\/www\.rcn\.org\.uk\//);
    // The apprenticeship the DHSC mapping names beside the diploma meets it too.
    const st0217 = EQUIVALENCES.find((e) => e.fromId === 'app-st0217' && e.toId === 'rqf-l3-dip-healthcare-support');
    expect(st0217).toMatchObject({ relation: 'satisfies', strength: 'published' });
  });

  it('Care Certificate standards covered by a required CSTF subject or Oliver McGowan are reachable by equivalence', () => {
    const satisfiers = (to: string) =>
      EQUIVALENCES.filter((e) => e.toId === to && e.relation === 'satisfies').map((e) => e.fromId);
    for (const n of ['04', '10', '11', '12', '13', '14', '15'])
      expect(satisfiers(`cc25-${n}`).some((f) => f.startsWith('cstf-'))).toBe(true);
    expect(satisfiers('cc25-16')).toContain('ommt-tier1');
    for (let n = 1; n <= 15; n++) expect(satisfiers(`cc25-${String(n).padStart(2, '0')}`)).toContain('rqf-l2-ascc');
  });
});

describe('equivalences and routes', () => {
  it('maps each DHSC social care role to its NHS role', () => {
    const dhsc = ROLES.filter((r) => r.frameworkId === 'dhsc-role-map');
    for (const r of dhsc) {
      const match = EQUIVALENCES.find((e) => e.kind === 'role' && e.fromId === r.id && e.toId.startsWith('nhs-'));
      expect(match, r.id).toBeDefined();
      expect(match?.source).toMatch(/DHSC/);
    }
  });

  it('Care Certificate 2015 and 2025 standards 1-15 are equivalent', () => {
    for (let n = 1; n <= 15; n++) {
      const k = String(n).padStart(2, '0');
      const e = EQUIVALENCES.find((x) => x.fromId === `cc15-${k}` && x.toId === `cc25-${k}`);
      expect(e?.relation, k).toBe('equivalent');
    }
  });

  it('progression routes follow the DHSC note', () => {
    expect(PROGRESSION_ROUTES.map((r) => `${r.fromRoleId}>${r.toRoleId}`)).toEqual([
      'dhsc-care-worker>dhsc-senior-care-worker',
      'dhsc-senior-care-worker>cwp-registered-manager',
      'dhsc-senior-care-worker>nhs-nursing-associate',
      'nhs-nursing-associate>nhs-registered-nurse',
    ]);
    for (const r of PROGRESSION_ROUTES) expect(r.source).toMatch(/DHSC/);
  });
});

/**
 * Worked role-fit cases on the real catalogue: the reference data as the loader reads it, a fixed date, holdings made
 * to order and the passports of typical workers. Shared by the worked-case tests.
 */
import { COMPETENCIES, CSTF_SETS, EQUIVALENCES, ROLE_REQUIREMENTS, ROLES } from '../../db/seed/reference-data';
import {
  assessRoleFit,
  type Equivalence,
  type FitLine,
  type Holding,
  type LevelledItem,
  type Requirement,
  toRequirement,
} from '../../worker/services/employer/role-fit';

export const NOW = new Date('2026-06-01T09:00:00.000Z');
export const competencyById = new Map(COMPETENCIES.map((c) => [c.id, c]));
export const EQS: Equivalence[] = EQUIVALENCES.filter((e) => e.kind === 'competency').map((e) => ({
  fromId: e.fromId,
  toId: e.toId,
  relation: e.relation,
  label: e.label,
  strength: e.strength,
  source: e.source,
}));
export const LEVELS: LevelledItem[] = COMPETENCIES.flatMap((c) =>
  c.levelOf && c.level ? [{ id: c.id, levelOf: c.levelOf, level: Number(c.level) }] : [],
);

/** The catalogue role's requirements as the loader builds them. */
export function requirementsOf(roleId: string): Requirement[] {
  return ROLE_REQUIREMENTS.filter((r) => r.roleId === roleId).map((r) =>
    toRequirement(competencyById.get(r.competencyId)!, r),
  );
}

const JURISDICTION: Record<string, string> = { 'wales-ppf': 'Wales' };
export function roleFit(roleId: string, holdings: Holding[], title: string, reqs = requirementsOf(roleId)) {
  const role = ROLES.find((r) => r.id === roleId)!;
  const ctx = { title, jurisdiction: JURISDICTION[role.frameworkId] ?? 'England', levels: LEVELS };
  const report = assessRoleFit(reqs, holdings, EQS, NOW, ctx);
  const line = (code: string): FitLine => {
    const l = report.lines.find((x) => x.requirement.code === code);
    if (!l) throw new Error(`no line ${code}`);
    return l;
  };
  return { ...report, line };
}

let seq = 0;
export const hold = (alignedIds: string[], over: Partial<Holding> = {}): Holding => ({
  credentialId: `urn:uuid:case-${++seq}`,
  name: competencyById.get(alignedIds[0] ?? '')?.name ?? 'Certificate',
  issuerName: 'Moorside Care Academy',
  alignedIds,
  validFrom: '2026-01-10T00:00:00.000Z',
  validUntil: null,
  state: 'valid',
  recognised: true,
  providerKinds: [],
  ...over,
});

export const CC_OWN = ['cc25-01', 'cc25-02', 'cc25-03', 'cc25-05', 'cc25-06', 'cc25-07', 'cc25-08', 'cc25-09'];
export const SOCIAL_CARE_CSTF: readonly string[] = CSTF_SETS.socialCareDirect;
/** A care worker's passport from a care home academy (not CSTF-aligned): Care Certificate, CSTF, Oliver McGowan. */
export const careWorker = (over: Partial<Holding> = {}) => [
  hold(CC_OWN, { name: 'Care Certificate', ...over }),
  ...SOCIAL_CARE_CSTF.map((id) => hold([id], over)),
  hold(['ommt-elearning'], over),
  hold(['ommt-tier1'], over),
];
/** A Welsh care worker's passport: Social Care Wales registration, the AWIF, Level 2 Core and Practice, the CSTF. */
export const welshWorker = () => [
  hold(['reg-scw-social-care-worker'], { name: 'Social Care Wales registration' }),
  hold(['awif'], { name: 'All Wales Induction Framework' }),
  hold(['wal-hsc-l2-core']),
  hold(['wal-hsc-l2-practice-adults']),
  ...SOCIAL_CARE_CSTF.map((id) => hold([id])),
];
export const CSTF_ALIGNED = { providerKinds: ['cstf_aligned' as const], issuerName: 'Northern CSTF Training' };

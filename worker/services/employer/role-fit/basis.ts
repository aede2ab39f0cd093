/**
 * What role fit needs to know about a role: its requirements (with acceptance rules and item facts), the relations
 * between catalogue items, the levelled items, its title and nation. Catalogue roles are cached; employers' own
 * roles are read afresh.
 */
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import {
  bands,
  competencies,
  employerRoleRequirements,
  employerRoles,
  equivalences,
  frameworks,
  roles,
} from '../../../../db/schema';
import type { CacheKit, KitCacheSpec } from '../../../lib/cache-kit';
import { requirementsOf } from '../../catalogue/catalogue';
import { plainRoleTitle } from '../role-titles';
import { parseAcceptance, parseDetail } from '../../catalogue/rules';
import { assessRoleFit, MAX_EQUIVALENCE_HOPS } from './engine';
import type { Equivalence, Holding, LevelledItem, Requirement, RoleContext } from './types';

type CompetencyRow = typeof competencies.$inferSelect;

/** A requirement as role fit reads it, from a competency row and the requirement's own columns. */
export function toRequirement(
  c: CompetencyRow,
  r: {
    requirement: 'required' | 'recommended';
    maxAgeMonths: number | null;
    acceptance: string | null;
    basis?: string | null;
  },
): Requirement {
  const level = c.level && /^[1-8]$/.test(c.level) ? Number(c.level) : null;
  return {
    competencyId: c.id,
    name: c.name,
    code: c.code,
    kind: c.kind,
    requirement: r.requirement,
    maxAgeMonths: r.maxAgeMonths,
    verified: c.verified,
    basis: r.basis ?? null,
    level,
    acceptance: parseAcceptance(r.acceptance),
    detail: parseDetail(c.detail),
  };
}

/** Requirements of a catalogue role ("role:<id>") or an employer's own role ("employer-role:<id>"). */
export async function loadRequirements(db: Database, roleRef: string): Promise<Requirement[] | null> {
  const [kind, id] = roleRef.split(':', 2) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'role') {
    // An unknown role is "no such role" (null), not a role without requirements.
    const exists = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, id)).limit(1);
    if (!exists.length) return null;
    const reqs = await requirementsOf(db, id);
    return reqs.map((r) => toRequirement(r.competency, r));
  }
  if (kind === 'employer-role') {
    const rows = await db
      .select({ r: employerRoleRequirements, c: competencies })
      .from(employerRoleRequirements)
      .innerJoin(competencies, eq(competencies.id, employerRoleRequirements.competencyId))
      .where(eq(employerRoleRequirements.employerRoleId, id));
    const exists = await db
      .select({ id: employerRoles.id })
      .from(employerRoles)
      .where(eq(employerRoles.id, id))
      .limit(1);
    if (!exists.length) return null;
    return rows.map(({ r, c }) => toRequirement(c, { ...r, maxAgeMonths: r.maxAgeMonths ?? c.refreshMonths }));
  }
  return null;
}

/**
 * Competency relations touching any of the given ids (both directions), followed outwards for up to
 * MAX_EQUIVALENCE_HOPS hops so meetingIds can walk chains. Queried in chunks (D1's bound-parameter limit).
 */
export async function loadEquivalences(db: Database, ids: string[]): Promise<Equivalence[]> {
  const seen = new Set<string>();
  const byId = new Map<string, Equivalence>();
  let frontier = [...new Set(ids)];
  for (let hop = 0; hop < MAX_EQUIVALENCE_HOPS && frontier.length; hop++) {
    for (const id of frontier) seen.add(id);
    const next = new Set<string>();
    for (let i = 0; i < frontier.length; i += 40) {
      const chunk = frontier.slice(i, i + 40);
      const rows = await db
        .select()
        .from(equivalences)
        .where(
          and(
            eq(equivalences.kind, 'competency'),
            or(inArray(equivalences.toId, chunk), inArray(equivalences.fromId, chunk)),
          ),
        );
      for (const e of rows) {
        const { fromId, toId, relation, label, strength, source } = e;
        byId.set(e.id, { fromId, toId, relation, label, strength, source });
        for (const other of [e.fromId, e.toId]) if (!seen.has(other)) next.add(other);
      }
    }
    frontier = [...next];
  }
  return [...byId.values()];
}

/** Items passported by level that replace an older collapsed item (read at the level a credential states). */
async function loadLevels(db: Database): Promise<LevelledItem[]> {
  const rows = await db
    .select({ id: competencies.id, levelOf: competencies.levelOf, level: competencies.level })
    .from(competencies)
    .where(isNotNull(competencies.levelOf));
  return rows.flatMap((r) => (r.levelOf && r.level ? [{ id: r.id, levelOf: r.levelOf, level: Number(r.level) }] : []));
}

/** The title role fit names in its first sentence (NHS roles with their band) and the role's nation. */
async function loadRoleContext(db: Database, roleRef: string): Promise<Omit<RoleContext, 'levels'>> {
  const [kind, id = ''] = roleRef.split(':', 2) as [string, string | undefined];
  let roleId = kind === 'role' ? id : null;
  let title: string | undefined;
  if (kind === 'employer-role') {
    const [own] = await db.select().from(employerRoles).where(eq(employerRoles.id, id)).limit(1);
    title = own?.title;
    roleId = own?.catalogueRoleId ?? null;
  }
  if (!roleId) return { ...(title ? { title } : {}), jurisdiction: null };
  const [row] = await db
    .select({ r: roles, f: frameworks.jurisdiction, band: bands.label })
    .from(roles)
    .innerJoin(frameworks, eq(frameworks.id, roles.frameworkId))
    .leftJoin(bands, eq(bands.id, roles.bandId))
    .where(eq(roles.id, roleId))
    .limit(1);
  if (!row) return { ...(title ? { title } : {}), jurisdiction: null };
  const band = row.r.frameworkId === 'nhs-afc' && row.band ? ` (AfC ${row.band.toLowerCase()})` : '';
  const plain = plainRoleTitle(row.r.title, row.band);
  return { title: title ?? (plain === row.band ? plain : `${plain}${band}`), jurisdiction: row.f };
}

type RoleBasis = { requirements: Requirement[]; eqs: Equivalence[]; ctx: RoleContext } | null;

async function loadRoleBasis(db: Database, roleRef: string): Promise<RoleBasis> {
  const requirements = await loadRequirements(db, roleRef);
  if (!requirements) return null;
  const [eqs, levels, ctx] = await Promise.all([
    loadEquivalences(
      db,
      requirements.map((r) => r.competencyId),
    ),
    loadLevels(db),
    loadRoleContext(db, roleRef),
  ]);
  return { requirements, eqs, ctx: { ...ctx, levels } };
}

/** What role fit needs from the app: the database and the app's caches. */
export interface RoleFitDeps {
  db: Database;
  caches: CacheKit;
}

/**
 * Catalogue roles' requirements and equivalences are reference data, read-only in the product: they are held for
 * CATALOGUE_ROLE_TTL_MS: an admin's edit in this process is seen at once (the catalogue epoch), one made in another
 * process or directly in the database within that time. Employers' own roles change through their pages and are
 * always read afresh.
 */
export const CATALOGUE_ROLE_TTL_MS = 60_000;
const CATALOGUE_ROLES: KitCacheSpec = { ttlMs: CATALOGUE_ROLE_TTL_MS, max: 500, epoch: 'catalogue' };

function roleBasis(deps: RoleFitDeps, roleRef: string): Promise<RoleBasis> {
  if (!roleRef.startsWith('role:')) return loadRoleBasis(deps.db, roleRef);
  return deps.caches
    .named<Promise<RoleBasis>>('catalogue-role-basis', CATALOGUE_ROLES)
    .through(roleRef, () => loadRoleBasis(deps.db, roleRef));
}

/** Loads requirements, equivalences and runs the assessment; null when the role does not exist. */
export async function roleFitFor(deps: RoleFitDeps, roleRef: string, holdings: Holding[], now: Date) {
  const basis = await roleBasis(deps, roleRef);
  return basis ? assessRoleFit(basis.requirements, holdings, basis.eqs, now, basis.ctx) : null;
}

/** Read access to the reference catalogue: ladders, roles, bands, pay points, competencies, equivalences. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  bands,
  competencies,
  equivalences,
  frameworks,
  payPoints,
  progressionRoutes,
  roleRequirements,
  roles,
} from '../../../db/schema';

export type Framework = typeof frameworks.$inferSelect;
export type Role = typeof roles.$inferSelect;
export type Band = typeof bands.$inferSelect;
export type PayPoint = typeof payPoints.$inferSelect;
export type Competency = typeof competencies.$inferSelect;
export type Equivalence = typeof equivalences.$inferSelect;

/** All frameworks in display order. */
export async function listFrameworks(db: Database): Promise<Framework[]> {
  return db.select().from(frameworks).orderBy(asc(frameworks.sortOrder), asc(frameworks.id));
}

export interface Ladder {
  framework: Framework;
  roles: (Role & { band: Band | null })[];
}

/** Every ladder framework with its roles in rank order (lowest first). */
export async function listLadders(db: Database): Promise<Ladder[]> {
  const [fws, roleRows, bandRows] = await Promise.all([
    db.select().from(frameworks).where(eq(frameworks.kind, 'ladder')).orderBy(asc(frameworks.sortOrder)),
    db.select().from(roles).orderBy(asc(roles.rank)),
    db.select().from(bands),
  ]);
  const bandById = new Map(bandRows.map((b) => [b.id, b]));
  return fws.map((framework) => ({
    framework,
    roles: roleRows
      .filter((r) => r.frameworkId === framework.id)
      .map((r) => ({ ...r, band: r.bandId ? (bandById.get(r.bandId) ?? null) : null })),
  }));
}

/** Roles, optionally of one framework. */
export async function listRoles(db: Database, frameworkId?: string): Promise<Role[]> {
  const q = db.select().from(roles);
  return (frameworkId ? q.where(eq(roles.frameworkId, frameworkId)) : q).orderBy(
    asc(roles.frameworkId),
    asc(roles.rank),
  );
}

/** Bands with their pay points, optionally of one framework. */
export async function listBands(db: Database, frameworkId?: string) {
  const q = db.select().from(bands);
  const bandRows = await (frameworkId ? q.where(eq(bands.frameworkId, frameworkId)) : q).orderBy(asc(bands.rank));
  const points = bandRows.length
    ? await db
        .select()
        .from(payPoints)
        .where(
          inArray(
            payPoints.bandId,
            bandRows.map((b) => b.id),
          ),
        )
        .orderBy(asc(payPoints.year), asc(payPoints.point))
    : [];
  return bandRows.map((b) => ({ ...b, payPoints: points.filter((p) => p.bandId === b.id) }));
}

export interface RequirementView {
  id: string;
  competency: Competency;
  requirement: 'required' | 'recommended';
  maxAgeMonths: number | null;
  basis: string;
  /** JSON acceptance rule (see rules.ts), or null. */
  acceptance: string | null;
}

/** A role's requirements with the competency each names. */
export async function requirementsOf(db: Database, roleId: string): Promise<RequirementView[]> {
  const rows = await db
    .select({ r: roleRequirements, c: competencies })
    .from(roleRequirements)
    .innerJoin(competencies, eq(competencies.id, roleRequirements.competencyId))
    .where(eq(roleRequirements.roleId, roleId))
    .orderBy(asc(roleRequirements.requirement), asc(competencies.sortOrder));
  return rows.map(({ r, c }) => ({
    id: r.id,
    competency: c,
    requirement: r.requirement,
    maxAgeMonths: r.maxAgeMonths ?? c.refreshMonths,
    basis: r.basis,
    acceptance: r.acceptance,
  }));
}

/** Role or competency equivalences touching an id, in either direction. */
export async function equivalencesOf(db: Database, kind: 'role' | 'competency', id: string): Promise<Equivalence[]> {
  return db
    .select()
    .from(equivalences)
    .where(and(eq(equivalences.kind, kind), or(eq(equivalences.fromId, id), eq(equivalences.toId, id))));
}

/** A role with the framework and rank of its band (null when there is no such role). */
export async function roleWithBand(db: Database, id: string) {
  const rows = await db
    .select({ r: roles, b: bands })
    .from(roles)
    .leftJoin(bands, eq(bands.id, roles.bandId))
    .where(eq(roles.id, id))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.r, band: row.b ? { frameworkId: row.b.frameworkId, rank: row.b.rank } : null } : null;
}

/** Everything the role page and API show about one role, or null. */
export async function getRole(db: Database, id: string) {
  const rows = await db.select().from(roles).where(eq(roles.id, id)).limit(1);
  const role = rows[0];
  if (!role) return null;
  const [fw, band, requirements, equivs, routes] = await Promise.all([
    db.select().from(frameworks).where(eq(frameworks.id, role.frameworkId)).limit(1),
    role.bandId ? db.select().from(bands).where(eq(bands.id, role.bandId)).limit(1) : Promise.resolve([]),
    requirementsOf(db, id),
    equivalencesOf(db, 'role', id),
    db
      .select()
      .from(progressionRoutes)
      .where(or(eq(progressionRoutes.fromRoleId, id), eq(progressionRoutes.toRoleId, id))),
  ]);
  const pay = role.bandId
    ? await db
        .select()
        .from(payPoints)
        .where(eq(payPoints.bandId, role.bandId))
        .orderBy(asc(payPoints.year), asc(payPoints.point))
    : [];
  const otherIds = new Set<string>();
  for (const e of equivs) otherIds.add(e.fromId === id ? e.toId : e.fromId);
  for (const r of routes) otherIds.add(r.fromRoleId === id ? r.toRoleId : r.fromRoleId);
  const related = otherIds.size
    ? await db
        .select()
        .from(roles)
        .where(inArray(roles.id, [...otherIds]))
    : [];
  const relatedBands = related.some((r) => r.bandId)
    ? await db
        .select()
        .from(bands)
        .where(
          inArray(
            bands.id,
            related.flatMap((r) => (r.bandId ? [r.bandId] : [])),
          ),
        )
    : [];
  return {
    role,
    framework: fw[0] ?? null,
    band: band[0] ?? null,
    payPoints: pay,
    requirements,
    equivalences: equivs.map((e) => ({
      ...e,
      other: related.find((r) => r.id === (e.fromId === id ? e.toId : e.fromId)) ?? null,
    })),
    routes: routes.map((r) => ({
      ...r,
      direction: r.fromRoleId === id ? ('next' as const) : ('previous' as const),
      other: related.find((x) => x.id === (r.fromRoleId === id ? r.toRoleId : r.fromRoleId)) ?? null,
    })),
    relatedBands,
  };
}

export interface CompetencyFilter {
  framework?: string | undefined;
  kind?: Competency['kind'] | undefined;
  q?: string | undefined;
}

/** Competencies filtered by framework, kind and a name search. */
export async function listCompetencies(db: Database, f: CompetencyFilter = {}): Promise<Competency[]> {
  const conds = [];
  if (f.framework) conds.push(eq(competencies.frameworkId, f.framework));
  if (f.kind) conds.push(eq(competencies.kind, f.kind));
  if (f.q) {
    const pattern = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    conds.push(
      or(sql`${competencies.name} LIKE ${pattern} ESCAPE '\\'`, sql`${competencies.code} LIKE ${pattern} ESCAPE '\\'`),
    );
  }
  return db
    .select()
    .from(competencies)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(competencies.frameworkId), asc(competencies.sortOrder));
}

/** One competency with its framework and equivalences, or null. */
export async function getCompetency(db: Database, id: string) {
  const rows = await db
    .select({ c: competencies, f: frameworks })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(eq(competencies.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const equivs = await equivalencesOf(db, 'competency', id);
  return { competency: row.c, framework: row.f, equivalences: equivs };
}

/** Display title for a role whose source gives none. */
export function roleTitle(r: Pick<Role, 'title'>): string {
  return r.title ?? 'Title unknown';
}

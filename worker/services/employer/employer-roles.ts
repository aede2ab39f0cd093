/**
 * An employer's own roles: its job title, the catalogue role and band it maps to, its pay text, and the catalogue
 * items it requires or recommends. Role fit uses them as "employer-role:<id>"; every read is scoped to the
 * organisation, so one employer never sees or assesses against another's roles.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { insertChunks } from '../../../db/client';
import { bands, competencies, employerRoleRequirements, employerRoles, frameworks, roles } from '../../../db/schema';
import type { EmployerRoleInput, RoleRequirementInput } from '../../../schemas/employer';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { listLadders, requirementsOf } from '../catalogue/catalogue';
import { plainRoleTitle, roleChoiceLabel } from './role-titles';

export type EmployerRole = typeof employerRoles.$inferSelect;

/** The organisation's roles, by title, each with how many requirements it has. */
export async function listEmployerRoles(db: Database, orgId: string) {
  const rows = await db
    .select({ role: employerRoles, n: count(employerRoleRequirements.competencyId) })
    .from(employerRoles)
    .leftJoin(employerRoleRequirements, eq(employerRoleRequirements.employerRoleId, employerRoles.id))
    .where(eq(employerRoles.orgId, orgId))
    .groupBy(employerRoles.id)
    .orderBy(asc(employerRoles.title));
  return rows.map((r) => ({ ...r.role, requirementCount: r.n }));
}

/** One of the organisation's roles with its requirements, or null (also for another organisation's role). */
export async function getEmployerRole(db: Database, orgId: string, id: string) {
  const rows = await db
    .select()
    .from(employerRoles)
    .where(and(eq(employerRoles.id, id), eq(employerRoles.orgId, orgId)))
    .limit(1);
  const role = rows[0];
  if (!role) return null;
  const reqs = await db
    .select({ r: employerRoleRequirements, c: competencies })
    .from(employerRoleRequirements)
    .innerJoin(competencies, eq(competencies.id, employerRoleRequirements.competencyId))
    .where(eq(employerRoleRequirements.employerRoleId, id))
    .orderBy(asc(competencies.frameworkId), asc(competencies.sortOrder));
  const catalogueRole = role.catalogueRoleId
    ? ((await db.select().from(roles).where(eq(roles.id, role.catalogueRoleId)).limit(1))[0] ?? null)
    : null;
  return {
    role,
    catalogueRole,
    requirements: reqs.map(({ r, c }) => ({
      competencyId: c.id,
      name: c.name,
      code: c.code,
      frameworkId: c.frameworkId,
      requirement: r.requirement,
      maxAgeMonths: r.maxAgeMonths,
      refreshMonths: c.refreshMonths,
      acceptance: r.acceptance,
    })),
  };
}

/** A catalogue role's requirements in the employer-role form's shape, to start a role from ("copy"). */
export async function requirementsToCopy(
  db: Database,
  catalogueRoleId: string,
): Promise<RoleRequirementInput[] | null> {
  const exists = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, catalogueRoleId)).limit(1);
  if (!exists.length) return null;
  const reqs = await requirementsOf(db, catalogueRoleId);
  return reqs.map((r) => ({
    competencyId: r.competency.id,
    requirement: r.requirement,
    // Kept only where it differs from the competency's own refresher, so a catalogue change still reaches the role.
    maxAgeMonths: r.maxAgeMonths !== null && r.maxAgeMonths !== r.competency.refreshMonths ? r.maxAgeMonths : null,
  }));
}

/** A catalogue role's acceptance rules by competency, copied into a role started from it. */
export async function catalogueRules(db: Database, catalogueRoleId: string): Promise<RulesById> {
  const reqs = await requirementsOf(db, catalogueRoleId);
  return new Map(reqs.map((r) => [r.competency.id, r.acceptance]));
}

/** Checks every referenced catalogue item and role exists; throws a field-level 400 otherwise. */
async function checkReferences(db: Database, input: EmployerRoleInput) {
  const ids = input.requirements.map((r) => r.competencyId);
  const found = ids.length
    ? await db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, ids))
    : [];
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw new AppError('validation_failed', 'Some requirements are not in the catalogue', [
      { path: 'req', message: `Not in the catalogue: ${missing.join(', ')}` },
    ]);
  }
  if (input.catalogueRoleId) {
    const role = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, input.catalogueRoleId)).limit(1);
    if (!role.length)
      throw new AppError('validation_failed', 'Choose a catalogue role from the list', [
        { path: 'catalogueRoleId', message: 'Choose a role from the list' },
      ]);
  }
}

/** Stored acceptance rules (JSON) by competency id, kept with a requirement through edits. */
type RulesById = Map<string, string | null>;

function requirementInserts(db: Database, roleId: string, reqs: RoleRequirementInput[], rules: RulesById) {
  const rows = reqs.map((r) => ({
    employerRoleId: roleId,
    competencyId: r.competencyId,
    requirement: r.requirement,
    maxAgeMonths: r.maxAgeMonths,
    acceptance: rules.get(r.competencyId) ?? null,
  }));
  return insertChunks(employerRoleRequirements, rows).map((chunk) => db.insert(employerRoleRequirements).values(chunk));
}

/** Creates a role for the organisation. */
export async function createEmployerRole(
  db: Database,
  input: { orgId: string; userId: string; role: EmployerRoleInput; now: Date },
): Promise<EmployerRole> {
  await checkReferences(db, input.role);
  const copied = input.role.copiedFrom ? await catalogueRules(db, input.role.copiedFrom) : new Map();
  const row: EmployerRole = {
    id: newId(),
    orgId: input.orgId,
    title: input.role.title,
    catalogueRoleId: input.role.catalogueRoleId,
    bandLabel: input.role.bandLabel,
    payText: input.role.payText,
    createdAt: input.now.toISOString(),
  };
  await db.batch([
    db.insert(employerRoles).values(row),
    ...requirementInserts(db, row.id, input.role.requirements, copied),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'employer_role.created',
      targetType: 'employer_role',
      targetId: row.id,
      details: { title: row.title, copiedFrom: input.role.copiedFrom ?? null },
    }),
  ]);
  return row;
}

/** Replaces a role's details and requirements in one batch; 404 when it is not the organisation's. */
export async function updateEmployerRole(
  db: Database,
  input: { orgId: string; id: string; userId: string; role: EmployerRoleInput; now: Date },
) {
  const existing = await getEmployerRole(db, input.orgId, input.id);
  if (!existing) throw new AppError('not_found', 'No such role');
  await checkReferences(db, input.role);
  const kept: RulesById = new Map(existing.requirements.map((r) => [r.competencyId, r.acceptance]));
  const { title, catalogueRoleId, bandLabel, payText } = input.role;
  await db.batch([
    db
      .update(employerRoles)
      .set({ title, catalogueRoleId, bandLabel, payText })
      .where(and(eq(employerRoles.id, input.id), eq(employerRoles.orgId, input.orgId))),
    db.delete(employerRoleRequirements).where(eq(employerRoleRequirements.employerRoleId, input.id)),
    ...requirementInserts(db, input.id, input.role.requirements, kept),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'employer_role.updated',
      targetType: 'employer_role',
      targetId: input.id,
      details: { title },
    }),
  ]);
}

/** Deletes a role (its requirements go with it); saved verifications keep the report they were saved with. */
export async function deleteEmployerRole(
  db: Database,
  input: { orgId: string; id: string; userId: string; now: Date },
) {
  const existing = await getEmployerRole(db, input.orgId, input.id);
  if (!existing) throw new AppError('not_found', 'No such role');
  await db.batch([
    db.delete(employerRoles).where(and(eq(employerRoles.id, input.id), eq(employerRoles.orgId, input.orgId))),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'employer_role.deleted',
      targetType: 'employer_role',
      targetId: input.id,
      details: { title: existing.role.title },
    }),
  ]);
}

export interface RoleChoice {
  ref: string;
  label: string;
}

export type RoleGroup = { group: string; roles: RoleChoice[] };

/** Every catalogue ladder's roles, as groups of choices ("role:<id>"). */
export async function catalogueRoleGroups(db: Database): Promise<RoleGroup[]> {
  const ladders = await listLadders(db);
  return ladders.map((l) => ({
    group: l.framework.name,
    roles: l.roles.map((r) => ({ ref: `role:${r.id}`, label: roleChoiceLabel(r.title, r.band?.label) })),
  }));
}

/** The roles an employer can assess against: its own first, then every catalogue ladder's roles. */
export async function roleChoices(db: Database, orgId: string): Promise<RoleGroup[]> {
  const [own, catalogue] = await Promise.all([listEmployerRoles(db, orgId), catalogueRoleGroups(db)]);
  const mine = own.length
    ? [{ group: 'Your roles', roles: own.map((r) => ({ ref: `employer-role:${r.id}`, label: r.title })) }]
    : [];
  return [...mine, ...catalogue];
}

export interface ResolvedRole {
  ref: string;
  title: string;
  /** Where the role comes from: a catalogue ladder (named) or the employer's own list. */
  source: string;
  bandLabel: string | null;
  payText: string | null;
}

/**
 * A role reference made safe for this organisation: a catalogue role, or one of its own roles. Another
 * organisation's role is null, exactly like one that does not exist.
 */
export async function resolveRole(db: Database, orgId: string, ref: string): Promise<ResolvedRole | null> {
  const [kind, id] = ref.split(':', 2) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'employer-role') {
    const rows = await db
      .select()
      .from(employerRoles)
      .where(and(eq(employerRoles.id, id), eq(employerRoles.orgId, orgId)))
      .limit(1);
    const r = rows[0];
    return r ? { ref, title: r.title, source: 'Your roles', bandLabel: r.bandLabel, payText: r.payText } : null;
  }
  if (kind === 'role') {
    const rows = await db
      .select({ r: roles, f: frameworks.name, b: bands.label })
      .from(roles)
      .innerJoin(frameworks, eq(frameworks.id, roles.frameworkId))
      .leftJoin(bands, eq(bands.id, roles.bandId))
      .where(eq(roles.id, id))
      .limit(1);
    const row = rows[0];
    return row
      ? { ref, title: plainRoleTitle(row.r.title, row.b), source: row.f, bandLabel: row.b ?? null, payText: null }
      : null;
  }
  return null;
}

/** Band labels of every ladder, for the employer-role form. */
export async function bandOptions(db: Database): Promise<{ framework: string; label: string }[]> {
  const rows = await db
    .select({ label: bands.label, framework: frameworks.name, rank: bands.rank })
    .from(bands)
    .innerJoin(frameworks, eq(frameworks.id, bands.frameworkId))
    .orderBy(asc(frameworks.sortOrder), asc(bands.rank));
  return rows.map((r) => ({ framework: r.framework, label: r.label }));
}

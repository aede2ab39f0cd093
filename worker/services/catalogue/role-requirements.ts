/**
 * A platform admin's edits to catalogue roles' requirements (the data behind role fit and the pathway's gap
 * analysis). An edit replaces the role's requirements in one batch, keeps the basis of every requirement it does not
 * change, records why the rest changed, marks the role as customised (so the reference seed leaves it alone) and is
 * audited. Resetting puts the reference data back.
 */
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { insertChunks } from '../../../db/client';
import { ROLE_REQUIREMENTS } from '../../../db/seed/reference-data';
import { bands, competencies, customisedRoles, frameworks, roleRequirements, roles } from '../../../db/schema';
import type { RoleRequirementInput } from '../../../schemas/employer';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpCatalogueEpoch } from '../../lib/cache-epochs';
import { roleTitle } from './catalogue';

type RequirementRow = typeof roleRequirements.$inferSelect;

/** Every catalogue role by ladder, with how many requirements it has and whether an admin edited them. */
export async function listRolesForAdmin(db: Database) {
  const [roleRows, counts, edited] = await Promise.all([
    db
      .select({ r: roles, f: frameworks.name, band: bands.label })
      .from(roles)
      .innerJoin(frameworks, eq(frameworks.id, roles.frameworkId))
      .leftJoin(bands, eq(bands.id, roles.bandId))
      .orderBy(asc(frameworks.sortOrder), asc(roles.rank)),
    db
      .select({ roleId: roleRequirements.roleId, requirement: roleRequirements.requirement, n: count() })
      .from(roleRequirements)
      .groupBy(roleRequirements.roleId, roleRequirements.requirement),
    db.select().from(customisedRoles),
  ]);
  const n = (roleId: string, requirement: 'required' | 'recommended') =>
    counts.find((c) => c.roleId === roleId && c.requirement === requirement)?.n ?? 0;
  return roleRows.map(({ r, f, band }) => ({
    id: r.id,
    title: roleTitle(r),
    framework: f,
    band,
    required: n(r.id, 'required'),
    recommended: n(r.id, 'recommended'),
    edited: edited.find((e) => e.roleId === r.id) ?? null,
  }));
}

export type AdminRoleRow = Awaited<ReturnType<typeof listRolesForAdmin>>[number];

/** A role with its requirements as stored (maxAgeMonths null: the competency's refresher period). */
export async function roleForEditing(db: Database, roleId: string) {
  const [role] = await db.select().from(roles).where(eq(roles.id, roleId)).limit(1);
  if (!role) throw new AppError('not_found', 'No such role in the catalogue');
  const [requirements, edited] = await Promise.all([
    db.select().from(roleRequirements).where(eq(roleRequirements.roleId, roleId)),
    db.select().from(customisedRoles).where(eq(customisedRoles.roleId, roleId)),
  ]);
  return { role, requirements, edited: edited[0] ?? null };
}

/** The id the reference data gives a requirement, so edits, resets and later seeds name the same rows. */
const requirementId = (roleId: string, competencyId: string) => `${roleId}--${competencyId}`;

/** What changed between two sets of requirements, by competency. */
function difference(before: RequirementRow[], after: RoleRequirementInput[]) {
  const old = new Map(before.map((r) => [r.competencyId, r]));
  const added = after.filter((r) => !old.has(r.competencyId)).map((r) => r.competencyId);
  const removed = before
    .filter((r) => !after.some((a) => a.competencyId === r.competencyId))
    .map((r) => r.competencyId);
  const changed = after
    .filter((r) => {
      const o = old.get(r.competencyId);
      return o && (o.requirement !== r.requirement || o.maxAgeMonths !== r.maxAgeMonths);
    })
    .map((r) => r.competencyId);
  return { added, removed, changed };
}

/** Replaces a catalogue role's requirements (one batch), marks it customised and audits what changed. */
export async function saveRoleRequirements(
  db: Database,
  input: { roleId: string; requirements: RoleRequirementInput[]; note: string; adminUserId: string; now: Date },
) {
  const { role, requirements: before } = await roleForEditing(db, input.roleId);
  const ids = input.requirements.map((r) => r.competencyId);
  const found = await db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw new AppError('validation_failed', 'Some requirements are not in the catalogue', [
      { path: 'req', message: `Not in the catalogue: ${missing.join(', ')}` },
    ]);
  }
  const diff = difference(before, input.requirements);
  const basis = `Edited by a platform admin on ${input.now.toISOString().slice(0, 10)}: ${input.note}`;
  const rows: RequirementRow[] = input.requirements.map((r) => {
    const old = before.find((b) => b.competencyId === r.competencyId);
    const same = old && old.requirement === r.requirement && old.maxAgeMonths === r.maxAgeMonths;
    return {
      id: requirementId(role.id, r.competencyId),
      roleId: role.id,
      competencyId: r.competencyId,
      requirement: r.requirement,
      maxAgeMonths: r.maxAgeMonths,
      basis: same ? old.basis : basis,
      acceptance: old?.acceptance ?? null,
    };
  });
  await db.batch([
    db.delete(roleRequirements).where(eq(roleRequirements.roleId, role.id)),
    ...insertChunks(roleRequirements, rows).map((chunk) => db.insert(roleRequirements).values(chunk)),
    db
      .insert(customisedRoles)
      .values({
        roleId: role.id,
        editedAt: input.now.toISOString(),
        editedByUserId: input.adminUserId,
        note: input.note,
      })
      .onConflictDoUpdate({
        target: customisedRoles.roleId,
        set: { editedAt: input.now.toISOString(), editedByUserId: input.adminUserId, note: input.note },
      }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: 'catalogue.role_requirements_updated',
      targetType: 'role',
      targetId: role.id,
      details: { ...diff, note: input.note },
    }),
  ]);
  bumpCatalogueEpoch();
  return diff;
}

/** Puts a role's requirements back to the reference data and drops its customised mark. */
export async function resetRoleRequirements(db: Database, input: { roleId: string; adminUserId: string; now: Date }) {
  const { role } = await roleForEditing(db, input.roleId);
  const reference = ROLE_REQUIREMENTS.filter((r) => r.roleId === role.id);
  await db.batch([
    db.delete(roleRequirements).where(eq(roleRequirements.roleId, role.id)),
    ...insertChunks(roleRequirements, reference).map((chunk) => db.insert(roleRequirements).values(chunk)),
    db.delete(customisedRoles).where(eq(customisedRoles.roleId, role.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: 'catalogue.role_requirements_reset',
      targetType: 'role',
      targetId: role.id,
      details: { requirements: reference.length },
    }),
  ]);
  bumpCatalogueEpoch();
  return { requirements: reference.length };
}

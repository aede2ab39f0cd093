/**
 * A platform admin's edits to the rules role fit applies: the acceptance rule of a catalogue role's requirement and
 * relations between catalogue items (levels, equivalences, comparisons). Each edit records its reason as the basis,
 * is audited, and is seen by role fit at once.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { RELATION_DELETED } from '../../../db/seed/reference';
import { competencies, customisedRoles, equivalences, roleRequirements } from '../../../db/schema';
import type { AcceptanceRuleFormInput, RelationFormInput } from '../../../schemas/catalogue-rules';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpCatalogueEpoch } from '../../lib/cache-epochs';
import type { AcceptanceRule } from './rules';

export type Actor = { adminUserId: string; now: Date };

/** Marks a catalogue role as edited by an admin, so the reference seed leaves its requirements alone. */
export function markCustomised(db: Database, roleId: string, by: Actor, note: string) {
  const when = { editedAt: by.now.toISOString(), editedByUserId: by.adminUserId, note };
  return db
    .insert(customisedRoles)
    .values({ roleId, ...when })
    .onConflictDoUpdate({ target: customisedRoles.roleId, set: when });
}

/** The rule a form describes, or null when it sets nothing (the requirement then accepts any provider). */
export function ruleFromForm(f: AcceptanceRuleFormInput, basis: string): AcceptanceRule | null {
  const rule: AcceptanceRule = {
    ...(f.providers.length ? { providers: f.providers } : {}),
    ...(f.minLevel ? { minLevel: f.minLevel } : {}),
    ...(f.maxAgeMonths != null ? { maxAgeMonths: f.maxAgeMonths } : {}),
    ...(f.dueWithinMonths ? { dueWithinMonths: f.dueWithinMonths } : {}),
    basis,
    source: `Platform admin: ${f.note}`,
    indicative: f.indicative,
  };
  const sets = rule.providers || rule.minLevel || rule.maxAgeMonths != null || rule.dueWithinMonths;
  return sets ? rule : null;
}

/** Sets (or clears) the acceptance rule of one requirement of a catalogue role; the role counts as customised. */
export async function saveAcceptanceRule(
  db: Database,
  input: Actor & { roleId: string; form: AcceptanceRuleFormInput },
): Promise<AcceptanceRule | null> {
  const { form } = input;
  const id = `${input.roleId}--${form.competencyId}`;
  const [row] = await db.select().from(roleRequirements).where(eq(roleRequirements.id, id)).limit(1);
  if (!row) {
    throw new AppError('validation_failed', 'That item is not a requirement of this role', [
      { path: 'competencyId', message: 'Choose one of this role’s requirements' },
    ]);
  }
  const day = input.now.toISOString().slice(0, 10);
  const rule = ruleFromForm(form, `Acceptance rule set by a platform admin on ${day}: ${form.note}`);
  await db.batch([
    db
      .update(roleRequirements)
      .set({ acceptance: rule ? JSON.stringify(rule) : null })
      .where(eq(roleRequirements.id, id)),
    markCustomised(db, input.roleId, input, form.note),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: 'catalogue.acceptance_rule_updated',
      targetType: 'role',
      targetId: input.roleId,
      details: { competencyId: form.competencyId, rule, note: form.note },
    }),
  ]);
  bumpCatalogueEpoch();
  return rule;
}

/** Admin relations have their own ids, so the reference seed (which upserts its own) never overwrites them. */
export const adminRelationId = (fromId: string, toId: string) => `eqa-${fromId}--${toId}`;

/** Adds or replaces a relation between two catalogue items, with its strength, sentence and reason as source. */
export async function saveRelation(db: Database, input: Actor & { form: RelationFormInput }) {
  const { form } = input;
  if (form.fromId === form.toId) {
    throw new AppError('validation_failed', 'A relation joins two different items', [
      { path: 'toId', message: 'Choose a different item' },
    ]);
  }
  const found = await db
    .select({ id: competencies.id })
    .from(competencies)
    .where(inArray(competencies.id, [form.fromId, form.toId]));
  if (found.length !== 2) {
    throw new AppError('validation_failed', 'Both items must be in the catalogue', [
      { path: 'fromId', message: 'Choose items from the catalogue' },
    ]);
  }
  const row = {
    id: adminRelationId(form.fromId, form.toId),
    kind: 'competency' as const,
    fromId: form.fromId,
    toId: form.toId,
    relation: form.relation,
    label: form.label,
    source: `Platform admin on ${input.now.toISOString().slice(0, 10)}: ${form.note}`,
    indicative: true,
    strength: form.strength,
  };
  const { id: _id, ...set } = row;
  await db.batch([
    db.insert(equivalences).values(row).onConflictDoUpdate({ target: equivalences.id, set }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: 'catalogue.relation_saved',
      targetType: 'equivalence',
      targetId: row.id,
      details: { ...form },
    }),
  ]);
  bumpCatalogueEpoch();
  return row;
}

/** A relation between catalogue items by id, or a not-found error. */
export async function getRelation(db: Database, id: string) {
  const [row] = await db
    .select()
    .from(equivalences)
    .where(and(eq(equivalences.id, id), eq(equivalences.kind, 'competency')))
    .limit(1);
  if (!row) throw new AppError('not_found', 'No such relation in the catalogue');
  return row;
}

/** Deletes a relation between catalogue items; the audit event keeps the whole relation and the reason. */
export async function deleteRelation(db: Database, input: Actor & { relationId: string; note: string }) {
  const row = await getRelation(db, input.relationId);
  await db.batch([
    db.delete(equivalences).where(eq(equivalences.id, row.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: RELATION_DELETED,
      targetType: 'equivalence',
      targetId: row.id,
      details: { relation: row, note: input.note },
    }),
  ]);
  bumpCatalogueEpoch();
  return row;
}

/** Relations touching any of the given items, for the role editor. */
export async function relationsTouching(db: Database, ids: string[]) {
  if (!ids.length) return [];
  const rows = await Promise.all(
    [inArray(equivalences.fromId, ids.slice(0, 90)), inArray(equivalences.toId, ids.slice(0, 90))].map((w) =>
      db
        .select()
        .from(equivalences)
        .where(and(eq(equivalences.kind, 'competency'), w)),
    ),
  );
  const byId = new Map(rows.flat().map((r) => [r.id, r]));
  return [...byId.values()];
}

/**
 * The level of a catalogue role's requirement, for subjects passported by level (safeguarding adults level 1, 2, 3):
 * the levels are the items joined by "includes" relations, and a platform admin may move a requirement to another
 * level of its subject. The change keeps the requirement's strength, allowable period and acceptance rule, records
 * the reason as its basis, marks the role customised and is audited.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { competencies, equivalences, roleRequirements } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpCatalogueEpoch } from '../../lib/cache-epochs';
import { type Actor, markCustomised } from './rule-edits';

export interface LevelChoice {
  /** The requirement's current item. */
  competencyId: string;
  /** The other levels of its subject, lowest first. */
  others: { id: string; name: string }[];
}

/** For each given item that has levels, the other levels of its subject (all items joined to it by "includes"). */
export async function levelChoices(db: Database, ids: string[]): Promise<LevelChoice[]> {
  if (!ids.length) return [];
  const links = await db
    .select({ fromId: equivalences.fromId, toId: equivalences.toId })
    .from(equivalences)
    .where(and(eq(equivalences.kind, 'competency'), eq(equivalences.relation, 'includes')));
  const next = new Map<string, string[]>();
  for (const l of links) {
    next.set(l.fromId, [...(next.get(l.fromId) ?? []), l.toId]);
    next.set(l.toId, [...(next.get(l.toId) ?? []), l.fromId]);
  }
  const subjectOf = (id: string) => {
    const seen = new Set([id]);
    const queue = [id];
    for (let cur = queue.shift(); cur !== undefined; cur = queue.shift()) {
      for (const n of next.get(cur) ?? []) if (!seen.has(n) && seen.add(n)) queue.push(n);
    }
    seen.delete(id);
    return [...seen];
  };
  const subjects = ids.map((id) => ({ competencyId: id, otherIds: subjectOf(id) })).filter((s) => s.otherIds.length);
  const all = [...new Set(subjects.flatMap((s) => s.otherIds))];
  if (!all.length) return [];
  const items = await db
    .select({ id: competencies.id, name: competencies.name, level: competencies.level, sort: competencies.sortOrder })
    .from(competencies)
    .where(inArray(competencies.id, all.slice(0, 90)));
  const order = (a: (typeof items)[number], b: (typeof items)[number]) =>
    (a.level ?? '').localeCompare(b.level ?? '') || a.sort - b.sort;
  return subjects
    .map((s) => ({
      competencyId: s.competencyId,
      others: items
        .filter((i) => s.otherIds.includes(i.id))
        .sort(order)
        .map((i) => ({ id: i.id, name: i.name })),
    }))
    .filter((s) => s.others.length);
}

/** Moves a role's requirement to another level of the same subject. */
export async function changeRequirementLevel(
  db: Database,
  input: Actor & { roleId: string; competencyId: string; toId: string; note: string },
) {
  const id = `${input.roleId}--${input.competencyId}`;
  const rows = await db.select().from(roleRequirements).where(eq(roleRequirements.roleId, input.roleId));
  const row = rows.find((r) => r.id === id);
  if (!row) {
    throw new AppError('validation_failed', 'That item is not a requirement of this role', [
      { path: 'change', message: 'Choose one of this role’s requirements' },
    ]);
  }
  const [choice] = await levelChoices(db, [input.competencyId]);
  if (!choice?.others.some((o) => o.id === input.toId)) {
    throw new AppError('validation_failed', 'That is not another level of the same subject', [
      { path: 'change', message: 'Choose another level of the same subject' },
    ]);
  }
  if (rows.some((r) => r.competencyId === input.toId)) {
    throw new AppError('validation_failed', 'The role already requires that level', [
      { path: 'change', message: 'The role already requires that level; remove one of them in the requirements' },
    ]);
  }
  const day = input.now.toISOString().slice(0, 10);
  await db.batch([
    db.delete(roleRequirements).where(eq(roleRequirements.id, id)),
    db.insert(roleRequirements).values({
      ...row,
      id: `${input.roleId}--${input.toId}`,
      competencyId: input.toId,
      basis: `Level changed by a platform admin on ${day}: ${input.note}`,
    }),
    markCustomised(db, input.roleId, input, input.note),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      actorOrgId: null,
      action: 'catalogue.requirement_level_changed',
      targetType: 'role',
      targetId: input.roleId,
      details: { from: input.competencyId, to: input.toId, note: input.note },
    }),
  ]);
  bumpCatalogueEpoch();
}

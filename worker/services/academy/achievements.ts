/** Achievements: the credential templates an academy defines, aligned only to catalogue items it is approved for. */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { achievementAlignments, achievements, competencies, issuerScopes } from '../../../db/schema';
import type { AchievementInput } from '../../../schemas/achievement';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert, auditInsertIfChanged } from '../../lib/audit';

export type Achievement = typeof achievements.$inferSelect;

/** The catalogue frameworks an academy is approved to issue against (the trust registry). */
export async function approvedFrameworks(db: Database, orgId: string): Promise<string[]> {
  const rows = await db.select({ f: issuerScopes.frameworkId }).from(issuerScopes).where(eq(issuerScopes.orgId, orgId));
  return rows.map((r) => r.f);
}

/** Creates an achievement; every aligned item must exist and sit in a framework the academy is approved for. */
export async function createAchievement(
  db: Database,
  input: AchievementInput & { orgId: string; createdBy: string | null; now: Date },
): Promise<Achievement> {
  const ids = [...new Set(input.alignedIds)];
  const [items, scopes] = await Promise.all([
    db.select().from(competencies).where(inArray(competencies.id, ids)),
    approvedFrameworks(db, input.orgId),
  ]);
  const missing = ids.filter((id) => !items.some((c) => c.id === id));
  if (missing.length) {
    throw new AppError(
      'validation_failed',
      'Unknown catalogue items',
      missing.map((id) => ({ path: 'alignedIds', message: `No catalogue item ${id}` })),
    );
  }
  const outside = items.filter((c) => !scopes.includes(c.frameworkId));
  if (outside.length) {
    throw new AppError(
      'validation_failed',
      'Your organisation is not approved to issue against some of these items',
      outside.map((c) => ({
        path: 'alignedIds',
        message: `${c.name} (${c.frameworkId}) is outside your approved frameworks`,
      })),
    );
  }
  const row: Achievement = {
    id: newId(),
    orgId: input.orgId,
    name: input.name,
    description: input.description,
    criteria: input.criteria,
    achievementType: input.achievementType,
    level: input.level || null,
    validityMonths: input.validityMonths ?? null,
    assessmentMethod: input.assessmentMethod,
    createdBy: input.createdBy,
    createdAt: input.now.toISOString(),
    archivedAt: null,
  };
  await db.batch([
    db.insert(achievements).values(row),
    db.insert(achievementAlignments).values(ids.map((competencyId) => ({ achievementId: row.id, competencyId }))),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.createdBy,
      actorOrgId: input.orgId,
      action: 'achievement.created',
      targetType: 'achievement',
      targetId: row.id,
      details: { name: row.name, alignedIds: ids },
    }),
  ]);
  return row;
}

/** An organisation's achievements (newest first), optionally including archived ones. */
export async function listAchievements(db: Database, orgId: string, includeArchived = false) {
  return db
    .select()
    .from(achievements)
    .where(
      includeArchived
        ? eq(achievements.orgId, orgId)
        : and(eq(achievements.orgId, orgId), isNull(achievements.archivedAt)),
    )
    .orderBy(desc(achievements.createdAt), asc(achievements.name));
}

/** One achievement of an organisation (archived ones too) with the catalogue items it aligns to; 404 when not theirs. */
export async function getAchievement(db: Database, orgId: string, achievementId: string) {
  const rows = await db
    .select()
    .from(achievements)
    .where(and(eq(achievements.id, achievementId), eq(achievements.orgId, orgId)))
    .limit(1);
  const achievement = rows[0];
  if (!achievement) throw new AppError('not_found', 'No such achievement in this organisation');
  const aligned = await db
    .select({ c: competencies })
    .from(achievementAlignments)
    .innerJoin(competencies, eq(competencies.id, achievementAlignments.competencyId))
    .where(eq(achievementAlignments.achievementId, achievementId))
    .orderBy(asc(competencies.sortOrder));
  return { achievement, aligned: aligned.map((r) => r.c) };
}

/** Archives an achievement: no new credentials from it; those already issued stay valid. Idempotent. */
export async function archiveAchievement(
  db: Database,
  input: { orgId: string; achievementId: string; actorUserId: string | null; now: Date },
) {
  await getAchievement(db, input.orgId, input.achievementId);
  await db.batch([
    db
      .update(achievements)
      .set({ archivedAt: input.now.toISOString() })
      .where(
        and(
          eq(achievements.id, input.achievementId),
          eq(achievements.orgId, input.orgId),
          isNull(achievements.archivedAt),
        ),
      ),
    auditInsertIfChanged(db, {
      at: input.now,
      actorUserId: input.actorUserId,
      actorOrgId: input.orgId,
      action: 'achievement.archived',
      targetType: 'achievement',
      targetId: input.achievementId,
    }),
  ]);
}

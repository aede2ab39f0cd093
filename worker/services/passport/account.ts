/** Deleting a worker's account: what is erased, what the issuers keep, and who must hand over first. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { memberships, organisations, users } from '../../../db/schema';
import type { AppDeps } from '../../context';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { erasureStatements, flushErasedPages } from '../accounts/erasure';

/**
 * Deletes a worker's account in one batch (all or nothing): what happens to each table that holds the person is
 * decided in `erasureStatements` (accounts/erasure.ts) and told to them at /privacy. Issued credentials stay
 * verifiable for whoever holds them: verification needs only the issuer's key and status list.
 */
export async function deleteAccount(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  userId: string,
  confirmEmail: string,
): Promise<void> {
  const { db, clock } = deps;
  const now = clock();
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  if (!user) throw new AppError('not_found', 'Account not found');
  if (confirmEmail.trim().toLowerCase() !== user.email) {
    throw new AppError('validation_failed', 'That is not the email address of this account', [
      { path: 'confirmEmail', message: 'Type the email address you sign in with, exactly' },
    ]);
  }
  const sole = await soleOwnerships(db, userId);
  if (sole.length) {
    throw new AppError(
      'conflict',
      `You are the only owner of ${sole.join(', ')}. Make someone else an owner first, so the organisation is not left without one.`,
    );
  }
  const erase = await erasureStatements(db, user);
  await db.batch([
    auditInsert(db, { at: now, actorUserId: userId, action: 'user.deleted', targetType: 'user', targetId: userId }),
    ...erase,
  ]);
  await flushErasedPages(db);
}

/** Names of organisations where this person is the only owner. */
async function soleOwnerships(db: Database, userId: string): Promise<string[]> {
  const owned = await db
    .select({ orgId: memberships.orgId, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')));
  if (!owned.length) return [];
  const owners = await db
    .select({ orgId: memberships.orgId, n: sql<number>`count(*)` })
    .from(memberships)
    .where(
      and(
        inArray(
          memberships.orgId,
          owned.slice(0, 90).map((o) => o.orgId),
        ),
        eq(memberships.role, 'owner'),
      ),
    )
    .groupBy(memberships.orgId);
  return owned.filter((o) => (owners.find((x) => x.orgId === o.orgId)?.n ?? 0) <= 1).map((o) => o.name);
}

/** Deleting a worker's account: what is erased, what the issuers keep, and who must hand over first. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  credentials,
  emailTokens,
  importedCredentials,
  memberships,
  organisations,
  outbox,
  rateLimits,
  roleHistory,
  sessions,
  shareViews,
  shares,
  users,
} from '../../../db/schema';
import type { AppDeps } from '../../context';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';

/**
 * Deletes a worker's account in one batch (all or nothing).
 *
 * Erased: name, email, password hash, holder key and DID (so no new presentation can be signed in their name),
 * area and role choices, sessions, email tokens, memberships, shares and their view history, imported
 * credentials, the local copy of mail sent to them, and rate-limit counters keyed by their email.
 *
 * Kept: credentials issued here stay in their issuer's register (the academy is the controller of its issuing
 * record and must be able to revoke, renew and answer "did we train this person?"), so the row keeps what the
 * academy itself supplied (name and email of the learner, evidence) and the signed JWT, but loses its link to
 * the deleted account. The credentials stay valid for whoever holds them (the worker, if they exported them,
 * and employers they shared them with) because verification needs only the issuer's key and status list.
 * Role history rows keep only area and roles, with no person (anonymous progression counts). Audit events keep
 * the account id, which no longer leads to anyone.
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
  const userShares = db.select({ id: shares.id }).from(shares).where(eq(shares.userId, userId));
  await db.batch([
    db.delete(shareViews).where(inArray(shareViews.shareId, userShares)),
    db.delete(shares).where(eq(shares.userId, userId)),
    db.delete(importedCredentials).where(eq(importedCredentials.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(emailTokens).where(eq(emailTokens.userId, userId)),
    db.delete(memberships).where(eq(memberships.userId, userId)),
    db.delete(outbox).where(eq(outbox.to, user.email)),
    db.delete(rateLimits).where(sql`instr(${rateLimits.key}, ${user.email}) > 0`),
    db.update(credentials).set({ subjectUserId: null }).where(eq(credentials.subjectUserId, userId)),
    db.update(roleHistory).set({ userId: null }).where(eq(roleHistory.userId, userId)),
    db.delete(users).where(eq(users.id, userId)),
    auditInsert(db, { at: now, actorUserId: userId, action: 'user.deleted', targetType: 'user', targetId: userId }),
  ]);
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

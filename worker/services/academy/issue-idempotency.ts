/**
 * Idempotent single issues: a caller's key answers a retry with the credential the first request issued, and the
 * learner is told about it once per key.
 */
import { and, eq, isNull, like, lt, or } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import { type CredentialBodies, bodyOf } from '../../../db/credential-bodies';
import { claims, credentials, issueRequests, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { type Mailer, sendIssueNotices, sendNewClaimLink } from './claim-links';
import type { IssueContext, IssuedCredential, LoadedAchievement } from './issue-types';

/** A single issue made idempotent: the caller's key and a hash of what it asked for. */
export interface IdempotentRequest {
  key: string;
  requestHash: string;
}

/** SHA-256 (hex) of a request's canonical JSON, for comparing a retry with the request that first used its key. */
export async function requestHashOf(request: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(request)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The credential an earlier request with this key issued (its claim token is not kept, so it is null), or null when
 * the key is new. A key reused for a different request is refused: answering with the first credential would
 * hide the second request, and issuing would break the promise the key makes.
 */
export async function findIdempotentIssue(
  db: Database,
  bodies: CredentialBodies,
  orgId: string,
  idem: IdempotentRequest,
): Promise<IssuedCredential | null> {
  const rows = await db
    .select({ r: issueRequests, c: credentials, email: users.email, claimEmail: claims.email })
    .from(issueRequests)
    .innerJoin(credentials, eq(credentials.id, issueRequests.credentialId))
    .leftJoin(users, eq(users.id, credentials.subjectUserId))
    .leftJoin(claims, eq(claims.credentialId, credentials.id))
    .where(and(eq(issueRequests.orgId, orgId), eq(issueRequests.key, idem.key)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (row.r.requestHash !== idem.requestHash) {
    throw new AppError('idempotency_key_reused', 'This idempotency key was already used for a different request', {
      credentialId: row.c.id,
    });
  }
  return {
    credentialId: row.c.id,
    jwt: await bodyOf({ db, bodies }, row.c),
    format: row.c.format,
    email: row.email ?? row.claimEmail ?? '',
    subjectUserId: row.c.subjectUserId,
    claimToken: null,
    validUntil: row.c.validUntil,
    replayed: true,
    notified: row.r.notifiedAt !== null && !row.r.notifiedAt.startsWith(SENDING),
  };
}

/** Marks a notice being sent: `notified_at` holds "sending <time>" until the email has gone. */
const SENDING = 'sending ';
/** How long a notice being sent is left to the request sending it; after that a replay takes it over. */
const SENDING_LEASE_MS = 60_000;

/**
 * Takes the right to send the notice for an idempotency key: only one request at a time holds it, so two copies of
 * the same form in flight send one email. A holder that stopped before sending loses it after the lease.
 */
async function claimNotice(ctx: IssueContext, orgId: string, key: string): Promise<string | null> {
  const stale = `${SENDING}${new Date(ctx.now.getTime() - SENDING_LEASE_MS).toISOString()}`;
  const lease = `${SENDING}${ctx.now.toISOString()}`;
  const res = await ctx.db
    .update(issueRequests)
    .set({ notifiedAt: lease })
    .where(
      and(
        eq(issueRequests.orgId, orgId),
        eq(issueRequests.key, key),
        or(
          isNull(issueRequests.notifiedAt),
          and(like(issueRequests.notifiedAt, `${SENDING}%`), lt(issueRequests.notifiedAt, stale)),
        ),
      ),
    );
  return rowsChanged(res) === 1 ? lease : null;
}

/**
 * Tells the learner about a credential, once per idempotency key. A replay whose first request stopped before its
 * email (a crash, a mail failure) sends it now, with a new claim link since the first was never delivered.
 */
export async function notifyIssued(
  ctx: IssueContext & { mailer: Mailer },
  loaded: LoadedAchievement,
  issued: IssuedCredential,
  idempotency?: IdempotentRequest,
): Promise<void> {
  if (issued.replayed && (!idempotency || issued.notified)) return;
  if (!idempotency) return sendNotice(ctx, loaded, issued);
  const key = and(eq(issueRequests.orgId, loaded.org.id), eq(issueRequests.key, idempotency.key));
  const lease = await claimNotice(ctx, loaded.org.id, idempotency.key);
  if (!lease) return;
  try {
    await sendNotice(ctx, loaded, issued);
  } catch (err) {
    // The email did not go: give the notice back at once so a retry sends it (a crash waits for the lease). Only
    // while the lease is still ours: past it, a retry may have taken the notice over and sent it already.
    await ctx.db
      .update(issueRequests)
      .set({ notifiedAt: null })
      .where(and(key, eq(issueRequests.notifiedAt, lease)));
    throw err;
  }
  await ctx.db.update(issueRequests).set({ notifiedAt: ctx.now.toISOString() }).where(key);
}

/** The learner's email: a fresh claim link for a replay nobody has claimed yet, else the usual notice. */
async function sendNotice(ctx: IssueContext & { mailer: Mailer }, loaded: LoadedAchievement, issued: IssuedCredential) {
  if (issued.replayed && issued.subjectUserId === null) {
    try {
      await sendNewClaimLink(ctx, loaded.org.id, issued.credentialId);
    } catch (err) {
      // Claimed, revoked or renewed since: there is nothing left to tell the learner.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  } else {
    await sendIssueNotices(ctx.mailer, ctx.config, loaded.org.name, loaded.achievement.name, [issued]);
  }
}

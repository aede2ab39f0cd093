/**
 * Telling learners about their credentials and claiming them: the issue notice, a fresh one-time claim link, and
 * the claim that re-signs the credential to the learner's holder DID.
 */
import { type SQL, and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import { bodyKey, bodyOf, freshBodyKey } from '../../../db/credential-bodies';
import { achievements, claims, credentials, organisations, users } from '../../../db/schema';
import type { Config } from '../../config';
import { secureCredential, unsecuredCredential } from '../../credentials/securing';
import { AppError } from '../../errors';
import { hashToken, newToken } from '../../lib/ids';
import { auditInsertIfChanged } from '../../lib/audit';
import { ensureHolderDid } from '../passport/holders';
import { signerFor } from '../organisations/issuers';
import { DAY_MS } from '../../lib/dates';
import type { IssueContext, IssuedCredential } from './issue-types';
import { t } from '../../../web/i18n/messages';

/** Days a one-time claim link stays open. */
export const CLAIM_DAYS = 30;

/** New claim links a certificate may be sent per day (staff pressing the button again and again). */
export const CLAIM_LINKS_PER_DAY = 5;

/** The rate-limit key counting the new claim links sent for one certificate, one by one or in bulk. */
export const claimLinkLimitKey = (credentialId: string) => `claim-link:${credentialId}`;

/** The mail transport a notice needs. */
export type Mailer = { send(m: { to: string; subject: string; body: string }): Promise<void> };

/** Emails each recipient: a link to their passport, or a one-time claim link when they have none yet. */
export async function sendIssueNotices(
  mailer: { send(m: { to: string; subject: string; body: string }): Promise<void> },
  config: Config,
  orgName: string,
  achievementName: string,
  issued: IssuedCredential[],
): Promise<void> {
  for (const c of issued) {
    const link = c.claimToken
      ? `${config.PUBLIC_ORIGIN}/claim?token=${c.claimToken}`
      : `${config.PUBLIC_ORIGIN}/passport`;
    await mailer.send({
      to: c.email,
      subject: t('en', 'email.issuedSubject', { org: orgName, achievement: achievementName }),
      body: c.claimToken
        ? t('en', 'email.issuedClaimBody', { org: orgName, achievement: achievementName, days: CLAIM_DAYS, link })
        : t('en', 'email.issuedPassportBody', { org: orgName, achievement: achievementName, link }),
    });
  }
}

/** A credential the organisation issued, with its achievement's and the organisation's names; 404 otherwise. */
async function issuedBy(db: Database, orgId: string, credentialId: string) {
  const rows = await db
    .select({ c: credentials, a: achievements.name, o: organisations.name })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(and(eq(credentials.id, credentialId), eq(credentials.issuerOrgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No credential with that id was issued by your organisation');
  return row;
}

/**
 * Sends a learner a new claim link for a credential they have not claimed (the first was lost, or expired): any
 * link still open is closed, the new one is stored and the event audited in one batch, then the email goes out.
 * `auditDetails` is recorded with the audit event (a bulk send notes how many were sent together).
 */
export async function sendNewClaimLink(
  ctx: IssueContext & { mailer: Mailer },
  orgId: string,
  credentialId: string,
  auditDetails?: Record<string, unknown>,
): Promise<{ email: string; expiresAt: string }> {
  const { db, config, now } = ctx;
  const row = await issuedBy(db, orgId, credentialId);
  const email = row.c.subjectEmail;
  if (!email) throw new AppError('conflict', 'No email address is recorded for this learner');
  const token = newToken();
  const tokenHash = hashToken(token);
  const iso = now.toISOString();
  const expiresAt = new Date(now.getTime() + CLAIM_DAYS * DAY_MS).toISOString();
  // Every condition is checked again inside the batch: a claim, revocation or renewal that lands between the read
  // above and this write leaves no new link, no closed links and no audit event behind.
  const waiting = and(
    eq(credentials.id, credentialId),
    isNull(credentials.subjectUserId),
    ne(credentials.status, 'revoked'),
    isNull(credentials.replacedById),
  );
  const [inserted] = await db.batch([
    db.insert(claims).select(
      db
        .select({
          tokenHash: sql<string>`${tokenHash}`.as('token_hash'),
          credentialId: credentials.id,
          email: sql<string>`${email}`.as('email'),
          expiresAt: sql<string>`${expiresAt}`.as('expires_at'),
          usedAt: sql<string | null>`null`.as('used_at'),
        })
        .from(credentials)
        .where(waiting),
    ),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId: ctx.actorUserId,
      actorOrgId: orgId,
      action: 'credential.claim_link_sent',
      targetType: 'credential',
      targetId: credentialId,
      ...(auditDetails ? { details: auditDetails } : {}),
    }),
    db
      .update(claims)
      .set({ expiresAt: iso })
      .where(
        and(
          eq(claims.credentialId, credentialId),
          isNull(claims.usedAt),
          gt(claims.expiresAt, iso),
          ne(claims.tokenHash, tokenHash),
          sql`exists (select 1 from ${claims} c2 where c2.token_hash = ${tokenHash})`,
        ),
      ),
  ]);
  if (rowsChanged(inserted) === 0) throw new AppError('conflict', notWaitingReason(row.c));
  await ctx.mailer.send({
    to: email,
    subject: t('en', 'email.newLinkSubject', { org: row.o, achievement: row.a }),
    body: t('en', 'email.newLinkBody', {
      org: row.o,
      achievement: row.a,
      days: CLAIM_DAYS,
      link: `${config.PUBLIC_ORIGIN}/claim?token=${token}`,
    }),
  });
  return { email, expiresAt };
}

/** Why a credential no longer takes a new claim link, in words for the academy. */
function notWaitingReason(
  c: Pick<typeof credentials.$inferSelect, 'subjectUserId' | 'status' | 'replacedById'>,
): string {
  if (c.subjectUserId) return "It is already in the learner's passport";
  if (c.status === 'revoked') return 'It was revoked, so it cannot be claimed';
  if (c.replacedById) return 'It was renewed; the newer certificate is the one to claim';
  return 'It is no longer waiting to be claimed';
}

/** The claim row and the credential and issuer it belongs to, as the claim step reads them. */
type ClaimRow = {
  cl: typeof claims.$inferSelect;
  cr: typeof credentials.$inferSelect;
  o: typeof organisations.$inferSelect;
};

/** Reads claim rows with their credential and issuer, matching `where`. */
function claimRows(db: Database, where: SQL | undefined) {
  return db
    .select({ cl: claims, cr: credentials, o: organisations })
    .from(claims)
    .innerJoin(credentials, eq(credentials.id, claims.credentialId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(where)
    .limit(1);
}

/**
 * Claims a credential with a one-time link: re-signs it to the signed-in worker's holder DID (same id, same
 * status slot) and marks the claim used, in one batch. The unbound version was never released.
 */
export async function claimCredential(ctx: IssueContext, token: string, userId: string) {
  const rows = await claimRows(ctx.db, eq(claims.tokenHash, hashToken(token)));
  return completeClaim(ctx, rows[0], userId);
}

/**
 * Claims a credential waiting for the worker's own verified email address, without the link: the open claim for
 * that credential addressed to that email goes through the same checks and the same batch as a link.
 */
export async function claimForVerifiedEmail(ctx: IssueContext, credentialId: string, userId: string) {
  const email = await verifiedEmailOf(ctx.db, userId);
  if (!email) throw new AppError('gone', 'Confirm your email address before adding certificates sent to it');
  const rows = await claimRows(
    ctx.db,
    and(
      eq(claims.credentialId, credentialId),
      eq(claims.email, email),
      isNull(claims.usedAt),
      gt(claims.expiresAt, ctx.now.toISOString()),
    ),
  );
  return completeClaim(ctx, rows[0], userId);
}

/**
 * Completes the claim link a worker followed before confirming their email, once the confirmation proves the
 * address: only a link addressed to that same, now verified, email is claimed.
 */
export async function claimLinkForVerifiedEmail(ctx: IssueContext, token: string, userId: string) {
  const email = await verifiedEmailOf(ctx.db, userId);
  if (!email) throw new AppError('gone', 'Confirm your email address before adding certificates sent to it');
  const rows = await claimRows(ctx.db, and(eq(claims.tokenHash, hashToken(token)), eq(claims.email, email)));
  return completeClaim(ctx, rows[0], userId);
}

/** The user's email address when it is confirmed; null otherwise. */
async function verifiedEmailOf(db: Database, userId: string): Promise<string | null> {
  const rows = await db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const u = rows[0];
  return u?.verifiedAt ? u.email.toLowerCase() : null;
}

/** Checks a claim is still open and re-signs its credential to the worker in one conditional batch. */
async function completeClaim(ctx: IssueContext, row: ClaimRow | undefined, userId: string) {
  const { db, config, now } = ctx;
  if (!row || row.cl.usedAt) throw new AppError('gone', 'This claim link has already been used or does not exist');
  if (row.cl.expiresAt <= now.toISOString())
    throw new AppError('gone', 'This claim link has expired; ask the academy to send a new one');
  if (row.cr.status === 'revoked') throw new AppError('gone', 'This credential was revoked by its issuer');
  const holderDid = await ensureHolderDid(db, config, userId);
  const stored = unsecuredCredential(await bodyOf(ctx, row.cr), row.cr.format);
  if (!stored) throw new AppError('internal', 'Stored credential is unreadable');
  const { credential, securing } = stored;
  (credential.credentialSubject as { id: string }).id = holderDid;
  const signer = await signerFor(ctx, row.o, now);
  // Re-secured the way the academy chose when it issued (a JWT, or a Data Integrity proof).
  const { text: jwt } = await secureCredential(credential, signer, now, securing);
  // The re-signed text under a fresh key first; the row switches to it only if this claim wins (db/credential-bodies.ts).
  const key = freshBodyKey(row.cr.id);
  await ctx.bodies.put([{ key, body: jwt }]);
  const res = await db.batch([
    // A link is used up only while the credential is still unclaimed (another link may have won a race).
    db
      .update(claims)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(claims.tokenHash, row.cl.tokenHash),
          isNull(claims.usedAt),
          gt(claims.expiresAt, now.toISOString()),
          sql`exists (select 1 from ${credentials} where ${credentials.id} = ${row.cr.id} and ${credentials.subjectUserId} is null)`,
        ),
      ),
    db
      .update(credentials)
      .set({
        bodyRef: key,
        subjectUserId: userId,
        subjectDid: holderDid,
        kid: signer.kid.slice(signer.kid.indexOf('#') + 1),
      })
      .where(and(eq(credentials.id, row.cr.id), isNull(credentials.subjectUserId))),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId: userId,
      actorOrgId: null,
      action: 'credential.claimed',
      targetType: 'credential',
      targetId: row.cr.id,
    }),
  ]);
  if (rowsChanged(res[0]) === 0) {
    await ctx.bodies.delete([key]);
    throw new AppError('gone', 'This claim link has already been used');
  }
  // The text made out to the placeholder subject is named by no row now.
  await ctx.bodies.delete([bodyKey(row.cr)]);
  return { credentialId: row.cr.id };
}

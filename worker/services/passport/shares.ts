/**
 * Shares: a worker picks credentials and an expiry; the platform signs a verifiable presentation with the
 * worker's holder key (audience = the share link, nonce = the share id) and hands out a link with a secret
 * token (stored hashed, and sealed under the master key so its owner can see a live link again). Opening the
 * link records a view; revoking stops it at once and forgets the sealed token.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import type { CredentialBodies } from '../../../db/credential-bodies';
import { credentials, organisations, shareViews, shares } from '../../../db/schema';
import { type Config, masterKeys } from '../../config';
import { MAX_PRESENTATION_SECONDS, signPresentationJwt } from '../../credentials/presentation';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { openSealedText, sealText } from '../../lib/sealed-text';
import { holderSigner } from './holders';
import { heldCredentialTexts } from './passport';
import { issueChallenge } from '../verification/challenges';

export const SHARE_DAYS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;

export type Share = typeof shares.$inferSelect;

/** The public link of a share. */
export function shareUrl(config: Config, token: string): string {
  return `${config.PUBLIC_ORIGIN}/s/${token}`;
}

/** The audience a share's presentation is bound to: the share's own address (without the secret token). */
export function shareAudience(config: Config, shareId: string): string {
  return `${config.PUBLIC_ORIGIN}/shares/${shareId}`;
}

/**
 * Creates a share of some of the worker's own credentials. The presentation inside is signed when the share
 * is opened (presentations are short-lived by design); what is fixed here is which credentials, for how long.
 */
export async function createShare(
  db: Database,
  input: {
    userId: string;
    credentialIds: string[];
    days: number;
    label?: string | undefined;
    now: Date;
    /** When given, the token is also kept sealed under this key so the owner can show the link again. */
    masterKey?: string | undefined;
  },
) {
  const ids = [...new Set(input.credentialIds)];
  if (!ids.length)
    throw new AppError('validation_failed', 'Choose at least one credential to share', [
      { path: 'credentialIds', message: 'Choose at least one' },
    ]);
  if (ids.length > 20)
    throw new AppError('validation_failed', 'Share at most 20 credentials at once', [
      { path: 'credentialIds', message: 'At most 20' },
    ]);
  if (!SHARE_DAYS.includes(input.days as (typeof SHARE_DAYS)[number])) {
    throw new AppError('validation_failed', 'Choose how long the link works', [
      { path: 'days', message: `One of ${SHARE_DAYS.join(', ')}` },
    ]);
  }
  const own = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.subjectUserId, input.userId), inArray(credentials.id, ids)));
  if (own.length !== ids.length) throw new AppError('not_found', 'Some of those credentials are not in your passport');
  const token = newToken();
  const id = newId();
  const share: Share = {
    id,
    userId: input.userId,
    tokenHash: hashToken(token),
    tokenEnc: input.masterKey ? await sealText(input.masterKey, id, token) : null,
    label: input.label?.trim() || null,
    credentialIds: JSON.stringify(ids),
    expiresAt: new Date(input.now.getTime() + input.days * DAY_MS).toISOString(),
    revokedAt: null,
    createdAt: input.now.toISOString(),
  };
  await db.batch([
    db.insert(shares).values(share),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      action: 'share.created',
      targetType: 'share',
      targetId: share.id,
      details: { count: ids.length, days: input.days },
    }),
  ]);
  return { share, token };
}

/** Revokes one of the worker's shares. */
export async function revokeShare(db: Database, input: { userId: string; shareId: string; now: Date }) {
  const res = await db.batch([
    db
      .update(shares)
      .set({ revokedAt: input.now.toISOString(), tokenEnc: null })
      .where(and(eq(shares.id, input.shareId), eq(shares.userId, input.userId), isNull(shares.revokedAt))),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      action: 'share.revoked',
      targetType: 'share',
      targetId: input.shareId,
    }),
  ]);
  if (rowsChanged(res[0]) === 0) throw new AppError('not_found', 'No such active share');
}

/** A worker's shares with their view history, newest first. */
export async function listShares(db: Database, userId: string) {
  const rows = await db.select().from(shares).where(eq(shares.userId, userId)).orderBy(desc(shares.createdAt));
  const views = rows.length
    ? await db
        .select({ v: shareViews, orgName: organisations.name })
        .from(shareViews)
        .leftJoin(organisations, eq(organisations.id, shareViews.viewerOrgId))
        .where(
          inArray(
            shareViews.shareId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(shareViews.at))
    : [];
  return rows.map(({ tokenEnc, ...s }) => ({
    ...s,
    /** Whether the link can be shown again (its token was kept sealed). */
    linkKept: tokenEnc !== null,
    credentialIds: JSON.parse(s.credentialIds) as string[],
    views: views.filter((v) => v.v.shareId === s.id).map((v) => ({ at: v.v.at, kind: v.v.kind, by: v.orgName })),
  }));
}

/**
 * The link of one of the worker's own live shares, to show it again; null when the share is not hers, is stopped
 * or expired, or was made before links were kept (or its sealed token no longer opens).
 */
export async function liveShareLink(
  db: Database,
  config: Config,
  input: { userId: string; shareId: string; now: Date },
): Promise<{ share: Omit<Share, 'tokenEnc' | 'tokenHash'>; url: string | null } | null> {
  const rows = await db
    .select()
    .from(shares)
    .where(and(eq(shares.id, input.shareId), eq(shares.userId, input.userId), isNull(shares.revokedAt)))
    .limit(1);
  const found = rows[0];
  if (!found || found.expiresAt <= input.now.toISOString()) return null;
  const { tokenEnc, tokenHash, ...share } = found;
  const token = tokenEnc ? await openSealedText(masterKeys(config), share.id, tokenEnc) : null;
  // A token that opens but does not match the stored hash is not shown: the hash is what the link is checked by.
  const url = token && hashToken(token) === tokenHash ? shareUrl(config, token) : null;
  return { share, url };
}

export type ShareOpenError = 'not_found' | 'expired' | 'revoked';

/**
 * Opens a share by its link token: records the view (with the viewing employer when signed in) and returns a
 * freshly signed presentation (audience = the share, nonce = a stored challenge for this holder) for the verifier
 * to check.
 */
export async function openShare(
  db: Database,
  bodies: CredentialBodies,
  config: Config,
  input: { token: string; now: Date; viewerOrgId: string | null; kind: 'opened' | 'verified' },
): Promise<
  | { ok: true; share: Share; presentationJwt: string; audience: string; nonce: string }
  | { ok: false; reason: ShareOpenError }
> {
  if (!/^[a-z2-7]{20,64}$/.test(input.token)) return { ok: false, reason: 'not_found' };
  const rows = await db
    .select()
    .from(shares)
    .where(eq(shares.tokenHash, hashToken(input.token)))
    .limit(1);
  const share = rows[0];
  if (!share) return { ok: false, reason: 'not_found' };
  if (share.revokedAt) return { ok: false, reason: 'revoked' };
  if (share.expiresAt <= input.now.toISOString()) return { ok: false, reason: 'expired' };
  const ids = JSON.parse(share.credentialIds) as string[];
  const held = await heldCredentialTexts({ db, bodies }, share.userId, ids);
  const signer = await holderSigner(db, config, share.userId);
  if (!signer)
    throw new AppError('conflict', 'This passport holder signs with their own wallet; ask them for a presentation');
  const audience = shareAudience(config, share.id);
  // The verifier's challenge, stored: bound to the share's audience and this holder, consumed by the check below.
  const { challenge: nonce } = await issueChallenge(db, {
    audience,
    holder: signer.did,
    now: input.now,
    ttlSeconds: 300,
  });
  const presentationJwt = await signPresentationJwt({
    holderDid: signer.did,
    kid: signer.kid,
    privateKey: signer.privateKey,
    credentialJwts: held.map((c) => c.jwt),
    audience,
    nonce,
    validSeconds: Math.min(300, MAX_PRESENTATION_SECONDS),
    now: input.now,
  });
  await db.insert(shareViews).values({
    id: newId(),
    shareId: share.id,
    kind: input.kind,
    viewerOrgId: input.viewerOrgId,
    at: input.now.toISOString(),
  });
  return { ok: true, share, presentationJwt, audience, nonce };
}

/** Claim links: what a worker sees about a credential waiting to be claimed before they use the link. */
import { and, eq, gt, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { achievements, claims, credentials, organisations, users } from '../../../db/schema';
import { hashToken } from '../../lib/ids';

export interface ClaimView {
  /** 'replaced': closed because the issuer sent a newer link for the same certificate; 'expired': ran out of time. */
  state: 'open' | 'used' | 'expired' | 'replaced' | 'revoked';
  credentialId: string;
  achievementName: string;
  issuerName: string;
  email: string;
  expiresAt: string;
  /** Who holds the credential now (set once claimed). */
  holderUserId: string | null;
}

/** Looks a claim link up without using it; null when the token matches nothing. */
export async function findClaim(db: Database, token: string, now: Date): Promise<ClaimView | null> {
  const rows = await db
    .select({ cl: claims, cr: credentials, a: achievements.name, o: organisations.name })
    .from(claims)
    .innerJoin(credentials, eq(credentials.id, claims.credentialId))
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(eq(claims.tokenHash, hashToken(token)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  let state: ClaimView['state'] = 'open';
  if (r.cl.usedAt) state = 'used';
  else if (r.cr.status === 'revoked') state = 'revoked';
  // An old link to a certificate claimed since (with a newer link) is spent too: "use the newest email" would not work.
  else if (r.cl.expiresAt <= now.toISOString())
    state = r.cr.subjectUserId ? 'used' : (await hasNewerLink(db, r.cl)) ? 'replaced' : 'expired';
  return {
    state,
    credentialId: r.cr.id,
    achievementName: r.a,
    issuerName: r.o,
    email: r.cl.email,
    expiresAt: r.cl.expiresAt,
    holderUserId: r.cr.subjectUserId,
  };
}

/**
 * Whether a newer claim link was sent for the same certificate. Sending a new link closes the open ones by moving
 * their expiry to that moment and gives the new one a later expiry, so a link with a later expiry is a newer one
 * (also when it was sent after this one had run out of time).
 */
async function hasNewerLink(db: Database, claim: { tokenHash: string; credentialId: string; expiresAt: string }) {
  const newer = await db
    .select({ tokenHash: claims.tokenHash })
    .from(claims)
    .where(
      and(
        eq(claims.credentialId, claim.credentialId),
        ne(claims.tokenHash, claim.tokenHash),
        gt(claims.expiresAt, claim.expiresAt),
      ),
    )
    .limit(1);
  return newer.length > 0;
}

/** "w****@example.org": enough for the link holder to recognise their own address, no more. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}****${email.slice(at)}`;
}

/** A certificate issued to the worker's verified email address that is not yet in their passport. */
export interface WaitingClaim {
  credentialId: string;
  achievementName: string;
  issuerName: string;
}

/**
 * Certificates waiting for the worker however they signed in: open claims addressed to their email address, only
 * once that address is confirmed, for credentials nobody holds that are neither revoked nor replaced.
 */
export async function waitingClaimsFor(db: Database, userId: string, now: Date): Promise<WaitingClaim[]> {
  const rows = await db
    .selectDistinct({
      credentialId: credentials.id,
      achievementName: achievements.name,
      issuerName: organisations.name,
    })
    .from(users)
    .innerJoin(claims, eq(claims.email, users.email))
    .innerJoin(credentials, eq(credentials.id, claims.credentialId))
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(
      and(
        eq(users.id, userId),
        isNotNull(users.emailVerifiedAt),
        isNull(claims.usedAt),
        gt(claims.expiresAt, now.toISOString()),
        isNull(credentials.subjectUserId),
        ne(credentials.status, 'revoked'),
        isNull(credentials.replacedById),
      ),
    );
  return rows;
}

/**
 * Sessions after the Lucia guide, on @oslojs: a random token goes in the cookie, only its SHA-256 is
 * stored; expiry slides forward when a session is used past half its life.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { memberships, organisations, sessions, users } from '../../../db/schema';
import type { OrgMembership, SessionUser } from '../../context';
import { hashToken, newToken } from '../../lib/ids';

export const SESSION_COOKIE = 'cp_session';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a session and returns the token for the cookie (the only place the token exists). */
export async function createSession(db: Database, userId: string, now: Date, days: number) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const csrfSecret = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    expiresAt: expiresAt.toISOString(),
    csrfSecret,
    createdAt: now.toISOString(),
  });
  return { token, expiresAt };
}

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  csrfToken: string;
  renewed: boolean;
  user: SessionUser;
  memberships: OrgMembership[];
}

/** Looks a token up; returns the session with its user and memberships, renewing it past half-life. */
export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
  days: number,
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const id = hashToken(token);
  const rows = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now.toISOString())))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  let expiresAt = new Date(row.s.expiresAt);
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < (days * DAY_MS) / 2) {
    expiresAt = new Date(now.getTime() + days * DAY_MS);
    await db.update(sessions).set({ expiresAt: expiresAt.toISOString() }).where(eq(sessions.id, id));
    renewed = true;
  }
  return {
    sessionId: id,
    expiresAt,
    csrfToken: row.s.csrfSecret,
    renewed,
    user: toSessionUser(row.u),
    memberships: await membershipsOf(db, row.u.id),
  };
}

/** The public part of a user row. */
export function toSessionUser(u: typeof users.$inferSelect): SessionUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    isPlatformAdmin: u.isPlatformAdmin,
    emailVerified: u.emailVerifiedAt !== null,
    holderDid: u.holderDid,
  };
}

/** A user's organisations with their role in each. */
export async function membershipsOf(db: Database, userId: string): Promise<OrgMembership[]> {
  const rows = await db
    .select({
      orgId: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId));
  return rows;
}

/** Ends one session. */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user ("sign out everywhere", password change). */
export async function invalidateAllSessions(db: Database, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The Set-Cookie attributes for a session cookie. */
export function sessionCookieOptions(secure: boolean, expiresAt: Date) {
  return {
    httpOnly: true,
    secure,
    sameSite: 'Lax' as const,
    path: '/',
    expires: expiresAt,
  };
}

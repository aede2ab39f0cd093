/**
 * Signing in with an email and password: limits on failures per client address and per account, and a lockout
 * that doubles with each further failure. Every refusal looks the same.
 */
import { passwordPepper } from '../../config';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { SessionUser } from '../../context';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession, toSessionUser } from './sessions';
import { HOUR_MS } from '../../lib/dates';
import { sendVerificationEmail } from './sign-up';
import { type AccountDeps, findUserByEmail, normaliseEmail } from './accounts';
import { countSignInAttempt, signInSucceeded } from './sign-in-limits';

/** Consecutive failures before an account is locked; the lock then doubles per further failure. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_BASE_MS = 60 * 1000;
export const LOCK_MAX_MS = HOUR_MS;
export { SIGN_IN_WINDOW_SECONDS } from './sign-in-limits';

export const GENERIC_SIGN_IN_ERROR = 'Email or password is incorrect';

export type SignInResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  /** Right password, email not yet confirmed: a fresh link was sent. */
  | { ok: false; reason: 'unverified' };

/** Lock length after `failures` consecutive failures: none below the threshold, then 1 min doubling, at most 1 h. */
export function lockDurationMs(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(LOCK_BASE_MS * 2 ** Math.min(failures - LOCK_AFTER_FAILURES, 20), LOCK_MAX_MS);
}

/**
 * Checks an email and password. Failures are rate limited per client address and per account (429; a right password
 * gives its attempt back, sign-in-limits.ts); an unknown email, a wrong password and a locked account all give the
 * same answer after the same work.
 */
export async function signIn(
  deps: AccountDeps,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const { db, config, clock } = deps;
  const now = clock();
  const email = normaliseEmail(input.email);
  await countSignInAttempt(db, { email, address: input.address, perAccount: config.LOGIN_ATTEMPTS_PER_WINDOW, now });

  const user = await findUserByEmail(db, email);
  if (!user || (user.lockedUntil && user.lockedUntil > now.toISOString())) {
    await dummyVerify(passwordPepper(config));
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(passwordPepper(config), input.password, user.passwordHash))) {
    const rows = await db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    const failures = rows[0]?.failedLogins ?? 0;
    const lockMs = lockDurationMs(failures);
    if (lockMs > 0) {
      await db
        .update(users)
        .set({ lockedUntil: new Date(now.getTime() + lockMs).toISOString() })
        .where(eq(users.id, user.id));
    }
    return { ok: false, reason: 'invalid' };
  }
  await signInSucceeded(db, { email, address: input.address });
  if (user.failedLogins !== 0 || user.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  if (!user.emailVerifiedAt) {
    await sendVerificationEmail(deps, user);
    return { ok: false, reason: 'unverified' };
  }
  const { token, expiresAt } = await createSession(db, user.id, now, config.SESSION_DAYS);
  return { ok: true, user: toSessionUser(user), token, expiresAt };
}

/** Resetting a forgotten password with an emailed link, and changing a known one. */
import { passwordPepper } from '../../config';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { emailTokens, sessions, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { hit } from '../../lib/rate-limit';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { SIGN_IN_WINDOW_SECONDS } from './sign-in';
import {
  type AccountDeps,
  findUserByEmail,
  findUserById,
  limitAttempts,
  normaliseEmail,
  validationError,
} from './accounts';
import { t } from '../../../web/i18n/messages';

export const RESET_TOKEN_HOURS = 1;

/**
 * Sends a reset link (valid 1 hour) when the email has an account; does nothing visible otherwise.
 * Throws 429 only per client address, which says nothing about any account.
 */
export async function requestPasswordReset(
  deps: AccountDeps,
  input: { email: string; address: string },
): Promise<void> {
  const { db, config, clock, mailer } = deps;
  const now = clock();
  const email = normaliseEmail(input.email);
  await limitAttempts(db, `reset:addr:${input.address}`, 20, 60 * 60, now);
  // Per-email cap is silent (same page either way) so it cannot reveal an account.
  const perEmail = await hit(db, `reset:email:${email}`, 5, 60 * 60, now);
  const user = await findUserByEmail(db, email);
  if (!user || !perEmail.allowed) return;
  const token = await issueEmailToken(db, user.id, 'reset_password', now, RESET_TOKEN_HOURS);
  await mailer.send({
    to: user.email,
    subject: t('en', 'email.resetSubject'),
    body: t('en', 'email.resetBody', {
      name: user.displayName,
      link: `${config.PUBLIC_ORIGIN}/reset-password?token=${token}`,
      hours: RESET_TOKEN_HOURS,
    }),
  });
}

/** The account a reset link belongs to, if the link is still usable (it is not used up by looking). */
export async function checkResetToken(
  db: Database,
  token: string,
  now: Date,
): Promise<{ userId: string; email: string } | null> {
  const rows = await db
    .select({ userId: users.id, email: users.email })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, 'reset_password'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now.toISOString()),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Sets a new password from a reset link: the link is used up, the lockout cleared, the email counts as
 * confirmed (the link proved it), and every session ends. Returns false for an unusable link.
 */
export async function resetPassword(deps: AccountDeps, input: { token: string; password: string }): Promise<boolean> {
  const { db, config, clock } = deps;
  const now = clock();
  const owner = await checkResetToken(db, input.token, now);
  if (!owner) return false;
  const problem = passwordProblem(input.password, owner.email);
  if (problem) throw validationError('password', problem);
  const passwordHash = await hashPassword(passwordPepper(config), input.password);
  const userId = await consumeEmailToken(db, input.token, 'reset_password', now);
  if (!userId) return false;
  await db.batch([
    db
      .update(users)
      .set({
        passwordHash,
        failedLogins: 0,
        lockedUntil: null,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()})`,
      })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(db, {
      at: now,
      actorUserId: userId,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
    }),
  ]);
  return true;
}

/** Changes a password after checking the current one; ends every other session of the account. */
export async function changePassword(
  deps: AccountDeps,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  const { db, config, clock } = deps;
  const user = await findUserById(db, input.userId);
  if (!user) throw new AppError('not_found', 'Account not found');
  const now = clock();
  await limitAttempts(db, `password:user:${user.id}`, config.LOGIN_ATTEMPTS_PER_WINDOW, SIGN_IN_WINDOW_SECONDS, now);
  if (!(await verifyPassword(passwordPepper(config), input.currentPassword, user.passwordHash))) {
    throw validationError('currentPassword', 'Your current password is not right');
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw validationError('newPassword', problem);
  const passwordHash = await hashPassword(passwordPepper(config), input.newPassword);
  const others = input.keepSessionId
    ? and(eq(sessions.userId, user.id), sql`${sessions.id} <> ${input.keepSessionId}`)
    : eq(sessions.userId, user.id);
  await db.batch([
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    db.delete(sessions).where(others),
    auditInsert(db, {
      at: now,
      actorUserId: user.id,
      action: 'user.password_changed',
      targetType: 'user',
      targetId: user.id,
    }),
  ]);
}

/** Self-service sign-up and confirming an email address with a link. */
import { passwordPepper } from '../../config';
import { and, eq, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { hashPassword, passwordProblem } from './passwords';
import { hit } from '../../lib/rate-limit';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { type AccountDeps, findUserByEmail, limitAttempts, normaliseEmail, validationError } from './accounts';
import { SIGN_UPS_PER_ADDRESS_PER_HOUR } from './sign-in-limits';
import { t } from '../../../web/i18n/messages';

export const VERIFY_TOKEN_HOURS = 48;

/**
 * Self-service sign-up. Always ends the same way for the caller ("check your email"): a new address gets
 * an account and a verification link; an address that already has an account gets a warning to its owner.
 */
export async function signUp(
  deps: AccountDeps,
  input: { email: string; password: string; displayName: string; next?: string | undefined; address: string },
): Promise<void> {
  const { db, config, clock, mailer } = deps;
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw validationError('password', problem);
  const now = clock();
  await limitAttempts(db, `signup:addr:${input.address}`, SIGN_UPS_PER_ADDRESS_PER_HOUR, 60 * 60, now);
  // Hash first, whether or not the account exists, so both paths take the same time.
  const passwordHash = await hashPassword(passwordPepper(config), input.password);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    // At most one warning per address per hour, so the form cannot be used to flood someone's inbox.
    const d = await hit(db, `signup:warn:${email}`, 1, 60 * 60, now);
    if (d.allowed) {
      await mailer.send({
        to: email,
        subject: t('en', 'email.signUpTakenSubject'),
        body: t('en', 'email.signUpTakenBody', {
          name: existing.displayName,
          signIn: `${config.PUBLIC_ORIGIN}/sign-in`,
          forgot: `${config.PUBLIC_ORIGIN}/forgot-password`,
        }),
      });
    }
    return;
  }
  const id = newId();
  try {
    await db.batch([
      db.insert(users).values({
        id,
        email,
        displayName: input.displayName.trim(),
        passwordHash,
        createdAt: now.toISOString(),
      }),
      auditInsert(db, { at: now, actorUserId: id, action: 'user.signed_up', targetType: 'user', targetId: id }),
    ]);
  } catch (err) {
    // Two sign-ups with one email at the same moment: the unique index keeps one; the other sees the same page.
    if (await findUserByEmail(db, email)) return;
    throw err;
  }
  await sendVerificationEmail(deps, { id, email, displayName: input.displayName.trim() }, input.next);
}

/** Sends a verification link (valid 48 hours), carrying a return path for after sign-in. */
export async function sendVerificationEmail(
  deps: AccountDeps,
  user: { id: string; email: string; displayName: string },
  next?: string,
): Promise<void> {
  const token = await issueEmailToken(deps.db, user.id, 'verify_email', deps.clock(), VERIFY_TOKEN_HOURS);
  const url = new URL('/verify-email', deps.config.PUBLIC_ORIGIN);
  url.searchParams.set('token', token);
  // A share link's path is the worker's bearer code: it stays out of mail (the reader already has the link).
  if (next && !next.startsWith('/s/')) url.searchParams.set('next', next);
  await deps.mailer.send({
    to: user.email,
    subject: t('en', 'email.confirmSubject'),
    body: t('en', 'email.confirmBody', { name: user.displayName, link: url.toString(), hours: VERIFY_TOKEN_HOURS }),
  });
}

/** Confirms an email from a link: the account's id, or null when the link is unknown, used or expired. */
export async function verifyEmail(deps: AccountDeps, token: string): Promise<string | null> {
  const now = deps.clock();
  const userId = await consumeEmailToken(deps.db, token, 'verify_email', now);
  if (!userId) return null;
  await deps.db.batch([
    deps.db
      .update(users)
      .set({ emailVerifiedAt: now.toISOString() })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt))),
    auditInsert(deps.db, {
      at: now,
      actorUserId: userId,
      action: 'user.email_verified',
      targetType: 'user',
      targetId: userId,
    }),
  ]);
  return userId;
}

/**
 * People's accounts: sign-up, sign-in with rate limits and lockout back-off, email verification,
 * password reset and change, and profile settings. Nothing here tells a caller whether an email
 * address has an account unless they have proved they own it.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { areas, emailTokens, sessions, users } from '../../../db/schema';
import { email as emailSchema } from '../../../schemas/accounts';
import type { AppDeps, SessionUser } from '../../context';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { dummyVerify, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { hit } from '../../lib/rate-limit';
import { createSession, invalidateAllSessions, toSessionUser } from './sessions';

/** What account functions need from the runtime. */
export type AccountDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'mailer'>;

const HOUR_MS = 60 * 60 * 1000;
export const VERIFY_TOKEN_HOURS = 48;
export const RESET_TOKEN_HOURS = 1;
/** Consecutive failures before an account is locked; the lock then doubles per further failure. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_BASE_MS = 60 * 1000;
export const LOCK_MAX_MS = HOUR_MS;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Sign-in attempts per window from one client address (many people can share an address). */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 50;

export const GENERIC_SIGN_IN_ERROR = 'Email or password is incorrect';

type UserRow = typeof users.$inferSelect;

/** Lower-cases and trims an email the way every form does. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

function validationError(field: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path: field, message }]);
}

function rateLimited(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'rate_limited',
    `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
    { retryAfterSeconds },
  );
}

/** Counts a hit and throws 429 when over the limit. */
async function limit(db: Database, key: string, max: number, windowSeconds: number, now: Date): Promise<void> {
  const d = await hit(db, key, max, windowSeconds, now);
  if (!d.allowed) throw rateLimited(d.retryAfterSeconds);
}

/** The account with this email, or null. */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  /** Mark the email as already verified (admin CLI, tests, demo data). */
  verified?: boolean;
  isPlatformAdmin?: boolean;
}

/** Creates an account directly (CLI, seeds, tests). Throws conflict when the email is taken, 400 on a weak password. */
export async function createUser(deps: AccountDeps, input: NewUser): Promise<SessionUser> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) throw validationError('email', parsed.error.issues[0]?.message ?? 'Email is not valid');
  const email = parsed.data;
  const problem = passwordProblem(input.password, email);
  if (problem) throw validationError('password', problem);
  const displayName = input.displayName.trim();
  if (!displayName) throw validationError('displayName', 'Enter a name');
  if (await findUserByEmail(deps.db, email))
    throw new AppError('conflict', 'An account with that email already exists');
  const now = deps.clock();
  const row = {
    id: newId(),
    email,
    displayName,
    passwordHash: await hashPassword(deps.config.MASTER_KEY, input.password),
    emailVerifiedAt: input.verified ? now.toISOString() : null,
    isPlatformAdmin: input.isPlatformAdmin ?? false,
    createdAt: now.toISOString(),
  };
  await deps.db.batch([
    deps.db.insert(users).values(row),
    auditInsert(deps.db, {
      at: now,
      actorUserId: row.id,
      action: 'user.created',
      targetType: 'user',
      targetId: row.id,
    }),
  ]);
  const created = await findUserById(deps.db, row.id);
  if (!created) throw new AppError('internal', 'Account was not saved');
  return toSessionUser(created);
}

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
  await limit(db, `signup:addr:${input.address}`, 20, 60 * 60, now);
  // Hash first, whether or not the account exists, so both paths take the same time.
  const passwordHash = await hashPassword(config.MASTER_KEY, input.password);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    // At most one warning per address per hour, so the form cannot be used to flood someone's inbox.
    const d = await hit(db, `signup:warn:${email}`, 1, 60 * 60, now);
    if (d.allowed) {
      await mailer.send({
        to: email,
        subject: 'Someone tried to create a Care Passport account with your email',
        body: [
          `Hello ${existing.displayName},`,
          '',
          'Someone (perhaps you) tried to create a new Care Passport account with this email address, which already has an account.',
          '',
          `If it was you, sign in here: ${config.PUBLIC_ORIGIN}/sign-in`,
          `Forgotten your password? Reset it here: ${config.PUBLIC_ORIGIN}/forgot-password`,
          '',
          'If it was not you, you can ignore this message; nothing has changed.',
        ].join('\n'),
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

async function issueEmailToken(
  db: Database,
  userId: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
  hours: number,
): Promise<string> {
  const token = newToken();
  await db.insert(emailTokens).values({
    id: hashToken(token),
    userId,
    purpose,
    expiresAt: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
  });
  return token;
}

/** Single use: marks an unexpired, unused token of this purpose as used and returns its user id, or null. */
async function consumeEmailToken(
  db: Database,
  token: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
): Promise<string | null> {
  const iso = now.toISOString();
  const rows = await db
    .update(emailTokens)
    .set({ usedAt: iso })
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, iso),
      ),
    )
    .returning({ userId: emailTokens.userId });
  return rows[0]?.userId ?? null;
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
  if (next) url.searchParams.set('next', next);
  await deps.mailer.send({
    to: user.email,
    subject: 'Confirm your email for Care Passport',
    body: [
      `Hello ${user.displayName},`,
      '',
      'Please confirm your email address by opening this link:',
      url.toString(),
      '',
      `The link works once and expires in ${VERIFY_TOKEN_HOURS} hours. If you did not create an account, ignore this message.`,
    ].join('\n'),
  });
}

/** Confirms an email from a link; false when the link is unknown, used or expired. */
export async function verifyEmail(deps: AccountDeps, token: string): Promise<boolean> {
  const now = deps.clock();
  const userId = await consumeEmailToken(deps.db, token, 'verify_email', now);
  if (!userId) return false;
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
  return true;
}

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
 * Checks an email and password. Rate limited per client address and per account (429); an unknown email,
 * a wrong password and a locked account all give the same answer after the same work.
 */
export async function signIn(
  deps: AccountDeps,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const { db, config, clock } = deps;
  const now = clock();
  const email = normaliseEmail(input.email);
  await limit(db, `signin:addr:${input.address}`, SIGN_IN_ATTEMPTS_PER_ADDRESS, SIGN_IN_WINDOW_SECONDS, now);
  await limit(db, `signin:email:${email}`, config.LOGIN_ATTEMPTS_PER_WINDOW, SIGN_IN_WINDOW_SECONDS, now);

  const user = await findUserByEmail(db, email);
  if (!user || (user.lockedUntil && user.lockedUntil > now.toISOString())) {
    await dummyVerify(config.MASTER_KEY);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(config.MASTER_KEY, input.password, user.passwordHash))) {
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
  await limit(db, `reset:addr:${input.address}`, 20, 60 * 60, now);
  // Per-email cap is silent (same page either way) so it cannot reveal an account.
  const perEmail = await hit(db, `reset:email:${email}`, 5, 60 * 60, now);
  const user = await findUserByEmail(db, email);
  if (!user || !perEmail.allowed) return;
  const token = await issueEmailToken(db, user.id, 'reset_password', now, RESET_TOKEN_HOURS);
  await mailer.send({
    to: user.email,
    subject: 'Reset your Care Passport password',
    body: [
      `Hello ${user.displayName},`,
      '',
      'Someone asked to reset the password of your Care Passport account. To choose a new password, open this link:',
      `${config.PUBLIC_ORIGIN}/reset-password?token=${token}`,
      '',
      `The link works once and expires in ${RESET_TOKEN_HOURS} hour. Resetting signs you out everywhere.`,
      'If you did not ask for this, ignore this message; your password has not changed.',
    ].join('\n'),
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
  const passwordHash = await hashPassword(config.MASTER_KEY, input.password);
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
  await limit(db, `password:user:${user.id}`, config.LOGIN_ATTEMPTS_PER_WINDOW, SIGN_IN_WINDOW_SECONDS, now);
  if (!(await verifyPassword(config.MASTER_KEY, input.currentPassword, user.passwordHash))) {
    throw validationError('currentPassword', 'Your current password is not right');
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw validationError('newPassword', problem);
  const passwordHash = await hashPassword(config.MASTER_KEY, input.newPassword);
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

/** Ends every session of an account ("sign out everywhere"). */
export async function signOutEverywhere(deps: AccountDeps, userId: string): Promise<void> {
  await invalidateAllSessions(deps.db, userId);
}

/** Local authorities to choose from. */
export async function listAreas(db: Database) {
  return db.select().from(areas).orderBy(asc(areas.name));
}

/** Updates name and area; an unknown area code is a 400 on the area field. */
export async function updateProfile(
  db: Database,
  userId: string,
  input: { displayName: string; areaCode: string | null },
): Promise<void> {
  if (input.areaCode) {
    const found = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, input.areaCode)).limit(1);
    if (!found[0]) throw validationError('areaCode', 'Choose an area from the list');
  }
  await db
    .update(users)
    .set({ displayName: input.displayName.trim(), areaCode: input.areaCode })
    .where(eq(users.id, userId));
}

/** The account's saved profile (for the settings page). */
export async function profileOf(db: Database, userId: string) {
  const u = await findUserById(db, userId);
  if (!u) throw new AppError('not_found', 'Account not found');
  return {
    displayName: u.displayName,
    email: u.email,
    areaCode: u.areaCode,
    emailVerified: u.emailVerifiedAt !== null,
  };
}

/** Makes an existing account a platform admin (admin CLI); returns false when there is no such account. */
export async function makePlatformAdmin(deps: Pick<AppDeps, 'db' | 'clock'>, email: string): Promise<boolean> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return false;
  if (user.isPlatformAdmin) return true;
  await deps.db.batch([
    deps.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, user.id)),
    auditInsert(deps.db, {
      at: deps.clock(),
      action: 'user.made_platform_admin',
      targetType: 'user',
      targetId: user.id,
    }),
  ]);
  return true;
}

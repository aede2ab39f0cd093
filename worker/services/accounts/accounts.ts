/**
 * People's accounts: finding them, creating one directly (CLI, seeds, tests), platform admins, and the shared
 * checks of the account flows. Nothing here tells a caller whether an email address has an account unless they
 * have proved they own it.
 */
import { passwordPepper } from '../../config';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { users } from '../../../db/schema';
import { email as emailSchema } from '../../../schemas/accounts';
import type { AppDeps, SessionUser } from '../../context';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { hashPassword, passwordProblem } from './passwords';
import { hit } from '../../lib/rate-limit';
import { invalidateAllSessions, toSessionUser } from './sessions';

/** What account functions need from the runtime. */
export type AccountDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'mailer'>;

type UserRow = typeof users.$inferSelect;

/** Lower-cases and trims an email the way every form does. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** A 400 naming the form field at fault. */
export function validationError(field: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path: field, message }]);
}

/** The 429 every account limit answers with, saying how long to wait. */
export function rateLimited(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'rate_limited',
    `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
    { retryAfterSeconds },
  );
}

/** Counts a hit and throws 429 when over the limit. */
export async function limitAttempts(
  db: Database,
  key: string,
  max: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
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

/** The account with this id, or null. */
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
    passwordHash: await hashPassword(passwordPepper(deps.config), input.password),
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

/** Ends every session of an account ("sign out everywhere"). */
export async function signOutEverywhere(deps: AccountDeps, userId: string): Promise<void> {
  await invalidateAllSessions(deps.db, userId);
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

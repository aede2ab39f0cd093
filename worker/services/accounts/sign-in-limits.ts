/**
 * Sign-in limits that count failures only. Every attempt is counted against its client address and its account
 * before the password is checked (atomically, so a burst of parallel guesses cannot slip past), and a successful
 * attempt gives its count back: the account's counter starts again, the address gets its one attempt back. So people
 * who sign in often are never locked out, while guesses (and attempts on unknown emails) use up the budget.
 *
 * Sizes: a classroom of 30 behind one address (see SECURITY.md for the measured journey) signs up, confirms,
 * signs in and claims at once with room for typos.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { rateLimits } from '../../../db/schema';
import { hit } from '../../lib/rate-limit';
import { rateLimited } from './accounts';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins per window from one client address (a classroom shares one address). */
export const SIGN_IN_FAILURES_PER_ADDRESS = 50;
/** Sign-ups per hour from one client address: two classrooms of 30. */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 60;

const addressKey = (address: string) => `signin:addr:${address}`;
const accountKey = (email: string) => `signin:email:${email}`;

/**
 * Counts one sign-in attempt against the address and the account; throws 429 when either has used up its failures
 * in this window. Call before checking the password; call `signInSucceeded` when it was right.
 */
export async function countSignInAttempt(
  db: Database,
  input: { email: string; address: string; perAccount: number; now: Date },
): Promise<void> {
  const byAddress = await hit(
    db,
    addressKey(input.address),
    SIGN_IN_FAILURES_PER_ADDRESS,
    SIGN_IN_WINDOW_SECONDS,
    input.now,
  );
  if (!byAddress.allowed) throw rateLimited(byAddress.retryAfterSeconds);
  const byAccount = await hit(db, accountKey(input.email), input.perAccount, SIGN_IN_WINDOW_SECONDS, input.now);
  if (!byAccount.allowed) throw rateLimited(byAccount.retryAfterSeconds);
}

/** A right password: the account's failures are forgotten and the address gets this attempt back. */
export async function signInSucceeded(db: Database, input: { email: string; address: string }): Promise<void> {
  await db.batch([
    db.delete(rateLimits).where(eq(rateLimits.key, accountKey(input.email))),
    db
      .update(rateLimits)
      .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
      .where(eq(rateLimits.key, addressKey(input.address))),
  ]);
}

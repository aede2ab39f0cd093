/** One-time email links (verify an address, reset a password): only a hash of the token is stored. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { emailTokens } from '../../../db/schema';
import { hashToken, newToken } from '../../lib/ids';
import { HOUR_MS } from '../../lib/dates';

/** Stores a new one-time token for the account and returns it (for the email link). */
export async function issueEmailToken(
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
export async function consumeEmailToken(
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

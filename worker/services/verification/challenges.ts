/**
 * Challenges this service issues as a verifier (VC-API style): a random value stored with the audience (domain)
 * the presentation must name, optionally the holder expected to answer, and an expiry. A challenge is consumed once,
 * by a presentation that verified for that holder and audience; seeing a challenge is not enough to burn it.
 */
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { presentationChallenges } from '../../../db/schema';
import type { ChallengeOutcome } from '../../credentials/verify-presentation';
import { newToken } from '../../lib/ids';

/** How long a holder has to answer a challenge. */
export const CHALLENGE_TTL_SECONDS = 600;

export interface IssuedChallenge {
  challenge: string;
  audience: string;
  holder: string | null;
  expiresAt: string;
}

/** The statement that stores a challenge, for callers that write it in one batch with their own rows. */
export function challengeInsert(db: Database, row: IssuedChallenge, now: Date) {
  return db.insert(presentationChallenges).values({ ...row, createdAt: now.toISOString() });
}

/** Issues and stores a challenge for presentations to `audience` (and, when given, from `holder` only). */
export async function issueChallenge(
  db: Database,
  input: { audience: string; holder?: string | null; now: Date; ttlSeconds?: number },
): Promise<IssuedChallenge> {
  const expiresAt = new Date(input.now.getTime() + (input.ttlSeconds ?? CHALLENGE_TTL_SECONDS) * 1000).toISOString();
  const row = { challenge: newToken(), audience: input.audience, holder: input.holder ?? null, expiresAt };
  await challengeInsert(db, row, input.now);
  return row;
}

/**
 * Consumes `challenge` for a verified presentation from `holder` checked against `audience`, in one conditional
 * update (two concurrent presentations cannot both consume it); otherwise says why not.
 */
export async function consumeChallenge(
  db: Database,
  challenge: string,
  binding: { audience: string | undefined; holder: string },
  now: Date,
): Promise<ChallengeOutcome> {
  const at = now.toISOString();
  const key = challenge.slice(0, 256);
  const t = presentationChallenges;
  if (binding.audience !== undefined) {
    const consumed = await db
      .update(t)
      .set({ consumedAt: at })
      .where(
        and(
          eq(t.challenge, key),
          isNull(t.consumedAt),
          gt(t.expiresAt, at),
          eq(t.audience, binding.audience),
          or(isNull(t.holder), eq(t.holder, binding.holder)),
        ),
      )
      .returning({ challenge: t.challenge });
    if (consumed.length === 1) {
      if (Math.random() < 0.01) await db.delete(t).where(lt(t.expiresAt, at));
      return 'consumed';
    }
  }
  const [row] = await db.select().from(t).where(eq(t.challenge, key)).limit(1);
  if (!row) return 'unknown';
  if (row.consumedAt) return 'used';
  if (row.expiresAt <= at) return 'expired';
  if (row.audience !== binding.audience) return 'wrong_audience';
  return 'wrong_holder';
}

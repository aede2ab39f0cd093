/** The issuer's nonces (c_nonce) for wallet key proofs: random, short-lived, and spent by the first proof using one. */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { walletNonces } from '../../../db/schema';
import { newToken } from '../../lib/ids';

export const NONCE_SECONDS = 300;

/** Hands out a fresh nonce (and clears expired ones in the same batch). */
export async function issueNonce(db: Database, now: Date): Promise<{ nonce: string; expiresIn: number }> {
  const nonce = newToken();
  await db.batch([
    db.delete(walletNonces).where(lt(walletNonces.expiresAt, now.toISOString())),
    db.insert(walletNonces).values({ nonce, expiresAt: new Date(now.getTime() + NONCE_SECONDS * 1000).toISOString() }),
  ]);
  return { nonce, expiresIn: NONCE_SECONDS };
}

/** Spends a nonce: true only for a nonce this issuer handed out, not yet used and not expired. */
export async function spendNonce(db: Database, nonce: string, now: Date): Promise<boolean> {
  const res = await db
    .delete(walletNonces)
    .where(and(eq(walletNonces.nonce, nonce), gt(walletNonces.expiresAt, now.toISOString())))
    .returning({ nonce: walletNonces.nonce });
  // RETURNING, not a changed-rows count: libSQL and D1 report counts differently, rows the same.
  return res.length === 1;
}

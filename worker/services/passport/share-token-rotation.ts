/**
 * Share link tokens kept sealed under the master key move to a new master key with it. A token no given key opens
 * is forgotten (its owner is told to make a new link); the link itself keeps working, as it is checked by its hash.
 */
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../../db/client';
import { shares } from '../../../db/schema';
import { openSealedText, sealText } from '../../lib/sealed-text';

/** Counts of share tokens re-sealed under the new key, already under it, and forgotten because none opened them. */
export interface ShareTokenTally {
  rotated: number;
  alreadyNew: number;
  forgotten: number;
}

/** Re-seals every kept share token under `newKey`, in small batches of conditional updates (safe to rerun). */
export async function resealShareTokens(
  db: Database,
  opts: { oldKeys: readonly string[]; newKey: string; batchSize: number },
): Promise<ShareTokenTally> {
  const tally: ShareTokenTally = { rotated: 0, alreadyNew: 0, forgotten: 0 };
  let after = '';
  for (;;) {
    const rows = await db
      .select({ id: shares.id, blob: shares.tokenEnc })
      .from(shares)
      .where(and(gt(shares.id, after), isNotNull(shares.tokenEnc)))
      .orderBy(shares.id)
      .limit(opts.batchSize);
    if (!rows.length) return tally;
    after = rows[rows.length - 1]!.id;
    const swaps: BatchItem<'sqlite'>[] = [];
    for (const row of rows) {
      const blob = row.blob ?? '';
      if ((await openSealedText([opts.newKey], row.id, blob)) !== null) {
        tally.alreadyNew++;
        continue;
      }
      const token = await openSealedText(opts.oldKeys, row.id, blob);
      const next = token === null ? null : await sealText(opts.newKey, row.id, token);
      if (next === null) tally.forgotten++;
      else tally.rotated++;
      swaps.push(
        db
          .update(shares)
          .set({ tokenEnc: next })
          .where(and(eq(shares.id, row.id), eq(shares.tokenEnc, blob))),
      );
    }
    if (swaps.length) await db.batch(swaps as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  }
}

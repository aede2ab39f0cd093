/**
 * Master-key rotation: re-encrypts every private key held at rest (issuer keys and platform-held holder keys) under
 * a new master key, in small batches. Each row is swapped by a conditional update (only if its blob is still the one
 * read), and a batch is one db.batch, so after a crash every blob is either the old one or the new one: every key
 * opens under the old or the new master key, and a rerun skips rows already under the new key (AES-GCM's tag tells
 * which key encrypted a blob) and finishes the rest.
 */
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../../db/client';
import { issuerKeys, users } from '../../../db/schema';
import {
  KeyDecryptionError,
  decryptPrivateKey,
  decryptPrivateKeyWithAny,
  encryptPrivateKey,
} from '../../credentials/keys';
import { auditInsert } from '../../lib/audit';
import { type ShareTokenTally, resealShareTokens } from '../passport/share-token-rotation';

/** Rows re-encrypted per batch (one bound parameter pair per row, far below D1's 100 per statement). */
export const ROTATION_BATCH_SIZE = 50;

export interface RotationOptions {
  /** Keys that may open the current blobs (the old master key, and any key a blob may still be under). */
  oldKeys: readonly string[];
  newKey: string;
  batchSize?: number;
  now: Date;
  /** Called after each committed batch with the rows rotated so far; lets a test stop the run mid-way. */
  afterBatch?: (rotatedSoFar: number) => void | Promise<void>;
}

export interface RotationTally {
  /** Rows re-encrypted by this run. */
  rotated: number;
  /** Rows already under the new key (done by an earlier, interrupted run, or created since with the new key). */
  alreadyNew: number;
}

export interface RotationReport {
  issuerKeys: RotationTally;
  holderKeys: RotationTally;
  /** Share link tokens kept so their owners can see them again (not private keys: not counted by keysNotUnder). */
  shareTokens: ShareTokenTally;
}

/** A table's encrypted-key column, read in primary-key order so a run pages through it once. */
interface KeyColumn {
  page: (after: string, size: number) => Promise<{ id: string; blob: string }[]>;
  /** The conditional update that replaces `from` by `to` (a no-op if the row changed since it was read). */
  swap: (id: string, from: string, to: string) => BatchItem<'sqlite'>;
}

function issuerKeyColumn(db: Database): KeyColumn {
  return {
    page: (after, size) =>
      db
        .select({ id: issuerKeys.kid, blob: issuerKeys.privateKeyEnc })
        .from(issuerKeys)
        .where(gt(issuerKeys.kid, after))
        .orderBy(asc(issuerKeys.kid))
        .limit(size),
    swap: (id, from, to) =>
      db
        .update(issuerKeys)
        .set({ privateKeyEnc: to })
        .where(and(eq(issuerKeys.kid, id), eq(issuerKeys.privateKeyEnc, from))),
  };
}

function holderKeyColumn(db: Database): KeyColumn {
  return {
    page: async (after, size) => {
      const rows = await db
        .select({ id: users.id, blob: users.holderKeyEnc })
        .from(users)
        .where(and(gt(users.id, after), isNotNull(users.holderKeyEnc)))
        .orderBy(asc(users.id))
        .limit(size);
      return rows.map((r) => ({ id: r.id, blob: r.blob ?? '' }));
    },
    swap: (id, from, to) =>
      db
        .update(users)
        .set({ holderKeyEnc: to })
        .where(and(eq(users.id, id), eq(users.holderKeyEnc, from))),
  };
}

/** True when the blob opens under `key` (GCM's tag says whether this key encrypted it). */
export async function opensWith(key: string, blob: string): Promise<boolean> {
  try {
    await decryptPrivateKey(key, blob);
    return true;
  } catch (err) {
    if (err instanceof KeyDecryptionError) return false;
    throw err;
  }
}

async function rotateColumn(db: Database, column: KeyColumn, opts: RotationOptions, report: RotationReport) {
  const tally: RotationTally = { rotated: 0, alreadyNew: 0 };
  const size = opts.batchSize ?? ROTATION_BATCH_SIZE;
  let after = '';
  for (;;) {
    const rows = await column.page(after, size);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const swaps: BatchItem<'sqlite'>[] = [];
    for (const row of rows) {
      if (await opensWith(opts.newKey, row.blob)) {
        tally.alreadyNew++;
        continue;
      }
      // A blob no given key opens stops the run before anything in this batch is written.
      const jwk = await decryptPrivateKeyWithAny(opts.oldKeys, row.blob);
      swaps.push(column.swap(row.id, row.blob, await encryptPrivateKey(opts.newKey, jwk)));
    }
    if (swaps.length) {
      await db.batch(swaps as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
      tally.rotated += swaps.length;
      await opts.afterBatch?.(report.issuerKeys.rotated + report.holderKeys.rotated + tally.rotated);
    }
  }
  return tally;
}

/**
 * Re-encrypts every stored private key under `newKey`; safe to run again after an interruption (it finishes the
 * rest), and while the service runs with MASTER_KEY = new key and MASTER_KEY_PREVIOUS = old key.
 */
export async function rotateMasterKey(db: Database, opts: RotationOptions): Promise<RotationReport> {
  if (opts.oldKeys.includes(opts.newKey)) throw new Error('The new master key must differ from the old one');
  const report: RotationReport = {
    issuerKeys: { rotated: 0, alreadyNew: 0 },
    holderKeys: { rotated: 0, alreadyNew: 0 },
    shareTokens: { rotated: 0, alreadyNew: 0, forgotten: 0 },
  };
  report.issuerKeys = await rotateColumn(db, issuerKeyColumn(db), opts, report);
  report.holderKeys = await rotateColumn(db, holderKeyColumn(db), opts, report);
  report.shareTokens = await resealShareTokens(db, { ...opts, batchSize: opts.batchSize ?? ROTATION_BATCH_SIZE });
  const left = await keysNotUnder(db, opts.newKey);
  // A row swapped concurrently (e.g. a holder key created under the old key meanwhile) is picked up by a rerun.
  if (left > 0) throw new Error(`${left} private keys are still not under the new master key; run the command again`);
  await auditInsert(db, {
    at: opts.now,
    action: 'master_key.rotated',
    targetType: 'platform',
    details: { issuerKeys: report.issuerKeys.rotated, holderKeys: report.holderKeys.rotated },
  });
  return report;
}

/** How many stored private keys do not open under `key` (0 once a rotation to it is complete). */
export async function keysNotUnder(db: Database, key: string): Promise<number> {
  let left = 0;
  for (const column of [issuerKeyColumn(db), holderKeyColumn(db)]) {
    let after = '';
    for (;;) {
      const rows = await column.page(after, 500);
      if (!rows.length) break;
      after = rows[rows.length - 1]!.id;
      for (const row of rows) if (!(await opensWith(key, row.blob))) left++;
    }
  }
  return left;
}

/**
 * Cohort batches as stored: a checked upload kept for preview (one batch per content), its rows and progress, and
 * the academy's confirmation that starts issuing.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import type { CredentialBodies } from '../../../db/credential-bodies';
import { credentials, issueBatches, issueBatchRows } from '../../../db/schema';
import type { CohortColumn } from '../../../schemas/academy';
import type { Config } from '../../config';
import type { Mailer } from '../../context';
import type { Signing } from '../../credentials/signing';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert, auditInsertIfChanged } from '../../lib/audit';
import { type CheckedRow, type RowError, cohortHash } from './cohort-csv';
import type { CacheKit } from '../../lib/cache-kit';
import { expiredOnIssue } from './credential-signing';

export type Batch = typeof issueBatches.$inferSelect;
export type BatchRow = typeof issueBatchRows.$inferSelect;

/** Row data as stored (JSON in issue_batch_rows.data). */
export type StoredRowData = Partial<Record<CohortColumn, string>>;

/** A stored row's values (empty when unreadable). */
export function rowData(r: Pick<BatchRow, 'data'>): StoredRowData {
  try {
    return JSON.parse(r.data) as StoredRowData;
  } catch {
    return {};
  }
}

/** A stored row's problems, whatever shape the error was saved in. */
export function rowErrors(r: Pick<BatchRow, 'error'>): RowError[] {
  if (!r.error) return [];
  try {
    const v = JSON.parse(r.error);
    return Array.isArray(v) ? (v as RowError[]) : [{ field: '_row', message: String(v) }];
  } catch {
    return [{ field: '_row', message: r.error }];
  }
}

/** Largest JSON text bound to one insert (D1 caps a value at 2 MB). */
const ROWS_JSON_BYTES = 400_000;

/**
 * One INSERT ... SELECT over a JSON array of rows (one bound value however many rows), written with the query
 * builder so it batches on D1 as well as libSQL (a raw `db.run(sql)` statement with values does not batch on D1).
 */
function rowsInsert(db: Database, batchId: string, json: string) {
  const field = (name: string) => sql`json_extract(value, ${`$.${name}`})`;
  return db.insert(issueBatchRows).select(
    db
      .select({
        batchId: sql<string>`${batchId}`.as('batch_id'),
        rowNo: sql<number>`${field('r')}`.as('row_no'),
        data: sql<string>`${field('d')}`.as('data'),
        state: sql<'invalid' | 'pending'>`${field('s')}`.as('state'),
        error: sql<string | null>`${field('e')}`.as('error'),
        credentialId: sql<null>`NULL`.as('credential_id'),
      })
      .from(sql`json_each(${json})`),
  );
}

/** Inserts many batch rows with one bound JSON value per statement (D1 allows 100 parameters per statement). */
function rowInserts(db: Database, batchId: string, rows: CheckedRow[]) {
  const out: ReturnType<typeof rowsInsert>[] = [];
  let chunk: unknown[] = [];
  let size = 0;
  const flush = () => {
    if (!chunk.length) return;
    out.push(rowsInsert(db, batchId, JSON.stringify(chunk)));
    chunk = [];
    size = 0;
  };
  for (const r of rows) {
    const item = {
      r: r.rowNo,
      d: JSON.stringify(r.values),
      s: r.row ? 'pending' : 'invalid',
      e: r.errors.length ? JSON.stringify(r.errors) : null,
    };
    const n = item.d.length + (item.e?.length ?? 0) + 40;
    if (size + n > ROWS_JSON_BYTES) flush();
    chunk.push(item);
    size += n;
  }
  flush();
  return out;
}

export interface NewBatch {
  orgId: string;
  achievementId: string;
  fileName: string | null;
  rows: CheckedRow[];
  createdBy: string | null;
  now: Date;
}

/**
 * Stores a checked cohort for preview, or finds the batch already stored for the same content (same
 * achievement, same normalised rows): re-uploading a file never makes a second batch.
 */
export async function storeBatch(db: Database, input: NewBatch): Promise<{ batch: Batch; existing: boolean }> {
  const contentHash = cohortHash(input.achievementId, input.rows);
  const find = async () =>
    (
      await db
        .select()
        .from(issueBatches)
        .where(and(eq(issueBatches.orgId, input.orgId), eq(issueBatches.contentHash, contentHash)))
        .limit(1)
    )[0];
  const found = await find();
  if (found) return { batch: found, existing: true };
  const batch: Batch = {
    id: newId(),
    orgId: input.orgId,
    achievementId: input.achievementId,
    contentHash,
    fileName: input.fileName,
    status: 'preview',
    totalRows: input.rows.length,
    validRows: input.rows.filter((r) => r.row).length,
    createdBy: input.createdBy,
    createdAt: input.now.toISOString(),
    confirmedAt: null,
    completedAt: null,
  };
  try {
    await db.batch([
      db.insert(issueBatches).values(batch),
      ...rowInserts(db, batch.id, input.rows),
      auditInsert(db, {
        at: input.now,
        actorUserId: input.createdBy,
        actorOrgId: input.orgId,
        action: 'batch.uploaded',
        targetType: 'issue_batch',
        targetId: batch.id,
        details: {
          achievementId: input.achievementId,
          rows: batch.totalRows,
          valid: batch.validRows,
          fileName: input.fileName,
        },
      }),
    ]);
  } catch (err) {
    // The same file uploaded twice at once: the other request stored it first.
    const raced = await find();
    if (raced) return { batch: raced, existing: true };
    throw err;
  }
  return { batch, existing: false };
}

/** A batch of an organisation; 404 when it is someone else's. */
export async function getBatch(db: Database, orgId: string, batchId: string): Promise<Batch> {
  const rows = await db
    .select()
    .from(issueBatches)
    .where(and(eq(issueBatches.id, batchId), eq(issueBatches.orgId, orgId)))
    .limit(1);
  if (!rows[0]) throw new AppError('not_found', 'No such cohort upload in this organisation');
  return rows[0];
}

/** A batch's rows in order, optionally only some states, with paging. */
export async function batchRows(
  db: Database,
  batchId: string,
  opts: { states?: BatchRow['state'][]; limit?: number; offset?: number } = {},
): Promise<BatchRow[]> {
  const where = opts.states?.length
    ? and(eq(issueBatchRows.batchId, batchId), inArray(issueBatchRows.state, opts.states))
    : eq(issueBatchRows.batchId, batchId);
  return db
    .select()
    .from(issueBatchRows)
    .where(where)
    .orderBy(asc(issueBatchRows.rowNo))
    .limit(opts.limit ?? 100_000)
    .offset(opts.offset ?? 0);
}

export interface BatchProgress {
  batchId: string;
  status: Batch['status'];
  /** Valid rows processed (issued or failed). */
  done: number;
  /** Valid rows to process. */
  total: number;
  issued: number;
  failed: number;
  invalid: number;
  pending: number;
  finished: boolean;
  /** Why issuing cannot go on right now (e.g. the academy is suspended). */
  blocked?: string;
}

/** Counts of a batch's rows by state. */
export async function batchProgress(db: Database, batch: Batch, blocked?: string): Promise<BatchProgress> {
  const rows = await db
    .select({ state: issueBatchRows.state, n: count() })
    .from(issueBatchRows)
    .where(eq(issueBatchRows.batchId, batch.id))
    .groupBy(issueBatchRows.state);
  const n = (s: BatchRow['state']) => rows.find((r) => r.state === s)?.n ?? 0;
  const issued = n('issued');
  const failed = n('failed');
  return {
    batchId: batch.id,
    status: batch.status,
    done: issued + failed,
    total: batch.validRows,
    issued,
    failed,
    invalid: n('invalid'),
    pending: n('pending'),
    finished: batch.status === 'done',
    ...(blocked ? { blocked } : {}),
  };
}

/**
 * Confirms a previewed batch: from now on it is issued. Idempotent: confirming an issuing or finished batch
 * changes nothing. Returns whether this call confirmed it.
 */
export async function confirmBatch(
  db: Database,
  batch: Batch,
  actorUserId: string | null,
  now: Date,
): Promise<boolean> {
  if (batch.status !== 'preview') return false;
  if (batch.validRows === 0)
    throw new AppError('conflict', 'No row of this file can be issued; fix the errors and upload it again');
  const res = await db.batch([
    db
      .update(issueBatches)
      .set({ status: 'issuing', confirmedAt: now.toISOString() })
      .where(and(eq(issueBatches.id, batch.id), eq(issueBatches.status, 'preview'))),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId,
      actorOrgId: batch.orgId,
      action: 'batch.confirmed',
      targetType: 'issue_batch',
      targetId: batch.id,
      details: { valid: batch.validRows },
    }),
  ]);
  return rowsChanged(res[0]) > 0;
}

/** What processing needs: storage, configuration, the mail transport, the clock and the runtime's Ed25519. */
export interface BatchDeps {
  db: Database;
  bodies: CredentialBodies;
  config: Config;
  caches: CacheKit;
  mailer: Mailer;
  clock: () => Date;
  signing: Signing;
}

/** An organisation's most recent batches with their achievement names. */
export async function recentBatches(db: Database, orgId: string, limit = 10) {
  return db
    .select()
    .from(issueBatches)
    .where(eq(issueBatches.orgId, orgId))
    .orderBy(desc(issueBatches.createdAt))
    .limit(limit);
}

/**
 * Learners of an upload who already hold a valid, unrenewed certificate of the same achievement: a hint in the
 * preview, since a changed file re-uploaded would issue them a second one.
 */
export async function existingHolders(
  db: Database,
  achievementId: string,
  rows: { rowNo: number; data: StoredRowData }[],
) {
  const rowOf = new Map<string, number>();
  for (const r of rows) if (r.data.email && !rowOf.has(r.data.email)) rowOf.set(r.data.email, r.rowNo);
  const emails = [...rowOf.keys()];
  const out: { rowNo: number; email: string; issuedAt: string }[] = [];
  for (let i = 0; i < emails.length; i += 90) {
    const found = await db
      .select({ email: credentials.subjectEmail, issuedAt: credentials.issuedAt })
      .from(credentials)
      .where(
        and(
          eq(credentials.achievementId, achievementId),
          eq(credentials.status, 'active'),
          isNull(credentials.replacedById),
          inArray(credentials.subjectEmail, emails.slice(i, i + 90)),
        ),
      );
    for (const f of found) {
      if (f.email && !out.some((o) => o.email === f.email))
        out.push({ rowNo: rowOf.get(f.email)!, email: f.email, issuedAt: f.issuedAt });
    }
  }
  return out.sort((a, b) => a.rowNo - b.rowNo);
}

/**
 * Rows whose completion date makes the certificate expired before it is issued. They are not refused: the preview (and
 * the API's answer to an upload) names each with the day it expired; confirming on the page issues them as records of
 * past training, as ticking "Issue it anyway" does for one learner, and the API confirms them only with allowExpired.
 */
export function expiredOnIssueRows(
  achievement: Parameters<typeof expiredOnIssue>[0],
  rows: { rowNo: number; data: StoredRowData }[],
  now: Date,
): { rowNo: number; email: string; expiredAt: string }[] {
  return rows.flatMap((r) => {
    const at = expiredOnIssue(achievement, r.data.completion_date, now);
    return at ? [{ rowNo: r.rowNo, email: r.data.email ?? '', expiredAt: at.toISOString() }] : [];
  });
}

/** The rows of a batch still to issue whose completion date makes the certificate expired before it is issued. */
export async function expiredPendingRows(
  db: Database,
  batchId: string,
  achievement: Parameters<typeof expiredOnIssue>[0],
  now: Date,
): Promise<{ rowNo: number; email: string; expiredAt: string }[]> {
  const pending = (await batchRows(db, batchId, { states: ['pending'] })).map((r) => ({ ...r, data: rowData(r) }));
  return expiredOnIssueRows(achievement, pending, now);
}

/**
 * Issuing a confirmed cohort batch in chunks, a little at a time, from any number of requests or the CLI.
 *
 * Crash safety rests on two facts. (1) credentials(batch_id, batch_row) is unique and each chunk is stored by one
 * issueCredentials call (one db.batch: all of the chunk or none), so a row can never get two credentials. (2) A row
 * is marked 'issued' only after its credential is stored AND its notice sent, and that mark is derived from the
 * credentials table. A crash anywhere leaves rows 'pending'; the next run marks rows that already have a credential
 * (re-sending their notice with a fresh claim link: notices are at-least-once) and issues the rest.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { credentials, issueBatches, issueBatchRows } from '../../../db/schema';
import { MAX_COHORT_ROWS } from '../../../schemas/academy';
import { AppError } from '../../errors';
import { auditInsertIfChanged } from '../../lib/audit';
import type { IssuedCredential, LoadedAchievement, Recipient } from './issue-types';
import { issueCredentials, loadAchievement } from './issuance';
import { sendIssueNotices } from './claim-links';
import {
  type Batch,
  type BatchDeps,
  type BatchProgress,
  type BatchRow,
  batchProgress,
  getBatch,
  rowData,
} from './cohort-batches';
import { markIssued, namesOf, repairStranded } from './cohort-stranded';
import { issueContext } from './issue-types';

export interface ProcessOptions {
  actorUserId: string | null;
  /** Wall-clock time to spend before returning (a chunk started is finished). */
  budgetMs?: number;
  /** Rows per issueCredentials call. */
  chunkSize?: number;
  /**
   * Rows found with a credential but not yet marked are taken over only when that credential is at least this old,
   * so a concurrent run that is still emailing them is not doubled. The CLI passes 0.
   */
  repairAfterMs?: number;
}

export const CHUNK_SIZE = 50;

function recipientOf(r: BatchRow): Recipient {
  const d = rowData(r);
  const evidence = {
    assessorName: d.assessor_name,
    assessedOn: d.assessed_on,
    score: d.score,
    notes: d.notes,
  };
  return {
    email: d.email ?? '',
    name: d.name ?? '',
    completedOn: d.completion_date,
    evidence: Object.values(evidence).some(Boolean) ? evidence : undefined,
    batchRow: r.rowNo,
  };
}

/** Pending rows that have no credential yet: the next to issue. */
async function nextRows(db: Database, batchId: string, limit: number): Promise<BatchRow[]> {
  return db
    .select({ r: issueBatchRows })
    .from(issueBatchRows)
    .leftJoin(
      credentials,
      and(eq(credentials.batchId, issueBatchRows.batchId), eq(credentials.batchRow, issueBatchRows.rowNo)),
    )
    .where(
      and(eq(issueBatchRows.batchId, batchId), eq(issueBatchRows.state, 'pending'), sql`${credentials.id} IS NULL`),
    )
    .orderBy(asc(issueBatchRows.rowNo))
    .limit(limit)
    .then((rows) => rows.map((x) => x.r));
}

function failRows(db: Database, batchId: string, rowNos: number[], message: string) {
  return db
    .update(issueBatchRows)
    .set({ state: 'failed', error: JSON.stringify([{ field: '_row', message }]) })
    .where(
      and(
        eq(issueBatchRows.batchId, batchId),
        eq(issueBatchRows.state, 'pending'),
        inArray(issueBatchRows.rowNo, rowNos),
      ),
    );
}

/** True when storing failed because a credential for one of the rows already exists (a concurrent run stored it). */
function isBatchRowClash(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if (/UNIQUE constraint failed: credentials\.batch_id/.test(e instanceof Error ? e.message : String(e))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Issues one chunk; a row-specific failure is isolated by retrying the rows one by one. */
async function issueChunk(
  deps: BatchDeps,
  loaded: LoadedAchievement,
  batchId: string,
  rows: BatchRow[],
  actorUserId: string | null,
) {
  const { db, config, mailer } = deps;
  let issued: IssuedCredential[];
  try {
    issued = await issueCredentials(issueContext(deps, actorUserId), loaded, rows.map(recipientOf), {
      batchId,
    });
  } catch (err) {
    // Another run stored some of these rows first; nothing of this call was stored. Go on with the rest.
    if (isBatchRowClash(err)) return;
    // Storage or programming errors leave the rows pending for the next run; only a refusal fails a row.
    if (!(err instanceof AppError) || err.code === 'internal') throw err;
    if (rows.length === 1) {
      await failRows(db, batchId, [rows[0]!.rowNo], err.message);
      return;
    }
    for (const r of rows) await issueChunk(deps, loaded, batchId, [r], actorUserId);
    return;
  }
  await sendIssueNotices(mailer, config, loaded.org.name, loaded.achievement.name, issued);
  await markIssued(
    db,
    batchId,
    rows.map((r) => r.rowNo),
  );
}

/** Marks an issuing batch done once no row is pending. */
async function finishIfDone(db: Database, batch: Batch, actorUserId: string | null, now: Date): Promise<boolean> {
  const pending = await db.$count(
    issueBatchRows,
    and(eq(issueBatchRows.batchId, batch.id), eq(issueBatchRows.state, 'pending')),
  );
  if (pending > 0) return false;
  await db.batch([
    db
      .update(issueBatches)
      .set({ status: 'done', completedAt: now.toISOString() })
      .where(and(eq(issueBatches.id, batch.id), eq(issueBatches.status, 'issuing'))),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId,
      actorOrgId: batch.orgId,
      action: 'batch.completed',
      targetType: 'issue_batch',
      targetId: batch.id,
    }),
  ]);
  return true;
}

/**
 * Works on a confirmed batch for about `budgetMs`: takes over stranded rows, then issues chunk after chunk.
 * Safe to call again and again, from several requests at once, or after a crash; returns the progress.
 */
export async function processBatch(
  deps: BatchDeps,
  orgId: string,
  batchId: string,
  opts: ProcessOptions,
): Promise<BatchProgress> {
  const { db, clock } = deps;
  const started = Date.now();
  const budget = opts.budgetMs ?? 2000;
  const chunkSize = opts.chunkSize ?? CHUNK_SIZE;
  let batch = await getBatch(db, orgId, batchId);
  if (batch.status !== 'issuing') return batchProgress(db, batch);
  const repairBefore = new Date(clock().getTime() - (opts.repairAfterMs ?? 60_000)).toISOString();
  let loaded: LoadedAchievement;
  try {
    loaded = await loadAchievement(db, orgId, batch.achievementId);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
    // The achievement was archived after confirming: rows not yet issued cannot be; stored ones are finished off.
    const left = (await nextRows(db, batchId, MAX_COHORT_ROWS)).map((r) => r.rowNo);
    for (let i = 0; i < left.length; i += 90) await failRows(db, batchId, left.slice(i, i + 90), err.message);
    const names = await namesOf(db, batch);
    while (await repairStranded(deps, names, batchId, repairBefore, chunkSize)) {}
    await finishIfDone(db, batch, opts.actorUserId, clock());
    return batchProgress(db, await getBatch(db, orgId, batchId));
  }
  if (loaded.org.status !== 'approved') {
    return batchProgress(db, batch, 'Issuing is paused: the organisation is not approved to issue at the moment.');
  }
  const names = { orgName: loaded.org.name, achievementName: loaded.achievement.name };
  while (await repairStranded(deps, names, batchId, repairBefore, chunkSize)) {
    if (Date.now() - started > budget) return batchProgress(db, batch);
  }
  for (;;) {
    const rows = await nextRows(db, batchId, chunkSize);
    if (!rows.length) {
      if (await finishIfDone(db, batch, opts.actorUserId, clock())) batch = await getBatch(db, orgId, batchId);
      break;
    }
    await issueChunk(deps, loaded, batchId, rows, opts.actorUserId);
    if (Date.now() - started > budget) break;
  }
  return batchProgress(db, batch);
}

/** Runs a confirmed batch to the end (CLI and tests); rows stranded by a crash are taken over at once. */
export async function runBatchToEnd(deps: BatchDeps, orgId: string, batchId: string): Promise<BatchProgress> {
  for (;;) {
    const p = await processBatch(deps, orgId, batchId, { actorUserId: null, budgetMs: 60_000, repairAfterMs: 0 });
    if (p.finished || p.blocked) return p;
  }
}

/** Batches confirmed but not finished (for the CLI to finish). */
export async function unfinishedBatches(db: Database) {
  return db
    .select({ id: issueBatches.id, orgId: issueBatches.orgId, confirmedAt: issueBatches.confirmedAt })
    .from(issueBatches)
    .where(eq(issueBatches.status, 'issuing'))
    .orderBy(asc(issueBatches.confirmedAt));
}

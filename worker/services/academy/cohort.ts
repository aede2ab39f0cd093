/**
 * Issuing to a cohort: parse a CSV (or API rows), validate every row, store a batch for preview, then issue in
 * chunks once the academy confirms.
 *
 * Crash safety rests on two facts. (1) credentials(batch_id, batch_row) is unique and each chunk is stored by one
 * issueCredentials call (one db.batch: all of the chunk or none), so a row can never get two credentials. (2) A row
 * is marked 'issued' only after its credential is stored AND its notice sent, and that mark is derived from the
 * credentials table. A crash anywhere leaves rows 'pending'; the next run marks rows that already have a credential
 * (re-sending their notice with a fresh claim link: notices are at-least-once) and issues the rest.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import type { Database } from '../../../db/client';
import { achievements, claims, credentials, issueBatches, issueBatchRows, organisations } from '../../../db/schema';
import {
  COHORT_COLUMNS,
  type CohortColumn,
  type CohortRow,
  MAX_COHORT_ROWS,
  REQUIRED_COHORT_COLUMNS,
  cohortRow,
} from '../../../schemas/academy';
import { readUkDate } from '../../../schemas/dates';
import type { Config } from '../../config';
import type { Mailer } from '../../context';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { auditInsert, auditInsertIfChanged } from '../../lib/audit';
import {
  CLAIM_DAYS,
  type IssuedCredential,
  type LoadedAchievement,
  type Recipient,
  issueCredentials,
  loadAchievement,
  sendIssueNotices,
} from './issuance';

// ---------------------------------------------------------------- CSV

/** A problem with the whole file (no batch is stored). */
export class CohortFileError extends AppError {
  constructor(message: string) {
    super('validation_failed', message, [{ path: 'file', message }]);
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter of a CSV file, read from its first non-blank line outside quotes: a comma, or the semicolon
 * that Excel writes in locales whose decimal mark is a comma, or a tab. Ties go to the comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
    if (ch.trim() !== '') seen = true;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * Parses CSV text (RFC 4180, tolerant): optional UTF-8 BOM, CRLF/LF/CR line ends, quoted fields holding commas,
 * doubled quotes and line breaks. A quote inside an unquoted field is kept as text. Stops with an error after
 * `maxRecords` records or at an unclosed quote.
 */
export function parseCsv(
  text: string,
  maxRecords = Number.POSITIVE_INFINITY,
  tooMany = `The file has more than ${maxRecords} rows`,
  delimiter: CsvDelimiter = ',',
): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const endRecord = () => {
    record.push(field);
    field = '';
    records.push(record);
    record = [];
    if (records.length > maxRecords) throw new CohortFileError(tooMany);
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: runs to the next lone quote; "" is a literal quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= s.length)
          throw new CohortFileError(`A quoted value starting on line ${startLine} is never closed (a " is missing)`);
        const c = s[i]!;
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      // Text after the closing quote up to the delimiter is kept (as spreadsheets do).
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      endRecord();
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length) endRecord();
  return records;
}

/** Header names as people write them, mapped to our columns. */
const HEADER_ALIASES: Record<string, CohortColumn> = {
  full_name: 'name',
  learner_name: 'name',
  learner: 'name',
  email_address: 'email',
  e_mail: 'email',
  completed_on: 'completion_date',
  date_completed: 'completion_date',
  completion: 'completion_date',
  assessor: 'assessor_name',
  assessment_date: 'assessed_on',
  observation_notes: 'notes',
};

function headerKey(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface RowError {
  field: string;
  message: string;
}

/** One data row after validation: its number as a spreadsheet shows it, the values, and its errors. */
export interface CheckedRow {
  /** Row number counting the header as row 1 (for CSV), or position from 1 (for API rows). */
  rowNo: number;
  /** Trimmed values as given (emails lower-cased when valid), by column. */
  values: Partial<Record<CohortColumn, string>>;
  /** Present when the row is valid. */
  row?: CohortRow;
  errors: RowError[];
}

export interface CheckedCohort {
  rows: CheckedRow[];
  /** Columns in the file that are not used (shown as a note). */
  ignoredColumns: string[];
}

const todayOf = (now: Date) => now.toISOString().slice(0, 10);
/** Columns holding dates, read day first as people in the UK write them. */
const DATE_COLUMNS = ['completion_date', 'assessed_on'] as const;
/** Earliest completion date accepted (legacy NVQ/QCF awards go back decades). */
const EARLIEST = '1950-01-01';

/** Validates raw rows (column -> text); every row is checked, nothing stops at the first error. */
export function checkRows(raw: { rowNo: number; values: Record<string, string> }[], now: Date): CheckedRow[] {
  const today = todayOf(now);
  const firstByEmail = new Map<string, number>();
  return raw.map(({ rowNo, values }) => {
    const trimmed: Partial<Record<CohortColumn, string>> = {};
    for (const col of COHORT_COLUMNS) {
      const v = values[col];
      if (v !== undefined && v.trim() !== '') trimmed[col] = v.trim();
    }
    // UK day-first dates are stored as YYYY-MM-DD, so the preview, the range checks and issuing read one form.
    for (const col of DATE_COLUMNS) {
      const v = trimmed[col];
      const read = v === undefined ? null : readUkDate(v);
      if (read?.ok) trimmed[col] = read.iso;
    }
    const errors: RowError[] = [];
    const r = cohortRow.safeParse(trimmed);
    let row: CohortRow | undefined;
    if (r.success) row = r.data;
    else {
      const seen = new Set<string>();
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '_row');
        if (seen.has(field)) continue;
        seen.add(field);
        errors.push({ field, message: issue.message });
      }
    }
    const completed = trimmed.completion_date;
    if (completed && !errors.some((e) => e.field === 'completion_date')) {
      if (completed > today)
        errors.push({ field: 'completion_date', message: `The completion date ${completed} is in the future` });
      else if (completed < EARLIEST)
        errors.push({ field: 'completion_date', message: `The completion date ${completed} is before 1950` });
    }
    const assessed = trimmed.assessed_on;
    if (assessed && !errors.some((e) => e.field === 'assessed_on') && assessed > today) {
      errors.push({ field: 'assessed_on', message: `The assessment date ${assessed} is in the future` });
    }
    const emailOk = !errors.some((e) => e.field === 'email');
    if (emailOk && row) {
      trimmed.email = row.email;
      const first = firstByEmail.get(row.email);
      if (first !== undefined) {
        errors.push({
          field: 'email',
          message: `${row.email} is already on row ${first}; each learner may appear once per cohort`,
        });
      } else firstByEmail.set(row.email, rowNo);
    }
    return errors.length ? { rowNo, values: trimmed, errors } : { rowNo, values: trimmed, row: row!, errors };
  });
}

/**
 * Parses and validates a cohort CSV (comma, semicolon or tab separated). A header row is required (name, email,
 * completion_date; optional assessor_name, assessed_on, score, notes). Fully blank rows are skipped. Throws
 * CohortFileError for problems with the whole file; row problems are returned per row.
 */
export function checkCohortCsv(text: string, now: Date): CheckedCohort {
  const delimiter = detectDelimiter(text);
  // Blank lines are skipped, so allow some beyond the limit before giving up.
  const records = parseCsv(text, MAX_COHORT_ROWS + 1001, tooManyLearners(), delimiter);
  return checkCohortRecords(records, now, DELIMITER_NAMES[delimiter]);
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

const tooManyLearners = () =>
  `The file has more than ${MAX_COHORT_ROWS} learners; upload at most ${MAX_COHORT_ROWS} at a time`;

/** Maps the header row of parsed records to cohort columns; throws when a required column is missing or named twice. */
function headerColumns(header: string[]): (CohortColumn | null)[] {
  const columns: (CohortColumn | null)[] = header.map((h) =>
    (COHORT_COLUMNS as readonly string[]).includes(h) ? (h as CohortColumn) : (HEADER_ALIASES[h] ?? null),
  );
  const missing = REQUIRED_COHORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new CohortFileError(
      `The first row must be a header naming the columns; missing: ${missing.join(', ')}. Expected: ${COHORT_COLUMNS.join(', ')}`,
    );
  }
  const dup = columns.find((c, i) => c && columns.indexOf(c) !== i);
  if (dup) throw new CohortFileError(`The header names the column ${dup} twice`);
  return columns;
}

/**
 * Validates parsed records (from CSV or a workbook's first sheet): the first non-blank record is the header.
 * `separator` names what splits values (for the message about rows with too many values).
 */
export function checkCohortRecords(records: string[][], now: Date, separator = 'comma'): CheckedCohort {
  const headerIndex = records.findIndex((r) => r.some((f) => f.trim() !== ''));
  if (headerIndex < 0) throw new CohortFileError('The file is empty');
  const header = records[headerIndex]!.map(headerKey);
  const columns = headerColumns(header);
  const ignoredColumns = header.filter((h, i) => h && !columns[i]);
  const raw: { rowNo: number; values: Record<string, string> }[] = [];
  const extra = new Map<number, number>();
  for (let k = headerIndex + 1; k < records.length; k++) {
    const fields = records[k]!;
    if (fields.every((f) => f.trim() === '')) continue;
    const rowNo = k + 1;
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) values[c] = fields[i] ?? '';
    });
    if (fields.slice(columns.length).some((f) => f.trim() !== '')) extra.set(rowNo, fields.length);
    raw.push({ rowNo, values });
  }
  if (!raw.length) throw new CohortFileError('The file has a header but no learners');
  if (raw.length > MAX_COHORT_ROWS) throw new CohortFileError(tooManyLearners());
  const rows = checkRows(raw, now);
  for (const r of rows) {
    const n = extra.get(r.rowNo);
    if (n !== undefined) {
      r.errors.push({
        field: '_row',
        message: `This row has ${n} values but the header has ${columns.length} columns (put quotes around a value that contains a ${separator})`,
      });
      delete r.row;
    }
  }
  return { rows, ignoredColumns };
}

/** Rows sent to the API as objects keyed by column name; numbers are taken as text, positions count from 1. */
export function checkApiRows(rows: Record<string, string | number | null>[], now: Date): CheckedRow[] {
  return checkRows(
    rows.map((r, i) => ({
      rowNo: i + 1,
      values: Object.fromEntries(Object.entries(r).map(([k, v]) => [headerKey(k), v === null ? '' : String(v)])),
    })),
    now,
  );
}

/** SHA-256 over the achievement and the normalised rows: the same cohort always hashes the same. */
export function cohortHash(achievementId: string, rows: CheckedRow[]): string {
  const canonical = JSON.stringify([achievementId, rows.map((r) => COHORT_COLUMNS.map((c) => r.values[c] ?? ''))]);
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

// ---------------------------------------------------------------- batches

export type Batch = typeof issueBatches.$inferSelect;
export type BatchRow = typeof issueBatchRows.$inferSelect;

/** Row data as stored (JSON in issue_batch_rows.data). */
export type StoredRowData = Partial<Record<CohortColumn, string>>;

export function rowData(r: Pick<BatchRow, 'data'>): StoredRowData {
  try {
    return JSON.parse(r.data) as StoredRowData;
  } catch {
    return {};
  }
}

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

/** Inserts many batch rows with one bound JSON value per statement (D1 allows 100 parameters per statement). */
function rowInserts(db: Database, batchId: string, rows: CheckedRow[]) {
  const out: ReturnType<Database['run']>[] = [];
  let chunk: unknown[] = [];
  let size = 0;
  const flush = () => {
    if (!chunk.length) return;
    const json = JSON.stringify(chunk);
    out.push(
      db.run(sql`INSERT INTO issue_batch_rows (batch_id, row_no, data, state, error)
        SELECT ${batchId}, json_extract(value, '$.r'), json_extract(value, '$.d'), json_extract(value, '$.s'), json_extract(value, '$.e')
        FROM json_each(${json})`),
    );
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
  return ((res[0] as { rowsAffected?: number }).rowsAffected ?? 0) > 0;
}

// ---------------------------------------------------------------- issuing

/** What processing needs: storage, configuration, the mail transport and the clock. */
export interface BatchDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
  clock: () => Date;
}

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

/** Marks pending rows issued where their credential exists (derived from credentials, so it can always be redone). */
function markIssued(db: Database, batchId: string, rowNos: number[]) {
  const match = sql`c.batch_id = issue_batch_rows.batch_id AND c.batch_row = issue_batch_rows.row_no`;
  return db.run(sql`UPDATE issue_batch_rows
    SET state = 'issued', error = NULL, credential_id = (SELECT c.id FROM credentials c WHERE ${match})
    WHERE batch_id = ${batchId} AND state = 'pending'
      AND row_no IN (${sql.join(
        rowNos.map((n) => sql`${n}`),
        sql`, `,
      )})
      AND EXISTS (SELECT 1 FROM credentials c WHERE ${match})`);
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

/** Pending rows whose credential was stored (by a run that stopped before marking them) at or before `before`. */
async function strandedRows(db: Database, batchId: string, before: string, limit: number) {
  return db
    .select({ rowNo: issueBatchRows.rowNo, c: credentials })
    .from(issueBatchRows)
    .innerJoin(
      credentials,
      and(eq(credentials.batchId, issueBatchRows.batchId), eq(credentials.batchRow, issueBatchRows.rowNo)),
    )
    .where(
      and(
        eq(issueBatchRows.batchId, batchId),
        eq(issueBatchRows.state, 'pending'),
        sql`${credentials.issuedAt} <= ${before}`,
      ),
    )
    .orderBy(asc(issueBatchRows.rowNo))
    .limit(limit);
}

/** Names a notice needs. */
interface Names {
  orgName: string;
  achievementName: string;
}

/**
 * Takes over rows a stopped run stored but did not finish: their one-time claim tokens were never kept (only
 * hashes are), so an unclaimed credential gets a fresh claim link; then the notice is sent and the row marked.
 */
async function repairStranded(deps: BatchDeps, names: Names, batchId: string, before: string, limit: number) {
  const { db, config, clock, mailer } = deps;
  const stranded = await strandedRows(db, batchId, before, limit);
  if (!stranded.length) return 0;
  const now = clock();
  const fresh: IssuedCredential[] = [];
  const claimRows: (typeof claims.$inferInsert)[] = [];
  for (const { c } of stranded) {
    // Revoked meanwhile by the academy: marked issued (it was), but no notice about a credential that is gone.
    if (c.status === 'revoked') continue;
    let claimToken: string | null = null;
    if (!c.subjectUserId) {
      claimToken = newToken();
      claimRows.push({
        tokenHash: hashToken(claimToken),
        credentialId: c.id,
        email: c.subjectEmail ?? '',
        expiresAt: new Date(now.getTime() + CLAIM_DAYS * 86_400_000).toISOString(),
      });
    }
    fresh.push({
      credentialId: c.id,
      jwt: c.jwt,
      email: c.subjectEmail ?? '',
      subjectUserId: c.subjectUserId,
      claimToken,
      validUntil: c.validUntil,
      batchRow: c.batchRow ?? undefined,
    });
  }
  for (let i = 0; i < claimRows.length; i += 20) await db.insert(claims).values(claimRows.slice(i, i + 20));
  await sendIssueNotices(mailer, config, names.orgName, names.achievementName, fresh);
  await markIssued(
    db,
    batchId,
    stranded.map((s) => s.rowNo),
  );
  return stranded.length;
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
  const { db, config, clock, mailer } = deps;
  let issued: IssuedCredential[];
  try {
    issued = await issueCredentials({ db, config, now: clock(), actorUserId }, loaded, rows.map(recipientOf), {
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

async function namesOf(db: Database, batch: Batch): Promise<Names> {
  const rows = await db
    .select({ orgName: organisations.name, achievementName: achievements.name })
    .from(achievements)
    .innerJoin(organisations, eq(organisations.id, achievements.orgId))
    .where(eq(achievements.id, batch.achievementId))
    .limit(1);
  return rows[0] ?? { orgName: '', achievementName: '' };
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

// ---------------------------------------------------------------- results

export type ClaimState = 'in passport' | 'claimed' | 'claim link sent' | 'claim link expired' | '';

/** Result rows of a batch with each credential's status and claim state (never a claim token). */
export async function batchResults(db: Database, batchId: string, now: Date) {
  const rows = await db
    .select({
      r: issueBatchRows,
      status: credentials.status,
      subjectUserId: credentials.subjectUserId,
      claimUsed: sql<string | null>`(SELECT max(used_at) FROM claims WHERE credential_id = ${credentials.id})`,
      claimExpires: sql<string | null>`(SELECT max(expires_at) FROM claims WHERE credential_id = ${credentials.id})`,
    })
    .from(issueBatchRows)
    .leftJoin(credentials, eq(credentials.id, issueBatchRows.credentialId))
    .where(eq(issueBatchRows.batchId, batchId))
    .orderBy(asc(issueBatchRows.rowNo));
  const iso = now.toISOString();
  return rows.map((x) => {
    let claim: ClaimState = '';
    if (x.r.credentialId) {
      if (x.claimUsed) claim = 'claimed';
      else if (x.subjectUserId) claim = 'in passport';
      else if (x.claimExpires && x.claimExpires > iso) claim = 'claim link sent';
      else claim = 'claim link expired';
    }
    return { ...x.r, data: rowData(x.r), errors: rowErrors(x.r), credentialStatus: x.status, claim };
  });
}

/** A CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The downloadable result of a batch: every row with its outcome, credential id and claim state. */
export function resultCsv(results: Awaited<ReturnType<typeof batchResults>>, origin: string): string {
  const header = [
    'row',
    ...COHORT_COLUMNS,
    'outcome',
    'credential_id',
    'credential_status',
    'claim_status',
    'certificate_url',
    'errors',
  ];
  const lines = [header.join(',')];
  for (const r of results) {
    lines.push(
      [
        r.rowNo,
        ...COHORT_COLUMNS.map((c) => r.data[c] ?? ''),
        r.state,
        r.credentialId ?? '',
        r.credentialStatus ?? '',
        r.claim,
        r.credentialId ? `${origin}/certificates/${r.credentialId}` : '',
        r.errors.map((e) => (e.field === '_row' ? e.message : `${e.field}: ${e.message}`)).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

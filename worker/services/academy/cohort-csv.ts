/**
 * Reading a cohort: parse the CSV (or API rows) and validate every row, so a preview can show each row's problems
 * before anything is stored or issued.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import {
  COHORT_COLUMNS,
  type CohortColumn,
  type CohortRow,
  MAX_COHORT_ROWS,
  REQUIRED_COHORT_COLUMNS,
  cohortRow,
} from '../../../schemas/academy';
import { readUkDate } from '../../../schemas/dates';
import { AppError } from '../../errors';

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

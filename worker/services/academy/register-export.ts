/**
 * The academy register as a CSV download for Excel: every certificate matching the search, in the page's order,
 * read and written a slice at a time. UTF-8 with a byte order mark (so Excel reads names with accents), and every
 * cell a spreadsheet would run as a formula defused.
 */
import { type SQL, and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { achievements, credentials } from '../../../db/schema';
import type { RegisterQuery } from '../../../schemas/academy';
import { csvCell } from './cohort-results';
import { effectiveStatus, registerColumns, registerConditions } from './register';

/** Most rows one export holds; a larger register is exported by narrower searches (the file says so). */
export const MAX_EXPORT_ROWS = 20_000;

/** Rows read from the database per slice of the file. */
const SLICE = 500;

/** The header row of the export. */
export const REGISTER_CSV_HEADER = [
  'Learner name',
  'Learner email',
  'Achievement',
  'Issued on',
  'Completed on',
  'Expires on',
  'Status',
  'In a passport',
  'Renewed',
  'Certificate link',
  'Credential id',
] as const;

const STATUS_WORDS = { active: 'Valid', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked' } as const;

/** Where the previous slice ended, so the next one starts after it even if certificates are issued meanwhile. */
type Cursor = { issuedAt: string; id: string } | null;

/** A slice of the register search after `after`, newest first, with whether each certificate is in a passport. */
function exportSlice(db: Database, where: SQL, limit: number, after: Cursor) {
  const from = after
    ? or(
        lt(credentials.issuedAt, after.issuedAt),
        and(eq(credentials.issuedAt, after.issuedAt), gt(credentials.id, after.id)),
      )
    : undefined;
  return db
    .select({ ...registerColumns, subjectUserId: credentials.subjectUserId })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .where(and(where, from))
    .orderBy(desc(credentials.issuedAt), asc(credentials.id))
    .limit(limit);
}

/** One certificate as a CSV line. */
function csvLine(r: Awaited<ReturnType<typeof exportSlice>>[number], origin: string, now: Date): string {
  return [
    r.subjectName,
    r.subjectEmail,
    r.achievementName,
    r.issuedAt.slice(0, 10),
    r.validFrom.slice(0, 10),
    r.validUntil ? r.validUntil.slice(0, 10) : 'Does not expire',
    STATUS_WORDS[effectiveStatus(r, now)],
    r.subjectUserId ? 'Yes' : 'No',
    r.replacedById ? 'Yes' : 'No',
    `${origin}/certificates/${r.id}`,
    r.id,
  ]
    .map(csvCell)
    .join(',');
}

/** The register search as a stream of CSV text: header first, then the matching certificates, newest first. */
export function registerCsvStream(
  db: Database,
  orgId: string,
  q: Omit<RegisterQuery, 'page'>,
  now: Date,
  origin: string,
): ReadableStream<Uint8Array> {
  const where = registerConditions(orgId, q, now);
  const encoder = new TextEncoder();
  let written = 0;
  let after: Cursor = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${REGISTER_CSV_HEADER.map(csvCell).join(',')}\r\n`));
    },
    async pull(controller) {
      const rows = await exportSlice(db, where, Math.min(SLICE, MAX_EXPORT_ROWS - written), after);
      written += rows.length;
      const last = rows.at(-1);
      if (last) after = { issuedAt: last.issuedAt, id: last.id };
      if (rows.length)
        controller.enqueue(encoder.encode(`${rows.map((r) => csvLine(r, origin, now)).join('\r\n')}\r\n`));
      if (rows.length < SLICE || written >= MAX_EXPORT_ROWS) {
        if (written >= MAX_EXPORT_ROWS && (await exportSlice(db, where, 1, after)).length) {
          const note = `# Only the first ${MAX_EXPORT_ROWS} certificates are in this file: narrow the search to export the rest`;
          controller.enqueue(encoder.encode(`${csvCell(note)}\r\n`));
        }
        controller.close();
      }
    },
  });
}

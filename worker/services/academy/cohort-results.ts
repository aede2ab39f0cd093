/** What came of a cohort: each row's outcome, credential status and claim state, and the downloadable CSV. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { credentials, issueBatchRows } from '../../../db/schema';
import { COHORT_COLUMNS } from '../../../schemas/academy';
import { rowData, rowErrors } from './cohort-batches';

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

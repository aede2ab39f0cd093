/**
 * Rows a stopped run left behind: their credential is stored but the row was never marked, so the notice may not
 * have gone out. They are taken over with a fresh claim link, notified and marked issued.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { bodiesOf } from '../../../db/credential-bodies';
import { achievements, claims, credentials, issueBatchRows, organisations } from '../../../db/schema';
import { hashToken, newToken } from '../../lib/ids';
import { CLAIM_DAYS, sendIssueNotices } from './claim-links';
import type { IssuedCredential } from './issue-types';
import type { Batch, BatchDeps } from './cohort-batches';

/** Marks pending rows issued where their credential exists (derived from credentials, so it can always be redone). */
export function markIssued(db: Database, batchId: string, rowNos: number[]) {
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
export interface Names {
  orgName: string;
  achievementName: string;
}

/**
 * Takes over rows a stopped run stored but did not finish: their one-time claim tokens were never kept (only
 * hashes are), so an unclaimed credential gets a fresh claim link; then the notice is sent and the row marked.
 */
export async function repairStranded(deps: BatchDeps, names: Names, batchId: string, before: string, limit: number) {
  const { db, config, clock, mailer } = deps;
  const stranded = await strandedRows(db, batchId, before, limit);
  if (!stranded.length) return 0;
  const now = clock();
  const fresh: IssuedCredential[] = [];
  const claimRows: (typeof claims.$inferInsert)[] = [];
  // Revoked meanwhile by the academy: marked issued (it was), but no notice about a credential that is gone.
  const live = stranded.filter(({ c }) => c.status !== 'revoked');
  const texts = await bodiesOf(
    deps,
    live.map(({ c }) => c),
  );
  for (const [i, { c }] of live.entries()) {
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
      jwt: texts[i] as string,
      format: c.format,
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

/** The academy's and the achievement's names for a batch's notices. */
export async function namesOf(db: Database, batch: Batch): Promise<Names> {
  const rows = await db
    .select({ orgName: organisations.name, achievementName: achievements.name })
    .from(achievements)
    .innerJoin(organisations, eq(organisations.id, achievements.orgId))
    .where(eq(achievements.id, batch.achievementId))
    .limit(1);
  return rows[0] ?? { orgName: '', achievementName: '' };
}

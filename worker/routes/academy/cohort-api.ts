/** The cohort API: upload rows as JSON, confirm, follow progress, read the result. */
import { Hono } from 'hono';
import { cohortApiRequest, cohortConfirmRequest } from '../../../schemas/academy';
import type { AppContext, AppEnv, OrgMembership } from '../../context';
import { AppError } from '../../errors';
import { actorUserId } from '../../lib/http/actor';
import { BODY_LIMITS, jsonBody } from '../../lib/http/body';
import { hexIdFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import {
  type Batch,
  batchRows,
  confirmBatch,
  expiredPendingRows,
  getBatch,
  rowErrors,
  storeBatch,
} from '../../services/academy/cohort-batches';
import type { LoadedAchievement } from '../../services/academy/issue-types';
import { batchResults } from '../../services/academy/cohort-results';
import { checkApiRows } from '../../services/academy/cohort-csv';
import { processBatch } from '../../services/academy/cohort-issuing';
import { loadAchievement } from '../../services/academy/issuance';

const API_BUDGET_MS = 2000;

/**
 * The academy an API call acts for, as the guard found it (the token's organisation or the member's), and it must be
 * the one named in the path. Anything else answers 404, so other academies' slugs are not confirmed to exist.
 */
function apiAcademy(c: AppContext): OrgMembership {
  const org = c.get('membership');
  if (!org || org.slug !== c.req.param('org') || org.kind !== 'academy') {
    throw new AppError('not_found', 'No such academy for this token');
  }
  return org;
}

const app = new Hono<AppEnv>();
const api = guard('apiToken', { kind: 'academy', scope: 'issue' });

app.post('/api/v1/academies/:org/cohorts', api, async (c) => {
  const org = apiAcademy(c);
  const deps = c.get('deps');
  const body = await jsonBody(c, cohortApiRequest, BODY_LIMITS.jsonCohort);
  const loaded = await loadAchievement(deps.db, org.orgId, body.achievementId.toLowerCase());
  const rows = checkApiRows(body.rows, deps.clock());
  const { batch, existing } = await storeBatch(deps.db, {
    orgId: org.orgId,
    achievementId: loaded.achievement.id,
    fileName: body.fileName ?? null,
    rows,
    createdBy: actorUserId(c),
    now: deps.clock(),
  });
  return c.json(await batchSummary(c, org, batch, existing, loaded), existing ? 200 : 201);
});

/**
 * Whether the caller agreed to issue rows that would be expired on issue: `{"allowExpired": true}` as the confirm
 * request's body (an empty body agrees to nothing).
 */
async function allowsExpired(c: AppContext): Promise<boolean> {
  if (!c.req.header('content-type')?.includes('application/json')) return false;
  const body = await jsonBody(c, cohortConfirmRequest, BODY_LIMITS.jsonCohort);
  return body.allowExpired === true;
}

app.post('/api/v1/academies/:org/cohorts/:batchId/confirm', api, async (c) => {
  const org = apiAcademy(c);
  const deps = c.get('deps');
  const batch = await getBatch(deps.db, org.orgId, hexIdFromPath(c, 'batchId', 'cohort'));
  if (batch.status === 'preview' && !(await allowsExpired(c))) {
    // As for one credential: past training that has expired is issued only when asked, never by default.
    const loaded = await loadAchievement(deps.db, org.orgId, batch.achievementId);
    const expired = await expiredPendingRows(deps.db, batch.id, loaded, deps.clock());
    if (expired.length) {
      throw new AppError(
        'validation_failed',
        `${expired.length} row(s) would already be expired on issue; send {"allowExpired": true} to issue them as a record of past training, or correct them and upload again`,
        expired.map((e) => ({
          path: `rows.${e.rowNo}.completion_date`,
          message: `expired on ${e.expiredAt.slice(0, 10)}`,
        })),
      );
    }
  }
  await confirmBatch(deps.db, batch, actorUserId(c), deps.clock());
  const p = await processBatch(deps, org.orgId, batch.id, { actorUserId: actorUserId(c), budgetMs: API_BUDGET_MS });
  return c.json({ ...p, links: links(org, batch.id) }, p.finished ? 200 : 202);
});

app.get('/api/v1/academies/:org/cohorts/:batchId/progress', api, async (c) => {
  const org = apiAcademy(c);
  const p = await processBatch(c.get('deps'), org.orgId, hexIdFromPath(c, 'batchId', 'cohort'), {
    actorUserId: actorUserId(c),
    budgetMs: API_BUDGET_MS,
  });
  c.header('Cache-Control', 'no-store');
  return c.json({ ...p, links: links(org, p.batchId) });
});

app.get('/api/v1/academies/:org/cohorts/:batchId/result', api, async (c) => {
  const org = apiAcademy(c);
  const { db, clock } = c.get('deps');
  const batch = await getBatch(db, org.orgId, hexIdFromPath(c, 'batchId', 'cohort'));
  const results = await batchResults(db, batch.id, clock());
  return c.json({
    batchId: batch.id,
    status: batch.status,
    rows: results.map((r) => ({
      row: r.rowNo,
      email: r.data.email ?? null,
      outcome: r.state,
      credentialId: r.credentialId ? `urn:uuid:${r.credentialId}` : null,
      credentialStatus: r.credentialStatus,
      claimStatus: r.claim || null,
      errors: r.errors,
    })),
  });
});

function links(org: OrgMembership, batchId: string) {
  const base = `/api/v1/academies/${org.slug}/cohorts/${batchId}`;
  return {
    confirm: `${base}/confirm`,
    progress: `${base}/progress`,
    result: `${base}/result`,
    page: `/academy/${org.slug}/batches/${batchId}`,
  };
}

/**
 * What the API answers to an upload: the batch, its counts, every row error, and a warning for each row that would be
 * expired on issue (confirming issues it anyway).
 */
async function batchSummary(
  c: AppContext,
  org: OrgMembership,
  batch: Batch,
  existing: boolean,
  achievement: LoadedAchievement,
) {
  const { db, clock } = c.get('deps');
  const problems = await batchRows(db, batch.id, { states: ['invalid', 'failed'] });
  const expired = await expiredPendingRows(db, batch.id, achievement, clock());
  return {
    batchId: batch.id,
    status: batch.status,
    existing,
    totalRows: batch.totalRows,
    validRows: batch.validRows,
    invalidRows: batch.totalRows - batch.validRows,
    errors: problems.flatMap((r) => rowErrors(r).map((e) => ({ row: r.rowNo, field: e.field, message: e.message }))),
    warnings: expired.map((e) => ({
      row: e.rowNo,
      field: 'completion_date',
      message: `The certificate would already be expired on issue: it expired on ${e.expiredAt.slice(0, 10)}; confirm with {"allowExpired": true} to issue it anyway, as a record of past training`,
    })),
    links: links(org, batch.id),
  };
}

export default app;

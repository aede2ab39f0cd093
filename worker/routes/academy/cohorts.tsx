/**
 * Issuing to a cohort from a CSV file or an Excel workbook: the blank templates, upload and check, the preview,
 * confirm, and chunked issuing driven by progress polls, then the result file.
 */
import { translator } from '../../../web/i18n/messages';
import { Hono } from 'hono';
import { MAX_COHORT_BYTES } from '../../../schemas/academy';
import { BatchPage, type BatchRowView } from '../../../web/pages/academy-batches';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { academyContext, academyNotice, achievementPage } from '../../lib/http/academy';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { hexIdFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { getAchievement } from '../../services/academy/achievements';
import { CohortFileError, type CheckedCohort } from '../../services/academy/cohort-csv';
import { checkCohortFile } from '../../services/academy/cohort-file';
import { cohortTemplateCsv, cohortTemplateXlsx } from '../../services/academy/cohort-workbook';
import {
  batchProgress,
  batchRows,
  confirmBatch,
  existingHolders,
  expiredOnIssueRows,
  getBatch,
  rowData,
  rowErrors,
  storeBatch,
} from '../../services/academy/cohort-batches';
import { batchResults, resultCsv } from '../../services/academy/cohort-results';
import { processBatch } from '../../services/academy/cohort-issuing';
import { loadAchievement } from '../../services/academy/issuance';

/** Work done per progress poll or "continue" press: enough for a few chunks, short enough to keep the bar moving. */
const POLL_BUDGET_MS = 1500;
const CONTINUE_BUDGET_MS = 5000;
/** Rows shown in the preview and result tables (the CSV has all). */
const PREVIEW_ROWS = 50;
const RESULT_ROWS = 500;

const t = translator('en');

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });
const issuer = guard('orgMember', { kind: 'academy', approved: true });

app.post('/academy/:org/achievements/:id/cohorts', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const loaded = await loadAchievement(deps.db, org.id, hexIdFromPath(c, 'id', 'achievement'));
  const fail = (message: string) => achievementPage(c, { values: {}, errors: { file: message } }, 400);
  const tooLarge = t('academy.fileTooLarge');
  let body: Record<string, unknown>;
  try {
    body = await readFormFields(c, BODY_LIMITS.cohortCsv, { all: false });
  } catch (err) {
    if (err instanceof AppError && err.code === 'payload_too_large') return fail(tooLarge);
    return fail(t('academy.fileUnreadable'));
  }
  const file = body.file;
  // A form sent with no file chosen carries an empty, unnamed part; a chosen file with nothing in it is named.
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return fail(t('academy.fileMissing'));
  if (file.size === 0) return fail(t('academy.fileEmpty'));
  if (file.size > MAX_COHORT_BYTES) return fail(tooLarge);
  let checked: CheckedCohort;
  try {
    checked = await checkCohortFile(new Uint8Array(await file.arrayBuffer()), deps.clock());
  } catch (err) {
    if (err instanceof CohortFileError) return fail(err.message);
    throw err;
  }
  const fileName = file.name ? file.name.slice(0, 200) : null;
  const { batch, existing } = await storeBatch(deps.db, {
    orgId: org.id,
    achievementId: loaded.achievement.id,
    fileName,
    rows: checked.rows,
    createdBy: actor.user.id,
    now: deps.clock(),
  });
  return c.redirect(`/academy/${org.slug}/batches/${batch.id}?notice=${existing ? 'existing' : 'uploaded'}`, 303);
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

app.get('/academy/:org/cohorts/template.csv', member, async (c) => {
  await academyContext(c);
  return c.body(`\ufeff${cohortTemplateCsv()}`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="cohort-template.csv"',
  });
});

app.get('/academy/:org/cohorts/template.xlsx', member, async (c) => {
  await academyContext(c);
  const bytes = await cohortTemplateXlsx();
  return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': 'attachment; filename="cohort-template.xlsx"',
  });
});

const toView = (r: Awaited<ReturnType<typeof batchRows>>[number]): BatchRowView => ({
  rowNo: r.rowNo,
  state: r.state,
  data: rowData(r),
  errors: rowErrors(r),
  credentialId: r.credentialId,
});

app.get('/academy/:org/batches/:batchId', member, async (c) => {
  const { actor, org, canIssue } = await academyContext(c);
  const { db, clock } = c.get('deps');
  const batch = await getBatch(db, org.id, hexIdFromPath(c, 'batchId', 'cohort upload'));
  const loaded = await getAchievement(db, org.id, batch.achievementId);
  const progress = await batchProgress(db, batch);
  let problems: BatchRowView[];
  let rows: BatchRowView[] = [];
  let holders: { rowNo: number; email: string; issuedAt: string }[] = [];
  let expired: { rowNo: number; email: string; expiredAt: string }[] = [];
  if (batch.status === 'done') {
    const results = await batchResults(db, batch.id, clock());
    problems = results.filter((r) => r.state === 'invalid' || r.state === 'failed');
    rows = results.filter((r) => r.state === 'issued').slice(0, RESULT_ROWS);
  } else {
    problems = (await batchRows(db, batch.id, { states: ['invalid', 'failed'] })).map(toView);
    if (batch.status === 'preview') {
      const ready = (await batchRows(db, batch.id, { states: ['pending'] })).map(toView);
      rows = ready.slice(0, PREVIEW_ROWS);
      holders = await existingHolders(db, batch.achievementId, ready);
      expired = expiredOnIssueRows(loaded, ready, clock());
    }
  }
  return c.html(
    BatchPage({
      actor,
      slug: org.slug,
      batch,
      achievementName: loaded.achievement.name,
      canIssue,
      progress,
      problems,
      rows,
      holders,
      expired,
      notice: academyNotice(c),
    }),
  );
});

app.post('/academy/:org/batches/:batchId/confirm', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const batch = await getBatch(deps.db, org.id, hexIdFromPath(c, 'batchId', 'cohort upload'));
  await confirmBatch(deps.db, batch, actor.user.id, deps.clock());
  // One chunk now, so the page opens with progress even without JavaScript; polls do the rest.
  await processBatch(deps, org.id, batch.id, { actorUserId: actor.user.id, budgetMs: 0 });
  return c.redirect(`/academy/${org.slug}/batches/${batch.id}`, 303);
});

app.post('/academy/:org/batches/:batchId/continue', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const batchId = hexIdFromPath(c, 'batchId', 'cohort upload');
  await processBatch(deps, org.id, batchId, { actorUserId: actor.user.id, budgetMs: CONTINUE_BUDGET_MS });
  return c.redirect(`/academy/${org.slug}/batches/${batchId}`, 303);
});

// Polled by the progress page; each poll also does the next piece of work (Workers have no background threads).
app.get('/academy/:org/batches/:batchId/progress', member, async (c) => {
  const { actor, org } = await academyContext(c);
  const p = await processBatch(c.get('deps'), org.id, hexIdFromPath(c, 'batchId', 'cohort upload'), {
    actorUserId: actor.user.id,
    budgetMs: POLL_BUDGET_MS,
  });
  c.header('Cache-Control', 'no-store');
  return c.json(p);
});

app.get('/academy/:org/batches/:batchId/result.csv', member, async (c) => {
  const { org } = await academyContext(c);
  const { db, clock, config } = c.get('deps');
  const batch = await getBatch(db, org.id, hexIdFromPath(c, 'batchId', 'cohort upload'));
  const csv = resultCsv(await batchResults(db, batch.id, clock()), config.PUBLIC_ORIGIN);
  return c.body(`\ufeff${csv}`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="cohort-result-${batch.id.slice(0, 8)}.csv"`,
    'Cache-Control': 'no-store',
  });
});

export default app;

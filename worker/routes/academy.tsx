/**
 * Academy workflows: achievements, issuing to one learner or a cohort (CSV preview, confirm, chunked issuing driven
 * by progress polls), the register with revoke / suspend / reinstate / renew, public certificate and verify pages,
 * and the cohort API. Handlers stay thin: validation here, work in services/{achievements,issuance,cohort,register}.
 */
import type { Hono } from 'hono';
import {
  MAX_COHORT_BYTES,
  cohortApiRequest,
  issueOneForm,
  registerQuery,
  renewForm,
  revokeForm,
  suspendForm,
  uuid,
} from '../../schemas/academy';
import { AcademyDashboardPage } from '../../web/pages/academy';
import { AchievementPage, IssueOnePage, NewAchievementPage, validityText } from '../../web/pages/academy-achievements';
import { BatchPage, type BatchRowView } from '../../web/pages/academy-batches';
import {
  type CredentialForms,
  CredentialPage,
  RegisterPage,
  emptyCredentialForms,
} from '../../web/pages/academy-register';
import { type FormState, emptyForm } from '../../web/components/form-state';
import { CertificatePage, VerifyCredentialPage } from '../../web/pages/certificate';
import { ErrorPage } from '../../web/pages/error';
import { achievementForm } from '../../schemas/academy';
import { fieldErrors } from '../../schemas/accounts';
import type { AppContext, AppEnv, OrgMembership } from '../context';
import { AppError, notFound } from '../errors';
import { jsonBody } from '../lib/validate';
import { actingOrg, currentMembership, guard } from '../policy';
import { hit } from '../lib/rate-limit';
import {
  archiveAchievement,
  createAchievement,
  getAchievement,
  listAchievements,
} from '../services/academy/achievements';
import { findUserById } from '../services/accounts/accounts';
import {
  type Batch,
  CohortFileError,
  batchProgress,
  batchResults,
  batchRows,
  checkApiRows,
  checkCohortCsv,
  confirmBatch,
  existingHolders,
  getBatch,
  processBatch,
  recentBatches,
  resultCsv,
  rowData,
  rowErrors,
  storeBatch,
} from '../services/academy/cohort';
import { changeCredentialStatus, type StatusAction } from '../services/academy/credential-status';
import {
  issueCredentials,
  loadAchievement,
  notifyIssued,
  requestHashOf,
  sendIssueNotices,
  sendNewClaimLink,
  validityMonths,
} from '../services/academy/issuance';
import {
  getOrganisationBySlug,
  issuerScopesByOrg,
  listIssuingFrameworks,
} from '../services/organisations/organisations';
import {
  alignmentsByAchievement,
  credentialDetail,
  effectiveStatus,
  issuableCatalogue,
  issuedCounts,
  publicCredential,
  recentCredentials,
  searchRegister,
} from '../services/academy/register';
import { verifyCredential } from '../services/verification/verifier';
import { formStateFrom, readForm, userActor } from './forms';
import { limitPublic } from './vc-api';

/** Work done per progress poll or "continue" press: enough for a few chunks, short enough to keep the bar moving. */
const POLL_BUDGET_MS = 1500;
const CONTINUE_BUDGET_MS = 5000;
const API_BUDGET_MS = 2000;
/** Rows shown in the preview and result tables (the CSV has all). */
const PREVIEW_ROWS = 50;
const RESULT_ROWS = 500;
/** New claim links a certificate may be sent per day (staff pressing the button again and again). */
const CLAIM_LINKS_PER_DAY = 5;

const NOTICES: Record<string, string> = {
  created: 'Achievement saved. You can issue it now.',
  archived: 'Achievement archived. Certificates already issued stay valid.',
  issued: 'Certificate issued.',
  renewed: 'Renewal issued. It replaces the earlier certificate in the learner’s passport.',
  revoked: 'Certificate revoked. Verifiers now see it as revoked.',
  suspended: 'Certificate suspended.',
  reinstated: 'Certificate reinstated.',
  claim_link_sent: 'A new claim link was emailed to the learner; earlier links no longer work.',
  existing: 'You uploaded this file before: this is that upload. Nothing new was created.',
  uploaded: 'File checked. Nothing is issued until you confirm.',
};
const noticeFrom = (c: AppContext) => NOTICES[c.req.query('notice') ?? ''];

/** The academy a page is about, and the signed-in member looking at it (after an orgMember guard). */
async function academyContext(c: AppContext) {
  const actor = userActor(c);
  const membership = currentMembership(actor, c.req.param('org'), 'academy');
  const org = await getOrganisationBySlug(c.get('deps').db, membership.slug);
  if (!org) throw notFound();
  return { actor, membership, org, canIssue: org.status === 'approved' };
}

/** A UUID path parameter; anything else is simply not found. */
function idParam(c: AppContext, name: string, what: string): string {
  const r = uuid.safeParse(c.req.param(name));
  if (!r.success) throw new AppError('not_found', `No such ${what}`);
  return r.data.toLowerCase();
}

/**
 * The academy an API call acts for: the token's organisation or the member's, and it must be the one named in the
 * path. Anything else answers 404, so other academies' slugs are not confirmed to exist.
 */
function apiAcademy(c: AppContext): OrgMembership {
  const slug = c.req.param('org');
  const actor = c.get('actor');
  let org: OrgMembership;
  try {
    org = actingOrg(actor, 'academy', slug);
  } catch {
    throw new AppError('not_found', 'No such academy for this token');
  }
  if (org.slug !== slug || org.kind !== 'academy') throw new AppError('not_found', 'No such academy for this token');
  return org;
}

const actorUserIdOf = (c: AppContext) => {
  const a = c.get('actor');
  return a.kind === 'user' ? a.user.id : null;
};

const todayOf = (c: AppContext) => c.get('deps').clock().toISOString().slice(0, 10);

/** Dates a learner could not have completed yet are refused with a field error. */
function futureDateErrors(
  values: { completedOn?: string; assessedOn?: string | undefined },
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.completedOn && values.completedOn > today)
    errors.completedOn = 'The completion date cannot be in the future';
  if (values.assessedOn && values.assessedOn > today) errors.assessedOn = 'The assessment date cannot be in the future';
  return errors;
}

const evidenceOf = (d: {
  assessorName?: string | undefined;
  assessedOn?: string | undefined;
  score?: string | undefined;
  notes?: string | undefined;
}) =>
  d.assessorName || d.assessedOn || d.score || d.notes
    ? { assessorName: d.assessorName, assessedOn: d.assessedOn, score: d.score, notes: d.notes }
    : undefined;

export function academyRoutes(app: Hono<AppEnv>) {
  const member = guard('orgMember', { kind: 'academy' });
  const issuer = guard('orgMember', { kind: 'academy', approved: true });
  const api = guard('apiToken', { kind: 'academy', scope: 'issue' });
  const publicPage = guard('public');

  // ------------------------------------------------------------ dashboard

  app.get('/academy/:org', member, async (c) => {
    const { actor, membership, org } = await academyContext(c);
    const { db } = c.get('deps');
    const [achievements, counts, batches, recent, scopeMap, fws] = await Promise.all([
      listAchievements(db, org.id),
      issuedCounts(db, org.id),
      recentBatches(db, org.id, 5),
      recentCredentials(db, org.id, 5),
      issuerScopesByOrg(db, [org.id]),
      listIssuingFrameworks(db),
    ]);
    const aligned = await alignmentsByAchievement(
      db,
      achievements.map((a) => a.id),
    );
    const scopeIds = new Set(scopeMap.get(org.id) ?? []);
    const names = new Map(achievements.map((a) => [a.id, a.name]));
    return c.html(
      AcademyDashboardPage({
        actor,
        org,
        membership,
        scopes: fws.filter((f) => scopeIds.has(f.id)),
        achievements: achievements.map((a) => {
          const items = aligned.get(a.id) ?? [];
          return {
            id: a.id,
            name: a.name,
            achievementType: a.achievementType,
            covers: items.map((i) => i.name),
            validity: validityText(a, items).replace(/ \(.*\)$/, ''),
            issued: counts.get(a.id) ?? 0,
          };
        }),
        batches: batches.map((b) => ({ ...b, achievementName: names.get(b.achievementId) ?? 'Archived achievement' })),
        recent,
        notice: noticeFrom(c),
      }),
    );
  });

  // ------------------------------------------------------------ achievements

  const newAchievementPage = async (
    c: AppContext,
    form: FormState = emptyForm(),
    checked: string[] = [],
    status: 200 | 400 = 200,
  ) => {
    const { actor, org } = await academyContext(c);
    const catalogue = await issuableCatalogue(c.get('deps').db, org.id);
    return c.html(NewAchievementPage({ actor, slug: org.slug, catalogue, form, checked }), status);
  };

  app.get('/academy/:org/achievements/new', issuer, (c) => newAchievementPage(c));

  app.post('/academy/:org/achievements/new', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const raw = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    const checked = ([] as unknown[]).concat(raw.alignedIds ?? []).filter((v): v is string => typeof v === 'string');
    const f = await readForm(c, achievementForm);
    if (!f.ok) return newAchievementPage(c, f.state, checked, 400);
    try {
      const a = await createAchievement(c.get('deps').db, {
        ...f.data,
        orgId: org.id,
        createdBy: actor.user.id,
        now: c.get('deps').clock(),
      });
      return c.redirect(`/academy/${org.slug}/achievements/${a.id}?notice=created`, 303);
    } catch (err) {
      return newAchievementPage(c, formStateFrom(err, f.values), checked, 400);
    }
  });

  const achievementPage = async (c: AppContext, upload: FormState = emptyForm(), status: 200 | 400 = 200) => {
    const { actor, org, canIssue } = await academyContext(c);
    const { db } = c.get('deps');
    const { achievement, aligned } = await getAchievement(db, org.id, idParam(c, 'id', 'achievement'));
    const counts = await issuedCounts(db, org.id);
    return c.html(
      AchievementPage({
        actor,
        slug: org.slug,
        canIssue,
        achievement,
        aligned,
        issued: counts.get(achievement.id) ?? 0,
        upload,
        notice: status === 200 ? noticeFrom(c) : undefined,
      }),
      status,
    );
  };

  app.get('/academy/:org/achievements/:id', member, (c) => achievementPage(c));

  app.post('/academy/:org/achievements/:id/archive', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const id = idParam(c, 'id', 'achievement');
    await archiveAchievement(c.get('deps').db, {
      orgId: org.id,
      achievementId: id,
      actorUserId: actor.user.id,
      now: c.get('deps').clock(),
    });
    return c.redirect(`/academy/${org.slug}/achievements/${id}?notice=archived`, 303);
  });

  // ------------------------------------------------------------ issuing to one learner

  const issuePage = async (c: AppContext, form: FormState = emptyForm(), status: 200 | 400 = 200) => {
    const { actor, org } = await academyContext(c);
    const loaded = await loadAchievement(c.get('deps').db, org.id, idParam(c, 'id', 'achievement'));
    const months = validityMonths(loaded);
    const validity = months ? `${months} months from the completion date` : 'does not expire';
    return c.html(IssueOnePage({ actor, slug: org.slug, achievement: loaded.achievement, validity, form }), status);
  };

  app.get('/academy/:org/achievements/:id/issue', issuer, (c) =>
    issuePage(c, emptyForm({ completedOn: todayOf(c), submission: crypto.randomUUID() })),
  );

  app.post('/academy/:org/achievements/:id/issue', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const loaded = await loadAchievement(deps.db, org.id, idParam(c, 'id', 'achievement'));
    const f = await readForm(c, issueOneForm);
    if (!f.ok) return issuePage(c, f.state, 400);
    const future = futureDateErrors(f.data, todayOf(c));
    if (Object.keys(future).length) return issuePage(c, { values: f.values, errors: future }, 400);
    const { submission, ...request } = f.data;
    const idempotency = submission
      ? {
          key: `form:${submission}`,
          requestHash: await requestHashOf({ achievementId: loaded.achievement.id, request }),
        }
      : undefined;
    const ctx = { db: deps.db, config: deps.config, now: deps.clock(), actorUserId: actor.user.id };
    let issued: Awaited<ReturnType<typeof issueCredentials>>[number] | undefined;
    try {
      [issued] = await issueCredentials(
        ctx,
        loaded,
        [{ email: f.data.email, name: f.data.name, completedOn: f.data.completedOn, evidence: evidenceOf(f.data) }],
        idempotency ? { idempotency } : {},
      );
    } catch (err) {
      // The browser's back button brought an already-sent form back and it was changed: a new form, not a new key.
      if (!(err instanceof AppError && err.code === 'idempotency_key_reused')) throw err;
      const values = { ...f.values, submission: crypto.randomUUID() };
      const message =
        'This form was already sent and issued a certificate. Check the details below and send again to issue another one.';
      return issuePage(c, { values, errors: { _form: message } }, 400);
    }
    if (!issued) throw new AppError('internal', 'Nothing was issued');
    await notifyIssued({ ...ctx, mailer: deps.mailer }, loaded, issued, idempotency);
    return c.redirect(`/academy/${org.slug}/credentials/${issued.credentialId}?notice=issued`, 303);
  });

  // ------------------------------------------------------------ cohorts

  app.post('/academy/:org/achievements/:id/cohorts', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const loaded = await loadAchievement(deps.db, org.id, idParam(c, 'id', 'achievement'));
    const fail = (message: string) => achievementPage(c, { values: {}, errors: { file: message } }, 400);
    if (Number(c.req.header('content-length') ?? '0') > MAX_COHORT_BYTES + 64 * 1024) {
      return fail('The file is larger than 2 MB. Split the cohort into smaller files.');
    }
    let body: Record<string, unknown>;
    try {
      body = (await c.req.parseBody()) as Record<string, unknown>;
    } catch {
      return fail('The upload could not be read. Choose the file again.');
    }
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return fail('Choose a CSV file to upload');
    if (file.size > MAX_COHORT_BYTES) return fail('The file is larger than 2 MB. Split the cohort into smaller files.');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return fail('The file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8 (comma delimited)".');
    }
    let checked: ReturnType<typeof checkCohortCsv>;
    try {
      checked = checkCohortCsv(text, deps.clock());
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
    const batch = await getBatch(db, org.id, idParam(c, 'batchId', 'cohort upload'));
    const { achievement } = await getAchievement(db, org.id, batch.achievementId);
    const progress = await batchProgress(db, batch);
    let problems: BatchRowView[];
    let rows: BatchRowView[] = [];
    let holders: { rowNo: number; email: string; issuedAt: string }[] = [];
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
      }
    }
    return c.html(
      BatchPage({
        actor,
        slug: org.slug,
        batch,
        achievementName: achievement.name,
        canIssue,
        progress,
        problems,
        rows,
        holders,
        notice: noticeFrom(c),
      }),
    );
  });

  app.post('/academy/:org/batches/:batchId/confirm', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const batch = await getBatch(deps.db, org.id, idParam(c, 'batchId', 'cohort upload'));
    await confirmBatch(deps.db, batch, actor.user.id, deps.clock());
    // One chunk now, so the page opens with progress even without JavaScript; polls do the rest.
    await processBatch(deps, org.id, batch.id, { actorUserId: actor.user.id, budgetMs: 0 });
    return c.redirect(`/academy/${org.slug}/batches/${batch.id}`, 303);
  });

  app.post('/academy/:org/batches/:batchId/continue', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const batchId = idParam(c, 'batchId', 'cohort upload');
    await processBatch(deps, org.id, batchId, { actorUserId: actor.user.id, budgetMs: CONTINUE_BUDGET_MS });
    return c.redirect(`/academy/${org.slug}/batches/${batchId}`, 303);
  });

  // Polled by the progress page; each poll also does the next piece of work (Workers have no background threads).
  app.get('/academy/:org/batches/:batchId/progress', member, async (c) => {
    const { actor, org } = await academyContext(c);
    const p = await processBatch(c.get('deps'), org.id, idParam(c, 'batchId', 'cohort upload'), {
      actorUserId: actor.user.id,
      budgetMs: POLL_BUDGET_MS,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(p);
  });

  app.get('/academy/:org/batches/:batchId/result.csv', member, async (c) => {
    const { org } = await academyContext(c);
    const { db, clock, config } = c.get('deps');
    const batch = await getBatch(db, org.id, idParam(c, 'batchId', 'cohort upload'));
    const csv = resultCsv(await batchResults(db, batch.id, clock()), config.PUBLIC_ORIGIN);
    return c.body(`\ufeff${csv}`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cohort-result-${batch.id.slice(0, 8)}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  // ------------------------------------------------------------ register and one credential

  app.get('/academy/:org/register', member, async (c) => {
    const { actor, org } = await academyContext(c);
    const { db, clock } = c.get('deps');
    const values = Object.fromEntries(Object.entries(c.req.query()).map(([k, v]) => [k, String(v)]));
    const achievements = (await listAchievements(db, org.id, true)).map((a) => ({
      id: a.id,
      name: a.archivedAt ? `${a.name} (archived)` : a.name,
    }));
    const q = registerQuery.safeParse(values);
    if (!q.success) {
      return c.html(
        RegisterPage({
          actor,
          slug: org.slug,
          achievements,
          form: { values, errors: fieldErrors(q.error.issues) },
          result: null,
          now: clock(),
        }),
        400,
      );
    }
    const result = await searchRegister(db, org.id, q.data, clock());
    return c.html(
      RegisterPage({ actor, slug: org.slug, achievements, form: { values, errors: {} }, result, now: clock() }),
    );
  });

  const credentialPage = async (
    c: AppContext,
    opts: {
      forms?: CredentialForms;
      status?: 200 | 400 | 409 | 429;
      notice?: string;
      noticeKind?: 'ok' | 'error';
    } = {},
  ) => {
    const { actor, org, canIssue } = await academyContext(c);
    const { db, clock, config } = c.get('deps');
    const detail = await credentialDetail(db, org.id, idParam(c, 'id', 'credential'), clock());
    return c.html(
      CredentialPage({
        actor,
        slug: org.slug,
        detail,
        canAct: canIssue,
        forms: opts.forms ?? emptyCredentialForms(),
        origin: config.PUBLIC_ORIGIN,
        notice: opts.notice ?? (opts.status ? undefined : noticeFrom(c)),
        noticeKind: opts.noticeKind ?? 'ok',
      }),
      opts.status ?? 200,
    );
  };

  app.get('/academy/:org/credentials/:id', member, (c) => credentialPage(c));

  const statusRoute = (action: StatusAction, notice: string) => async (c: AppContext) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const id = idParam(c, 'id', 'credential');
    const f = await readForm(
      c,
      action === 'revoke' ? revokeForm : action === 'suspend' ? suspendForm : suspendForm.partial(),
    );
    if (!f.ok) {
      const forms = emptyCredentialForms();
      forms[action === 'revoke' ? 'revoke' : 'suspend'] = f.state;
      return credentialPage(c, { forms, status: 400 });
    }
    try {
      await changeCredentialStatus(deps.db, {
        credentialId: id,
        orgId: org.id,
        action,
        reason: (f.data as { reason?: string }).reason,
        actorUserId: actor.user.id,
        now: deps.clock(),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return credentialPage(c, { status: 409, notice: err.message, noticeKind: 'error' });
      throw err;
    }
    return c.redirect(`/academy/${org.slug}/credentials/${id}?notice=${notice}`, 303);
  };

  app.post('/academy/:org/credentials/:id/claim-link', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const id = idParam(c, 'id', 'credential');
    // A learner's inbox is not a place for a stuck button: a few new links per certificate a day.
    const d = await hit(deps.db, `claim-link:${id}`, CLAIM_LINKS_PER_DAY, 24 * 3600, deps.clock());
    if (!d.allowed) {
      c.header('Retry-After', String(d.retryAfterSeconds));
      const notice = `No new link sent: ${CLAIM_LINKS_PER_DAY} were sent for this certificate in the last day. Try again later.`;
      return credentialPage(c, { status: 429, notice, noticeKind: 'error' });
    }
    try {
      await sendNewClaimLink(
        { db: deps.db, config: deps.config, now: deps.clock(), actorUserId: actor.user.id, mailer: deps.mailer },
        org.id,
        id,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return credentialPage(c, { status: 409, notice: `No new link sent: ${err.message}.`, noticeKind: 'error' });
      throw err;
    }
    return c.redirect(`/academy/${org.slug}/credentials/${id}?notice=claim_link_sent`, 303);
  });

  app.post('/academy/:org/credentials/:id/revoke', issuer, statusRoute('revoke', 'revoked'));
  app.post('/academy/:org/credentials/:id/suspend', issuer, statusRoute('suspend', 'suspended'));
  app.post('/academy/:org/credentials/:id/reinstate', issuer, statusRoute('reinstate', 'reinstated'));

  app.post('/academy/:org/credentials/:id/renew', issuer, async (c) => {
    const { actor, org } = await academyContext(c);
    const deps = c.get('deps');
    const { db, clock } = deps;
    const detail = await credentialDetail(db, org.id, idParam(c, 'id', 'credential'), clock());
    const f = await readForm(c, renewForm);
    const withErrors = (state: FormState) =>
      credentialPage(c, { forms: { ...emptyCredentialForms(), renew: state }, status: 400 });
    if (!f.ok) return withErrors(f.state);
    const future = futureDateErrors(f.data, todayOf(c));
    if (Object.keys(future).length) return withErrors({ values: f.values, errors: future });
    const old = detail.credential;
    if (old.status === 'revoked')
      return credentialPage(c, {
        status: 409,
        notice: 'A revoked certificate cannot be renewed; issue a new one.',
        noticeKind: 'error',
      });
    if (old.replacedById)
      return credentialPage(c, {
        status: 409,
        notice: 'This certificate has already been renewed; renew the newer one.',
        noticeKind: 'error',
      });
    const loaded = await loadAchievement(db, org.id, old.achievementId);
    // Renew to the same person: the passport holder's current email if they claimed it, else the address used before.
    const holder = old.subjectUserId ? await findUserById(db, old.subjectUserId) : null;
    const email = holder?.email ?? old.subjectEmail;
    if (!email) throw new AppError('conflict', 'This certificate has no learner email to renew to');
    const [issued] = await issueCredentials(
      { db, config: deps.config, now: clock(), actorUserId: actor.user.id },
      loaded,
      [
        {
          email,
          name: old.subjectName ?? holder?.displayName ?? '',
          completedOn: f.data.completedOn,
          evidence: evidenceOf(f.data),
        },
      ],
      { replacesId: old.id },
    );
    if (!issued) throw new AppError('internal', 'Nothing was issued');
    await sendIssueNotices(deps.mailer, deps.config, loaded.org.name, loaded.achievement.name, [issued]);
    return c.redirect(`/academy/${org.slug}/credentials/${issued.credentialId}?notice=renewed`, 303);
  });

  // ------------------------------------------------------------ public certificate and verification

  const publicHeaders = (c: AppContext) => {
    // Unguessable links: keep them out of search engines and caches; the status can change at any time.
    c.header('X-Robots-Tag', 'noindex, nofollow');
    c.header('Cache-Control', 'no-store');
  };
  const missing = (c: AppContext) =>
    c.html(
      ErrorPage({
        actor: c.get('actor'),
        status: 404,
        message: 'There is no certificate at this address. Check the link.',
      }),
      404,
    );

  app.get('/certificates/:id', publicPage, async (c) => {
    const { db, clock, config } = c.get('deps');
    const id = uuid.safeParse(c.req.param('id'));
    const cert = id.success ? await publicCredential(db, id.data.toLowerCase()) : null;
    publicHeaders(c);
    if (!cert) return missing(c);
    return c.html(
      CertificatePage({
        actor: c.get('actor'),
        cert,
        status: effectiveStatus(cert.c, clock()),
        verifyUrl: `${config.PUBLIC_ORIGIN}/credentials/${cert.c.id}/verify`,
      }),
    );
  });

  app.get('/certificates/:id/credential.jwt', publicPage, async (c) => {
    const id = uuid.safeParse(c.req.param('id'));
    const cert = id.success ? await publicCredential(c.get('deps').db, id.data.toLowerCase()) : null;
    publicHeaders(c);
    if (!cert) return missing(c);
    return c.body(cert.c.jwt, 200, {
      'Content-Type': 'application/vc+jwt',
      'Content-Disposition': `attachment; filename="credential-${cert.c.id}.jwt"`,
    });
  });

  app.get('/credentials/:id/verify', publicPage, async (c) => {
    const deps = c.get('deps');
    const id = uuid.safeParse(c.req.param('id'));
    publicHeaders(c);
    const wantsJson =
      (c.req.header('accept') ?? '').includes('application/json') &&
      !(c.req.header('accept') ?? '').includes('text/html');
    try {
      await limitPublic(c, 'verify');
    } catch (err) {
      if (wantsJson || !(err instanceof AppError)) throw err;
      return c.html(ErrorPage({ actor: c.get('actor'), status: 429, message: err.message }), 429);
    }
    const cert = id.success ? await publicCredential(deps.db, id.data.toLowerCase()) : null;
    if (!cert) {
      if (wantsJson) throw notFound('No credential at this address');
      return missing(c);
    }
    const result = await verifyCredential(deps, cert.c.jwt);
    if (wantsJson) return c.json(result);
    return c.html(
      VerifyCredentialPage({ actor: c.get('actor'), credentialId: cert.c.id, result, checkedAt: deps.clock() }),
    );
  });

  // ------------------------------------------------------------ the cohort API

  app.post('/api/v1/academies/:org/cohorts', api, async (c) => {
    const org = apiAcademy(c);
    const deps = c.get('deps');
    const body = await jsonBody(c, cohortApiRequest, 4 * MAX_COHORT_BYTES);
    const loaded = await loadAchievement(deps.db, org.orgId, body.achievementId.toLowerCase());
    const rows = checkApiRows(body.rows, deps.clock());
    const { batch, existing } = await storeBatch(deps.db, {
      orgId: org.orgId,
      achievementId: loaded.achievement.id,
      fileName: body.fileName ?? null,
      rows,
      createdBy: actorUserIdOf(c),
      now: deps.clock(),
    });
    return c.json(await batchSummary(c, org, batch, existing), existing ? 200 : 201);
  });

  app.post('/api/v1/academies/:org/cohorts/:batchId/confirm', api, async (c) => {
    const org = apiAcademy(c);
    const deps = c.get('deps');
    const batch = await getBatch(deps.db, org.orgId, idParam(c, 'batchId', 'cohort'));
    await confirmBatch(deps.db, batch, actorUserIdOf(c), deps.clock());
    const p = await processBatch(deps, org.orgId, batch.id, { actorUserId: actorUserIdOf(c), budgetMs: API_BUDGET_MS });
    return c.json({ ...p, links: links(org, batch.id) }, p.finished ? 200 : 202);
  });

  app.get('/api/v1/academies/:org/cohorts/:batchId/progress', api, async (c) => {
    const org = apiAcademy(c);
    const p = await processBatch(c.get('deps'), org.orgId, idParam(c, 'batchId', 'cohort'), {
      actorUserId: actorUserIdOf(c),
      budgetMs: API_BUDGET_MS,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...p, links: links(org, p.batchId) });
  });

  app.get('/api/v1/academies/:org/cohorts/:batchId/result', api, async (c) => {
    const org = apiAcademy(c);
    const { db, clock } = c.get('deps');
    const batch = await getBatch(db, org.orgId, idParam(c, 'batchId', 'cohort'));
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
}

function links(org: OrgMembership, batchId: string) {
  const base = `/api/v1/academies/${org.slug}/cohorts/${batchId}`;
  return {
    confirm: `${base}/confirm`,
    progress: `${base}/progress`,
    result: `${base}/result`,
    page: `/academy/${org.slug}/batches/${batchId}`,
  };
}

/** What the API answers to an upload: the batch, its counts and every row error. */
async function batchSummary(c: AppContext, org: OrgMembership, batch: Batch, existing: boolean) {
  const db = c.get('deps').db;
  const problems = await batchRows(db, batch.id, { states: ['invalid', 'failed'] });
  return {
    batchId: batch.id,
    status: batch.status,
    existing,
    totalRows: batch.totalRows,
    validRows: batch.validRows,
    invalidRows: batch.totalRows - batch.validRows,
    errors: problems.flatMap((r) => rowErrors(r).map((e) => ({ row: r.rowNo, field: e.field, message: e.message }))),
    links: links(org, batch.id),
  };
}

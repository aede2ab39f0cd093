/** The academy's register of issued certificates, and one certificate: revoke, suspend, reinstate, renew, new claim link. */
import { Hono } from 'hono';
import { registerQuery, renewForm, revokeForm, suspendForm } from '../../../schemas/academy';
import { fieldErrors } from '../../../schemas/accounts';
import {
  type CredentialForms,
  CredentialPage,
  RegisterPage,
  emptyCredentialForms,
} from '../../../web/pages/academy-register';
import type { FormState } from '../../../web/components/form-state';
import { bulkNotice } from '../../../web/components/register-bulk';
import { translator } from '../../../web/i18n/messages';
import type { AppContext, AppEnv } from '../../context';
import { AppError } from '../../errors';
import { academyContext, academyNotice, evidenceOf, futureDateErrors, todayOf } from '../../lib/http/academy';
import { readForm } from '../../lib/http/forms';
import { hexIdFromPath } from '../../lib/http/params';
import { hit } from '../../lib/rate-limit';
import { guard } from '../../policy';
import { listAchievements } from '../../services/academy/achievements';
import { type StatusAction, changeCredentialStatus } from '../../services/academy/credential-status';
import { issueCredentials, loadAchievement } from '../../services/academy/issuance';
import {
  CLAIM_LINKS_PER_DAY,
  claimLinkLimitKey,
  sendIssueNotices,
  sendNewClaimLink,
} from '../../services/academy/claim-links';
import { credentialDetail, searchRegister } from '../../services/academy/register';
import { findUserById } from '../../services/accounts/accounts';
import { issueContext } from '../../services/academy/issue-types';
import { longDate } from '../../../web/components/academy';
import { expiredOnIssue } from '../../services/academy/credential-signing';

const t = translator('en');

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });
const issuer = guard('orgMember', { kind: 'academy', approved: true });

app.get('/academy/:org/register', member, async (c) => {
  const { actor, org, canIssue } = await academyContext(c);
  const { db, clock } = c.get('deps');
  const values = Object.fromEntries(Object.entries(c.req.query()).map(([k, v]) => [k, String(v)]));
  const achievements = (await listAchievements(db, org.id, true)).map((a) => ({
    id: a.id,
    name: a.archivedAt ? t('academy.archivedName', { name: a.name }) : a.name,
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
    RegisterPage({
      actor,
      slug: org.slug,
      achievements,
      form: { values, errors: {} },
      result,
      now: clock(),
      canAct: canIssue,
      notice: bulkNotice(c.req.query('notice'), c.req.query('changed')),
    }),
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
  const detail = await credentialDetail(db, org.id, hexIdFromPath(c, 'id', 'credential'), clock());
  return c.html(
    CredentialPage({
      actor,
      slug: org.slug,
      detail,
      canAct: canIssue,
      forms: opts.forms ?? emptyCredentialForms(),
      origin: config.PUBLIC_ORIGIN,
      notice: opts.notice ?? (opts.status ? undefined : academyNotice(c)),
      noticeKind: opts.noticeKind ?? 'ok',
    }),
    opts.status ?? 200,
  );
};

app.get('/academy/:org/credentials/:id', member, (c) => credentialPage(c));

const statusRoute = (action: StatusAction, notice: string) => async (c: AppContext) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const id = hexIdFromPath(c, 'id', 'credential');
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
  const id = hexIdFromPath(c, 'id', 'credential');
  // A learner's inbox is not a place for a stuck button: a few new links per certificate a day.
  const d = await hit(deps.db, claimLinkLimitKey(id), CLAIM_LINKS_PER_DAY, 24 * 3600, deps.clock());
  if (!d.allowed) {
    c.header('Retry-After', String(d.retryAfterSeconds));
    const notice = t('academy.linkLimit', { limit: CLAIM_LINKS_PER_DAY });
    return credentialPage(c, { status: 429, notice, noticeKind: 'error' });
  }
  try {
    await sendNewClaimLink({ ...issueContext(deps, actor.user.id), mailer: deps.mailer }, org.id, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      return credentialPage(c, {
        status: 409,
        notice: t('academy.noLinkSent', { reason: err.message }),
        noticeKind: 'error',
      });
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
  const detail = await credentialDetail(db, org.id, hexIdFromPath(c, 'id', 'credential'), clock());
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
      notice: t('academy.renewRevoked'),
      noticeKind: 'error',
    });
  if (old.replacedById)
    return credentialPage(c, {
      status: 409,
      notice: t('academy.renewTwice'),
      noticeKind: 'error',
    });
  const loaded = await loadAchievement(db, org.id, old.achievementId);
  // A renewal records new training: one already expired on issue is a mistyped date, and would replace a valid
  // certificate with a dead one.
  const expired = expiredOnIssue(loaded, f.data.completedOn, clock());
  if (expired) {
    const completedOn = t('academy.renewExpired', { date: longDate(expired.toISOString()) });
    return withErrors({ values: f.values, errors: { completedOn } });
  }
  // Renew to the same person: the passport holder's current email if they claimed it, else the address used before.
  const holder = old.subjectUserId ? await findUserById(db, old.subjectUserId) : null;
  const email = holder?.email ?? old.subjectEmail;
  if (!email) throw new AppError('conflict', 'This certificate has no learner email to renew to');
  const [issued] = await issueCredentials(
    issueContext(deps, actor.user.id),
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

export default app;

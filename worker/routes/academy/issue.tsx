/** Issuing an achievement to one learner. */
import { translator } from '../../../web/i18n/messages';
import { Hono } from 'hono';
import { type IssueOneInput, issueOneForm } from '../../../schemas/academy';
import { longDate } from '../../../web/components/academy';
import { IssueOnePage } from '../../../web/pages/academy-achievements';
import { type FormState, emptyForm } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { AppError } from '../../errors';
import { academyContext, evidenceOf, futureDateErrors, todayOf } from '../../lib/http/academy';
import { readForm } from '../../lib/http/forms';
import { hexIdFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { issueCredentials, loadAchievement } from '../../services/academy/issuance';
import { notifyIssued, requestHashOf } from '../../services/academy/issue-idempotency';
import { expiredOnIssue, validityMonths } from '../../services/academy/credential-signing';
import { type LoadedAchievement, issueContext } from '../../services/academy/issue-types';

const t = translator('en');

const app = new Hono<AppEnv>();
const issuer = guard('orgMember', { kind: 'academy', approved: true });

const issuePage = async (
  c: AppContext,
  form: FormState = emptyForm(),
  status: 200 | 400 = 200,
  confirmExpired = false,
) => {
  const { actor, org } = await academyContext(c);
  const loaded = await loadAchievement(c.get('deps').db, org.id, hexIdFromPath(c, 'id', 'achievement'));
  const months = validityMonths(loaded);
  const validity = months ? `${months} months from the completion date` : 'does not expire';
  const page = IssueOnePage({ actor, slug: org.slug, achievement: loaded.achievement, validity, form, confirmExpired });
  return c.html(page, status);
};

/**
 * A completion date so long ago that the certificate would be expired on issue is refused with the day it expired,
 * unless the form's "Issue it anyway" box (shown with the warning) is ticked: a mistyped year would otherwise issue,
 * and email, a certificate that is dead on arrival, while an academy recording past training can still do so.
 */
function expiredErrors(loaded: LoadedAchievement, data: IssueOneInput, now: Date): Record<string, string> {
  const expired = data.issueExpired ? null : expiredOnIssue(loaded, data.completedOn, now);
  if (!expired) return {};
  return {
    completedOn: t('academy.expiredOnIssue', {
      date: longDate(expired.toISOString()),
      confirm: t('academy.issueExpired'),
    }),
  };
}

app.get('/academy/:org/achievements/:id/issue', issuer, (c) =>
  issuePage(c, emptyForm({ completedOn: todayOf(c), submission: crypto.randomUUID() })),
);

app.post('/academy/:org/achievements/:id/issue', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const loaded = await loadAchievement(deps.db, org.id, hexIdFromPath(c, 'id', 'achievement'));
  const f = await readForm(c, issueOneForm);
  if (!f.ok) return issuePage(c, f.state, 400);
  const future = futureDateErrors(f.data, todayOf(c));
  if (Object.keys(future).length) return issuePage(c, { values: f.values, errors: future }, 400);
  const expired = expiredErrors(loaded, f.data, deps.clock());
  if (Object.keys(expired).length) return issuePage(c, { values: f.values, errors: expired }, 400, true);
  const { submission, ...request } = f.data;
  const idempotency = submission
    ? {
        key: `form:${submission}`,
        requestHash: await requestHashOf({ achievementId: loaded.achievement.id, request }),
      }
    : undefined;
  const ctx = issueContext(deps, actor.user.id);
  let issued: Awaited<ReturnType<typeof issueCredentials>>[number] | undefined;
  try {
    [issued] = await issueCredentials(
      ctx,
      loaded,
      [{ email: f.data.email, name: f.data.name, completedOn: f.data.completedOn, evidence: evidenceOf(f.data) }],
      { ...(idempotency ? { idempotency } : {}), securing: f.data.securing },
    );
  } catch (err) {
    // The browser's back button brought an already-sent form back and it was changed: a new form, not a new key.
    if (!(err instanceof AppError && err.code === 'idempotency_key_reused')) throw err;
    const values = { ...f.values, submission: crypto.randomUUID() };
    const message = t('academy.alreadySent');
    return issuePage(c, { values, errors: { _form: message } }, 400);
  }
  if (!issued) throw new AppError('internal', 'Nothing was issued');
  await notifyIssued({ ...ctx, mailer: deps.mailer }, loaded, issued, idempotency);
  return c.redirect(`/academy/${org.slug}/credentials/${issued.credentialId}?notice=issued`, 303);
});

export default app;

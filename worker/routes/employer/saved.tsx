/** The employer's saved checks: saving one, the list, one check, checking it again. */
import { Hono } from 'hono';
import { saveVerificationForm } from '../../../schemas/employer';
import { SavedDetailPage, SavedListPage } from '../../../web/pages/employer-saved';
import { RoleFitPage } from '../../../web/pages/role-fit';
import { t } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { SHARE_MESSAGES, SHARE_STATUS, frameworkNames, readCandidateForm } from '../../lib/http/candidate';
import { employerContext, employerNotice } from '../../lib/http/employer';
import { uuidFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { resolveRole } from '../../services/employer/employer-roles';
import { type RoleFitReport, fitForOrg } from '../../services/employer/check-fit';
import { checkInput } from '../../services/employer/candidate-checks';
import { getSaved, listSaved, recheckSaved, saveVerification } from '../../services/employer/saved-verifications';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'employer' });

app.post('/employer/:org/saved', member, async (c) => {
  const { actor, orgId, org, page } = await employerContext(c);
  const deps = c.get('deps');
  const form = await readCandidateForm(c, saveVerificationForm);
  const fail = async (status: 400 | 404 | 410 | 413, error: string) =>
    c.html(RoleFitPage({ employer: await page(), input: form.text, role: form.data?.role, error }), status);
  if (!form.ok) return fail(form.status, form.message);
  if (!form.data) {
    return fail(400, t('en', 'employer.enterCandidateName'));
  }
  const role = form.data.role ? await resolveRole(deps.db, orgId, form.data.role) : null;
  if (form.data.role && !role) return fail(400, t('en', 'employer.roleNotYours'));
  const checked = await checkInput(deps, form.parsed, { viewerOrgId: orgId, kind: 'verified' });
  if (!checked.ok) return fail(SHARE_STATUS[checked.reason], SHARE_MESSAGES[checked.reason]);
  const fit: RoleFitReport | null = role ? await fitForOrg(deps, orgId, role.ref, checked.outcome, deps.clock()) : null;
  const id = await saveVerification(deps.db, {
    orgId,
    userId: actor.user.id,
    candidateName: form.data.candidateName,
    outcome: checked.outcome,
    roleFit: fit,
    now: deps.clock(),
  });
  return c.redirect(`/employer/${org.slug}/saved/${id}?notice=saved`, 303);
});

app.get('/employer/:org/saved', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  return c.html(SavedListPage({ actor, org, items: await listSaved(c.get('deps').db, orgId) }));
});

app.get('/employer/:org/saved/:id', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const saved = await getSaved(c.get('deps').db, orgId, uuidFromPath(c, 'id', 'saved check'));
  if (!saved) throw notFound('No such saved check');
  return c.html(
    SavedDetailPage({ actor, org, saved, frameworkNames: await frameworkNames(c), notice: employerNotice(c) }),
  );
});

app.post('/employer/:org/saved/:id/recheck', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const id = uuidFromPath(c, 'id', 'saved check');
  await recheckSaved(c.get('deps'), { orgId, id, userId: actor.user.id });
  return c.redirect(`/employer/${org.slug}/saved/${id}?notice=rechecked`, 303);
});

export default app;

/** The employer's dashboard and the role-fit check of what a candidate brought. */
import { Hono } from 'hono';
import { roleFitForm } from '../../../schemas/employer';
import { EmployerDashboard } from '../../../web/pages/employer';
import { RoleFitPage, type RoleFitPageProps } from '../../../web/pages/role-fit';
import { t } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { SHARE_MESSAGES, SHARE_STATUS, frameworkNames, readCandidateForm } from '../../lib/http/candidate';
import { employerContext } from '../../lib/http/employer';
import { guard } from '../../policy';
import { listEmployerRoles, resolveRole } from '../../services/employer/employer-roles';
import { checkInput } from '../../services/employer/candidate-checks';
import { fitForOrg } from '../../services/employer/check-fit';
import { listSaved } from '../../services/employer/saved-verifications';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'employer' });

app.get('/employer/:org', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const { db } = c.get('deps');
  const [roles, recent] = await Promise.all([listEmployerRoles(db, orgId), listSaved(db, orgId, 5)]);
  return c.html(EmployerDashboard({ actor, org, roleCount: roles.length, recent }));
});

app.get('/employer/:org/role-fit', member, async (c) => {
  const { page } = await employerContext(c);
  const role = c.req.query('role');
  return c.html(RoleFitPage({ employer: await page(), role }));
});

app.post('/employer/:org/role-fit', member, async (c) => {
  const { orgId, page } = await employerContext(c);
  const deps = c.get('deps');
  const employer = await page();
  const form = await readCandidateForm(c, roleFitForm);
  const role = form.data?.role;
  const base: RoleFitPageProps = { employer, input: form.text, role };
  if (!form.ok) return c.html(RoleFitPage({ ...base, error: form.message }), form.status);
  // The role is checked before a share is opened, so a mistake does not count as a view.
  const resolved = role ? await resolveRole(deps.db, orgId, role) : null;
  if (!resolved) return c.html(RoleFitPage({ ...base, roleError: t('en', 'employer.chooseRoleHiring') }), 400);
  const checked = await checkInput(deps, form.parsed, { viewerOrgId: orgId, kind: 'verified' });
  if (!checked.ok)
    return c.html(RoleFitPage({ ...base, error: SHARE_MESSAGES[checked.reason] }), SHARE_STATUS[checked.reason]);
  const fit = await fitForOrg(deps, orgId, resolved.ref, checked.outcome, deps.clock());
  return c.html(
    RoleFitPage({
      ...base,
      input: '',
      report: checked.outcome.report,
      fit,
      detected: checked.detected,
      carried: form.text,
      frameworkNames: await frameworkNames(c),
    }),
  );
});

export default app;

/** Platform admin: approve, refuse and suspend organisations (telling the applicant by email), keep the trust registry (academies' issuing scopes) and set the areas commissioners plan for. */
import { Hono } from 'hono';
import { commissionerAreasForm, frameworksForm, refusalForm } from '../../../schemas/accounts';
import { providerKindForm } from '../../../schemas/catalogue-rules';
import { type PlainMessageKey, t } from '../../../web/i18n/messages';
import { AdminPage } from '../../../web/pages/admin';
import { AppError } from '../../errors';
import { setProviderKind } from '../../services/organisations/provider-kind';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { listAreas } from '../../services/accounts/profile';
import {
  approveOrganisation,
  issuerScopesByOrg,
  listIssuingFrameworks,
  setIssuerScopes,
  suspendOrganisation,
} from '../../services/organisations/approval';
import { commissionerAreasByOrg, setCommissionerAreas } from '../../services/organisations/commissioner-areas';
import { refuseOrganisation, sendDecisionMail } from '../../services/organisations/decision-mail';
import { listOrganisations, requireOrg } from '../../services/organisations/organisations';
import { userActor } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';
import { uuidFromPath } from '../../lib/http/params';

const NOTICES: Record<string, PlainMessageKey> = {
  approved: 'admin.noticeApproved',
  refused: 'admin.noticeRefused',
  suspended: 'admin.noticeSuspended',
  scopes: 'admin.noticeScopes',
  areas: 'admin.noticeAreas',
  provider: 'admin.noticeProvider',
};

async function adminPage(c: AppContext, errors: Record<string, string> = {}, status: 200 | 400 = 200) {
  const { db } = c.get('deps');
  const [organisations, frameworks, scopes, areas, orgAreas] = await Promise.all([
    listOrganisations(db),
    listIssuingFrameworks(db),
    issuerScopesByOrg(db),
    listAreas(db),
    commissionerAreasByOrg(db),
  ]);
  const notice = status === 200 ? noticeFrom(c, NOTICES) : undefined;
  return c.html(
    AdminPage({ actor: userActor(c), organisations, frameworks, scopes, areas, orgAreas, errors, notice }),
    status,
  );
}

const app = new Hono<AppEnv>();
const platformAdmin = guard('platformAdmin');

app.get('/admin', platformAdmin, (c) => adminPage(c));

/** Runs a scope-changing action, re-rendering the page with the error on a bad framework list. */
const withFrameworks =
  (action: (c: AppContext, orgId: string, frameworkIds: string[]) => Promise<unknown>, notice: string) =>
  async (c: AppContext) => {
    const orgId = uuidFromPath(c, 'id', 'organisation');
    const f = await readForm(c, frameworksForm);
    if (!f.ok) return adminPage(c, f.state.errors, 400);
    try {
      await action(c, orgId, f.data.frameworks);
    } catch (err) {
      return adminPage(c, formStateFrom(err, {}).errors, 400);
    }
    return c.redirect(`/admin?notice=${notice}`, 303);
  };

app.post(
  '/admin/organisations/:id/approve',
  platformAdmin,
  withFrameworks(async (c, orgId, frameworkIds) => {
    const { db, mailer, clock, config } = c.get('deps');
    const before = await requireOrg(db, orgId);
    const org = await approveOrganisation(db, { orgId, frameworkIds, adminUserId: userActor(c).user.id, now: clock() });
    if (before.status !== 'approved') await sendDecisionMail(db, mailer, config.PUBLIC_ORIGIN, org);
  }, 'approved'),
);

app.post(
  '/admin/organisations/:id/scopes',
  platformAdmin,
  withFrameworks(
    (c, orgId, frameworkIds) =>
      setIssuerScopes(c.get('deps').db, {
        orgId,
        frameworkIds,
        adminUserId: userActor(c).user.id,
        now: c.get('deps').clock(),
      }),
    'scopes',
  ),
);

app.post('/admin/organisations/:id/areas', platformAdmin, async (c) => {
  const orgId = uuidFromPath(c, 'id', 'organisation');
  const f = await readForm(c, commissionerAreasForm);
  if (!f.ok) return adminPage(c, f.state.errors, 400);
  try {
    await setCommissionerAreas(c.get('deps').db, {
      orgId,
      areaCodes: f.data.areas,
      adminUserId: userActor(c).user.id,
      now: c.get('deps').clock(),
    });
  } catch (err) {
    return adminPage(c, formStateFrom(err, {}).errors, 400);
  }
  return c.redirect('/admin?notice=areas', 303);
});

app.post('/admin/organisations/:id/provider', platformAdmin, async (c) => {
  const f = await readForm(c, providerKindForm);
  if (!f.ok) throw new AppError('validation_failed', t('en', 'admin.chooseProviderKind'));
  await setProviderKind(c.get('deps').db, {
    orgId: uuidFromPath(c, 'id', 'organisation'),
    ...f.data,
    adminUserId: userActor(c).user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect('/admin?notice=provider', 303);
});

app.post('/admin/organisations/:id/refuse', platformAdmin, async (c) => {
  const orgId = uuidFromPath(c, 'id', 'organisation');
  const f = await readForm(c, refusalForm);
  if (!f.ok) return adminPage(c, f.state.errors, 400);
  const { db, mailer, clock, config } = c.get('deps');
  const org = await refuseOrganisation(db, {
    orgId,
    reason: f.data.reason,
    adminUserId: userActor(c).user.id,
    now: clock(),
  });
  await sendDecisionMail(db, mailer, config.PUBLIC_ORIGIN, org);
  return c.redirect('/admin?notice=refused', 303);
});

app.post('/admin/organisations/:id/suspend', platformAdmin, async (c) => {
  const orgId = uuidFromPath(c, 'id', 'organisation');
  await suspendOrganisation(c.get('deps').db, {
    orgId,
    adminUserId: userActor(c).user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect('/admin?notice=suspended', 303);
});

export default app;

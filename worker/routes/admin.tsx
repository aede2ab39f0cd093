/** Platform admin: approve and suspend organisations and keep the trust registry (academies' issuing scopes). */
import type { Hono } from 'hono';
import { frameworksForm } from '../../schemas/accounts';
import { AdminPage } from '../../web/pages/admin';
import type { AppContext, AppEnv } from '../context';
import { guard } from '../policy';
import {
  approveOrganisation,
  issuerScopesByOrg,
  listIssuingFrameworks,
  listOrganisations,
  setIssuerScopes,
  suspendOrganisation,
} from '../services/organisations';
import { formStateFrom, noticeFrom, readForm, userActor, uuidFromPath } from './forms';

const NOTICES: Record<string, string> = {
  approved: 'Organisation approved.',
  suspended: 'Organisation suspended.',
  scopes: 'Issuing frameworks saved.',
};

async function adminPage(c: AppContext, errors: Record<string, string> = {}, status: 200 | 400 = 200) {
  const { db } = c.get('deps');
  const [organisations, frameworks, scopes] = await Promise.all([
    listOrganisations(db),
    listIssuingFrameworks(db),
    issuerScopesByOrg(db),
  ]);
  const notice = status === 200 ? noticeFrom(c, NOTICES) : undefined;
  return c.html(AdminPage({ actor: userActor(c), organisations, frameworks, scopes, errors, notice }), status);
}

export function adminRoutes(app: Hono<AppEnv>) {
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
    withFrameworks(
      (c, orgId, frameworkIds) =>
        approveOrganisation(c.get('deps').db, {
          orgId,
          frameworkIds,
          adminUserId: userActor(c).user.id,
          now: c.get('deps').clock(),
        }),
      'approved',
    ),
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

  app.post('/admin/organisations/:id/suspend', platformAdmin, async (c) => {
    const orgId = uuidFromPath(c, 'id', 'organisation');
    await suspendOrganisation(c.get('deps').db, {
      orgId,
      adminUserId: userActor(c).user.id,
      now: c.get('deps').clock(),
    });
    return c.redirect('/admin?notice=suspended', 303);
  });
}

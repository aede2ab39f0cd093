/**
 * Platform admin: approve and suspend organisations, keep the trust registry (academies' issuing scopes), set the
 * areas commissioners plan for, and edit catalogue roles' requirements.
 */
import { Hono } from 'hono';
import { commissionerAreasForm, fieldErrors, frameworksForm } from '../../schemas/accounts';
import { catalogueId } from '../../schemas/catalogue';
import { catalogueRoleRequirementsForm } from '../../schemas/employer';
import { AdminPage } from '../../web/pages/admin';
import { type AdminRoleEditProps, AdminRoleEditPage, AdminRolesPage } from '../../web/pages/admin-roles';
import { AppError } from '../errors';
import { listCompetencies, listFrameworks, roleTitle } from '../services/catalogue/catalogue';
import {
  listRolesForAdmin,
  resetRoleRequirements,
  roleForEditing,
  saveRoleRequirements,
} from '../services/catalogue/role-requirements';
import type { AppContext, AppEnv } from '../context';
import { guard } from '../policy';
import { listAreas } from '../services/accounts/accounts';
import {
  approveOrganisation,
  commissionerAreasByOrg,
  issuerScopesByOrg,
  listIssuingFrameworks,
  listOrganisations,
  setCommissionerAreas,
  setIssuerScopes,
  suspendOrganisation,
} from '../services/organisations/organisations';
import { userActor } from '../lib/http/actor';
import { BODY_LIMITS, readFormFields } from '../lib/http/body';
import { formStateFrom, noticeFrom, readForm, requirementsAsPosted } from '../lib/http/forms';
import { uuidFromPath } from '../lib/http/params';

const NOTICES: Record<string, string> = {
  requirements: 'Requirements saved. Role fit and pathways use them from now on.',
  reset: 'Requirements put back to the reference data.',
  approved: 'Organisation approved.',
  suspended: 'Organisation suspended.',
  scopes: 'Issuing frameworks saved.',
  areas: 'Areas saved.',
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

/** Platform administration. */
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

app.post('/admin/organisations/:id/suspend', platformAdmin, async (c) => {
  const orgId = uuidFromPath(c, 'id', 'organisation');
  await suspendOrganisation(c.get('deps').db, {
    orgId,
    adminUserId: userActor(c).user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect('/admin?notice=suspended', 303);
});

// ------------------------------------------------------------ catalogue roles' requirements

app.get('/admin/roles', platformAdmin, async (c) => {
  const roles = await listRolesForAdmin(c.get('deps').db);
  return c.html(AdminRolesPage({ actor: userActor(c), roles, notice: noticeFrom(c, NOTICES) }));
});

/** The edit page; `form` is what to show again after a failed post (else the stored requirements). */
const roleEditPage = async (
  c: AppContext,
  form?: AdminRoleEditProps['form'],
  status: 200 | 400 = 200,
): Promise<Response> => {
  const { db } = c.get('deps');
  const id = catalogueRoleId(c);
  const [{ role, requirements, edited }, frameworks, competencies] = await Promise.all([
    roleForEditing(db, id),
    listFrameworks(db),
    listCompetencies(db),
  ]);
  const shown = form ?? {
    reqs: new Map(
      requirements.map((r) => [
        r.competencyId,
        { requirement: r.requirement, maxAge: r.maxAgeMonths === null ? '' : String(r.maxAgeMonths) },
      ]),
    ),
    errors: {},
    note: '',
  };
  const framework = frameworks.find((f) => f.id === role.frameworkId)?.name ?? role.frameworkId;
  return c.html(
    AdminRoleEditPage({
      actor: userActor(c),
      role: { id: role.id, title: roleTitle(role), framework },
      edited,
      frameworks,
      competencies,
      form: shown,
      notice: status === 200 ? noticeFrom(c, NOTICES) : undefined,
    }),
    status,
  );
};

app.get('/admin/roles/:id', platformAdmin, (c) => roleEditPage(c));

app.post('/admin/roles/:id', platformAdmin, async (c) => {
  const id = catalogueRoleId(c);
  const raw = await readFormFields(c, BODY_LIMITS.checklistForm);
  const again = (errors: Record<string, string>) =>
    roleEditPage(
      c,
      { reqs: requirementsAsPosted(raw), errors, note: typeof raw.note === 'string' ? raw.note : '' },
      400,
    );
  const f = catalogueRoleRequirementsForm.safeParse(raw);
  if (!f.success) return again(fieldErrors(f.error.issues));
  try {
    await saveRoleRequirements(c.get('deps').db, {
      roleId: id,
      requirements: f.data.requirements,
      note: f.data.note,
      adminUserId: userActor(c).user.id,
      now: c.get('deps').clock(),
    });
  } catch (err) {
    return again(formStateFrom(err, {}).errors);
  }
  return c.redirect(`/admin/roles/${id}?notice=requirements`, 303);
});

app.post('/admin/roles/:id/reset', platformAdmin, async (c) => {
  const id = catalogueRoleId(c);
  await resetRoleRequirements(c.get('deps').db, {
    roleId: id,
    adminUserId: userActor(c).user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect(`/admin/roles/${id}?notice=reset`, 303);
});

export default app;

/** A catalogue role id from the path; anything malformed is simply not found. */
function catalogueRoleId(c: AppContext): string {
  const r = catalogueId.safeParse(c.req.param('id'));
  if (!r.success) throw new AppError('not_found', 'No such role in the catalogue');
  return r.data;
}

/** Platform admin: the catalogue roles' requirements, edited and put back to the reference data. */
import { Hono } from 'hono';
import { fieldErrors } from '../../../schemas/accounts';
import { catalogueId } from '../../../schemas/catalogue';
import { catalogueRoleRequirementsForm } from '../../../schemas/employer';
import { type AdminRoleEditProps, AdminRoleEditPage, AdminRolesPage } from '../../../web/pages/admin-roles';
import { AppError } from '../../errors';
import { listCompetencies, listFrameworks, roleTitle } from '../../services/catalogue/catalogue';
import {
  listRolesForAdmin,
  resetRoleRequirements,
  roleForEditing,
  saveRoleRequirements,
} from '../../services/catalogue/role-requirements';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { userActor } from '../../lib/http/actor';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { formStateFrom, noticeFrom, requirementsAsPosted } from '../../lib/http/forms';

const NOTICES: Record<string, string> = {
  requirements: 'Requirements saved. Role fit and pathways use them from now on.',
  reset: 'Requirements put back to the reference data.',
};

/** A catalogue role id from the path; anything malformed is simply not found. */
function catalogueRoleId(c: AppContext): string {
  const r = catalogueId.safeParse(c.req.param('id'));
  if (!r.success) throw new AppError('not_found', 'No such role in the catalogue');
  return r.data;
}

const app = new Hono<AppEnv>();
const platformAdmin = guard('platformAdmin');

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

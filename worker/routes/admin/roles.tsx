/**
 * Platform admin: the catalogue roles' requirements, edited and put back to the reference data, with their
 * acceptance rules and the relations between catalogue items.
 */
import { Hono } from 'hono';
import { fieldErrors } from '../../../schemas/accounts';
import { acceptanceRuleForm, relationForm } from '../../../schemas/catalogue-rules';
import { catalogueRoleRequirementsForm } from '../../../schemas/employer';
import { AdminRolesPage } from '../../../web/pages/admin-roles';
import {
  listRolesForAdmin,
  resetRoleRequirements,
  saveRoleRequirements,
} from '../../services/catalogue/role-requirements';
import { saveAcceptanceRule, saveRelation } from '../../services/catalogue/rule-edits';
import type { AppEnv } from '../../context';
import { guard } from '../../policy';
import { userActor } from '../../lib/http/actor';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { formStateFrom, noticeFrom, requirementsAsPosted } from '../../lib/http/forms';
import { by, catalogueRoleId, ROLE_NOTICES, roleEditPage, ruleEdit } from '../../lib/http/role-editor';

const app = new Hono<AppEnv>();
const platformAdmin = guard('platformAdmin');

app.get('/admin/roles', platformAdmin, async (c) => {
  const roles = await listRolesForAdmin(c.get('deps').db);
  return c.html(AdminRolesPage({ actor: userActor(c), roles, notice: noticeFrom(c, ROLE_NOTICES) }));
});

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

app.post(
  '/admin/roles/:id/rules',
  platformAdmin,
  ruleEdit(acceptanceRuleForm, 'rule', (c, form) =>
    saveAcceptanceRule(c.get('deps').db, { roleId: catalogueRoleId(c), form, ...by(c) }),
  ),
);
app.post(
  '/admin/roles/:id/relations',
  platformAdmin,
  ruleEdit(relationForm, 'relation', (c, form) => saveRelation(c.get('deps').db, { form, ...by(c) })),
);

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

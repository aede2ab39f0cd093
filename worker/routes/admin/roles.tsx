/**
 * Platform admin: the catalogue roles' requirements, edited and put back to the reference data, with their
 * acceptance rules and the relations between catalogue items.
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import { fieldErrors } from '../../../schemas/accounts';
import { catalogueId } from '../../../schemas/catalogue';
import { acceptanceRuleForm, relationForm } from '../../../schemas/catalogue-rules';
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
import { levelChoices } from '../../services/catalogue/requirement-levels';
import { relationsTouching, saveAcceptanceRule, saveRelation } from '../../services/catalogue/rule-edits';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { userActor } from '../../lib/http/actor';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { formStateFrom, noticeFrom, readForm, requirementsAsPosted } from '../../lib/http/forms';

const NOTICES: Record<string, string> = {
  requirements: 'Requirements saved. Role fit and pathways use them from now on.',
  reset: 'Requirements put back to the reference data.',
  rule: 'Acceptance rule saved. Role fit applies it from now on.',
  relation: 'Relation saved. Role fit follows it from now on.',
  level: 'Level changed. Role fit and pathways use it from now on.',
  relation_deleted: 'Relation deleted. Role fit no longer follows it.',
};

/** A catalogue role id from the path; anything malformed is simply not found. */
export function catalogueRoleId(c: AppContext): string {
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
export const roleEditPage = async (
  c: AppContext,
  form?: AdminRoleEditProps['form'],
  status: 200 | 400 = 200,
  ruleErrors: Record<string, string> = {},
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
    errors: ruleErrors,
    note: '',
  };
  const framework = frameworks.find((f) => f.id === role.frameworkId)?.name ?? role.frameworkId;
  const ids = requirements.map((x) => x.competencyId);
  return c.html(
    AdminRoleEditPage({
      actor: userActor(c),
      role: { id: role.id, title: roleTitle(role), framework },
      edited,
      frameworks,
      competencies,
      form: shown,
      notice: status === 200 ? noticeFrom(c, NOTICES) : undefined,
      rules: requirements.map((x) => ({ competencyId: x.competencyId, acceptance: x.acceptance })),
      relations: await relationsTouching(db, ids),
      levels: await levelChoices(db, ids),
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

/** A rule or relation form on the role editor: validated, saved by `save`, or the page again with its errors. */
export const ruleEdit =
  <S extends z.ZodType>(schema: S, notice: string, save: (c: AppContext, data: z.infer<S>) => Promise<unknown>) =>
  async (c: AppContext) => {
    const id = catalogueRoleId(c);
    const f = await readForm(c, schema);
    if (!f.ok) return roleEditPage(c, undefined, 400, f.state.errors);
    try {
      await save(c, f.data);
    } catch (err) {
      return roleEditPage(c, undefined, 400, formStateFrom(err, {}).errors);
    }
    return c.redirect(`/admin/roles/${id}?notice=${notice}`, 303);
  };
/** Who makes a catalogue edit, and when. */
export const by = (c: AppContext) => ({ adminUserId: userActor(c).user.id, now: c.get('deps').clock() });

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

/**
 * The catalogue role editor's page and its form handling, shared by the admin route groups that edit a role
 * (requirements and rules in routes/admin/roles.tsx, levels and relation deletions in catalogue-edits.tsx).
 */
import type { z } from 'zod';
import { catalogueId } from '../../../schemas/catalogue';
import { type PlainMessageKey, t } from '../../../web/i18n/messages';
import { type AdminRoleEditProps, AdminRoleEditPage } from '../../../web/pages/admin-roles';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { listCompetencies, listFrameworks, roleTitle } from '../../services/catalogue/catalogue';
import { levelChoices } from '../../services/catalogue/requirement-levels';
import { roleForEditing } from '../../services/catalogue/role-requirements';
import { relationsTouching } from '../../services/catalogue/rule-edits';
import { userActor } from './actor';
import { formStateFrom, noticeFrom, readForm } from './forms';

/** Notices the role editor and the role list show after a change, by key. */
export const ROLE_NOTICES: Record<string, PlainMessageKey> = {
  requirements: 'admin.noticeRequirements',
  reset: 'admin.noticeReset',
  rule: 'admin.noticeRule',
  relation: 'admin.noticeRelation',
  level: 'admin.noticeLevel',
  relation_deleted: 'admin.noticeRelationDeleted',
};

/** A catalogue role id from the path; anything malformed is simply not found. */
export function catalogueRoleId(c: AppContext): string {
  const r = catalogueId.safeParse(c.req.param('id'));
  if (!r.success) throw new AppError('not_found', t('en', 'admin.noSuchRole'));
  return r.data;
}

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
      notice: status === 200 ? noticeFrom(c, ROLE_NOTICES) : undefined,
      rules: requirements.map((x) => ({ competencyId: x.competencyId, acceptance: x.acceptance })),
      relations: await relationsTouching(db, ids),
      levels: await levelChoices(db, ids),
    }),
    status,
  );
};

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

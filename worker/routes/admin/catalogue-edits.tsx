/**
 * Platform admin: moving a catalogue role's requirement to another level of its subject, and deleting a relation
 * between catalogue items after a check page. Both on the role editor, both audited with their reason.
 */
import { Hono } from 'hono';
import { fieldErrors } from '../../../schemas/accounts';
import { catalogueId } from '../../../schemas/catalogue';
import { levelForm, relationDeleteForm } from '../../../schemas/catalogue-rules';
import { t } from '../../../web/i18n/messages';
import { RelationDeletePage } from '../../../web/pages/admin-relation-delete';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { userActor } from '../../lib/http/actor';
import { postedForm } from '../../lib/http/forms';
import { guard } from '../../policy';
import { changeRequirementLevel } from '../../services/catalogue/requirement-levels';
import { deleteRelation, getRelation } from '../../services/catalogue/rule-edits';
import { by, catalogueRoleId, ruleEdit } from '../../lib/http/role-editor';

const app = new Hono<AppEnv>();
const platformAdmin = guard('platformAdmin');

app.post(
  '/admin/roles/:id/levels',
  platformAdmin,
  ruleEdit(levelForm, 'level', (c, form) =>
    changeRequirementLevel(c.get('deps').db, { roleId: catalogueRoleId(c), ...form.change, note: form.note, ...by(c) }),
  ),
);

/** Deleting a relation: first a page that shows it and asks why, then (with `confirm=yes`) the deletion. */
app.post('/admin/roles/:id/relations/:relationId/delete', platformAdmin, async (c) => {
  const id = catalogueRoleId(c);
  const { db } = c.get('deps');
  const relationParam = catalogueId.safeParse(c.req.param('relationId'));
  if (!relationParam.success) throw new AppError('not_found', t('en', 'admin.noSuchRelation'));
  const relation = await getRelation(db, relationParam.data);
  const raw = await postedForm(c);
  const note = typeof raw.note === 'string' ? raw.note : '';
  const page = (errors: Record<string, string>, status: 200 | 400) =>
    c.html(
      RelationDeletePage({ actor: userActor(c), roleId: id, relation, form: { values: { note }, errors } }),
      status,
    );
  if (raw.confirm !== 'yes') return page({}, 200);
  const f = relationDeleteForm.safeParse(raw);
  if (!f.success) return page(fieldErrors(f.error.issues), 400);
  await deleteRelation(db, { relationId: relation.id, note: f.data.note, ...by(c) });
  return c.redirect(`/admin/roles/${id}?notice=relation_deleted`, 303);
});

export default app;

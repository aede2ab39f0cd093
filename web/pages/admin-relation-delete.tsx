/** Platform admin: the check before a relation between catalogue items is deleted, with the reason asked for. */
import type { Actor } from '../../worker/context';
import type { RelationRow } from './admin-role-rules';
import { AdminNav } from './admin-roles';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import type { FormState } from '../components/form-state';
import { Breakable } from '../components/academy';
import { translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

const RELATION_WORDS: Record<string, string> = {
  includes: t('admin.relIncludes'),
  satisfies: t('admin.relSatisfies'),
  equivalent: t('admin.relEquivalent'),
  comparable: t('admin.relComparable'),
};

const NOTE_HINT = t('admin.deleteRelationHint');

/** POST /admin/roles/:id/relations/:relationId/delete without `confirm`. */
export function RelationDeletePage(p: { actor: UserActor; roleId: string; relation: RelationRow; form: FormState }) {
  const r = p.relation;
  const error = p.form.errors.note;
  return (
    <Layout title={t('admin.titleOf', { page: t('admin.deleteRelationTitle') })} actor={p.actor}>
      <h1>{t('admin.deleteRelationHeading')}</h1>
      <AdminNav current="admin.navRoles" />
      <ErrorSummary errors={p.form.errors} labels={{ note: t('admin.reasonForDeleting') }} />
      <p>{t('admin.deleteRelationIntro')}</p>
      <dl class="facts">
        <dt>{t('admin.relation')}</dt>
        <dd class="source">{r.label}</dd>
        <dt>{t('admin.heldItem')}</dt>
        <dd>
          <code>
            <Breakable text={r.fromId} />
          </code>{' '}
          {RELATION_WORDS[r.relation] ?? r.relation}{' '}
          <code>
            <Breakable text={r.toId} />
          </code>
        </dd>
        <dt>{t('admin.strength')}</dt>
        <dd>{r.strength}</dd>
        <dt>{t('admin.source')}</dt>
        <dd class="source">{r.source}</dd>
      </dl>
      <form method="post" action={`/admin/roles/${p.roleId}/relations/${r.id}/delete`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="confirm" value="yes" />
        <label for="note">{t('admin.reasonForDeleting')}</label>
        <FieldNotes id="note" hint={NOTE_HINT} error={error} />
        <input
          type="text"
          id="note"
          name="note"
          value={p.form.values.note ?? ''}
          maxlength={500}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy('note', NOTE_HINT, error)}
        />
        <div>
          <button type="submit" class="danger">
            {t('admin.deleteRelationButton')}
          </button>
        </div>
      </form>
      <p>
        <a href={`/admin/roles/${p.roleId}`}>{t('admin.backWithoutDeleting')}</a>
      </p>
    </Layout>
  );
}

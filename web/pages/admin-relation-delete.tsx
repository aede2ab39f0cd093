/** Platform admin: the check before a relation between catalogue items is deleted, with the reason asked for. */
import type { Actor } from '../../worker/context';
import type { RelationRow } from './admin-role-rules';
import { AdminNav } from './admin-roles';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import type { FormState } from '../components/form-state';
import { Breakable } from '../components/academy';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

const RELATION_WORDS: Record<string, string> = {
  includes: 'includes (a higher level of the same subject)',
  satisfies: 'meets a requirement for',
  equivalent: 'is equivalent to (both ways)',
  comparable: 'is comparable to (no published equivalence)',
};

const NOTE_HINT = 'Recorded in the audit log with the whole relation, e.g. the source that shows it is wrong.';

/** POST /admin/roles/:id/relations/:relationId/delete without `confirm`. */
export function RelationDeletePage(p: { actor: UserActor; roleId: string; relation: RelationRow; form: FormState }) {
  const r = p.relation;
  const error = p.form.errors.note;
  return (
    <Layout title="Delete a relation · Platform admin" actor={p.actor}>
      <h1>Delete this relation?</h1>
      <AdminNav current="roles" />
      <ErrorSummary errors={p.form.errors} labels={{ note: 'Reason for deleting' }} />
      <p>
        Role fit stops following it at once, for every role and every employer. A relation from the reference data is
        not added back when the reference data is loaded again.
      </p>
      <dl class="facts">
        <dt>Relation</dt>
        <dd class="source">{r.label}</dd>
        <dt>Held item</dt>
        <dd>
          <code>
            <Breakable text={r.fromId} />
          </code>{' '}
          {RELATION_WORDS[r.relation] ?? r.relation}{' '}
          <code>
            <Breakable text={r.toId} />
          </code>
        </dd>
        <dt>Strength</dt>
        <dd>{r.strength}</dd>
        <dt>Source</dt>
        <dd class="source">{r.source}</dd>
      </dl>
      <form method="post" action={`/admin/roles/${p.roleId}/relations/${r.id}/delete`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="confirm" value="yes" />
        <label for="note">Reason for deleting</label>
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
            Delete the relation
          </button>
        </div>
      </form>
      <p>
        <a href={`/admin/roles/${p.roleId}`}>Back to the role without deleting</a>
      </p>
    </Layout>
  );
}

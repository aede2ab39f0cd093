/** Platform admin: catalogue roles' requirements, the data behind role fit and the pathway's gap analysis. */
import type { Actor } from '../../worker/context';
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import type { LevelChoice } from '../../worker/services/catalogue/requirement-levels';
import type { AdminRoleRow } from '../../worker/services/catalogue/role-requirements';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { type RelationRow, RoleRulesSection, type RuleRow } from './admin-role-rules';
import { RequirementPicker, type RoleFormState } from './employer-roles';

type UserActor = Extract<Actor, { kind: 'user' }>;

export function AdminNav({ current }: { current: 'organisations' | 'roles' | 'releases' }) {
  return (
    <nav aria-label="Platform admin">
      <ul class="inline-list">
        <li>
          <a href="/admin" aria-current={current === 'organisations' ? 'page' : undefined}>
            Organisations
          </a>
        </li>
        <li>
          <a href="/admin/roles" aria-current={current === 'roles' ? 'page' : undefined}>
            Role requirements
          </a>
        </li>
        <li>
          <a href="/admin/releases" aria-current={current === 'releases' ? 'page' : undefined}>
            Workforce releases
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** GET /admin/roles */
export function AdminRolesPage(p: { actor: UserActor; roles: AdminRoleRow[]; notice?: string | undefined }) {
  const ladders = [...new Set(p.roles.map((r) => r.framework))];
  return (
    <Layout title="Role requirements · Platform admin" actor={p.actor} notice={p.notice}>
      <h1>Role requirements</h1>
      <AdminNav current="roles" />
      <p>
        What each role on the career ladders expects: the data behind employers' role-fit reports and care workers'
        pathway gaps. The reference data is this product's reading of its sources; an edit here replaces it for that
        role (the seed then leaves the role alone) until it is reset.
      </p>
      {ladders.map((ladder) => (
        <section>
          <h2>{ladder}</h2>
          <Scroll label={`Roles of ${ladder}`}>
            <table>
              <caption class="visually-hidden">Roles of {ladder} with their requirements</caption>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Band</th>
                  <th scope="col">Required</th>
                  <th scope="col">Recommended</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {p.roles
                  .filter((r) => r.framework === ladder)
                  .map((r) => (
                    <tr>
                      <th scope="row">
                        <a href={`/admin/roles/${r.id}`}>{r.title}</a>
                      </th>
                      <td>{r.band ?? ''}</td>
                      <td>{r.required}</td>
                      <td>{r.recommended}</td>
                      <td>
                        {r.edited ? (
                          <span class="tag warn">Edited {r.edited.editedAt.slice(0, 10)}</span>
                        ) : (
                          <span class="tag">Reference data</span>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      ))}
    </Layout>
  );
}

export interface AdminRoleEditProps {
  actor: UserActor;
  role: { id: string; title: string; framework: string };
  edited: { editedAt: string; note: string } | null;
  frameworks: Framework[];
  competencies: Competency[];
  form: Pick<RoleFormState, 'reqs' | 'errors'> & { note: string };
  notice?: string | undefined;
  /** The stored requirements' acceptance rules and the relations touching their items. */
  rules?: RuleRow[];
  relations?: RelationRow[];
  /** The requirements that have other levels of their subject, with those levels. */
  levels?: LevelChoice[];
}

const NOTE_HINT = 'Shown as the basis of every requirement you add or change, e.g. the guidance you followed.';

/** GET/POST /admin/roles/:id */
export function AdminRoleEditPage(p: AdminRoleEditProps) {
  const { form } = p;
  return (
    <Layout title={`${p.role.title} requirements · Platform admin`} actor={p.actor} notice={p.notice}>
      <h1>{p.role.title}: requirements</h1>
      <AdminNav current="roles" />
      <p>
        {p.role.framework}.{' '}
        {p.edited ? (
          <>
            Edited on {p.edited.editedAt.slice(0, 10)}: {p.edited.note}
          </>
        ) : (
          'These are the reference data.'
        )}{' '}
        <a href={`/catalogue/roles/${p.role.id}`}>See the public role page</a>.
      </p>
      <ErrorSummary errors={form.errors} labels={{ note: 'Reason for the change', req: 'Requirements' }} />
      <form method="post" action={`/admin/roles/${p.role.id}`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <RequirementPicker frameworks={p.frameworks} competencies={p.competencies} form={form} />
        <label for="note">Reason for the change</label>
        <FieldNotes id="note" hint={NOTE_HINT} error={form.errors.note} />
        <input
          type="text"
          id="note"
          name="note"
          value={form.note}
          maxlength={300}
          required
          aria-invalid={form.errors.note ? 'true' : undefined}
          aria-describedby={describedBy('note', NOTE_HINT, form.errors.note)}
        />
        <div>
          <button type="submit">Save requirements</button>
        </div>
      </form>
      {p.rules ? (
        <RoleRulesSection
          actor={p.actor}
          roleId={p.role.id}
          rules={p.rules}
          relations={p.relations ?? []}
          competencies={p.competencies}
          levels={p.levels ?? []}
        />
      ) : null}
      {p.edited ? (
        <form
          method="post"
          action={`/admin/roles/${p.role.id}/reset`}
          class="stack"
          data-confirm="Put this role's requirements back to the reference data? Your edits to it are lost."
        >
          <Csrf actor={p.actor} />
          <h2>Reset</h2>
          <p>Put back the reference data for this role; role fit and pathways use it at once.</p>
          <button type="submit" class="secondary">
            Reset to the reference data
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

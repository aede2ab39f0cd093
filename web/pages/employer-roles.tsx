/** The employer's own roles: list, and the form to add or edit one (requirements chosen from the catalogue). */
import type { Actor } from '../../worker/context';
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import type { listEmployerRoles } from '../../worker/services/employer/employer-roles';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { EmployerNav, type EmployerOrg } from '../components/employer-nav';
import { RequirementPicker, type RoleFormState } from '../components/requirement-picker';
import { EmployerRulesSection, type RuleLine } from '../components/employer-rules';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** Kept for the platform admin's role page, which still imports the picker from here. */
export { RequirementPicker, type RoleFormState };
type RoleRow = Awaited<ReturnType<typeof listEmployerRoles>>[number];
type RoleGroups = { group: string; roles: { ref: string; label: string }[] }[];

/** GET /employer/:org/roles. */
export function EmployerRolesPage(p: {
  actor: UserActor;
  org: EmployerOrg;
  roles: RoleRow[];
  catalogue: RoleGroups;
  notice?: string | undefined;
}) {
  const { org } = p;
  return (
    <Layout title={`Roles · ${org.name}`} actor={p.actor} notice={p.notice}>
      <h1>Your roles</h1>
      <EmployerNav org={org} current="roles" />
      <p>
        Your own job titles, what each requires and what it pays. Role-fit checks against them show which requirements a
        candidate already meets.
      </p>
      {p.roles.length ? (
        <Scroll label="Your roles">
          <table>
            <caption class="visually-hidden">Your roles</caption>
            <thead>
              <tr>
                <th scope="col">Job title</th>
                <th scope="col">Band</th>
                <th scope="col">Pay</th>
                <th scope="col">Requirements</th>
              </tr>
            </thead>
            <tbody>
              {p.roles.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/employer/${org.slug}/roles/${r.id}`}>{r.title}</a>
                  </th>
                  <td>{r.bandLabel ?? '—'}</td>
                  <td>{r.payText ?? '—'}</td>
                  <td>{r.requirementCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p>You have no roles yet.</p>
      )}
      <h2 id="start-heading">Add a role</h2>
      <form method="get" action={`/employer/${org.slug}/roles/new`} class="stack" aria-labelledby="start-heading">
        <label for="from">
          Start from a role on the career ladders
          <span class="hint" id="from-hint">
            Its requirements are copied in; you can then change them.
          </span>
        </label>
        <select
          id="from"
          name="from"
          aria-describedby="from-hint"
          data-filter="option:not([value=''])"
          data-filter-groups="optgroup"
          data-filter-label="Find a ladder role"
          data-filter-noun="roles"
        >
          <option value="">Start from scratch</option>
          {p.catalogue.map((g) => (
            <optgroup label={g.group}>
              {g.roles.map((r) => (
                <option value={r.ref.replace(/^role:/, '')}>{r.label}</option>
              ))}
            </optgroup>
          ))}
        </select>
        <div>
          <button type="submit">Continue</button>
        </div>
      </form>
      <script src="/static/picker.js" defer />
    </Layout>
  );
}

/** What the role form shows: values typed, requirements ticked, and errors. */
export const emptyRoleForm = (): RoleFormState => ({
  values: { title: '', catalogueRoleId: '', bandLabel: '', payText: '' },
  reqs: new Map(),
  errors: {},
});

export interface RoleFormProps {
  actor: UserActor;
  org: EmployerOrg;
  /** null: a new role. */
  roleId: string | null;
  form: RoleFormState;
  frameworks: Framework[];
  competencies: Competency[];
  catalogue: RoleGroups;
  bands: { framework: string; label: string }[];
  /** "Started from Senior care worker: its requirements are ticked." */
  startedFrom?: string | undefined;
  /** An existing role's acceptance rules, and whether this person may set them. */
  rules?: { lines: RuleLine[]; canEdit: boolean; errors: Record<string, string> } | undefined;
  notice?: string | undefined;
}

/** A field's hint and error, and the attributes linking them to its control through aria-describedby. */
function linkedNotes(form: RoleFormState, name: string, hint?: string) {
  return {
    el: <FieldNotes id={name} hint={hint} error={form.errors[name]} />,
    aria: {
      'aria-describedby': describedBy(name, hint, form.errors[name]),
      'aria-invalid': form.errors[name] ? ('true' as const) : undefined,
    },
  };
}

/** The pickers for the closest role on the career ladders and for the band. */
function LadderAndBand({ p }: { p: RoleFormProps }) {
  const { form } = p;
  const roleField = linkedNotes(
    form,
    'catalogueRoleId',
    "So candidates and commissioners can compare it with other employers' roles.",
  );
  const bandField = linkedNotes(form, 'bandLabel');
  return (
    <>
      <label for="catalogueRoleId">Closest role on the career ladders</label>
      {roleField.el}
      <select
        id="catalogueRoleId"
        name="catalogueRoleId"
        {...roleField.aria}
        data-filter="option:not([value=''])"
        data-filter-groups="optgroup"
        data-filter-label="Find the closest ladder role"
        data-filter-noun="roles"
      >
        <option value="">None</option>
        {p.catalogue.map((g) => (
          <optgroup label={g.group}>
            {g.roles.map((r) => {
              const id = r.ref.replace(/^role:/, '');
              return (
                <option value={id} selected={id === form.values.catalogueRoleId}>
                  {r.label}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
      <label for="bandLabel">Band</label>
      {bandField.el}
      <select id="bandLabel" name="bandLabel" {...bandField.aria}>
        <option value="">None</option>
        {[...new Set(p.bands.map((b) => b.framework))].map((fw) => (
          <optgroup label={fw}>
            {p.bands
              .filter((b) => b.framework === fw)
              .map((b) => (
                <option value={b.label} selected={b.label === form.values.bandLabel}>
                  {b.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}

/** GET/POST /employer/:org/roles/new and /employer/:org/roles/:id. */
export function EmployerRoleFormPage(p: RoleFormProps) {
  const { org, form } = p;
  const action = p.roleId ? `/employer/${org.slug}/roles/${p.roleId}` : `/employer/${org.slug}/roles/new`;
  const title = p.roleId ? `Edit ${form.values.title || 'role'}` : 'Add a role';
  const titleField = linkedNotes(form, 'title');
  const payField = linkedNotes(
    form,
    'payText',
    'In your own words, with the date it applies from, e.g. "£12.85 an hour from April 2026".',
  );
  return (
    <Layout title={`${title} · ${org.name}`} actor={p.actor} notice={p.notice}>
      <h1>{title}</h1>
      <EmployerNav org={org} current="roles" />
      {p.startedFrom ? (
        <p class="notice" role="status">
          {p.startedFrom}
        </p>
      ) : null}
      <ErrorSummary errors={form.errors} />
      <form method="post" action={action} class="stack" novalidate>
        <Csrf actor={p.actor} />
        {!p.roleId && form.values.copiedFrom ? (
          <input type="hidden" name="copiedFrom" value={form.values.copiedFrom} />
        ) : null}
        <label for="title">Job title</label>
        {titleField.el}
        <input
          id="title"
          name="title"
          type="text"
          value={form.values.title}
          required
          maxlength={120}
          {...titleField.aria}
        />
        <LadderAndBand p={p} />
        <label for="payText">Pay</label>
        {payField.el}
        <input id="payText" name="payText" type="text" value={form.values.payText} maxlength={200} {...payField.aria} />
        <RequirementPicker frameworks={p.frameworks} competencies={p.competencies} form={form} />
        <div>
          <button type="submit">{p.roleId ? 'Save changes' : 'Add role'}</button>
        </div>
      </form>
      {p.roleId && p.rules ? <EmployerRulesSection actor={p.actor} action={`${action}/rules`} {...p.rules} /> : null}
      {p.roleId ? (
        <form
          method="post"
          action={`/employer/${org.slug}/roles/${p.roleId}/delete`}
          class="stack"
          data-confirm="Delete this role? Saved checks keep their reports."
        >
          <Csrf actor={p.actor} />
          <h2>Delete this role</h2>
          <p class="small">Saved checks against it keep the report they were saved with.</p>
          <button type="submit" class="danger">
            Delete role
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

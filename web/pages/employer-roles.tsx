/** The employer's own roles: list, and the form to add or edit one (requirements chosen from the catalogue). */
import type { Actor } from '../../worker/context';
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import type { listEmployerRoles } from '../../worker/services/employer/employer-roles';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { EmployerNav, type EmployerOrg } from './employer';

type UserActor = Extract<Actor, { kind: 'user' }>;
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
        <select id="from" name="from" aria-describedby="from-hint">
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
    </Layout>
  );
}

/** What the role form shows: values typed, requirements ticked, and errors. */
export interface RoleFormState {
  values: { title: string; catalogueRoleId: string; bandLabel: string; payText: string };
  /** Ticked competencies with their strength and max age as typed. */
  reqs: Map<string, { requirement: 'required' | 'recommended'; maxAge: string }>;
  errors: Record<string, string>;
}

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
}

type PickedRequirements = Pick<RoleFormState, 'reqs' | 'errors'>;

function RequirementRows({ items, form, label }: { items: Competency[]; form: PickedRequirements; label: string }) {
  return (
    <Scroll label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Include</th>
            <th scope="col">Required or recommended</th>
            <th scope="col">Oldest acceptable (months)</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const chosen = form.reqs.get(c.id);
            const ageError = form.errors[`maxAge-${c.id}`];
            return (
              <tr>
                <td>
                  <input type="checkbox" id={`req-${c.id}`} name="req" value={c.id} checked={!!chosen} />{' '}
                  <label for={`req-${c.id}`}>
                    {c.name} <span class="small muted">({c.code})</span>
                  </label>
                </td>
                <td>
                  <label class="visually-hidden" for={`strength-${c.id}`}>
                    {c.name}: required or recommended
                  </label>
                  <select id={`strength-${c.id}`} name={`strength-${c.id}`}>
                    <option value="required" selected={chosen?.requirement !== 'recommended'}>
                      Required
                    </option>
                    <option value="recommended" selected={chosen?.requirement === 'recommended'}>
                      Recommended
                    </option>
                  </select>
                </td>
                <td>
                  <label class="visually-hidden" for={`maxAge-${c.id}`}>
                    {c.name}: oldest acceptable training in months
                  </label>
                  <FieldNotes id={`maxAge-${c.id}`} error={ageError} />
                  <input
                    type="number"
                    inputmode="numeric"
                    min={1}
                    max={240}
                    id={`maxAge-${c.id}`}
                    name={`maxAge-${c.id}`}
                    value={chosen?.maxAge ?? ''}
                    placeholder={c.refreshMonths ? String(c.refreshMonths) : ''}
                    aria-describedby={ageError ? `maxAge-${c.id}-error` : 'maxage-hint'}
                    aria-invalid={ageError ? 'true' : undefined}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/**
 * The "Requirements" part of a role form: every competency of the catalogue by framework, with required or
 * recommended and the oldest acceptable training. Used for employers' roles and the admin's catalogue roles.
 */
export function RequirementPicker(p: {
  frameworks: Framework[];
  competencies: Competency[];
  form: PickedRequirements;
}) {
  const byFramework = p.frameworks
    .filter((f) => f.kind === 'competency')
    .map((f) => ({ f, items: p.competencies.filter((c) => c.frameworkId === f.id) }))
    .filter((g) => g.items.length);
  return (
    <>
      <h2 id="req">Requirements</h2>
      <FieldNotes id="req" error={p.form.errors.req} />
      <p class="small" id="maxage-hint">
        Tick what the role needs. "Oldest acceptable" is how old the training may be, in months; leave it empty to use
        the refresher period shown greyed out (empty there too: it does not expire).
      </p>
      {byFramework.map(({ f, items }) => (
        <fieldset>
          <legend>{f.name}</legend>
          <RequirementRows items={items} form={p.form} label={`${f.name}: requirements to choose from`} />
        </fieldset>
      ))}
    </>
  );
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
      <select id="catalogueRoleId" name="catalogueRoleId" {...roleField.aria}>
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
    <Layout title={`${title} · ${org.name}`} actor={p.actor}>
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

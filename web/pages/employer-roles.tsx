/** The employer's own roles: list, and the form to add or edit one (requirements chosen from the catalogue). */
import type { Actor } from '../../worker/context';
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import type { listEmployerRoles } from '../../worker/services/employer/employer-roles';
import { translator } from '../i18n/messages';
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

const t = translator('en');

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
    <Layout title={t('employer.rolesTitle', { org: org.name })} actor={p.actor} notice={p.notice}>
      <h1>{t('employer.yourRoles')}</h1>
      <EmployerNav org={org} area="roles" />
      <p>{t('employer.rolesIntro')}</p>
      {p.roles.length ? (
        <Scroll label={t('employer.yourRoles')}>
          <table>
            <caption class="visually-hidden">{t('employer.yourRoles')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('employer.jobTitle')}</th>
                <th scope="col">{t('employer.band')}</th>
                <th scope="col">{t('employer.pay')}</th>
                <th scope="col">{t('employer.requirements')}</th>
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
        <p>{t('employer.noRoles')}</p>
      )}
      <h2 id="start-heading">{t('employer.addRole')}</h2>
      <form method="get" action={`/employer/${org.slug}/roles/new`} class="stack" aria-labelledby="start-heading">
        <label for="from">
          {t('employer.startFrom')}
          <span class="hint" id="from-hint">
            {t('employer.startFromHint')}
          </span>
        </label>
        <select
          id="from"
          name="from"
          aria-describedby="from-hint"
          data-filter="option:not([value=''])"
          data-filter-groups="optgroup"
          data-filter-label={t('employer.findLadderRole')}
          data-filter-noun={t('employer.filterNounRoles')}
        >
          <option value="">{t('employer.startFromScratch')}</option>
          {p.catalogue.map((g) => (
            <optgroup label={g.group}>
              {g.roles.map((r) => (
                <option value={r.ref.replace(/^role:/, '')}>{r.label}</option>
              ))}
            </optgroup>
          ))}
        </select>
        <div>
          <button type="submit">{t('employer.continue')}</button>
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
  const roleField = linkedNotes(form, 'catalogueRoleId', t('employer.closestRoleHint'));
  const bandField = linkedNotes(form, 'bandLabel');
  return (
    <>
      <label for="catalogueRoleId">{t('employer.closestRole')}</label>
      {roleField.el}
      <select
        id="catalogueRoleId"
        name="catalogueRoleId"
        {...roleField.aria}
        data-filter="option:not([value=''])"
        data-filter-groups="optgroup"
        data-filter-label={t('employer.findClosestRole')}
        data-filter-noun={t('employer.filterNounRoles')}
      >
        <option value="">{t('employer.none')}</option>
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
      <label for="bandLabel">{t('employer.band')}</label>
      {bandField.el}
      <select id="bandLabel" name="bandLabel" {...bandField.aria}>
        <option value="">{t('employer.none')}</option>
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
  const title = !p.roleId
    ? t('employer.addRole')
    : form.values.title
      ? t('employer.editRole', { title: form.values.title })
      : t('employer.editRoleUntitled');
  const titleField = linkedNotes(form, 'title');
  const payField = linkedNotes(form, 'payText', t('employer.payHint'));
  return (
    <Layout title={`${title} · ${org.name}`} actor={p.actor} notice={p.notice}>
      <h1>{title}</h1>
      <EmployerNav org={org} area="roles" />
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
        <label for="title">{t('employer.jobTitle')}</label>
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
        <label for="payText">{t('employer.pay')}</label>
        {payField.el}
        <input id="payText" name="payText" type="text" value={form.values.payText} maxlength={200} {...payField.aria} />
        <RequirementPicker frameworks={p.frameworks} competencies={p.competencies} form={form} />
        <div>
          <button type="submit">{t(p.roleId ? 'employer.saveChanges' : 'employer.addRoleButton')}</button>
        </div>
      </form>
      {p.roleId && p.rules ? <EmployerRulesSection actor={p.actor} action={`${action}/rules`} {...p.rules} /> : null}
      {p.roleId ? (
        <form
          method="post"
          action={`/employer/${org.slug}/roles/${p.roleId}/delete`}
          class="stack"
          data-confirm={t('employer.deleteConfirm')}
        >
          <Csrf actor={p.actor} />
          <h2>{t('employer.deleteTitle')}</h2>
          <p class="small">{t('employer.deleteIntro')}</p>
          <button type="submit" class="danger">
            {t('employer.deleteButton')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

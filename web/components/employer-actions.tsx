/** What signed-in employer staff can do under a check result: assess it against a role, or save it to their records. */
import type { Actor } from '../../worker/context';
import { translator } from '../i18n/messages';
import { Csrf } from '../layout';
import { describedBy, FieldNotes } from './forms';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

/** A signed-in employer member's organisation and the roles they can assess against. */
export interface EmployerContext {
  actor: UserActor;
  slug: string;
  name: string;
  roleGroups: { group: string; roles: { ref: string; label: string }[] }[];
}

/** A role picker grouped by ladder (the employer's own roles first). */
export function RoleSelect({
  groups,
  selected,
  id = 'role',
  error,
}: {
  groups: EmployerContext['roleGroups'];
  selected?: string | undefined;
  id?: string;
  error?: string | undefined;
}) {
  return (
    <>
      <label for={id}>{t('employer.roleLabel')}</label>
      <FieldNotes id={id} hint={t('employer.roleHint')} error={error} />
      <select
        id={id}
        name="role"
        required
        aria-describedby={describedBy(id, true, error)}
        aria-invalid={error ? 'true' : undefined}
        data-filter="option:not([value=''])"
        data-filter-groups="optgroup"
        data-filter-label={t('employer.findRole')}
        data-filter-noun={t('employer.filterNounRoles')}
      >
        <option value="">{t('employer.chooseRole')}</option>
        {groups.map((g) => (
          <optgroup label={g.group}>
            {g.roles.map((r) => (
              <option value={r.ref} selected={r.ref === selected}>
                {r.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <script src="/static/picker.js" defer />
    </>
  );
}

/** What the employer forms under a result carry: the checked input and the role, if one was chosen. */
type EmployerFormProps = { employer: EmployerContext; input: string; role?: string | undefined };

/** "Check against a role" and "Save to your records", for signed-in employer staff under a result. */
export function EmployerActions({ employer, input, role }: EmployerFormProps) {
  return (
    <section class="card no-print" aria-labelledby="employer-actions">
      <h2 id="employer-actions">{t('employer.actionsFor', { org: employer.name })}</h2>
      <form method="post" action={`/employer/${employer.slug}/role-fit`} class="stack">
        <Csrf actor={employer.actor} />
        <input type="hidden" name="input" value={input} />
        <h3>{t('employer.checkAgainstRole')}</h3>
        <p class="small">{t('employer.checkAgainstRoleIntro')}</p>
        <RoleSelect groups={employer.roleGroups} selected={role} id="fit-role" />
        <div>
          <button type="submit">{t('employer.checkAgainstThisRole')}</button>
        </div>
      </form>
      <SaveForm employer={employer} input={input} role={role} />
    </section>
  );
}

/** Saves the check (and the role fit, when a role is given) to the organisation's records. */
export function SaveForm({ employer, input, role }: EmployerFormProps) {
  return (
    <form method="post" action={`/employer/${employer.slug}/saved`} class="stack no-print">
      <Csrf actor={employer.actor} />
      <input type="hidden" name="input" value={input} />
      {role ? <input type="hidden" name="role" value={role} /> : null}
      <h3>{t('employer.saveTitle')}</h3>
      <p class="small">{t(role ? 'employer.saveIntroWithFit' : 'employer.saveIntro')}</p>
      <label for="candidateName">{t('employer.candidateName')}</label>
      <input id="candidateName" name="candidateName" type="text" required autocomplete="off" maxlength={120} />
      <div>
        <button type="submit" class="secondary">
          {t('employer.saveCheck')}
        </button>
      </div>
    </form>
  );
}

/** Platform admin: catalogue roles' requirements, the data behind role fit and the pathway's gap analysis. */
import type { Actor } from '../../worker/context';
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import type { LevelChoice } from '../../worker/services/catalogue/requirement-levels';
import type { AdminRoleRow } from '../../worker/services/catalogue/role-requirements';
import { translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { type RelationRow, RoleRulesSection, type RuleRow } from './admin-role-rules';
import { RequirementPicker, type RoleFormState } from './employer-roles';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

/** The platform admin's sections: organisations, catalogue role requirements and workforce releases. */
const ADMIN_SECTIONS = [
  { href: '/admin', name: 'admin.navOrganisations' },
  { href: '/admin/roles', name: 'admin.navRoles' },
  { href: '/admin/releases', name: 'admin.navReleases' },
] as const;

/** The admin's navigation; `current` is the catalogue key naming the section shown. */
export function AdminNav({ current }: { current: (typeof ADMIN_SECTIONS)[number]['name'] }) {
  return (
    <nav aria-label={t('admin.title')}>
      <ul class="inline-list">
        {ADMIN_SECTIONS.map((s) => (
          <li>
            <a href={s.href} aria-current={current === s.name ? 'page' : undefined}>
              {t(s.name)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** GET /admin/roles */
export function AdminRolesPage(p: { actor: UserActor; roles: AdminRoleRow[]; notice?: string | undefined }) {
  const ladders = [...new Set(p.roles.map((r) => r.framework))];
  return (
    <Layout title={t('admin.titleOf', { page: t('admin.navRoles') })} actor={p.actor} notice={p.notice}>
      <h1>{t('admin.navRoles')}</h1>
      <AdminNav current="admin.navRoles" />
      <p>{t('admin.rolesIntro')}</p>
      {ladders.map((ladder) => (
        <section>
          <h2>{ladder}</h2>
          <Scroll label={t('admin.rolesOf', { ladder })}>
            <table>
              <caption class="visually-hidden">{t('admin.rolesOfCaption', { ladder })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.colRole')}</th>
                  <th scope="col">{t('admin.colBand')}</th>
                  <th scope="col">{t('admin.colRequired')}</th>
                  <th scope="col">{t('admin.colRecommended')}</th>
                  <th scope="col">{t('admin.colSource')}</th>
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
                          <span class="tag warn">{t('admin.edited', { date: r.edited.editedAt.slice(0, 10) })}</span>
                        ) : (
                          <span class="tag">{t('admin.referenceData')}</span>
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

const NOTE_HINT = t('admin.reasonForChangeHint');

/** GET/POST /admin/roles/:id */
export function AdminRoleEditPage(p: AdminRoleEditProps) {
  const { form } = p;
  return (
    <Layout
      title={t('admin.titleOf', { page: t('admin.roleRequirementsTitle', { role: p.role.title }) })}
      actor={p.actor}
      notice={p.notice}
    >
      <h1>{t('admin.roleRequirementsHeading', { role: p.role.title })}</h1>
      <AdminNav current="admin.navRoles" />
      <p>
        {p.role.framework}.{' '}
        {p.edited
          ? t('admin.editedOn', { date: p.edited.editedAt.slice(0, 10), note: p.edited.note })
          : t('admin.isReferenceData')}{' '}
        <a href={`/catalogue/roles/${p.role.id}`}>{t('admin.publicRolePage')}</a>.
      </p>
      <ErrorSummary errors={form.errors} labels={{ note: t('admin.reasonForChange'), req: t('admin.requirements') }} />
      <form method="post" action={`/admin/roles/${p.role.id}`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <RequirementPicker frameworks={p.frameworks} competencies={p.competencies} form={form} />
        <label for="note">{t('admin.reasonForChange')}</label>
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
          <button type="submit">{t('admin.saveRequirements')}</button>
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
          data-confirm={t('admin.resetConfirm')}
        >
          <Csrf actor={p.actor} />
          <h2>{t('admin.resetTitle')}</h2>
          <p>{t('admin.resetText')}</p>
          <button type="submit" class="secondary">
            {t('admin.resetButton')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

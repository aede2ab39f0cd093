/** Platform admin: organisations awaiting approval, every organisation, and academies' issuing scopes. */
import type { Actor } from '../../worker/context';
import { ProviderKindForm } from './admin-provider';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckboxGroup, ErrorSummary } from '../components/forms';
import { AdminNav } from './admin-roles';
import { StatusTag } from '../components/organisation-status';
import { RefuseForm } from '../components/org-refusal';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

export interface AdminPageProps {
  actor: UserActor;
  organisations: Organisation[];
  frameworks: { id: string; name: string }[];
  scopes: Map<string, string[]>;
  /** Every area, and the areas each commissioner plans for. */
  areas: { code: string; name: string; region: string | null }[];
  orgAreas: Map<string, string[]>;
  errors?: Record<string, string>;
  notice?: string | undefined;
}

/** Approves (or reinstates) an organisation, or changes an academy's issuing frameworks. */
function ScopeForm(p: {
  actor: UserActor;
  org: Organisation;
  frameworks: { id: string; name: string }[];
  checked: string[];
  action: 'approve' | 'scopes';
}) {
  return (
    <form method="post" action={`/admin/organisations/${p.org.id}/${p.action}`}>
      <Csrf actor={p.actor} />
      {p.org.kind === 'academy' ? (
        <CheckboxGroup
          name="frameworks"
          idPrefix={`fw-${p.action}-${p.org.id}`}
          legend={t('admin.frameworksLegend', { name: p.org.name })}
          options={p.frameworks.map((f): [string, string] => [f.id, f.name])}
          checked={p.checked}
        />
      ) : null}
      <button type="submit">
        {p.action === 'approve' ? t('admin.approve') : t('admin.saveFrameworks')}
        <span class="visually-hidden"> {p.org.name}</span>
      </button>
    </form>
  );
}

/** The areas a commissioner plans for: its figures cover the consenting workers there. */
function AreasForm(p: { actor: UserActor; org: Organisation; areas: AdminPageProps['areas']; checked: string[] }) {
  return (
    <form method="post" action={`/admin/organisations/${p.org.id}/areas`}>
      <Csrf actor={p.actor} />
      <CheckboxGroup
        name="areas"
        idPrefix={`areas-${p.org.id}`}
        legend={t('admin.areasLegend', { name: p.org.name })}
        options={p.areas.map((a): [string, string] => [a.code, a.region ? `${a.name} (${a.region})` : a.name])}
        checked={p.checked}
      />
      <button type="submit">
        {t('admin.saveAreas')}
        <span class="visually-hidden"> {t('admin.ofOrg', { name: p.org.name })}</span>
      </button>
    </form>
  );
}

/** Organisations registered and waiting for a platform admin to approve them. */
function PendingOrganisations(p: {
  actor: UserActor;
  pending: Organisation[];
  frameworks: AdminPageProps['frameworks'];
}) {
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t('admin.pendingTitle', { count: p.pending.length })}</h2>
      {p.pending.length ? (
        <ul class="cards">
          {p.pending.map((o) => (
            <li class="card">
              <h3>{o.name}</h3>
              <p>
                <span class="tag">{o.kind}</span> {t('admin.registered', { date: o.createdAt.slice(0, 10) })}
              </p>
              <ScopeForm actor={p.actor} org={o} frameworks={p.frameworks} checked={[]} action="approve" />
              <RefuseForm actor={p.actor} org={o} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('admin.nothingWaiting')}</p>
      )}
    </section>
  );
}

/** What an admin may do to one organisation: change its frameworks or areas, reinstate or suspend it. */
function OrganisationActions(p: {
  actor: UserActor;
  org: Organisation;
  own: string[];
  frameworks: AdminPageProps['frameworks'];
  areas: AdminPageProps['areas'];
  orgAreas: string[];
}) {
  const { actor, org: o, own, frameworks } = p;
  return (
    <td>
      {o.kind === 'academy' && o.status === 'approved' ? (
        <details>
          <summary>{t('admin.changeFrameworks')}</summary>
          <ScopeForm actor={actor} org={o} frameworks={frameworks} checked={own} action="scopes" />
        </details>
      ) : null}
      {o.kind === 'academy' ? <ProviderKindForm actor={actor} org={o} /> : null}
      {o.kind === 'commissioner' ? (
        <details>
          <summary>{t('admin.changeAreas')}</summary>
          <AreasForm actor={actor} org={o} areas={p.areas} checked={p.orgAreas} />
        </details>
      ) : null}
      {o.status === 'suspended' ? (
        <ScopeForm actor={actor} org={o} frameworks={frameworks} checked={own} action="approve" />
      ) : null}
      {o.status !== 'suspended' && o.kind !== 'platform' ? (
        <form
          method="post"
          action={`/admin/organisations/${o.id}/suspend`}
          data-confirm={t('admin.suspendConfirm', { name: o.name })}
        >
          <Csrf actor={actor} />
          <button type="submit" class="danger">
            {t('admin.suspend')}
            <span class="visually-hidden"> {o.name}</span>
          </button>
        </form>
      ) : null}
    </td>
  );
}

/** Every organisation with its kind, status, what it may issue or plan for, and the admin's actions on it. */
function AllOrganisations(p: AdminPageProps) {
  const { actor, organisations, frameworks, scopes } = p;
  const names = new Map(frameworks.map((f) => [f.id, f.name]));
  const areaNames = new Map(p.areas.map((a) => [a.code, a.name]));
  return (
    <section aria-labelledby="all-title">
      <h2 id="all-title">{t('admin.allTitle')}</h2>
      <Scroll label={t('admin.allTitle')}>
        <table>
          <caption class="visually-hidden">{t('admin.allCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.colName')}</th>
              <th scope="col">{t('admin.colKind')}</th>
              <th scope="col">{t('admin.colStatus')}</th>
              <th scope="col">{t('admin.colMayIssue')}</th>
              <th scope="col">{t('admin.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => {
              const own = scopes.get(o.id) ?? [];
              return (
                <tr>
                  <td>
                    {o.name}
                    <br />
                    <span class="small muted">{o.slug}</span>
                  </td>
                  <td>{o.kind}</td>
                  <td>
                    <StatusTag status={o.status} />
                  </td>
                  <td>
                    {o.kind === 'academy'
                      ? own.map((id) => names.get(id) ?? id).join('; ') || t('admin.noFrameworks')
                      : ''}
                    {o.kind === 'commissioner'
                      ? (p.orgAreas.get(o.id) ?? []).map((code) => areaNames.get(code) ?? code).join('; ') ||
                        t('admin.ownAreaOnly')
                      : ''}
                  </td>
                  <OrganisationActions
                    actor={actor}
                    org={o}
                    own={own}
                    frameworks={frameworks}
                    areas={p.areas}
                    orgAreas={p.orgAreas.get(o.id) ?? []}
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

/** The platform admin's organisations page: approvals first, then every organisation. */
export function AdminPage(p: AdminPageProps) {
  const { actor, organisations, frameworks, errors = {}, notice } = p;
  const pending = organisations.filter((o) => o.status === 'pending');
  return (
    <Layout title={t('admin.title')} actor={actor} notice={notice}>
      <h1>{t('admin.title')}</h1>
      <AdminNav current="admin.navOrganisations" />
      <ErrorSummary errors={errors} />
      <PendingOrganisations actor={actor} pending={pending} frameworks={frameworks} />
      <AllOrganisations {...p} />
    </Layout>
  );
}

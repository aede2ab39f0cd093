/** Platform admin: organisations awaiting approval, every organisation, and academies' issuing scopes. */
import type { Actor } from '../../worker/context';
import { ProviderKindForm } from './admin-provider';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckboxGroup, ErrorSummary } from '../components/forms';
import { AdminNav } from './admin-roles';
import { StatusTag } from '../components/organisation-status';
import { RefuseForm } from '../components/org-refusal';

type UserActor = Extract<Actor, { kind: 'user' }>;

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
          legend={`Frameworks ${p.org.name} may issue against`}
          options={p.frameworks.map((f): [string, string] => [f.id, f.name])}
          checked={p.checked}
        />
      ) : null}
      <button type="submit">
        {p.action === 'approve' ? 'Approve' : 'Save frameworks'}
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
        legend={`Areas ${p.org.name} plans for`}
        options={p.areas.map((a): [string, string] => [a.code, a.region ? `${a.name} (${a.region})` : a.name])}
        checked={p.checked}
      />
      <button type="submit">
        Save areas<span class="visually-hidden"> of {p.org.name}</span>
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
      <h2 id="pending-title">Awaiting approval ({p.pending.length})</h2>
      {p.pending.length ? (
        <ul class="cards">
          {p.pending.map((o) => (
            <li class="card">
              <h3>{o.name}</h3>
              <p>
                <span class="tag">{o.kind}</span> registered {o.createdAt.slice(0, 10)}
              </p>
              <ScopeForm actor={p.actor} org={o} frameworks={p.frameworks} checked={[]} action="approve" />
              <RefuseForm actor={p.actor} org={o} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nothing is waiting.</p>
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
          <summary>Change frameworks</summary>
          <ScopeForm actor={actor} org={o} frameworks={frameworks} checked={own} action="scopes" />
        </details>
      ) : null}
      {o.kind === 'academy' ? <ProviderKindForm actor={actor} org={o} /> : null}
      {o.kind === 'commissioner' ? (
        <details>
          <summary>Change areas</summary>
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
          data-confirm={`Suspend ${o.name}? Its API tokens and issuing stop at once.`}
        >
          <Csrf actor={actor} />
          <button type="submit" class="danger">
            Suspend<span class="visually-hidden"> {o.name}</span>
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
      <h2 id="all-title">All organisations</h2>
      <Scroll label="All organisations">
        <table>
          <caption class="visually-hidden">Every organisation with its kind and status</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">May issue / areas</th>
              <th scope="col">Actions</th>
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
                    {o.kind === 'academy' ? own.map((id) => names.get(id) ?? id).join('; ') || 'none' : ''}
                    {o.kind === 'commissioner'
                      ? (p.orgAreas.get(o.id) ?? []).map((code) => areaNames.get(code) ?? code).join('; ') ||
                        'its own area only'
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
    <Layout title="Platform admin" actor={actor} notice={notice}>
      <h1>Platform admin</h1>
      <AdminNav current="organisations" />
      <ErrorSummary errors={errors} />
      <PendingOrganisations actor={actor} pending={pending} frameworks={frameworks} />
      <AllOrganisations {...p} />
    </Layout>
  );
}

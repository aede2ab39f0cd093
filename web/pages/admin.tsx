/** Platform admin: organisations awaiting approval, every organisation, and academies' issuing scopes. */
import type { Actor } from '../../worker/context';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckboxGroup, ErrorSummary } from '../components/forms';
import { AdminNav } from './admin-roles';
import { StatusTag } from './organisation';
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

export function AdminPage(p: AdminPageProps) {
  const { actor, organisations, frameworks, scopes, errors = {}, notice } = p;
  const pending = organisations.filter((o) => o.status === 'pending');
  const names = new Map(frameworks.map((f) => [f.id, f.name]));
  const areaNames = new Map(p.areas.map((a) => [a.code, a.name]));
  return (
    <Layout title="Platform admin" actor={actor} notice={notice}>
      <h1>Platform admin</h1>
      <AdminNav current="organisations" />
      <ErrorSummary errors={errors} />
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Awaiting approval ({pending.length})</h2>
        {pending.length ? (
          <ul class="cards">
            {pending.map((o) => (
              <li class="card">
                <h3>{o.name}</h3>
                <p>
                  <span class="tag">{o.kind}</span> registered {o.createdAt.slice(0, 10)}
                </p>
                <ScopeForm actor={actor} org={o} frameworks={frameworks} checked={[]} action="approve" />
                <RefuseForm actor={actor} org={o} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Nothing is waiting.</p>
        )}
      </section>

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
                    <td>
                      {o.kind === 'academy' && o.status === 'approved' ? (
                        <details>
                          <summary>Change frameworks</summary>
                          <ScopeForm actor={actor} org={o} frameworks={frameworks} checked={own} action="scopes" />
                        </details>
                      ) : null}
                      {o.kind === 'commissioner' ? (
                        <details>
                          <summary>Change areas</summary>
                          <AreasForm actor={actor} org={o} areas={p.areas} checked={p.orgAreas.get(o.id) ?? []} />
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
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Scroll>
      </section>
    </Layout>
  );
}

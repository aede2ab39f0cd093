/** The employer's dashboard and the navigation shared by its pages. */
import type { Actor } from '../../worker/context';
import type { SavedSummary } from '../../worker/services/employer/saved-verifications';
import { Layout } from '../layout';
import { Scroll } from '../components/scroll';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface EmployerOrg {
  slug: string;
  name: string;
  status: 'pending' | 'approved' | 'suspended' | 'refused';
}

/** Links between the employer's pages. */
export function EmployerNav({ org, current }: { org: EmployerOrg; current?: 'home' | 'fit' | 'roles' | 'saved' }) {
  const links: [string, string, typeof current][] = [
    [`/employer/${org.slug}`, 'Overview', 'home'],
    [`/employer/${org.slug}/role-fit`, 'Check a candidate', 'fit'],
    [`/employer/${org.slug}/roles`, 'Your roles', 'roles'],
    [`/employer/${org.slug}/saved`, 'Saved checks', 'saved'],
  ];
  return (
    <nav aria-label={`${org.name} pages`} class="no-print">
      <ul class="inline-list">
        {links.map(([href, label, key]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/org/${org.slug}`}>Organisation settings</a>
        </li>
      </ul>
    </nav>
  );
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** A small table of saved checks (the dashboard shows the newest few, the list page all). */
export function SavedTable({ org, items }: { org: EmployerOrg; items: SavedSummary[] }) {
  if (!items.length) return <p>No saved checks yet. Save one from a verification result or a role-fit report.</p>;
  return (
    <Scroll label="Saved checks">
      <table>
        <caption class="visually-hidden">Saved checks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Role</th>
            <th scope="col">Result</th>
            <th scope="col">First checked</th>
            <th scope="col">Last checked (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/employer/${org.slug}/saved/${s.id}`}>{s.candidateName ?? 'Unnamed candidate'}</a>
              </th>
              <td>
                {s.roleTitle ?? <span class="muted">No role</span>}
                {s.roleFitText ? <div class="small">{s.roleFitText}</div> : null}
              </td>
              <td>
                {s.verified ? <span class="tag ok">Valid</span> : <span class="tag bad">Not all valid</span>}
                <div class="small muted">
                  {s.credentialCount} credential{s.credentialCount === 1 ? '' : 's'}
                </div>
              </td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.checkedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** GET /employer/:org. */
export function EmployerDashboard(p: {
  actor: UserActor;
  org: EmployerOrg;
  roleCount: number;
  recent: SavedSummary[];
}) {
  const { org } = p;
  return (
    <Layout title={org.name} actor={p.actor}>
      <h1>{org.name}</h1>
      <EmployerNav org={org} current="home" />
      {org.status !== 'approved' ? (
        <p class="notice" role="status">
          Your organisation is {org.status === 'pending' ? 'awaiting approval by the platform team' : org.status}. You
          can check credentials here; the API for your own systems works once it is approved.
        </p>
      ) : null}
      <ul class="cards">
        <li class="card">
          <h2>Check a candidate</h2>
          <p>Open their share link or paste their credentials, pick the role, and see which training they can skip.</p>
          <a class="button" href={`/employer/${org.slug}/role-fit`}>
            Check a candidate
          </a>
        </li>
        <li class="card">
          <h2>Your roles</h2>
          <p>
            {p.roleCount
              ? `${p.roleCount} role${p.roleCount === 1 ? '' : 's'} with your own job titles and requirements.`
              : 'Set up your own job titles and what each requires, starting from a role on the career ladders.'}
          </p>
          <a href={`/employer/${org.slug}/roles`}>Manage your roles</a>
        </li>
        <li class="card">
          <h2>Just verify</h2>
          <p>Check that a credential is genuine, in date and not revoked, without a role.</p>
          <a href="/verify">Open the verifier</a>
        </li>
      </ul>
      <h2>Recent saved checks</h2>
      <SavedTable org={org} items={p.recent} />
      {p.recent.length ? (
        <p>
          <a href={`/employer/${org.slug}/saved`}>All saved checks</a>
        </p>
      ) : null}
    </Layout>
  );
}

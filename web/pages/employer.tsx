/** The employer's dashboard: what it can check, its roles and its newest saved checks. */
import type { Actor } from '../../worker/context';
import type { SavedSummary } from '../../worker/services/employer/saved-verifications';
import { Layout } from '../layout';
import { EmployerNav, type EmployerOrg } from '../components/employer-nav';
import { SavedTable } from '../components/saved-table';

type UserActor = Extract<Actor, { kind: 'user' }>;

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
          <p>
            <a href={`/employer/${org.slug}/wallet-requests`}>Ask a wallet app for proof</a>
          </p>
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

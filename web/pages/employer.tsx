/** The employer's dashboard: what it can check, its roles and its newest saved checks. */
import type { Actor } from '../../worker/context';
import type { SavedSummary } from '../../worker/services/employer/saved-verifications';
import { type MessageKey, translator } from '../i18n/messages';
import { Layout } from '../layout';
import { EmployerNav, type EmployerOrg } from '../components/employer-nav';
import { SavedTable } from '../components/saved-table';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

/** What the dashboard says about an organisation not (or no longer) approved. */
const STATUS_NOTE = {
  pending: 'employer.statusPending',
  suspended: 'employer.statusSuspended',
  refused: 'employer.statusRefused',
} as const satisfies Record<Exclude<EmployerOrg['status'], 'approved'>, MessageKey>;

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
      <EmployerNav org={org} area="home" />
      {org.status !== 'approved' ? (
        <p class="notice" role="status">
          {t(STATUS_NOTE[org.status])}
        </p>
      ) : null}
      <ul class="cards">
        <li class="card">
          <h2>{t('employer.checkCandidate')}</h2>
          <p>{t('employer.checkCandidateIntro')}</p>
          <a class="button" href={`/employer/${org.slug}/role-fit`}>
            {t('employer.checkCandidate')}
          </a>
          <p>
            <a href={`/employer/${org.slug}/wallet-requests`}>{t('employer.askWallet')}</a>
          </p>
        </li>
        <li class="card">
          <h2>{t('employer.yourRoles')}</h2>
          <p>
            {p.roleCount === 1
              ? t('employer.roleCountOne')
              : p.roleCount
                ? t('employer.roleCountMany', { count: p.roleCount })
                : t('employer.noRolesIntro')}
          </p>
          <a href={`/employer/${org.slug}/roles`}>{t('employer.manageRoles')}</a>
        </li>
        <li class="card">
          <h2>{t('employer.justVerify')}</h2>
          <p>{t('employer.justVerifyIntro')}</p>
          <a href="/verify">{t('employer.openVerifier')}</a>
        </li>
      </ul>
      <h2>{t('employer.recentSaved')}</h2>
      <SavedTable org={org} items={p.recent} />
      {p.recent.length ? (
        <p>
          <a href={`/employer/${org.slug}/saved`}>{t('employer.allSaved')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

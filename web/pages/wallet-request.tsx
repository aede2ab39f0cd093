/** The employer asks a candidate's wallet app for proof: start a request, show it as a QR code, then the result. */
import type { RoleFitReport } from '../../worker/services/employer/check-fit';
import type {
  PresentationOutcome,
  PresentationRequestStatus,
} from '../../worker/services/wallets/presentation-requests';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { CheckResults } from '../components/check-results';
import { type EmployerContext, RoleSelect } from '../components/employer-actions';
import { Qr } from '../components/qr';
import { RoleFitTable } from './role-fit';

const t = translator('en');

/** GET /employer/:org/wallet-requests: pick the role and start a request. */
export function WalletRequestStartPage({ employer: e, roleError }: { employer: EmployerContext; roleError?: string }) {
  return (
    <Layout title={t('employer.askWallet')} actor={e.actor}>
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>{t('employer.askWallet')}</h1>
      <p>{t('employer.walletIntro')}</p>
      <form method="post" action={`/employer/${e.slug}/wallet-requests`} class="stack">
        <Csrf actor={e.actor} />
        <RoleSelect groups={e.roleGroups} error={roleError} />
        <div>
          <button type="submit">{t('employer.walletShowQr')}</button>
        </div>
      </form>
    </Layout>
  );
}

export interface WalletRequestPageProps {
  employer: EmployerContext;
  requestId: string;
  status: PresentationRequestStatus;
  link: string;
  expiresAt: string;
  outcome: PresentationOutcome | null;
  frameworkNames: Record<string, string>;
}

function Waiting({ p, base }: { p: WalletRequestPageProps; base: string }) {
  return (
    <>
      <p>{t('employer.walletScan', { time: p.expiresAt.slice(11, 16) })}</p>
      <Qr text={p.link} label={t('employer.walletQrLabel')} />
      <p>
        <a href={p.link}>{t('employer.walletOpenHere')}</a>
      </p>
      <p class="small">
        {rich('en', 'employer.walletWithout', {
          answer: <strong>{t('employer.walletAnswerName')}</strong>,
          link: (
            <a href={`/passport/answer-request?${p.link.slice(p.link.indexOf('?') + 1)}`}>
              {t('employer.walletPassportLink')}
            </a>
          ),
        })}
      </p>
      <div data-poll={`${base}/status`} data-done-href={base} role="status">
        <p>{t(p.status === 'checking' ? 'employer.walletChecking' : 'employer.walletWaiting')}</p>
        <p class="small muted">
          {rich('en', 'employer.walletUpdates', { refresh: <a href={base}>{t('employer.walletRefresh')}</a> })}
        </p>
      </div>
    </>
  );
}

function Answered({ outcome, names }: { outcome: PresentationOutcome; names: Record<string, string> }) {
  const fit: RoleFitReport | null = outcome.fit;
  return (
    <>
      {outcome.declined !== undefined && !outcome.report ? (
        <p class="notice error" role="alert">
          {outcome.declined
            ? t('employer.walletDeclinedWhy', { reason: outcome.declined })
            : t('employer.walletDeclined')}
        </p>
      ) : null}
      {fit ? <RoleFitTable fit={fit} /> : null}
      {outcome.report ? (
        <CheckResults report={outcome.report} frameworkNames={names} title={t('employer.verification')} />
      ) : null}
    </>
  );
}

/** GET /employer/:org/wallet-requests/:id: the QR code while waiting, then the verification and role fit. */
export function WalletRequestPage(p: WalletRequestPageProps) {
  const e = p.employer;
  const base = `/employer/${e.slug}/wallet-requests/${p.requestId}`;
  return (
    <Layout title={t('employer.walletTitle')} actor={e.actor}>
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>{t('employer.walletTitle')}</h1>
      {p.status === 'pending' || p.status === 'checking' ? <Waiting p={p} base={base} /> : null}
      {p.status === 'expired' ? (
        <p class="notice error" role="alert">
          {t('employer.walletExpired')}
        </p>
      ) : null}
      {p.outcome ? <Answered outcome={p.outcome} names={p.frameworkNames} /> : null}
      {p.status !== 'pending' && p.status !== 'checking' ? (
        <p>
          <a href={`/employer/${e.slug}/wallet-requests`}>{t('employer.walletAskAgain')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

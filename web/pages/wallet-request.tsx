/** The employer asks a candidate's wallet app for proof: start a request, show it as a QR code, then the result. */
import type { RoleFitReport } from '../../worker/services/employer/check-fit';
import type {
  PresentationOutcome,
  PresentationRequestStatus,
} from '../../worker/services/wallets/presentation-requests';
import { Csrf, Layout } from '../layout';
import { CheckResults } from '../components/check-results';
import { type EmployerContext, RoleSelect } from '../components/employer-actions';
import { Qr } from '../components/qr';
import { RoleFitTable } from './role-fit';

/** GET /employer/:org/wallet-requests: pick the role and start a request. */
export function WalletRequestStartPage({ employer: e, roleError }: { employer: EmployerContext; roleError?: string }) {
  return (
    <Layout title="Ask a wallet app for proof" actor={e.actor}>
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>Ask a wallet app for proof</h1>
      <p>
        The candidate scans a QR code with the wallet app holding their certificates (any app that speaks OpenID for
        Verifiable Presentations) and chooses what to share. You see the same checks and role fit as for a share link.
      </p>
      <form method="post" action={`/employer/${e.slug}/wallet-requests`} class="stack">
        <Csrf actor={e.actor} />
        <RoleSelect groups={e.roleGroups} error={roleError} />
        <div>
          <button type="submit">Show the QR code</button>
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
      <p>Ask the candidate to scan this with their wallet app. It works once, until {p.expiresAt.slice(11, 16)} UTC.</p>
      <Qr text={p.link} label="QR code: a request for proof, for the candidate's wallet app" />
      <p>
        <a href={p.link}>Open in a wallet app on this device</a>
      </p>
      <p class="small">
        A candidate without a wallet app can answer from their Care Passport: under{' '}
        <strong>Answer a request for proof</strong> they paste the link, or they follow{' '}
        <a href={`/passport/answer-request?${p.link.slice(p.link.indexOf('?') + 1)}`}>this link to their passport</a> on
        their own device.
      </p>
      <div data-poll={`${base}/status`} data-done-href={base} role="status">
        <p>{p.status === 'checking' ? 'Checking what the wallet sent…' : 'Waiting for the wallet app…'}</p>
        <p class="small muted">
          This page updates by itself. <a href={base}>Refresh</a>
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
          The wallet did not send proof{outcome.declined ? ` (${outcome.declined})` : ''}.
        </p>
      ) : null}
      {fit ? <RoleFitTable fit={fit} /> : null}
      {outcome.report ? <CheckResults report={outcome.report} frameworkNames={names} title="Verification" /> : null}
    </>
  );
}

/** GET /employer/:org/wallet-requests/:id: the QR code while waiting, then the verification and role fit. */
export function WalletRequestPage(p: WalletRequestPageProps) {
  const e = p.employer;
  const base = `/employer/${e.slug}/wallet-requests/${p.requestId}`;
  return (
    <Layout title="Proof from a wallet app" actor={e.actor}>
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>Proof from a wallet app</h1>
      {p.status === 'pending' || p.status === 'checking' ? <Waiting p={p} base={base} /> : null}
      {p.status === 'expired' ? (
        <p class="notice error" role="alert">
          This request expired before a wallet answered.
        </p>
      ) : null}
      {p.outcome ? <Answered outcome={p.outcome} names={p.frameworkNames} /> : null}
      {p.status !== 'pending' && p.status !== 'checking' ? (
        <p>
          <a href={`/employer/${e.slug}/wallet-requests`}>Ask again</a>
        </p>
      ) : null}
    </Layout>
  );
}

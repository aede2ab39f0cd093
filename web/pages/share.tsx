/** The page a share link (or its QR code) opens: who is sharing, each credential's result, and employer actions. */
import type { Actor } from '../../worker/context';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import type { ShareOpenError } from '../../worker/services/passport/shares';
import { Layout } from '../layout';
import { CheckResults } from '../components/check-results';
import { EmployerActions, type EmployerContext } from '../components/employer-actions';

export interface SharePageProps {
  actor: Actor;
  report: CheckReport;
  share: { label: string | null; expiresAt: string };
  /** The share link itself, carried to the employer's role-fit and save forms. */
  link: string;
  employer?: EmployerContext | undefined;
  frameworkNames: Record<string, string>;
}

/** GET /s/:token. */
export function SharePage(p: SharePageProps) {
  const who = p.report.sharedBy ?? 'A Care Passport holder';
  return (
    <Layout title="Shared credentials" actor={p.actor}>
      <h1>Credentials shared by {who}</h1>
      <p>
        {p.share.label ? <>“{p.share.label}” · </> : null}
        This link works until {p.share.expiresAt.slice(0, 10)}. The person sharing it can see when it was opened and by
        which organisation.
      </p>
      <CheckResults report={p.report} frameworkNames={p.frameworkNames} />
      {p.employer ? (
        <EmployerActions employer={p.employer} input={p.link} />
      ) : p.actor.kind === 'user' ? null : (
        <p class="small">
          Hiring? <a href="/sign-in">Sign in</a> as employer staff to check these against the role you are hiring for
          and save the result to your records.
        </p>
      )}
    </Layout>
  );
}

const PROBLEM: Record<ShareOpenError, { title: string; text: string }> = {
  not_found: {
    title: 'Share link not found',
    text: 'We could not find this share link. Check that the whole link was copied, or ask the person for a new one.',
  },
  expired: {
    title: 'This share link has expired',
    text: 'Share links only work for the time the person chose. Ask them to share their credentials again from their Care Passport.',
  },
  revoked: {
    title: 'This share link was withdrawn',
    text: 'The person who shared it has stopped sharing. Ask them for a new link if you still need to check their credentials.',
  },
};

/** A share that cannot be opened (404 unknown, 410 expired or withdrawn). */
export function ShareProblemPage({ actor, reason }: { actor: Actor; reason: ShareOpenError }) {
  const m = PROBLEM[reason];
  return (
    <Layout title={m.title} actor={actor}>
      <h1>{m.title}</h1>
      <p role="alert">{m.text}</p>
      <p>
        You can also <a href="/verify">check a credential file</a> they send you.
      </p>
    </Layout>
  );
}

/** The public verifier: paste or upload what a candidate brings, and the result in plain words, details second. */
import type { Actor } from '../../worker/context';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import { MAX_INPUT_CREDENTIALS } from '../../worker/services/verification/verify-input';
import { CheckResults } from '../components/check-results';
import { EmployerActions, type EmployerContext } from '../components/employer-actions';
import { FileField } from '../components/file-field';
import { Csrf, Layout } from '../layout';

export interface VerifyPageProps {
  actor: Actor;
  /** What was pasted, shown again (not when it came from a file). */
  input?: string;
  error?: string | undefined;
  /** What the input was detected to be, e.g. "Verifiable Credential 2.0 (vc+jwt)". */
  detected?: string | undefined;
  report?: CheckReport | undefined;
  /** The text checked, carried to "Check against a role" and "Save" for signed-in employer staff. */
  carried?: string | undefined;
  employer?: EmployerContext | undefined;
  frameworkNames?: Record<string, string>;
}

/** GET/POST /verify. */
export function VerifyPage(p: VerifyPageProps) {
  return (
    <Layout title={p.report ? 'Verification result' : 'Check a credential'} actor={p.actor}>
      <h1>Check a credential</h1>
      <p>
        Paste what the candidate gave you: a <strong>share link</strong> from their Care Passport, or a{' '}
        <strong>credential</strong> (a long code starting with <code>eyJ</code>), or upload the file. You do not need an
        account. We check the signature, the issuer, the dates, and whether it has been revoked or suspended.
      </p>
      {p.error ? (
        <div class="notice error" role="alert" aria-labelledby="problem-title" tabindex={-1}>
          <h2 id="problem-title">We could not check that</h2>
          <p>{p.error}</p>
        </div>
      ) : null}
      {p.report ? (
        <>
          {p.detected ? <p class="small muted">What you gave us: {p.detected}.</p> : null}
          <CheckResults report={p.report} frameworkNames={p.frameworkNames ?? {}} />
          {p.employer && p.carried ? <EmployerActions employer={p.employer} input={p.carried} /> : null}
          <h2>Check something else</h2>
        </>
      ) : null}
      <VerifyForm actor={p.actor} input={p.input ?? ''} error={!!p.error} />
    </Layout>
  );
}

/** The paste-or-upload form (posts to /verify). */
export function VerifyForm({ actor, input, error }: { actor: Actor; input: string; error?: boolean }) {
  return (
    <form method="post" action="/verify" enctype="multipart/form-data" class="stack">
      <Csrf actor={actor} />
      <label for="input">
        Share link or credential
        <span class="hint" id="input-hint">
          A link like https://…/s/…, one or more credentials (up to {MAX_INPUT_CREDENTIALS}), a presentation, or the
          JSON a wallet gives you.
        </span>
      </label>
      <textarea
        id="input"
        name="input"
        rows={6}
        aria-describedby="input-hint"
        aria-invalid={error ? 'true' : undefined}
        spellcheck={false}
      >
        {input}
      </textarea>
      <FileField />
      <div>
        <button type="submit">Check</button>
      </div>
    </form>
  );
}

/** Bring your own certificate: paste it or upload the file; it is checked before it is added. */
import type { Actor } from '../../worker/context';
import type { CredentialResult } from '../../worker/credentials/verify';
import { Csrf, Layout } from '../layout';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';

const JWT_HINT =
  'It is a long line of letters and numbers with two dots in it (a "JWT"), or a short JSON file\'s text.';
const FILE_HINT = 'A .jwt, .json or .txt file, up to 64 KB.';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface ImportState {
  /** What was pasted, kept so the worker does not have to find it again. */
  text: string;
  /** A plain-language reason the certificate was not added. */
  error?: string | undefined;
  /** Which field the error is about. */
  field?: 'jwt' | 'file';
  result?: CredentialResult | undefined;
}

export function ImportPage({ actor, state }: { actor: UserActor; state: ImportState }) {
  const field = state.field ?? 'jwt';
  const jwtError = state.error && field === 'jwt' ? state.error : undefined;
  const fileError = state.error && field === 'file' ? state.error : undefined;
  const failed = state.result?.checks.filter((c) => !c.ok) ?? [];
  return (
    <Layout title="Add a certificate from elsewhere" actor={actor}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>Add a certificate from elsewhere</h1>
      <p>
        If another passport, wallet or training provider gave you a digital certificate, add it here. We check that it
        is genuine before adding it. Paper certificates and photos cannot be checked, so they cannot be added.
      </p>
      <ErrorSummary errors={state.error ? { [field]: state.error } : {}} />
      {failed.length ? (
        <details>
          <summary>What the check found</summary>
          <ul class="small">
            {failed.map((c) => (
              <li>
                {c.check}: {c.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form method="post" action="/passport/import" class="stack" enctype="multipart/form-data" novalidate>
        <Csrf actor={actor} />
        <div class="field">
          <label for="jwt">Paste the certificate</label>
          <FieldNotes id="jwt" hint={JWT_HINT} error={jwtError} />
          <textarea
            id="jwt"
            name="jwt"
            rows={6}
            spellcheck={false}
            autocapitalize="off"
            aria-invalid={jwtError ? 'true' : undefined}
            aria-describedby={describedBy('jwt', JWT_HINT, jwtError)}
          >
            {state.text}
          </textarea>
        </div>
        <div class="field">
          <label for="file">Or choose the file</label>
          <FieldNotes id="file" hint={FILE_HINT} error={fileError} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".jwt,.json,.txt,application/json,text/plain"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={describedBy('file', FILE_HINT, fileError)}
          />
        </div>
        <button type="submit">Check and add</button>
      </form>
    </Layout>
  );
}

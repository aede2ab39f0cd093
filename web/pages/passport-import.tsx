/** Bring your own certificate: paste it or upload the file; it is checked before it is added. */
import type { Actor } from '../../worker/context';
import type { CredentialResult } from '../../worker/credentials/verify';
import { type Lang, translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface ImportState {
  /** What was pasted, kept so the worker does not have to find it again. */
  text: string;
  /** A plain-language reason the certificate was not added (written in English, like every form refusal). */
  error?: string | undefined;
  /** Which field the error is about. */
  field?: 'jwt' | 'file';
  result?: CredentialResult | undefined;
}

/** GET/POST /passport/import: paste a certificate or choose its file; a refusal says why, in English on a Welsh page. */
export function ImportPage({ actor, state, lang = 'en' }: { actor: UserActor; state: ImportState; lang?: Lang }) {
  const t = translator(lang);
  const field = state.field ?? 'jwt';
  const jwtError = state.error && field === 'jwt' ? state.error : undefined;
  const fileError = state.error && field === 'file' ? state.error : undefined;
  const errorLang = lang === 'en' ? undefined : 'en';
  const failed = state.result?.checks.filter((c) => !c.ok) ?? [];
  const jwtHint = t('import.pasteHint');
  const fileHint = t('import.fileHint');
  return (
    <Layout title={t('import.title')} actor={actor} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <ErrorSummary errors={state.error ? { [field]: state.error } : {}} lang={lang} />
      {failed.length ? (
        <details>
          <summary>{t('import.found')}</summary>
          <ul class="small" lang={errorLang}>
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
          <label for="jwt">{t('import.pasteLabel')}</label>
          <FieldNotes id="jwt" hint={jwtHint} error={jwtError} errorLang={errorLang} />
          <textarea
            id="jwt"
            name="jwt"
            rows={6}
            spellcheck={false}
            autocapitalize="off"
            aria-invalid={jwtError ? 'true' : undefined}
            aria-describedby={describedBy('jwt', jwtHint, jwtError)}
          >
            {state.text}
          </textarea>
        </div>
        <div class="field">
          <label for="file">{t('import.fileLabel')}</label>
          <FieldNotes id="file" hint={fileHint} error={fileError} errorLang={errorLang} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".jwt,.json,.txt,application/json,text/plain"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={describedBy('file', fileHint, fileError)}
          />
        </div>
        <button type="submit">{t('import.submit')}</button>
      </form>
    </Layout>
  );
}

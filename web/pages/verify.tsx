/** The public verifier: paste or upload what a candidate brings, and the result in plain words, details second. */
import type { Actor } from '../../worker/context';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import { MAX_INPUT_CREDENTIALS } from '../../worker/services/verification/verify-input';
import { CheckResults } from '../components/check-results';
import { EmployerActions, type EmployerContext } from '../components/employer-actions';
import { FileField } from '../components/file-field';
import { type Lang, t, translator } from '../i18n/messages';
import { EnglishBlock, InEnglish, rich } from '../i18n/rich';
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
  lang?: Lang;
}

/** GET/POST /verify. */
export function VerifyPage(p: VerifyPageProps) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  // Parts that stay English on a Welsh page (the reasons the services give, the employer's tools) say so.
  const english = lang === 'en' ? undefined : 'en';
  return (
    <Layout title={p.report ? t('verify.resultTitle') : t('verify.title')} actor={p.actor} lang={lang}>
      <h1>{t('verify.title')}</h1>
      <p>
        {rich(lang, 'verify.intro', {
          shareLink: <strong>{t('verify.introShareLink')}</strong>,
          credential: <strong>{t('verify.introCredential')}</strong>,
          eyJ: <code>eyJ</code>,
        })}
      </p>
      {p.error ? (
        <div class="notice error" role="alert" aria-labelledby="problem-title" tabindex={-1}>
          <h2 id="problem-title">{t('verify.problemTitle')}</h2>
          <p lang={english}>{p.error}</p>
        </div>
      ) : null}
      {p.report ? (
        <>
          {p.detected ? (
            <p class="small muted">
              {rich(lang, 'verify.detected', { detected: <InEnglish lang={lang}>{p.detected}</InEnglish> })}
            </p>
          ) : null}
          <CheckResults report={p.report} frameworkNames={p.frameworkNames ?? {}} lang={lang} />
          {p.employer && p.carried ? <EmployerTools employer={p.employer} input={p.carried} lang={lang} /> : null}
          <h2>{t('verify.again')}</h2>
        </>
      ) : null}
      <VerifyForm actor={p.actor} input={p.input ?? ''} error={!!p.error} lang={lang} />
    </Layout>
  );
}

/** The employer's tools under a result (role fit, saving): English only for now, so a page in Welsh says so. */
export function EmployerTools({ employer, input, lang }: { employer: EmployerContext; input: string; lang: Lang }) {
  return (
    <>
      {lang === 'en' ? null : <p class="small muted">{t(lang, 'common.englishOnly')}</p>}
      <EnglishBlock lang={lang}>
        <EmployerActions employer={employer} input={input} />
      </EnglishBlock>
    </>
  );
}

/** The paste-or-upload form (posts to /verify). */
export function VerifyForm({
  actor,
  input,
  error,
  lang = 'en',
}: {
  actor: Actor;
  input: string;
  error?: boolean;
  lang?: Lang;
}) {
  const t = translator(lang);
  return (
    <form method="post" action="/verify" enctype="multipart/form-data" class="stack">
      <Csrf actor={actor} />
      <label for="input">
        {t('verify.inputLabel')}
        <span class="hint" id="input-hint">
          {t('verify.inputHint', { max: MAX_INPUT_CREDENTIALS })}
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
      <FileField lang={lang} />
      <div>
        <button type="submit">{t('verify.submit')}</button>
      </div>
    </form>
  );
}

/**
 * Answering a request for proof from the passport (OpenID for Verifiable Presentations): paste the request link (or
 * follow it on this device), see who asks and which certificates fit, tick what to send, and see the verifier's word.
 * Refusals and the verifier's reasons are written in English, and marked so on a Welsh page.
 */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import type { WalletAnswerResult, WalletRequestView } from '../../worker/services/passport/wallet-answers';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { StatusTag } from '../components/passport-status';
import { type Lang, translator } from '../i18n/messages';
import { InEnglish, rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The frame of the passport's wallet pages: the back link and the heading. */
export function WalletPageLayout(p: { actor: UserActor; lang: Lang; title?: string; children: Child }) {
  const t = translator(p.lang);
  const title = p.title ?? t('answer.title');
  return (
    <Layout title={title} actor={p.actor} lang={p.lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{title}</h1>
      <div>{p.children}</div>
    </Layout>
  );
}

/** A form's refusals at the top: the heading in the page's language, each refusal (written in English) marked so. */
export function WalletFormErrors({ errors, lang }: { errors: Record<string, string>; lang: Lang }) {
  return <ErrorSummary errors={errors} lang={lang} />;
}

/** The field a wallet link is pasted into (a request for proof, an offer), with its hint and error. */
export function LinkField(p: {
  label: string;
  hint: string;
  lang: Lang;
  value?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <div class="field">
      <label for="link">{p.label}</label>
      <FieldNotes id="link" hint={p.hint} error={p.error} errorLang={p.lang === 'en' ? undefined : 'en'} />
      <textarea
        id="link"
        name="link"
        rows={4}
        spellcheck={false}
        autocapitalize="off"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy('link', p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

/** GET /passport/answer-request: paste the request link (read by GET: showing a request sends nothing). */
export function AnswerRequestPage(p: { actor: UserActor; lang: Lang; link?: string; error?: string | undefined }) {
  const t = translator(p.lang);
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang}>
      <p>{t('answer.intro')}</p>
      <WalletFormErrors errors={p.error ? { link: p.error } : {}} lang={p.lang} />
      <form method="get" action="/passport/answer-request" class="stack" novalidate>
        <LinkField
          label={t('answer.linkLabel')}
          hint={t('answer.linkHint')}
          lang={p.lang}
          value={p.link}
          error={p.error}
        />
        <button type="submit">{t('answer.show')}</button>
      </form>
    </WalletPageLayout>
  );
}

/** Who asks and which certificates fit; the worker ticks what to send (nothing is ticked for her). */
export function AnswerReviewPage(p: {
  actor: UserActor;
  lang: Lang;
  link: string;
  view: WalletRequestView;
  checked?: string[];
  error?: string | undefined;
}) {
  const { view, lang } = p;
  const t = translator(lang);
  const hint = t('answer.whichHint');
  const verifier = <strong>{view.verifier}</strong>;
  return (
    <WalletPageLayout actor={p.actor} lang={lang}>
      <p>
        {view.ownService
          ? rich(lang, 'answer.asksHere', { verifier })
          : rich(lang, 'answer.asksElsewhere', { verifier, host: view.host })}
      </p>
      <WalletFormErrors errors={p.error ? { credentialIds: p.error } : {}} lang={lang} />
      {view.matching.length ? (
        <form method="post" action="/passport/answer-request" class="stack" novalidate>
          <Csrf actor={p.actor} />
          <input type="hidden" name="link" value={p.link} />
          <input type="hidden" name="response_uri" value={view.responseUri} />
          <fieldset id="credentialIds" aria-describedby={describedBy('credentialIds', hint, p.error)}>
            <legend>{t('answer.which')}</legend>
            <FieldNotes id="credentialIds" hint={hint} error={p.error} errorLang={lang === 'en' ? undefined : 'en'} />
            {view.matching.map((m) => (
              <div class="check">
                <label for={`c-${m.id}`}>
                  <input
                    type="checkbox"
                    id={`c-${m.id}`}
                    name="credentialIds"
                    value={m.id}
                    checked={p.checked?.includes(m.id) ?? false}
                  />{' '}
                  {m.name} <span class="small muted">({m.issuerName})</span>
                  {m.status !== 'valid' ? (
                    <>
                      {' '}
                      <StatusTag status={m.status} lang={lang} />
                    </>
                  ) : null}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('answer.send', { verifier: view.verifier })}</button>
        </form>
      ) : (
        <p>{t('answer.nothingFits')}</p>
      )}
      <p>
        <a href="/passport">{t('answer.decline')}</a>
      </p>
    </WalletPageLayout>
  );
}

/** After sending: what the verifier said. */
export function AnswerSentPage(p: { actor: UserActor; lang: Lang; result: WalletAnswerResult }) {
  const { result, lang } = p;
  const verifier = <strong>{result.verifier}</strong>;
  return (
    <WalletPageLayout actor={p.actor} lang={lang}>
      {result.accepted ? (
        <p class="notice ok">{rich(lang, 'answer.accepted', { verifier })}</p>
      ) : (
        <p class="notice error">
          {rich(lang, 'answer.refused', { verifier, reason: <InEnglish lang={lang}>{result.reason}</InEnglish> })}
        </p>
      )}
      <p>
        <a href="/passport/shares#answers">{translator(lang)('answer.whereWent')}</a>
      </p>
    </WalletPageLayout>
  );
}

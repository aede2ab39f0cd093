/**
 * Answering a request for proof from the passport (OpenID for Verifiable Presentations): paste the request link (or
 * follow it on this device), see who asks and which certificates fit, tick what to send, and see the verifier's word.
 * English only.
 */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import type { WalletAnswerResult, WalletRequestView } from '../../worker/services/passport/wallet-answers';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import { StatusTag } from '../components/passport-status';
import { type Lang, translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

const TITLE = 'Answer a request for proof';
const LINK_HINT =
  'An employer\'s "Ask a wallet app" page shows a link that starts with openid4vp://. Copy it and paste it here.';

/**
 * The frame of the passport's wallet pages (English only): the back link, the heading, and in Welsh mode the note
 * that the page is in English.
 */
export function WalletPageLayout(p: { actor: UserActor; lang: Lang; title?: string; children: Child }) {
  const title = p.title ?? TITLE;
  return (
    <Layout title={title} actor={p.actor} lang={p.lang}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1 lang={p.lang === 'en' ? undefined : 'en'}>{title}</h1>
      {p.lang === 'en' ? null : <p class="small muted">{translator(p.lang)('common.englishOnly')}</p>}
      <div lang={p.lang === 'en' ? undefined : 'en'}>{p.children}</div>
    </Layout>
  );
}

/** The field a wallet link is pasted into (a request for proof, an offer), with its hint and error. */
export function LinkField(p: { label: string; hint: string; value?: string | undefined; error?: string | undefined }) {
  return (
    <div class="field">
      <label for="link">{p.label}</label>
      <FieldNotes id="link" hint={p.hint} error={p.error} />
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
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang}>
      <p>
        If an employer asks you for proof from a wallet app and you do not have one, your passport can answer. Nothing
        is sent until you choose the certificates and press Send.
      </p>
      <ErrorSummary errors={p.error ? { link: p.error } : {}} />
      <form method="get" action="/passport/answer-request" class="stack" novalidate>
        <LinkField label="The request link" hint={LINK_HINT} value={p.link} error={p.error} />
        <button type="submit">Show the request</button>
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
  const { view } = p;
  const hint = 'Only what you tick is sent, signed by your passport.';
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang}>
      <p>
        <strong>{view.verifier}</strong> asks for proof of your certificates
        {view.ownService ? ' through Care Passport.' : <> (the answer goes to {view.host}).</>}
      </p>
      <ErrorSummary errors={p.error ? { credentialIds: p.error } : {}} />
      {view.matching.length ? (
        <form method="post" action="/passport/answer-request" class="stack" novalidate>
          <Csrf actor={p.actor} />
          <input type="hidden" name="link" value={p.link} />
          <fieldset id="credentialIds" aria-describedby={describedBy('credentialIds', hint, p.error)}>
            <legend>Which certificates to send</legend>
            <FieldNotes id="credentialIds" hint={hint} error={p.error} />
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
                      <StatusTag status={m.status} lang="en" />
                    </>
                  ) : null}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">Send proof to {view.verifier}</button>
        </form>
      ) : (
        <p>None of the certificates in your passport fit what this request asks for, so there is nothing to send.</p>
      )}
      <p>
        <a href="/passport">Do not answer</a>
      </p>
    </WalletPageLayout>
  );
}

/** After sending: what the verifier said. */
export function AnswerSentPage(p: { actor: UserActor; lang: Lang; result: WalletAnswerResult }) {
  const { result } = p;
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang}>
      {result.accepted ? (
        <p class="notice ok">
          Your proof was sent to <strong>{result.verifier}</strong>, which accepted it.
        </p>
      ) : (
        <p class="notice error">
          Your proof was sent to <strong>{result.verifier}</strong>, which did not accept it: {result.reason}
        </p>
      )}
      <p>
        <a href="/passport/shares#answers">See where your certificates went</a>
      </p>
    </WalletPageLayout>
  );
}

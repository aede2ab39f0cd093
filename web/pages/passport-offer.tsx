/** Adding a certificate from a wallet offer: paste the `openid-credential-offer://` link and the PIN (English only). */
import type { Actor } from '../../worker/context';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import type { Lang } from '../i18n/messages';
import { Csrf } from '../layout';
import { LinkField, WalletPageLayout } from './passport-answer';

type UserActor = Extract<Actor, { kind: 'user' }>;

const LINK_HINT = 'The offer link starts with openid-credential-offer:// (a wallet offer QR code holds the same link).';
const PIN_HINT = 'The PIN the issuer gave you with the offer, if it came with one.';

/** GET /passport/wallet-offer: the form; after a refusal, the link again (never the PIN) with the reason. */
export function TakeOfferPage(p: {
  actor: UserActor;
  lang: Lang;
  link?: string;
  /** Field errors by name (`link`, `pin`). */
  errors?: Record<string, string>;
}) {
  const errors = p.errors ?? {};
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang} title="Add a certificate from a wallet offer">
      <p>
        If an issuer offers you a certificate for a wallet app, your passport can take it. We check that it is genuine
        before adding it, and it is bound to your passport.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/passport/wallet-offer" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <LinkField label="The offer link" hint={LINK_HINT} value={p.link} error={errors.link} />
        <div class="field">
          <label for="pin">PIN</label>
          <FieldNotes id="pin" hint={PIN_HINT} error={errors.pin} />
          <input
            type="text"
            id="pin"
            name="pin"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={64}
            aria-invalid={errors.pin ? 'true' : undefined}
            aria-describedby={describedBy('pin', PIN_HINT, errors.pin)}
          />
        </div>
        <button type="submit">Take the certificate</button>
      </form>
    </WalletPageLayout>
  );
}

/**
 * Adding a certificate from a wallet offer: paste the `openid-credential-offer://` link and the PIN. Refusals are
 * written in English, and marked so on a Welsh page.
 */
import type { Actor } from '../../worker/context';
import { describedBy, FieldNotes } from '../components/forms';
import { type Lang, translator } from '../i18n/messages';
import { Csrf } from '../layout';
import { LinkField, WalletFormErrors, WalletPageLayout } from './passport-answer';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** GET /passport/wallet-offer: the form; after a refusal, the link again (never the PIN) with the reason. */
export function TakeOfferPage(p: {
  actor: UserActor;
  lang: Lang;
  link?: string;
  /** Field errors by name (`link`, `pin`). */
  errors?: Record<string, string>;
}) {
  const errors = p.errors ?? {};
  const t = translator(p.lang);
  const pinHint = t('takeOffer.pinHint');
  return (
    <WalletPageLayout actor={p.actor} lang={p.lang} title={t('takeOffer.title')}>
      <p>{t('takeOffer.intro')}</p>
      <WalletFormErrors errors={errors} lang={p.lang} />
      <form method="post" action="/passport/wallet-offer" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <LinkField
          label={t('takeOffer.linkLabel')}
          hint={t('takeOffer.linkHint')}
          lang={p.lang}
          value={p.link}
          error={errors.link}
        />
        <div class="field">
          <label for="pin">{t('takeOffer.pinLabel')}</label>
          <FieldNotes id="pin" hint={pinHint} error={errors.pin} errorLang={p.lang === 'en' ? undefined : 'en'} />
          <input
            type="text"
            id="pin"
            name="pin"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={64}
            aria-invalid={errors.pin ? 'true' : undefined}
            aria-describedby={describedBy('pin', pinHint, errors.pin)}
          />
        </div>
        <button type="submit">{t('takeOffer.submit')}</button>
      </form>
    </WalletPageLayout>
  );
}

/** Putting one certificate into a wallet app: the one-time offer as a QR code and a same-phone link, with its PIN. */
import type { Actor } from '../../worker/context';
import type { CreatedWalletOffer } from '../../worker/services/wallets/offers';
import { OFFER_MINUTES } from '../../worker/services/wallets/offers';
import { Qr } from '../components/qr';
import { type Lang, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Layout } from '../layout';
import { when } from '../components/passport-status';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The offer page: shown once, right after the worker asked for it (nothing is stored that could show it again). */
export function WalletOfferPage(p: {
  actor: UserActor;
  credentialId: string;
  offer: CreatedWalletOffer;
  /** The verified address the PIN was also emailed to (null when it was not sent). */
  pinEmailedTo: string | null;
  lang?: Lang;
}) {
  const { offer } = p;
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('walletOffer.title')} actor={p.actor} lang={lang}>
      <p>
        <a href={`/passport/credentials/${p.credentialId}`}>{t('walletOffer.back')}</a>
      </p>
      <h1>{t('walletOffer.title')}</h1>
      <p>
        {rich(lang, 'walletOffer.intro', {
          name: <strong>{offer.credentialName}</strong>,
          issuer: offer.issuerName,
        })}
      </p>
      <p class="notice error" role="status">
        <strong>{t('walletOffer.ownOnly')}</strong>{' '}
        {t('walletOffer.once', { minutes: OFFER_MINUTES, until: when(offer.expiresAt, lang) })}
      </p>
      <h2>{t('walletOffer.scan')}</h2>
      <Qr text={offer.deepLink} label={t('walletOffer.qrLabel', { name: offer.credentialName })} />
      <p>
        {t('walletOffer.onThisPhone')} <a href={offer.deepLink}>{t('walletOffer.openLink')}</a>
      </p>
      <h2>{t('walletOffer.enterPin')}</h2>
      <p class="pin">
        <span class="visually-hidden">{t('walletOffer.pinIs')} </span>
        <strong>{offer.txCode}</strong>
      </p>
      {p.pinEmailedTo ? <p>{t('wallets.pinEmailed', { email: p.pinEmailedTo })}</p> : null}
      <p class="small muted">
        {rich(lang, 'walletOffer.listed', {
          link: <a href="/passport/shares#wallets">{t('walletOffer.listedLink')}</a>,
        })}
      </p>
    </Layout>
  );
}

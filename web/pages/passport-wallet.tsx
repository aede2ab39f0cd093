/** Putting one certificate into a wallet app: the one-time offer as a QR code and a same-phone link, with its PIN. */
import type { Actor } from '../../worker/context';
import type { CreatedWalletOffer } from '../../worker/services/wallets/offers';
import { OFFER_MINUTES } from '../../worker/services/wallets/offers';
import { Qr } from '../components/qr';
import { Layout } from '../layout';
import { when } from '../components/passport-status';
import { translator } from '../i18n/messages';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The offer page: shown once, right after the worker asked for it (nothing is stored that could show it again). */
export function WalletOfferPage(p: {
  actor: UserActor;
  credentialId: string;
  offer: CreatedWalletOffer;
  /** The verified address the PIN was also emailed to (null when it was not sent). */
  pinEmailedTo: string | null;
}) {
  const { offer } = p;
  const t = translator('en');
  return (
    <Layout title="Add to a wallet app" actor={p.actor}>
      <p>
        <a href={`/passport/credentials/${p.credentialId}`}>Back to the certificate</a>
      </p>
      <h1>Add to a wallet app</h1>
      <p>
        Put a copy of <strong>{offer.credentialName}</strong> from {offer.issuerName} into a wallet app that speaks
        OpenID for Verifiable Credential Issuance (for example an EU or government wallet, or another credential
        wallet). The copy is signed by {offer.issuerName} and tied to your wallet; if the certificate is withdrawn, the
        copy stops checking out too.
      </p>
      <p class="notice error" role="status">
        <strong>Only for your own wallet.</strong> This offer works once, for {OFFER_MINUTES} minutes (until{' '}
        {when(offer.expiresAt)}). Do not show the code and PIN to anyone else.
      </p>
      <h2>1. Scan the code with your wallet app</h2>
      <Qr text={offer.deepLink} label={`QR code: offer of ${offer.credentialName} for your wallet app`} />
      <p>
        On this phone? <a href={offer.deepLink}>Open the offer in my wallet app</a>
      </p>
      <h2>2. Enter this PIN when the wallet asks</h2>
      <p class="pin">
        <span class="visually-hidden">Your PIN is </span>
        <strong>{offer.txCode}</strong>
      </p>
      {p.pinEmailedTo ? <p>{t('wallets.pinEmailed', { email: p.pinEmailedTo })}</p> : null}
      <p class="small muted">
        Each copy put into a wallet is listed with your share links, under{' '}
        <a href="/passport/shares#wallets">where your certificates went</a>.
      </p>
    </Layout>
  );
}

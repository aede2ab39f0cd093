/** The worker puts one of her certificates into a wallet app: a one-time offer with a PIN, shown to her once. */
import { Hono } from 'hono';
import { WalletOfferPage } from '../../../web/pages/passport-wallet';
import type { AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { uuidFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { createWalletOffer, mailOfferPin } from '../../services/wallets/offers';

const app = new Hono<AppEnv>();

app.post('/passport/credentials/:id/wallet-offer', guard('signedIn'), async (c) => {
  const actor = userActor(c);
  const { db, config, clock, mailer, logger } = c.get('deps');
  const credentialId = uuidFromPath(c, 'id', 'item in your passport');
  const offer = await createWalletOffer(db, config, { userId: actor.user.id, credentialId, now: clock() });
  // The PIN also goes to her verified email (only there: an unconfirmed address may not be hers).
  let pinEmailedTo = actor.user.emailVerified ? actor.user.email : null;
  if (pinEmailedTo) {
    try {
      await mailOfferPin(mailer, pinEmailedTo, offer);
    } catch (err) {
      // The page still shows the PIN; it just does not say it was emailed.
      logger.error('wallet_offer.pin_mail_failed', { error: String(err) });
      pinEmailedTo = null;
    }
  }
  return c.html(WalletOfferPage({ actor, credentialId, offer, pinEmailedTo, lang: c.get('lang') }));
});

export default app;

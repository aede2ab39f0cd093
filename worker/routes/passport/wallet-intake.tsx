/** The passport takes a certificate another issuer offers to wallets (OpenID for Verifiable Credential Issuance). */
import { Hono } from 'hono';
import { takeOfferForm } from '../../../schemas/oid4vci';
import { TakeOfferPage } from '../../../web/pages/passport-offer';
import type { AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { readForm } from '../../lib/http/forms';
import { guard } from '../../policy';
import { OfferIntakeError, takeWalletOffer } from '../../services/passport/wallet-intake';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/passport/wallet-offer', signedIn, (c) => c.html(TakeOfferPage({ actor: userActor(c), lang: c.get('lang') })));

app.post('/passport/wallet-offer', signedIn, async (c) => {
  const actor = userActor(c);
  const lang = c.get('lang');
  const f = await readForm(c, takeOfferForm);
  if (!f.ok) return c.html(TakeOfferPage({ actor, lang, link: f.state.values.link, errors: f.state.errors }), 400);
  try {
    const { id } = await takeWalletOffer(c.get('deps'), { userId: actor.user.id, link: f.data.link, pin: f.data.pin });
    return c.redirect(`/passport/credentials/${id}?notice=imported`, 303);
  } catch (err) {
    if (!(err instanceof OfferIntakeError)) throw err;
    const field = /PIN/.test(err.message) ? 'pin' : 'link';
    return c.html(TakeOfferPage({ actor, lang, link: f.data.link, errors: { [field]: err.message } }), 400);
  }
});

export default app;

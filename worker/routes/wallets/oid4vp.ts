/**
 * OpenID for Verifiable Presentations 1.0, the verifier's endpoints: wallets fetch the signed request object (GET,
 * request by reference) and post their answer (response mode direct_post, form-encoded vp_token and state).
 * Anonymous like the issuance endpoints; the state names the employer's request, and the answer counts once. Errors
 * are OAuth-shaped JSON.
 */
import { Hono } from 'hono';
import { walletResponseForm } from '../../../schemas/oid4vp';
import type { AppEnv } from '../../context';
import { limitPublic } from '../../lib/http/public-limit';
import { guard } from '../../policy';
import { WalletIssuanceError } from '../../services/wallets/oauth-error';
import { authorizationRequest, receiveWalletResponse } from '../../services/wallets/presentation-requests';
import { REQUEST_OBJECT_TYP, signedRequestObject } from '../../services/wallets/request-objects';
import { bodyText, walletErrors } from '../../lib/http/wallet-routes';

const app = new Hono<AppEnv>();
const NO_STORE = { 'Cache-Control': 'no-store' };

app.get('/oid4vp/requests/:state', guard('public'), walletErrors, async (c) => {
  await limitPublic(c, 'wallet-request-object');
  const deps = c.get('deps');
  const jwt = await signedRequestObject(deps, c.req.param('state'), (row) => authorizationRequest(deps.config, row));
  return c.body(jwt, 200, { 'Content-Type': `application/${REQUEST_OBJECT_TYP}`, ...NO_STORE });
});

app.post('/oid4vp/response', guard('public'), walletErrors, async (c) => {
  await limitPublic(c, 'wallet-presentation');
  if (!(c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded'))
    throw new WalletIssuanceError('invalid_request', 'Send the response as application/x-www-form-urlencoded');
  const form = walletResponseForm.safeParse(Object.fromEntries(new URLSearchParams(await bodyText(c))));
  if (!form.success) throw new WalletIssuanceError('invalid_request', 'Send the state with a vp_token or an error');
  const result = await receiveWalletResponse(c.get('deps'), form.data);
  if (!result.verified && !result.declined)
    throw new WalletIssuanceError('invalid_request', `The presentation was not accepted: ${result.reason}`);
  return c.json({}, 200, NO_STORE);
});

export default app;

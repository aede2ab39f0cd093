/**
 * OpenID for Verifiable Credential Issuance 1.0, issuer side: metadata at the well-known paths, and the token, nonce
 * and credential endpoints of each credential issuer (an approved academy at /issuers/<slug>, the platform at the
 * origin). Wallets are anonymous here: the pre-authorised code, the PIN and then the access token are their only
 * credentials. Errors are OAuth-shaped JSON (`{error, error_description}`), never a page or a stack.
 */
import { Hono } from 'hono';
import { walletTokenRequest } from '../../../schemas/oid4vci';
import type { AppContext, AppEnv } from '../../context';
import { AppError } from '../../errors';
import { bodyText, walletErrors } from '../../lib/http/wallet-routes';
import { limitPublic } from '../../lib/http/public-limit';
import { guard } from '../../policy';
import {
  PRE_AUTHORIZED_GRANT,
  authorizationServerMetadata,
  credentialIssuerMetadata,
  walletIssuerFor,
} from '../../services/wallets/issuer-metadata';
import { issueNonce } from '../../services/wallets/nonces';
import { WalletIssuanceError } from '../../services/wallets/oauth-error';
import { redeemPreAuthorizedCode } from '../../services/wallets/tokens';
import { issueWalletCopy } from '../../services/wallets/wallet-copy';

const app = new Hono<AppEnv>();
const open = guard('public');
const NO_STORE = { 'Cache-Control': 'no-store' };
const METADATA_CACHE = { 'Cache-Control': 'public, max-age=300' };

/** The credential issuer named by the path (`/issuers/:slug/...`, or the platform without a slug). */
async function issuerOf(c: AppContext) {
  const slug = c.req.param('slug') ?? null;
  const issuer = slug === null || /^[a-z0-9-]{1,64}$/.test(slug) ? await walletIssuerFor(c.get('deps').db, slug) : null;
  if (!issuer) throw new AppError('not_found', 'No credential issuer here');
  return issuer;
}

for (const base of ['', '/issuers/:slug']) {
  app.get(`/.well-known/openid-credential-issuer${base}`, open, async (c) => {
    const { config } = c.get('deps');
    return c.json(credentialIssuerMetadata(config, await issuerOf(c)), 200, METADATA_CACHE);
  });

  app.get(`/.well-known/oauth-authorization-server${base}`, open, async (c) => {
    const { config } = c.get('deps');
    return c.json(authorizationServerMetadata(config, await issuerOf(c)), 200, METADATA_CACHE);
  });

  app.post(`${base}/oid4vci/token`, open, walletErrors, async (c) => {
    const issuer = await issuerOf(c);
    await limitPublic(c, 'wallet-token');
    if (!(c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded'))
      throw new WalletIssuanceError('invalid_request', 'Send the token request as application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(await bodyText(c)));
    if (form.grant_type !== PRE_AUTHORIZED_GRANT)
      throw new WalletIssuanceError('unsupported_grant_type', `Only ${PRE_AUTHORIZED_GRANT} is supported`);
    const parsed = walletTokenRequest.safeParse(form);
    if (!parsed.success) throw new WalletIssuanceError('invalid_request', 'Send pre-authorized_code and tx_code');
    const grant = await redeemPreAuthorizedCode(c.get('deps').db, {
      issuer,
      code: parsed.data['pre-authorized_code'],
      txCode: parsed.data.tx_code,
      now: c.get('deps').clock(),
    });
    return c.json(
      { access_token: grant.accessToken, token_type: 'Bearer', expires_in: grant.expiresIn },
      200,
      NO_STORE,
    );
  });

  app.post(`${base}/oid4vci/nonce`, open, walletErrors, async (c) => {
    await issuerOf(c);
    await limitPublic(c, 'wallet-nonce');
    const { nonce, expiresIn } = await issueNonce(c.get('deps').db, c.get('deps').clock());
    return c.json({ c_nonce: nonce, c_nonce_expires_in: expiresIn }, 200, NO_STORE);
  });

  app.post(`${base}/oid4vci/credential`, open, walletErrors, async (c) => {
    const issuer = await issuerOf(c);
    const { clock } = c.get('deps');
    const auth = c.req.header('authorization') ?? '';
    const accessToken = auth.startsWith('Bearer ') ? auth.slice(7).trim() : null;
    if (!(c.req.header('content-type') ?? '').includes('application/json'))
      throw new WalletIssuanceError('invalid_credential_request', 'Send the credential request as application/json');
    let body: unknown;
    try {
      body = JSON.parse(await bodyText(c));
    } catch (err) {
      if (err instanceof WalletIssuanceError) throw err;
      throw new WalletIssuanceError('invalid_credential_request', 'The body is not valid JSON');
    }
    const issued = await issueWalletCopy(c.get('deps'), { issuer, accessToken, body, now: clock() });
    return c.json({ credentials: [{ credential: issued.credential }] }, 200, NO_STORE);
  });
}

export default app;

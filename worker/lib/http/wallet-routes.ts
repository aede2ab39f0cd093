/** What the wallet route groups (OpenID4VCI issuer, OpenID4VP response) share: OAuth-shaped errors, the body as text. */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext, AppEnv } from '../../context';
import { WalletIssuanceError, walletErrorBody } from '../../services/wallets/oauth-error';
import { BODY_LIMITS, readBodyBytes } from './body';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Answers any failure of a wallet route in the OAuth shape, after the app's error handler has made its response (so
 * status, headers and logging stay the app's; only the body changes).
 */
export const walletErrors: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const err = c.error;
  if (!err) return;
  const status = c.res.status as ContentfulStatusCode;
  if (err instanceof WalletIssuanceError && err.walletCode === 'invalid_token')
    c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
  c.res = c.json(walletErrorBody(err), status, NO_STORE);
};

/** The request body as UTF-8 text (JSON-sized limit); an OAuth-shaped refusal otherwise. */
export async function bodyText(c: AppContext): Promise<string> {
  const buf = await readBodyBytes(c, BODY_LIMITS.json);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new WalletIssuanceError('invalid_request', 'The body is not valid UTF-8');
  }
}

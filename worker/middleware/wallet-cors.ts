/**
 * Wallets that run inside a web page (browser wallets) call the OpenID4VCI and OpenID4VP endpoints from their own
 * origin. Those endpoints never read a session cookie: a wallet's only credentials are the pre-authorised code, the
 * PIN, the access token or the request's state, all sent explicitly. So a cross-site request there cannot ride on
 * anyone's session: they answer any origin (CORS without credentials), and the cross-site Origin check of
 * csrfProtection, which guards cookie-borne requests, does not apply to them. Every other route keeps it.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

const WALLET_PATHS = [
  /^\/\.well-known\/openid-credential-issuer(\/issuers\/[^/]+)?$/,
  /^\/\.well-known\/oauth-authorization-server(\/issuers\/[^/]+)?$/,
  /^(\/issuers\/[^/]+)?\/oid4vci\/(token|nonce|credential)$/,
  /^\/oid4vp\/requests\/[^/]+$/,
  /^\/oid4vp\/response$/,
];

/** True for the wallet protocol endpoints, which authenticate by what the wallet sends, never by cookie. */
export function isWalletProtocolPath(path: string): boolean {
  return WALLET_PATHS.some((p) => p.test(path));
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, DPoP',
  'Access-Control-Expose-Headers': 'WWW-Authenticate, Cache-Control',
  'Access-Control-Max-Age': '600',
} as const;

/** Answers a browser's preflight for the wallet endpoints and lets any origin read their answers (no cookies). */
export const walletCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isWalletProtocolPath(c.req.path)) return next();
  if (c.req.method === 'OPTIONS') return c.body(null, 204, CORS_HEADERS);
  await next();
  for (const [name, value] of Object.entries(CORS_HEADERS)) c.res.headers.set(name, value);
};

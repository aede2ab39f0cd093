/** Security headers and CSRF protection. */
import type { MiddlewareHandler } from 'hono';
import { isSecureOrigin } from '../config';
import { isWalletProtocolPath } from './wallet-cors';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { MAX_FORM_BYTES, readFormFields } from '../lib/http/body';
import { safeEqual } from '../lib/ids';

/** CSP without inline scripts, frame-ancestors none, referrer policy, HSTS outside local dev. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
      "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  h.set('X-Frame-Options', 'DENY');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (isSecureOrigin(c.get('deps').config)) {
    h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  }
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF: a cross-site Origin is refused on every state-changing request; a request riding on a session
 * cookie must also carry the session's CSRF token (form field `_csrf` or header `x-csrf-token`).
 * Requests authenticated by an API token (no cookie) need neither, and neither do the wallet protocol endpoints
 * (see wallet-cors.ts: they never read a cookie).
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method) || isWalletProtocolPath(c.req.path)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    const self = new URL(c.req.url).origin;
    if (origin !== self && origin !== c.get('deps').config.PUBLIC_ORIGIN) {
      throw new AppError('csrf_failed', 'Cross-site request refused');
    }
  }
  const actor = c.get('actor');
  if (actor.kind !== 'user') return next();
  let sent = c.req.header('x-csrf-token');
  if (!sent) {
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      // Read up to the largest form any route takes; the route then holds the body to its own limit.
      const body = await readFormFields(c, MAX_FORM_BYTES, { all: false });
      const v = body._csrf;
      sent = typeof v === 'string' ? v : undefined;
    }
  }
  if (!sent || !safeEqual(sent, actor.csrfToken)) {
    throw new AppError(
      'csrf_failed',
      'This form has expired or did not come from this site. Reload the page and try again.',
    );
  }
  return next();
};

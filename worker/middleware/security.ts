/** Security headers and CSRF protection. */
import type { MiddlewareHandler } from 'hono';
import { isSecureOrigin } from '../config';
import { isWalletProtocolPath } from './wallet-cors';
import type { AppContext, AppEnv } from '../context';
import { AppError } from '../errors';
import { MAX_FORM_BYTES, readFormFields, refusedFormField } from '../lib/http/body';
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
 * The CSRF token a posted form carries. A form too large to read still has it among its first bytes (forms put it
 * first): once it is checked, the route refuses the body itself and can say so on its own page, for example next to
 * the file field of an upload, rather than on an error page. Without a token there, the form is refused as too large.
 */
async function csrfField(c: AppContext): Promise<string | undefined> {
  let body: Record<string, unknown>;
  try {
    body = await readFormFields(c, MAX_FORM_BYTES, { all: false });
  } catch (err) {
    const found =
      err instanceof AppError && err.code === 'payload_too_large' ? refusedFormField(c, '_csrf') : undefined;
    if (found === undefined) throw err;
    return found;
  }
  const v = body._csrf;
  return typeof v === 'string' ? v : undefined;
}

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
      sent = await csrfField(c);
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

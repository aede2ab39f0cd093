/** The one Hono app, built from its dependencies; Node and Workers entry points both call createApp. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import '../schemas/messages';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Lang, t } from '../web/i18n/messages';
import { ErrorPage } from '../web/pages/error';
import { renderingFor } from '../web/render-context';
import type { AppContext, AppDeps, AppEnv } from './context';
import { AppError, errorBody } from './errors';
import { resolveActor } from './middleware/actor';
import { resolveLanguage } from './middleware/language';
import { csrfProtection, securityHeaders } from './middleware/security';
import { walletCors } from './middleware/wallet-cors';
import { registerRoutes } from './routes';

/** True when the caller wants JSON rather than a page. */
function wantsJson(path: string, accept: string | undefined): boolean {
  if (path.startsWith('/api/') || path.startsWith('/credentials/') || path.startsWith('/presentations/')) return true;
  if (path.endsWith('.json')) return true;
  return !!accept && accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The error page a browser sees, in the visitor's language; the message is in `messageLang` (English when a service
 * or schema wrote it).
 */
function errorPage(
  c: AppContext,
  p: { status: ContentfulStatusCode; message: string; details?: unknown; messageLang?: Lang },
) {
  const page = ErrorPage({ actor: c.get('actor') ?? { kind: 'anonymous' }, lang: c.get('lang'), ...p });
  return c.html(page, p.status);
}

/** Builds the app. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', crypto.randomUUID());
    c.set('actor', { kind: 'anonymous' });
    c.set('lang', 'en');
    const started = performance.now();
    await next();
    if (deps.config.LOG_REQUESTS && deps.config.ENVIRONMENT !== 'test') {
      // Route pattern, not the raw path: paths can hold share or claim tokens.
      deps.logger.info('request', {
        id: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  });
  // Pages read their request (language, path) while c.html renders them; see web/render-context.ts.
  app.use('*', async (c, next) => {
    const html = c.html;
    c.html = ((...args: Parameters<typeof html>) => renderingFor(c, () => html(...args))) as typeof html;
    await next();
  });
  app.use('*', resolveLanguage);
  app.use('*', securityHeaders);
  app.use('*', resolveActor);
  app.use('*', walletCors);
  app.use('*', csrfProtection);

  registerRoutes(app);

  app.notFound((c) => {
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json(errorBody('not_found', 'Not found'), 404);
    const lang = c.get('lang');
    return errorPage(c, { status: 404, message: t(lang, 'errorPage.pageNotFound'), messageLang: lang });
  });

  app.onError((err, c) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err instanceof ZodError) {
      e = new AppError(
        'validation_failed',
        'Input is not valid',
        err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    } else if (err instanceof HTTPException) {
      e = new AppError(
        err.status === 413 ? 'payload_too_large' : 'bad_request',
        err.message || 'Bad request',
        undefined,
        err.status as never,
      );
    } else {
      deps.logger.error('unhandled', {
        id: c.get('requestId'),
        route: c.req.routePath,
        error: String(err?.stack ?? err),
      });
      e = new AppError('internal', 'Something went wrong on our side. Nothing was changed; please try again.');
    }
    if (e.code === 'rate_limited' && e.details && typeof e.details === 'object' && 'retryAfterSeconds' in e.details) {
      c.header('Retry-After', String((e.details as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json(errorBody(e.code, e.message, e.details), e.status);
    // A browser opening a signed-in page is sent to sign in, then back here (API clients get the 401).
    if (e.code === 'unauthenticated' && c.req.method === 'GET' && !c.req.header('authorization')) {
      const url = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return errorPage(c, { status: e.status, message: e.message, details: e.details });
  });

  return app;
}

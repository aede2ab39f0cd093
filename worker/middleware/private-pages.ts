/** Personal pages (a passport, a claim link, deleting an account) are never cached by the browser or anything between. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/** The paths of the worker's personal pages. */
export const PRIVATE_PAGE_PATHS = ['/passport', '/passport/*', '/claim', '/account/delete'] as const;

/** Marks the response private and not to be stored. */
export const privatePage: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
};

/** Response headers for one person's or one organisation's figures: never stored by a shared cache. */
export const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store' } as const;

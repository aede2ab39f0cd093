/** The language switch: remembers English or Cymraeg in a cookie and goes back to the page the person was on. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { safeNext } from '../../schemas/accounts';
import { isLang } from '../../web/i18n/messages';
import type { AppEnv } from '../context';
import { isSecureOrigin } from '../config';
import { AppError } from '../errors';
import { LANG_COOKIE } from '../middleware/language';
import { guard } from '../policy';

const YEAR_SECONDS = 365 * 86_400;

/** `next` when it is a path on this site (the same rule as sign-in's `next`); else the home page. */
export function safeNextPath(next: string | undefined): string {
  return safeNext(next) ?? '/';
}

const app = new Hono<AppEnv>();

app.get('/language', guard('public'), (c) => {
  const lang = c.req.query('lang');
  if (!isLang(lang)) throw new AppError('bad_request', 'Choose English (en) or Cymraeg (cy)');
  setCookie(c, LANG_COOKIE, lang, {
    path: '/',
    maxAge: YEAR_SECONDS,
    sameSite: 'Lax',
    secure: isSecureOrigin(c.get('deps').config),
    httpOnly: true,
  });
  return c.redirect(safeNextPath(c.req.query('next')), 303);
});

export default app;

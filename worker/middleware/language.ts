/**
 * The request's language: the `cp_lang` cookie a person set with the language switch, else (a first visit) their
 * browser's Accept-Language when it prefers Welsh to English, else English.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Lang, isLang } from '../../web/i18n/messages';
import type { AppEnv } from '../context';

/** The cookie that remembers the language chosen with the switch. */
export const LANG_COOKIE = 'cp_lang';

/** Welsh when Accept-Language ranks any Welsh tag above every English one (q-values honoured), else English. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'en';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'cy' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'en';
}

/** Sets `lang` for the request; pages that vary by it say so to caches. */
export const resolveLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  const chosen = getCookie(c, LANG_COOKIE);
  c.set('lang', isLang(chosen) ? chosen : langFromAcceptLanguage(c.req.header('accept-language')));
  await next();
  if (c.res.headers.get('content-type')?.startsWith('text/html')) c.res.headers.append('Vary', 'Accept-Language');
};

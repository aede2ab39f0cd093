/** The page shell: landmarks, skip link, navigation by actor, one stylesheet and one script (no inline code: CSP). */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { safeNext } from '../schemas/accounts';
import type { Actor } from '../worker/context';
import { type Lang, type Translate, awaitingReview, t, translator } from './i18n/messages';
import { renderingContext } from './render-context';

export interface LayoutProps {
  title: string;
  actor: Actor;
  children: Child;
  /** Flash message shown at the top of the main content, announced politely. */
  notice?: string | undefined;
  noticeKind?: 'ok' | 'error';
  /** The language the page is written in; pages not translated yet leave it out and are English. */
  lang?: Lang;
}

/** Navigation links; organisation names stay as their organisations write them (no `lang` claimed for them). */
function navLinks(actor: Actor, t: Translate): { href: string; label: string }[] {
  const links: { href: string; label: string }[] = [
    { href: '/catalogue', label: t('nav.ladders') },
    { href: '/verify', label: t('nav.verify') },
  ];
  if (actor.kind !== 'user') return [...links, { href: '/sign-in', label: t('nav.signIn') }];
  links.unshift({ href: '/passport', label: t('nav.passport') });
  for (const m of actor.memberships) {
    if (m.kind === 'academy') links.push({ href: `/academy/${m.slug}`, label: m.name });
    if (m.kind === 'employer') links.push({ href: `/employer/${m.slug}`, label: m.name });
    if (m.kind === 'commissioner') links.push({ href: `/commissioner/${m.slug}`, label: m.name });
  }
  if (actor.user.isPlatformAdmin) links.push({ href: '/admin', label: t('nav.admin') });
  links.push({ href: '/account', label: t('nav.account') });
  return links;
}

/** The request's chosen language and the path to come back to after switching (read from the request context). */
function requestPlace(): { chosen: Lang; back: string } {
  const c = renderingContext();
  if (!c) return { chosen: 'en', back: '/' };
  const url = new URL(c.req.url);
  // Only GET pages are come back to (after a form post: the home page). A query carrying an off-site `next` is
  // dropped, so the page never repeats it.
  const next = url.searchParams.get('next');
  const query = next !== null && !safeNext(next) ? '' : url.search;
  const back = c.req.method === 'GET' ? `${url.pathname}${query}` : '/';
  return { chosen: c.get('lang') ?? 'en', back };
}

/** English / Cymraeg, as plain links (no script); each name is written, and marked, in its own language. */
function LanguageSwitch({ chosen, back, t }: { chosen: Lang; back: string; t: Translate }) {
  const next = encodeURIComponent(back);
  const option = (lang: Lang, name: string) =>
    lang === chosen ? (
      <span lang={lang} aria-current="true">
        {name}
      </span>
    ) : (
      <a href={`/language?lang=${lang}&next=${next}`} lang={lang} hreflang={lang}>
        {name}
      </a>
    );
  return (
    <nav aria-label={t('lang.label')} class="lang-switch">
      <ul>
        <li>{option('en', 'English')}</li>
        <li>{option('cy', 'Cymraeg')}</li>
      </ul>
    </nav>
  );
}

/** On Welsh pages: the translation is awaiting review. On English-only pages asked for in Welsh: say so. */
function LanguageNote({ lang, chosen }: { lang: Lang; chosen: Lang }) {
  if (awaitingReview(lang)) {
    return (
      <p class="small muted lang-note">
        <span lang="cy">{t('cy', 'layout.reviewNote')}</span> / <span lang="en">{t('en', 'layout.reviewNote')}</span>
      </p>
    );
  }
  if (chosen === 'cy' && lang === 'en') {
    return (
      <p class="small muted lang-note">
        <span lang="cy">{t('cy', 'layout.notInWelsh')}</span> {t('en', 'layout.notInWelsh')}
      </p>
    );
  }
  return null;
}

/** Wraps page content in the site's shell. */
export function Layout({ title, actor, children, notice, noticeKind = 'ok', lang = 'en' }: LayoutProps) {
  const t = translator(lang);
  const { chosen, back } = requestPlace();
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang === 'cy' ? 'cy' : 'en-GB'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{t('layout.brandTitle', { title })}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/app.css" />
          <script src="/static/app.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            {t('layout.skip')}
          </a>
          <header class="site">
            <a class="brand" href="/">
              Care Passport
            </a>
            <nav aria-label={t('nav.label')}>
              <ul>
                {navLinks(actor, t).map((l) => (
                  <li>
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
                {actor.kind === 'user' ? (
                  <li>
                    <form method="post" action="/sign-out" class="inline">
                      <input type="hidden" name="_csrf" value={actor.csrfToken} />
                      <button type="submit" class="link">
                        {t('nav.signOut')}
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            </nav>
            <LanguageSwitch chosen={chosen} back={back} t={t} />
          </header>
          <main id="main" tabindex={-1}>
            <LanguageNote lang={lang} chosen={chosen} />
            {notice ? (
              <p class={`notice ${noticeKind}`} role={noticeKind === 'error' ? 'alert' : 'status'}>
                {notice}
              </p>
            ) : null}
            {children}
          </main>
          <footer class="site">
            <p>
              {t('footer.about')} <a href="/help">{t('footer.help')}</a> · <a href="/contact">{t('footer.contact')}</a>{' '}
              · <a href="/catalogue/sources">{t('footer.sources')}</a> ·{' '}
              <a href="/api/openapi.json">{t('layout.api')}</a> · <a href="/privacy">{t('footer.privacy')}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A hidden CSRF field for forms posted by a signed-in person. */
export function Csrf({ actor }: { actor: Actor }) {
  return actor.kind === 'user' ? <input type="hidden" name="_csrf" value={actor.csrfToken} /> : null;
}

/** A labelled badge that says when data is indicative / unverified. */
export function Indicative({ verified, text, lang = 'en' }: { verified: boolean; text?: string; lang?: Lang }) {
  const t = translator(lang);
  return verified ? null : (
    <span class="tag warn" title={t('layout.notVerifiedTitle')}>
      {text ?? t('layout.indicative')}
    </span>
  );
}

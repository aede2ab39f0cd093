/** The page shell: landmarks, skip link, navigation by actor, one stylesheet and one script (no inline code: CSP). */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Actor } from '../worker/context';

export interface LayoutProps {
  title: string;
  actor: Actor;
  children: Child;
  /** Flash message shown at the top of the main content, announced politely. */
  notice?: string | undefined;
  noticeKind?: 'ok' | 'error';
}

function navLinks(actor: Actor): { href: string; label: string }[] {
  const links = [
    { href: '/catalogue', label: 'Career ladders' },
    { href: '/verify', label: 'Verify' },
  ];
  if (actor.kind !== 'user') return [...links, { href: '/sign-in', label: 'Sign in' }];
  links.unshift({ href: '/passport', label: 'My passport' });
  for (const m of actor.memberships) {
    if (m.kind === 'academy') links.push({ href: `/academy/${m.slug}`, label: m.name });
    if (m.kind === 'employer') links.push({ href: `/employer/${m.slug}`, label: m.name });
    if (m.kind === 'commissioner') links.push({ href: `/commissioner/${m.slug}`, label: m.name });
  }
  if (actor.user.isPlatformAdmin) links.push({ href: '/admin', label: 'Platform admin' });
  links.push({ href: '/account', label: 'Account' });
  return links;
}

/** Wraps page content in the site's shell. */
export function Layout({ title, actor, children, notice, noticeKind = 'ok' }: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en-GB">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · Care Passport`}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/app.css" />
          <script src="/static/app.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site">
            <a class="brand" href="/">
              Care Passport
            </a>
            <nav aria-label="Main">
              <ul>
                {navLinks(actor).map((l) => (
                  <li>
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
                {actor.kind === 'user' ? (
                  <li>
                    <form method="post" action="/sign-out" class="inline">
                      <input type="hidden" name="_csrf" value={actor.csrfToken} />
                      <button type="submit" class="link">
                        Sign out
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            </nav>
          </header>
          <main id="main" tabindex={-1}>
            {notice ? (
              <p class={`notice ${noticeKind}`} role={noticeKind === 'error' ? 'alert' : 'status'}>
                {notice}
              </p>
            ) : null}
            {children}
          </main>
          <footer class="site">
            <p>
              Care Passport: portable, verifiable training records for the care workforce. Framework mappings are
              indicative, not contractual. <a href="/help">Help</a> · <a href="/contact">Contact</a> ·{' '}
              <a href="/catalogue/sources">Sources</a> · <a href="/api/openapi.json">API</a> ·{' '}
              <a href="/privacy">Privacy</a>
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
export function Indicative({ verified, text }: { verified: boolean; text?: string }) {
  return verified ? null : (
    <span class="tag warn" title="Not verified against the source; confirm before relying on it">
      {text ?? 'indicative · verified: false'}
    </span>
  );
}

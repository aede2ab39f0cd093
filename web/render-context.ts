/**
 * The request a page is being rendered for, for the page shell (its language switch comes back to this page).
 * Pages render synchronously inside `c.html` (no async components), so the request is held in a plain variable for
 * exactly that call: no AsyncLocalStorage, whose promise hooks would cost every request of the process, JSON API
 * calls included, several per cent of its time.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../worker/context';

let rendering: Context<AppEnv> | undefined;

/** Runs `render` (one page rendering) with `c` as the request being rendered; nested calls restore the outer one. */
export function renderingFor<T>(c: Context<AppEnv>, render: () => T): T {
  const outer = rendering;
  rendering = c;
  try {
    return render();
  } finally {
    rendering = outer;
  }
}

/** The request whose page is being rendered now, or undefined outside a rendering (e.g. a page built in a test). */
export function renderingContext(): Context<AppEnv> | undefined {
  return rendering;
}

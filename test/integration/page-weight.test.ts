/**
 * Pages stay light: every HTML page the app serves by GET (each as an actor allowed to see it, with the access
 * table's sample records) is measured. The median page is under 30 KB of HTML; no page outside the platform admin's
 * catalogue editors (desktop tools that list the whole catalogue, about 180 KB) is over 150 KB; and no page loads a
 * script that blocks rendering (every script is external, from this origin, and deferred).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../worker/services/accounts/sessions';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { sessionFor } from '../helpers/accounts';
import { ACTORS, AUTHZ_TABLE, type ActorName, type AuthzFixtures, buildAuthzFixtures } from '../helpers/authz-table';

let env: TestEnv;
let fixtures: AuthzFixtures;
beforeAll(async () => {
  env = await makeTestEnv();
  fixtures = await buildAuthzFixtures(env);
});
afterAll(() => env.close());

/** The first signed-in actor the table lets see the page (200), else anyone it lets in. */
function viewerOf(expect: Record<ActorName, unknown>): ActorName | null {
  const allowed = ACTORS.filter((a) => a !== 'academyToken' && expect[a] === 200);
  return allowed.find((a) => a !== 'anonymous') ?? allowed[0] ?? null;
}

async function htmlPages(): Promise<{ route: string; bytes: number; html: string }[]> {
  const out = [];
  for (const row of AUTHZ_TABLE) {
    if (!row.route.startsWith('GET ')) continue;
    const actor = viewerOf(row.expect);
    if (!actor) continue;
    const headers = new Headers({ accept: 'text/html' });
    if (actor !== 'anonymous') {
      const s = await sessionFor(env, fixtures.users[actor as Exclude<ActorName, 'anonymous' | 'academyToken'>].id);
      headers.set('cookie', `${SESSION_COOKIE}=${s.token}`);
    }
    const res = await env.app.request(row.path(fixtures), { headers });
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await res.text();
    out.push({ route: row.route, bytes: new TextEncoder().encode(html).length, html });
  }
  return out;
}

describe('page weight', () => {
  it('keeps the median HTML page under 30 KB, every page under 150 KB, and no script blocking', async () => {
    const pages = await htmlPages();
    expect(pages.length).toBeGreaterThan(40);
    const sizes = pages.map((p) => p.bytes).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)]!;
    if (process.env.PAGE_WEIGHT_REPORT)
      console.info(
        `${pages.length} pages; median ${median} B; largest ${sizes.at(-1)} B; 90th ${sizes[Math.floor(sizes.length * 0.9)]} B`,
      );
    expect(median).toBeLessThan(30 * 1024);
    const heavy = pages
      .filter((p) => p.bytes > 150 * 1024 && !p.route.startsWith('GET /admin/roles/'))
      .map((p) => `${p.route} ${p.bytes}`);
    expect(heavy).toEqual([]);
    for (const p of pages) {
      for (const tag of p.html.match(/<script\b[^>]*>/g) ?? []) {
        expect(tag, p.route).toMatch(/\bsrc="\/static\//);
        expect(tag, p.route).toMatch(/\bdefer\b/);
      }
    }
  });
});

/**
 * The authorisation matrix: every route the app serves has a guard and a row in test/helpers/authz-table.ts,
 * and every actor gets exactly the status the row expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../worker/services/accounts/sessions';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { sessionFor } from '../helpers/accounts';
import {
  ACTORS,
  AUTHZ_TABLE,
  type ActorName,
  type AuthzFixtures,
  type AuthzRow,
  type Expected,
  buildAuthzFixtures,
} from '../helpers/authz-table';

let env: TestEnv;
let fixtures: AuthzFixtures;
beforeAll(async () => {
  env = await makeTestEnv();
  fixtures = await buildAuthzFixtures(env);
});
afterAll(() => env.close());

/** Routes as `METHOD /path`, each with whether any of its handlers is a guard. */
function servedRoutes(): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const r of env.app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const guarded = typeof (r.handler as { policy?: unknown }).policy === 'string';
    out.set(key, (out.get(key) ?? false) || guarded);
  }
  return out;
}

/** Paths the app answers in JSON (mirrors wantsJson in worker/app.ts). */
const isJsonPath = (p: string) =>
  p.startsWith('/api/') ||
  p.startsWith('/credentials/') ||
  p.startsWith('/presentations/') ||
  p.split('?')[0]?.endsWith('.json');

async function send(row: AuthzRow, actor: ActorName): Promise<Response> {
  const [method = 'GET'] = row.route.split(' ');
  const path = row.path(fixtures);
  const headers = new Headers({ accept: actor === 'academyToken' ? 'application/json' : 'text/html' });
  let csrf: string | undefined;
  if (actor === 'academyToken') headers.set('authorization', `Bearer ${fixtures.academyToken}`);
  else if (actor !== 'anonymous') {
    // A fresh session per request, so routes that end sessions do not disturb later rows.
    const s = await sessionFor(env, fixtures.users[actor].id);
    headers.set('cookie', `${SESSION_COOKIE}=${s.token}`);
    csrf = s.csrf;
  }
  let body: BodyInit | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    headers.set('origin', TEST_ORIGIN);
    if (row.json !== undefined) {
      headers.set('content-type', 'application/json');
      if (csrf) headers.set('x-csrf-token', csrf);
      body = JSON.stringify(row.json);
    } else {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      const form = new URLSearchParams(row.form ?? {});
      if (csrf) form.set('_csrf', csrf);
      body = form;
    }
  }
  return env.app.request(`${TEST_ORIGIN}${path}`, { method, headers, body, redirect: 'manual' });
}

/** Checks one response against an expectation; returns a problem description or null. */
function check(row: AuthzRow, actor: ActorName, expected: Expected, res: Response): string | null {
  const [method] = row.route.split(' ');
  const path = row.path(fixtures);
  if (expected === 'signin') {
    const redirect = method === 'GET' && actor !== 'academyToken' && !isJsonPath(path);
    if (redirect) {
      const location = res.headers.get('location') ?? '';
      return res.status === 303 && location === `/sign-in?next=${encodeURIComponent(path)}`
        ? null
        : `expected 303 to /sign-in?next=..., got ${res.status} ${location}`;
    }
    return res.status === 401 ? null : `expected 401, got ${res.status}`;
  }
  const allowed = typeof expected === 'number' ? [expected] : expected;
  return allowed.includes(res.status) ? null : `expected ${allowed.join(' or ')}, got ${res.status}`;
}

describe('authorisation matrix', () => {
  it('guards every route', () => {
    const unguarded = [...servedRoutes()].filter(([, guarded]) => !guarded).map(([route]) => route);
    expect(unguarded, `Routes without guard(...): ${unguarded.join(', ')}`).toEqual([]);
  });

  it('has a row in test/helpers/authz-table.ts for every route', () => {
    const rows = new Set(AUTHZ_TABLE.map((r) => r.route));
    const missing = [...servedRoutes().keys()].filter((route) => !rows.has(route));
    expect(missing, `Add rows to test/helpers/authz-table.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('has no rows for routes the app does not serve, and one row per route', () => {
    const served = servedRoutes();
    const stale = AUTHZ_TABLE.map((r) => r.route).filter((route) => !served.has(route));
    expect(stale, `Rows for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
    const seen = new Set<string>();
    const duplicated = AUTHZ_TABLE.map((r) => r.route).filter((route) => seen.size === seen.add(route).size);
    expect(duplicated).toEqual([]);
  });

  it('gives every actor the expected status on every route', async () => {
    const problems: string[] = [];
    for (const row of AUTHZ_TABLE) {
      for (const actor of ACTORS) {
        const res = await send(row, actor);
        const problem = check(row, actor, row.expect[actor], res);
        if (problem) problems.push(`${row.route} as ${actor}: ${problem}`);
        await res.arrayBuffer();
      }
    }
    expect(problems).toEqual([]);
  });

  it("answers another organisation's pages with 404, not 403, so existence does not leak", async () => {
    const other = `/org/${fixtures.orgs.academyB.slug}`;
    const missing = '/org/no-such-organisation';
    const row = (p: string): AuthzRow => ({ route: `GET ${p}`, path: () => p, expect: {} as never });
    for (const actor of ['worker', 'academyAdmin', 'employer', 'admin'] as const) {
      const a = await send(row(other), actor);
      const b = await send(row(missing), actor);
      expect([actor, a.status]).toEqual([actor, 404]);
      expect([actor, b.status]).toEqual([actor, 404]);
      const plain = (html: string, slug: string) =>
        html.replaceAll(slug, '').replace(/name="_csrf" value="[^"]+"/g, '');
      expect(plain(await a.text(), fixtures.orgs.academyB.slug)).toBe(plain(await b.text(), 'no-such-organisation'));
    }
  });
});

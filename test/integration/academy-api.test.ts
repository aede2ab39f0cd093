/** The cohort API: the same batch pipeline as the CSV pages, behind an academy API token with the issue scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { credentials } from '../../db/schema';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { sessionFor } from '../helpers/accounts';
import { type World, buildWorld, makeAchievement } from '../helpers/world';
import { learners } from '../fixtures/cohort';

let env: TestEnv;
let world: World;
let achievementId: string;
let base: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  base = `/api/v1/academies/${world.academy.slug}/cohorts`;
});
afterAll(() => env.close());

async function call(method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = world.apiToken) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await env.app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

function rows(n: number, prefix: string, badAt?: number) {
  const list = learners(n, { prefix }).map((r) => ({ ...r })) as Record<string, string>[];
  if (badAt) list[badAt - 1]!.completion_date = '2026-02-30';
  return list;
}

describe('cohort API', () => {
  it('stores a batch with per-row errors, finds it again for the same rows, and issues it on confirm', async () => {
    const payload = { achievementId, fileName: 'from-lms.json', rows: rows(75, 'api', 3) };
    const created = await call('POST', base, payload);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'preview',
      existing: false,
      totalRows: 75,
      validRows: 74,
      invalidRows: 1,
    });
    expect(created.body.errors).toEqual([
      { row: 3, field: 'completion_date', message: 'Enter a real date, for example 2026-05-20' },
    ]);
    const batchId = created.body.batchId as string;

    const again = await call('POST', base, payload);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ batchId, existing: true });

    const confirmed = await call('POST', `${base}/${batchId}/confirm`);
    expect([200, 202]).toContain(confirmed.status);
    expect(confirmed.body.links.progress).toBe(`${base}/${batchId}/progress`);
    let p = confirmed.body;
    for (let i = 0; i < 50 && !p.finished; i++) p = (await call('GET', `${base}/${batchId}/progress`)).body;
    expect(p).toMatchObject({ finished: true, issued: 74, invalid: 1, done: 74, total: 74 });

    const twice = await call('POST', `${base}/${batchId}/confirm`);
    expect(twice.status).toBe(200);
    const n = await env.deps.db.select({ n: count() }).from(credentials).where(eq(credentials.batchId, batchId));
    expect(n[0]?.n).toBe(74);

    const result = await call('GET', `${base}/${batchId}/result`);
    expect(result.status).toBe(200);
    const list = result.body.rows as {
      row: number;
      outcome: string;
      credentialId: string | null;
      claimStatus: string | null;
    }[];
    expect(list).toHaveLength(75);
    expect(list[0]).toMatchObject({ row: 1, outcome: 'issued', claimStatus: 'claim link sent' });
    expect(list[0]!.credentialId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(list[2]).toMatchObject({ row: 3, outcome: 'invalid', credentialId: null });
    expect(JSON.stringify(result.body)).not.toMatch(/token/i);
  });

  it('warns of rows that would be expired on issue, and issues them only when confirmed with allowExpired', async () => {
    const list = rows(3, 'past');
    list[1]!.completion_date = '01/01/1990';
    const created = await call('POST', base, { achievementId, rows: list });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ validRows: 3, invalidRows: 0, errors: [] });
    expect(created.body.warnings).toEqual([
      { row: 2, field: 'completion_date', message: expect.stringContaining('it expired on 1992-01-01') },
    ]);
    const batchId = created.body.batchId as string;
    // An integration that confirms without reading the warnings issues nothing.
    const blind = await call('POST', `${base}/${batchId}/confirm`);
    expect(blind.status).toBe(400);
    expect(blind.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'rows.2.completion_date', message: 'expired on 1992-01-01' }],
    });
    expect((await call('GET', `${base}/${batchId}/result`)).body.status).toBe('preview');
    let p = (await call('POST', `${base}/${batchId}/confirm`, { allowExpired: true })).body;
    for (let i = 0; i < 20 && !p.finished; i++) p = (await call('GET', `${base}/${batchId}/progress`)).body;
    expect(p).toMatchObject({ finished: true, issued: 3 });
  });

  it('works for a signed-in member with the session and CSRF header too', async () => {
    const s = await sessionFor(env, world.academyStaff.id);
    const res = await env.app.request(base, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `cp_session=${s.token}`,
        'x-csrf-token': s.csrf,
        origin: 'http://localhost:8787',
      },
      body: JSON.stringify({ achievementId, rows: rows(2, 'member') }),
    });
    expect(res.status).toBe(201);
  });

  it('answers 404 for another academy’s slug, batch or achievement, and refuses tokens without the issue scope', async () => {
    const other = `/api/v1/academies/${world.otherAcademy.slug}/cohorts`;
    expect((await call('POST', other, { achievementId, rows: rows(1, 'x') })).status).toBe(404);
    expect(
      (await call('POST', '/api/v1/academies/no-such-academy/cohorts', { achievementId, rows: rows(1, 'x') })).status,
    ).toBe(404);
    const theirs = await makeAchievement(env, world.otherAcademy.id, world.otherAcademyStaff.id);
    expect((await call('POST', base, { achievementId: theirs.id, rows: rows(1, 'x') })).status).toBe(404);
    const theirToken = await createApiToken(env.deps.db, {
      orgId: world.otherAcademy.id,
      name: 'b',
      scopes: ['issue'],
      createdBy: null,
      now: env.deps.clock(),
    });
    const mine = (await call('POST', base, { achievementId, rows: rows(3, 'mine') })).body.batchId as string;
    expect((await call('GET', `${other}/${mine}/progress`, undefined, theirToken.token)).status).toBe(404);
    expect((await call('POST', `${base}/${mine}/confirm`, undefined, theirToken.token)).status).toBe(404);
    const readOnly = await createApiToken(env.deps.db, {
      orgId: world.academy.id,
      name: 'r',
      scopes: ['read'],
      createdBy: null,
      now: env.deps.clock(),
    });
    expect((await call('POST', base, { achievementId, rows: rows(1, 'x') }, readOnly.token)).status).toBe(403);
    expect((await call('POST', base, { achievementId, rows: rows(1, 'x') }, null)).status).toBe(401);
  });

  it('validates the request body', async () => {
    expect((await call('POST', base, { achievementId, rows: [] })).status).toBe(400);
    expect((await call('POST', base, { achievementId: 'nope', rows: rows(1, 'v') })).status).toBe(400);
    const tooMany = Array.from({ length: 5001 }, (_, i) => ({
      name: 'n',
      email: `t${i}@example.org`,
      completion_date: '2026-05-01',
    }));
    const res = await call('POST', base, { achievementId, rows: tooMany });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('at most 5000 rows');
  });
});

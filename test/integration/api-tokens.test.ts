import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, auditEvents } from '../../db/schema';
import { hashToken } from '../../worker/lib/ids';
import { type Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, join, makeOrg, makeUser } from '../helpers/accounts';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

async function postScopes(b: Browser, path: string, name: string, scopes: string[]) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.get('/account')).text())?.[1] ?? '';
  return b.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787' },
    body: new URLSearchParams([['_csrf', csrf], ['name', name], ...scopes.map((s): [string, string] => ['scopes', s])]),
  });
}

describe('API tokens', () => {
  it('shows a new token once, stores only its hash, and stops it working when revoked', async () => {
    const owner = await makeUser(env);
    const org = await makeOrg(env, { name: 'Token Academy', kind: 'academy', ownerId: owner.id, approve: true });
    const b = await browserAs(env, owner.id);
    expect((await b.get(`/org/${org.slug}/tokens`)).status).toBe(200);

    const noScope = await postScopes(b, `/org/${org.slug}/tokens`, 'HR system', []);
    expect(noScope.status).toBe(400);
    expect(await noScope.text()).toContain('Choose at least one scope');
    expect((await postScopes(b, `/org/${org.slug}/tokens`, 'HR system', ['admin'])).status).toBe(400);

    const res = await postScopes(b, `/org/${org.slug}/tokens`, 'HR system', ['issue', 'verify']);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const token = /value="(cpt_[a-z2-7]{32})"/.exec(html)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(html).toContain('will not be shown again');

    const rows = await env.deps.db.select().from(apiTokens).where(eq(apiTokens.orgId, org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.parse(rows[0]?.scopes ?? '[]')).toEqual(['issue', 'verify']);
    // Never shown again, nor logged.
    expect(await (await b.get(`/org/${org.slug}/tokens`)).text()).not.toContain(token);
    expect(env.logs.join('\n')).not.toContain(token);

    // The actor middleware accepts it and records its use.
    const used = await env.app.request('/healthz', { headers: { authorization: `Bearer ${token}` } });
    expect(used.status).toBe(200);
    expect(
      (await env.deps.db.select().from(apiTokens).where(eq(apiTokens.orgId, org.id)))[0]?.lastUsedAt,
    ).not.toBeNull();

    const revoke = await b.postForm(`/org/${org.slug}/tokens/${rows[0]?.id}/revoke`, {});
    expect(revoke.status).toBe(303);
    const refused = await env.app.request('/healthz', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    const audit = await env.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, rows[0]?.id ?? ''));
    expect(audit.map((a) => a.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("keeps tokens to the organisation's owners and admins", async () => {
    const owner = await makeUser(env);
    const staff = await makeUser(env);
    const outsider = await makeUser(env);
    const org = await makeOrg(env, { name: 'Guarded Employer', kind: 'employer', ownerId: owner.id, approve: true });
    const other = await makeOrg(env, { name: 'Other Employer', kind: 'employer', ownerId: outsider.id, approve: true });
    await join(env, org.id, staff.id, 'staff');
    const ob = await browserAs(env, owner.id);
    await postScopes(ob, `/org/${org.slug}/tokens`, 'Verifier', ['verify']);
    const id = (await env.deps.db.select().from(apiTokens).where(eq(apiTokens.orgId, org.id)))[0]?.id ?? '';

    const sb = await browserAs(env, staff.id);
    expect((await sb.get(`/org/${org.slug}/tokens`)).status).toBe(403);
    expect((await sb.postForm(`/org/${org.slug}/tokens/${id}/revoke`, {})).status).toBe(403);
    const xb = await browserAs(env, outsider.id);
    expect((await xb.get(`/org/${org.slug}/tokens`)).status).toBe(404);
    // Another organisation's admin cannot revoke it through their own org either.
    expect((await xb.postForm(`/org/${other.slug}/tokens/${id}/revoke`, {})).status).toBe(404);
    expect((await env.deps.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.revokedAt).toBeNull();
  });
});

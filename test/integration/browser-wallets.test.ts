/**
 * Wallets that run inside a web page: the OpenID4VCI and OpenID4VP endpoints answer any origin (CORS, no cookies) and
 * let a cross-site request through, because a wallet's only credentials there are what it sends; every route that a
 * session cookie could authorise still refuses a cross-site Origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs } from '../helpers/accounts';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { type AppRequest, offerFromPage, takeOffer, walletKey } from '../helpers/wallet';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

const WALLET_ORIGIN = 'https://wallet.example';
let env: TestEnv;
let world: World;
let credentialId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  credentialId = (await issueViaApi(env, world, { achievementId, email: world.worker.email, notify: false })).id;
});
afterAll(() => env.close());

/** Every request as a browser sends it from the wallet's page: with the wallet's Origin, and no cookie. */
function fromWalletPage(seen: Response[]): AppRequest {
  return async (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('origin', WALLET_ORIGIN);
    const res = await env.app.request(url, { ...init, headers });
    seen.push(res.clone());
    return res;
  };
}

async function offer() {
  const b = await browserAs(env, world.worker.id);
  const res = await b.postForm(
    `/passport/credentials/${credentialId}/wallet-offer`,
    {},
    `/passport/credentials/${credentialId}`,
  );
  return offerFromPage(await res.text());
}

describe('wallets running in a web page', () => {
  it('answers the preflight of the token endpoint for any origin, without credentials', async () => {
    const res = await env.app.request(`/issuers/${world.academy.slug}/oid4vci/token`, {
      method: 'OPTIONS',
      headers: {
        origin: WALLET_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('takes an offer end to end from another origin, every answer readable by the page', async () => {
    const { deepLink, pin } = await offer();
    const seen: Response[] = [];
    const { res } = await takeOffer(fromWalletPage(seen), {
      deepLink,
      pin,
      key: await walletKey('ES256'),
      now: env.deps.clock(),
    });
    expect(res.ok).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const r of seen) expect(r.headers.get('access-control-allow-origin'), r.url).toBe('*');
  });

  it('lets a wallet page post an OpenID4VP response (refused only for what it holds, an unknown state)', async () => {
    const res = await env.app.request('/oid4vp/response', {
      method: 'POST',
      headers: { origin: WALLET_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: 'no-such-state', vp_token: '{}' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { error?: string };
    expect(body.error).not.toBe('csrf_failed');
    expect(res.status).toBeLessThan(500);
  });

  it('still refuses a cross-site request on routes a session cookie authorises, and sends no CORS there', async () => {
    const b = await browserAs(env, world.worker.id);
    const page = await (await b.get(`/passport/credentials/${credentialId}`)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const res = await b.request(`/passport/credentials/${credentialId}/wallet-offer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: WALLET_ORIGIN },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const api = await env.app.request('/credentials/issue', { method: 'OPTIONS', headers: { origin: WALLET_ORIGIN } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });
});

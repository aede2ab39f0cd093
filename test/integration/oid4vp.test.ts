/**
 * Asking any wallet for proof (OpenID for Verifiable Presentations 1.0), with third-party clients as the wallet: the
 * worker takes her certificate into a wallet by OID4VCI, the employer starts a request and shows it as a QR code,
 * the wallet resolves it and posts a vp+jwt to our response endpoint, and the employer's page turns to the verified
 * result and the role fit. Refused: a replayed answer, a mismatched nonce, an answer made for another verifier, an
 * expired request, someone else's credential, an unknown state.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentationRequests } from '../../db/schema';
import { browserAs } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type WalletKey, offerFromPage, takeOffer, walletKey } from '../helpers/wallet';
import {
  answerRequest,
  answerResolved,
  replayAnswer,
  resolveRequest,
  walletDid,
  walletPresentation,
} from '../helpers/wallet-presentation';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
/** This service's did:web (the test origin's host), which signs its requests. */
const PLATFORM_DID = `did:web:${encodeURIComponent(new URL(TEST_ORIGIN).host)}`;
let world: World;
let key: WalletKey;
let copy: string;
const ROLE = 'role:dhsc-senior-care-worker';
const request = (url: string, init?: RequestInit) => env.app.request(url, init);
const E = () => `/employer/${world.employer.slug}`;

/** The worker's certificate, taken into a wallet holding `k` through the passport's offer. */
async function walletCopyFor(userId: string, k: WalletKey): Promise<string> {
  const achievementId = (
    await makeAchievement(env, world.academy.id, world.academyStaff.id, {
      name: 'Fire safety',
      alignedIds: ['cstf-fire'],
    })
  ).id;
  const email = userId === world.worker.id ? world.worker.email : world.otherWorker.email;
  const id = (await issueViaApi(env, world, { achievementId, email, notify: false })).id;
  const b = await browserAs(env, userId);
  const page = await b.postForm(`/passport/credentials/${id}/wallet-offer`, {}, `/passport/credentials/${id}`);
  const { deepLink, pin } = offerFromPage(await page.text());
  const { res } = await takeOffer(request, { deepLink, pin, key: k, now: env.deps.clock() });
  return (res.credentialResponse as { credentials: { credential: string }[] }).credentials[0]?.credential as string;
}

beforeAll(async () => {
  env = await makeTestEnv();
  // The wallet library checks the signed request's expiry against the real clock: the service runs on it too.
  env.setNow(new Date());
  world = await buildWorld(env);
  key = await walletKey('ES256');
  copy = await walletCopyFor(world.worker.id, key);
});
afterAll(() => env.close());

/** The employer starts a request (for a role, or none) and reads the wallet link off the page. */
async function startRequest(role = ROLE) {
  const b = await browserAs(env, world.employerStaff.id);
  const res = await b.postForm(`${E()}/wallet-requests`, { role }, `${E()}/wallet-requests`);
  expect(res.status).toBe(303);
  const page = res.headers.get('location') as string;
  const html = await (await b.get(page)).text();
  const link = html.match(/href="(openid4vp:\/\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
  return { b, page, html, link };
}

async function statusOf(b: Awaited<ReturnType<typeof browserAs>>, page: string) {
  return (await (await b.get(`${page}/status`)).json()) as { status: string; finished: boolean };
}

const honest =
  (credentials = [copy], k = key) =>
  (req: { clientId: string; nonce: string }) =>
    walletPresentation(k, credentials, { aud: req.clientId, nonce: req.nonce, now: env.deps.clock() });

describe('asking a wallet for proof', () => {
  it('shows a request as a QR code; the wallet answers; the page shows the verified result and the role fit', async () => {
    const { b, page, html, link } = await startRequest();
    expect(html).toContain('<svg');
    expect(html).toContain(`data-poll="${page}/status"`);
    expect(link).toMatch(/^openid4vp:\/\/\?/);
    expect(await statusOf(b, page)).toEqual({ status: 'pending', finished: false });
    // The QR code carries only the client identifier and where to fetch the signed request.
    const clientId = `decentralized_identifier:${PLATFORM_DID}`;
    const params = new URL(link).searchParams;
    expect([...params.keys()].sort()).toEqual(['client_id', 'request_uri']);
    expect(params.get('client_id')).toBe(clientId);
    expect(params.get('request_uri')).toMatch(new RegExp(`^${TEST_ORIGIN}/oid4vp/requests/[a-z0-9]+$`));

    const { response, resolved } = await answerRequest(request, link, honest());
    expect(resolved.client.prefix).toBe('decentralized_identifier');
    expect(resolved.authorizationRequestPayload.client_id).toBe(clientId);
    expect(resolved.authorizationRequestPayload.response_uri).toBe(`${TEST_ORIGIN}/oid4vp/response`);
    expect(resolved.authorizationRequestPayload.response_mode).toBe('direct_post');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');

    expect(await statusOf(b, page)).toEqual({ status: 'verified', finished: true });
    const result = await (await b.get(page)).text();
    expect(result).toContain('Role fit:');
    expect(result).toContain('Fire safety');
    expect(result).toContain(walletDid(key).slice(0, 40));
    expect(result).not.toContain('data-poll');
    const rows = await env.deps.db.select().from(presentationRequests);
    expect(rows.find((r) => r.status === 'verified')?.holderDid).toBe(walletDid(key));

    // The worker sees where her wallet's copy went; nobody else does.
    const history = await (await (await browserAs(env, world.worker.id)).get('/passport/shares')).text();
    expect(history).toContain('Shown from a wallet app');
    expect(history).toContain(`sent proof to <strong>${world.employer.name}</strong>, which checked out`);
    const others = await (await (await browserAs(env, world.otherWorker.id)).get('/passport/shares')).text();
    expect(others).not.toContain('Shown from a wallet app');
  });

  it("serves the request signed by this service's did:web key; a wallet refuses it altered on the way", async () => {
    const { link, b, page } = await startRequest();
    const requestUri = new URL(link).searchParams.get('request_uri') as string;
    const served = await request(requestUri);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/oauth-authz-req+jwt');
    expect(served.headers.get('cache-control')).toContain('no-store');
    const jwt = await served.text();
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());
    expect(decode(header)).toMatchObject({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt' });
    expect(decode(header).kid).toMatch(new RegExp(`^${PLATFORM_DID}#`));
    expect(decode(payload)).toMatchObject({ iss: PLATFORM_DID, client_id: `decentralized_identifier:${PLATFORM_DID}` });

    // Someone between the wallet and us swaps the response address: the signature no longer checks out.
    const altered = { ...decode(payload), response_uri: 'https://attacker.example/collect' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
    const onTheWay = (url: string, init?: RequestInit) =>
      url === requestUri
        ? new Response(tampered, { headers: { 'content-type': 'application/oauth-authz-req+jwt' } })
        : request(url, init);
    await expect(resolveRequest(onTheWay, link)).rejects.toThrow(/verification of jwt/);
    // The genuine request still resolves and stays open.
    expect((await resolveRequest(request, link)).resolved.authorizationRequestPayload.response_uri).toBe(
      `${TEST_ORIGIN}/oid4vp/response`,
    );
    expect(await statusOf(b, page)).toEqual({ status: 'pending', finished: false });
  });

  it('refuses the same answer a second time', async () => {
    const { link } = await startRequest();
    const first = await answerRequest(request, link, honest());
    expect(first.response.status).toBe(200);
    const again = await replayAnswer(request, TEST_ORIGIN, first.authorizationResponsePayload);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('already'),
    });
  });

  it.each([
    ['a mismatched nonce', { nonce: 'not-the-challenge' }, 'nonce'],
    [
      'an answer made for another verifier',
      { aud: 'redirect_uri:https://other.example/oid4vp/response' },
      'not decentralized_identifier:did:web:',
    ],
  ])('refuses %s and shows the failure', async (_, override, words) => {
    const { b, page, link } = await startRequest();
    const { response } = await answerRequest(request, link, (req) =>
      walletPresentation(key, [copy], { aud: req.clientId, nonce: req.nonce, now: env.deps.clock(), ...override }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_description: string }).error_description).toContain(words);
    expect(await statusOf(b, page)).toEqual({ status: 'failed', finished: true });
    const html = await (await b.get(page)).text();
    expect(html).toContain('notice error');
    expect(html).not.toContain('Met and in date');
  });

  it('refuses an answer to an expired request, and no longer hands out the request itself', async () => {
    const { b, page, link } = await startRequest();
    const read = await resolveRequest(request, link);
    const id = page.split('/').pop() as string;
    await env.deps.db
      .update(presentationRequests)
      .set({ expiresAt: new Date(env.deps.clock().getTime() - 1000).toISOString() })
      .where(eq(presentationRequests.id, id));
    expect(await statusOf(b, page)).toEqual({ status: 'expired', finished: true });
    const requestUri = new URL(link).searchParams.get('request_uri') as string;
    const fetched = await request(requestUri);
    expect(fetched.status).toBe(400);
    expect(await fetched.json()).toEqual({
      error: 'invalid_request_uri',
      error_description: 'This presentation request has expired',
    });
    await expect(resolveRequest(request, link)).rejects.toThrow(/status code '400'/);
    const { response } = await answerResolved(read, honest());
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_description: string }).error_description).toContain('expired');
    expect(await (await b.get(page)).text()).toContain('expired before a wallet answered');
  });

  it("refuses someone else's credential presented by this wallet", async () => {
    const otherKey = await walletKey('ES256');
    const theirs = await walletCopyFor(world.otherWorker.id, otherKey);
    const { b, page, link } = await startRequest();
    const { response } = await answerRequest(request, link, honest([theirs], key));
    expect(response.status).toBe(400);
    expect(await statusOf(b, page)).toEqual({ status: 'failed', finished: true });
    expect(await (await b.get(page)).text()).toContain('someone other than the holder');
  });

  it('records a wallet that declines, and refuses an answer with neither a vp_token nor an error', async () => {
    const { b, page, link } = await startRequest();
    const state = (await resolveRequest(request, link)).resolved.authorizationRequestPayload.state as string;
    const post = (fields: Record<string, string>) =>
      request(`${TEST_ORIGIN}/oid4vp/response`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    expect((await post({ state })).status).toBe(400);
    expect(await statusOf(b, page)).toEqual({ status: 'pending', finished: false });
    expect((await post({ state, error: 'access_denied', error_description: 'The holder said no' })).status).toBe(200);
    expect(await statusOf(b, page)).toEqual({ status: 'failed', finished: true });
    expect(await (await b.get(page)).text()).toContain('The wallet did not send proof (The holder said no)');
  });

  it('refuses an unknown state, and a request made without a role shows the result alone', async () => {
    const unknown = await request(`${TEST_ORIGIN}/oid4vp/response`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: 'nope', vp_token: 'eyJ' }),
    });
    expect(unknown.status).toBe(400);
    const { b, page, link } = await startRequest('');
    expect((await answerRequest(request, link, honest())).response.status).toBe(200);
    const html = await (await b.get(page)).text();
    expect(html).not.toContain('Role fit:');
    expect(html).toContain('Fire safety');
  });
});

describe('when the worker deletes her account', () => {
  it("keeps the employer's verdict on the wallet requests she answered, without her wallet DID, name or email", async () => {
    const { link } = await startRequest();
    expect((await answerRequest(request, link, honest())).response.status).toBe(200);
    const b = await browserAs(env, world.worker.id);
    const res = await b.postForm('/account/delete', { confirmEmail: world.worker.email }, '/account/delete');
    expect(await res.text()).toContain('Your account is deleted');
    const rows = await env.deps.db.select().from(presentationRequests);
    const answered = rows.filter((r) => r.status === 'verified');
    expect(answered.length).toBeGreaterThan(0);
    const did = walletDid(key);
    for (const r of answered) {
      expect(r.holderDid).toBeNull();
      for (const trace of [did, world.worker.email, 'Wendy Worker']) expect(r.outcome ?? '').not.toContain(trace);
    }
  });
});

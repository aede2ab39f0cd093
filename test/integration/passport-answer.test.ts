/**
 * The passport as a wallet, presenting side: a worker without a wallet app answers an employer's "Ask a wallet app"
 * request from her passport. She sees who asks and which certificates fit; nothing goes until she ticks and sends;
 * the employer's page turns verified with the role fit; her history shows where it went. Refused: someone else's
 * certificate, a response address on a private network, requests by reference or with another client identifier
 * prefix or response mode, and a send without the form's CSRF token.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs } from '../helpers/accounts';
import { ON_WORKERD, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type WalletKey, walletKey } from '../helpers/wallet';
import { walletDid } from '../helpers/wallet-presentation';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let mine: string;
let theirs: string;
/** A verifier elsewhere (on an origin the test config allows), recording what it receives. */
let verifier: Server;
let verifierOrigin: string;
const received: URLSearchParams[] = [];
/** The other verifier's key (its client identifier is its did:jwk) and the request objects it serves, by path. */
let verifierKey: WalletKey;
const requestObjects = new Map<string, string>();
const ROLE = 'role:dhsc-senior-care-worker';
const E = () => `/employer/${world.employer.slug}`;

async function certificateFor(email: string): Promise<string> {
  const achievementId = (
    await makeAchievement(env, world.academy.id, world.academyStaff.id, {
      name: 'Fire safety',
      alignedIds: ['cstf-fire'],
    })
  ).id;
  return (await issueViaApi(env, world, { achievementId, email, notify: false })).id;
}

beforeAll(async () => {
  verifierKey = await walletKey('ES256');
  verifier = createServer((req, res) => {
    const served = req.method === 'GET' ? requestObjects.get(req.url ?? '') : undefined;
    if (served !== undefined) {
      res.writeHead(200, { 'content-type': 'application/oauth-authz-req+jwt' }).end(served);
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push(new URLSearchParams(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => verifier.listen(0, '127.0.0.1', resolve));
  verifierOrigin = `http://127.0.0.1:${(verifier.address() as AddressInfo).port}`;
  env = await makeTestEnv({ FETCH_ALLOW_LOCAL_ORIGINS: verifierOrigin });
  world = await buildWorld(env);
  mine = await certificateFor(world.worker.email);
  theirs = await certificateFor(world.otherWorker.email);
});
afterAll(() => {
  env.close();
  verifier.close();
});

/** The employer starts a request and reads the wallet link off the page. */
async function startRequest() {
  const b = await browserAs(env, world.employerStaff.id);
  const res = await b.postForm(`${E()}/wallet-requests`, { role: ROLE }, `${E()}/wallet-requests`);
  const page = res.headers.get('location') as string;
  const html = await (await b.get(page)).text();
  const link = html.match(/href="(openid4vp:\/\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
  const status = async () => ((await (await b.get(`${page}/status`)).json()) as { status: string }).status;
  return { b, page, html, link, status };
}

/** A request by value from a verifier whose response address is `uri`, with parameters overridden. */
function foreignLink(uri: string, override: Record<string, string> = {}) {
  const params = new URLSearchParams({
    response_type: 'vp_token',
    client_id: `redirect_uri:${uri}`,
    response_uri: uri,
    response_mode: 'direct_post',
    nonce: 'n-0S6_WzA2Mj',
    state: 'st-1',
    dcql_query: JSON.stringify({
      credentials: [
        {
          id: 'badges',
          format: 'jwt_vc_json',
          meta: { type_values: [['VerifiableCredential', 'OpenBadgeCredential']] },
        },
      ],
    }),
    ...override,
  });
  return `openid4vp://?${params}`;
}

/**
 * A request signed by the other verifier's did:jwk and served by reference at `path` (with claims overridden; a
 * tampered copy has its claims changed after signing). Returns the link the verifier would show.
 */
async function signedForeignLink(path: string, opts: { tamper?: boolean; responseUri?: string } = {}) {
  const clientId = `decentralized_identifier:${walletDid(verifierKey)}`;
  const claims = {
    response_type: 'vp_token',
    client_id: clientId,
    response_mode: 'direct_post',
    response_uri: opts.responseUri ?? `${verifierOrigin}/oid4vp/answer`,
    nonce: 'n-signed-1',
    state: 'st-signed',
    dcql_query: { credentials: [{ id: 'badges', format: 'jwt_vc_json' }] },
  };
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'oauth-authz-req+jwt', kid: `${walletDid(verifierKey)}#0` })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(verifierKey.privateKey);
  const [header, , signature] = jwt.split('.');
  const forged = Buffer.from(JSON.stringify({ ...claims, response_uri: 'https://attacker.example/cb' })).toString(
    'base64url',
  );
  requestObjects.set(path, opts.tamper ? `${header}.${forged}.${signature}` : jwt);
  return `openid4vp://?${new URLSearchParams({ client_id: clientId, request_uri: `${verifierOrigin}${path}` })}`;
}

/**
 * The worker is shown a request from a verifier elsewhere (named by `host`) and sends her certificate; returns what
 * that verifier received: the posted form and the presentation's claims.
 */
async function answeredElsewhere(link: string, host: string) {
  const worker = await browserAs(env, world.worker.id);
  const html = await (await worker.get(show(link))).text();
  expect(html).toContain(`<strong>${host}</strong> asks for proof`);
  const before = received.length;
  const sent = await worker.postForm('/passport/answer-request', { link, credentialIds: mine });
  expect(await sent.text()).toContain('which accepted it');
  expect(received).toHaveLength(before + 1);
  const form = received[before] as URLSearchParams;
  const vp = (JSON.parse(form.get('vp_token') as string) as { badges: string[] }).badges[0] as string;
  const claims = JSON.parse(Buffer.from(vp.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
  return { form, claims };
}

const show = (link: string) => `/passport/answer-request?${new URLSearchParams({ link })}`;

describe('answering a request for proof from the passport', () => {
  it('shows who asks and what fits, sends only what she ticks, and the employer sees it verified with the role fit', async () => {
    const { b, page, link, status } = await startRequest();
    const worker = await browserAs(env, world.worker.id);
    const shown = await worker.get(show(link));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toContain('no-store');
    const html = await shown.text();
    expect(html).toContain(`<strong>${world.employer.name}</strong> asks for proof`);
    expect(html).toContain(`value="${mine}"`);
    expect(html).not.toContain(`value="${theirs}"`);
    expect(html).not.toMatch(/type="checkbox"[^>]*checked/);
    expect(await status()).toBe('pending');

    const sent = await worker.postForm('/passport/answer-request', { link, credentialIds: mine });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('which accepted it');
    expect(await status()).toBe('verified');
    const result = await (await b.get(page)).text();
    expect(result).toContain('Role fit:');
    expect(result).toContain('Fire safety');

    const history = await (await worker.get('/passport/shares')).text();
    expect(history).toContain('Sent from your passport in answer to a request');
    expect(history).toContain(`you sent one certificate to <strong>${world.employer.name}</strong>, which accepted it`);
    const others = await (await (await browserAs(env, world.otherWorker.id)).get('/passport/shares')).text();
    expect(others).not.toContain('Sent from your passport');
  });

  it('reads the request from its own parameters when the worker follows a same-device link', async () => {
    const { html: employerPage, status } = await startRequest();
    const sameDevice = employerPage.match(/href="(\/passport\/answer-request\?[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(sameDevice).toBeDefined();
    const worker = await browserAs(env, world.worker.id);
    const html = await (await worker.get(sameDevice as string)).text();
    expect(html).toContain(`<strong>${world.employer.name}</strong> asks for proof`);
    expect(html).toContain(`value="${mine}"`);
    expect(await status()).toBe('pending');
  });

  it("refuses someone else's certificate and sends nothing", async () => {
    const { link, status } = await startRequest();
    const worker = await browserAs(env, world.worker.id);
    const res = await worker.postForm('/passport/answer-request', { link, credentialIds: theirs });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not in your passport');
    expect(await status()).toBe('pending');
  });

  it('sends nothing without her choice or without the form token', async () => {
    const { link, status } = await startRequest();
    const worker = await browserAs(env, world.worker.id);
    const none = await worker.postForm('/passport/answer-request', { link });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one certificate to send');
    const forged = await worker.postForm('/passport/answer-request', { link, credentialIds: mine, _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await status()).toBe('pending');
  });

  it('refuses a request that has been answered already', async () => {
    const { link } = await startRequest();
    const worker = await browserAs(env, world.worker.id);
    expect((await worker.postForm('/passport/answer-request', { link, credentialIds: mine })).status).toBe(200);
    const again = await worker.get(show(link));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('no longer open');
  });

  it('refuses an unsigned request that names one of this service’s requests, and leaves it open', async () => {
    const { link, status } = await startRequest();
    const state = decodeURIComponent(
      (new URL(link).searchParams.get('request_uri') as string).split('/oid4vp/requests/')[1] as string,
    );
    const unsigned = foreignLink(`${TEST_ORIGIN}/oid4vp/response`, { state });
    const worker = await browserAs(env, world.worker.id);
    const shown = await worker.get(show(unsigned));
    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain('not signed by this service');
    const sent = await worker.postForm('/passport/answer-request', { link: unsigned, credentialIds: mine });
    expect(sent.status).toBe(400);
    expect(await status()).toBe('pending');
  });

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)('posts to a verifier elsewhere under the fetch policy, signed for that verifier', async () => {
    const uri = `${verifierOrigin}/oid4vp/answer`;
    const link = foreignLink(uri);
    const { form, claims } = await answeredElsewhere(link, new URL(uri).host);
    expect(form.get('state')).toBe('st-1');
    expect(claims.aud).toBe(`redirect_uri:${uri}`);
    expect(claims.nonce).toBe('n-0S6_WzA2Mj');
    expect(String(claims.iss)).toMatch(/^did:key:/);
  });

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)(
    'answers a verifier elsewhere whose request is signed by its DID and passed by reference',
    async () => {
      const link = await signedForeignLink('/request-object');
      const { form, claims } = await answeredElsewhere(link, new URL(verifierOrigin).host);
      expect(form.get('state')).toBe('st-signed');
      expect(claims.aud).toBe(`decentralized_identifier:${walletDid(verifierKey)}`);
      expect(claims.nonce).toBe('n-signed-1');
    },
  );

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)(
    'sends nothing when a request by reference names another response address by the time she sends',
    async () => {
      const link = await signedForeignLink('/changing');
      const worker = await browserAs(env, world.worker.id);
      const html = await (await worker.get(show(link))).text();
      const shownTo = html.match(/name="response_uri" value="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
      expect(shownTo).toBe(`${verifierOrigin}/oid4vp/answer`);
      // The verifier serves a different request after the worker saw the first.
      await signedForeignLink('/changing', { responseUri: `${verifierOrigin}/oid4vp/other` });
      const before = received.length;
      const sent = await worker.postForm('/passport/answer-request', {
        link,
        credentialIds: mine,
        response_uri: shownTo as string,
      });
      expect(sent.status).toBe(400);
      expect(await sent.text()).toContain('changed since you saw it');
      expect(received).toHaveLength(before);
    },
  );

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)('reads a signed request passed by value (request) the same way', async () => {
    const byReference = new URL(await signedForeignLink('/by-value'));
    const jwt = await (await fetch(byReference.searchParams.get('request_uri') as string)).text();
    const link = `openid4vp://?${new URLSearchParams({ client_id: byReference.searchParams.get('client_id') as string, request: jwt })}`;
    const { form, claims } = await answeredElsewhere(link, new URL(verifierOrigin).host);
    expect(form.get('state')).toBe('st-signed');
    expect(claims.aud).toBe(`decentralized_identifier:${walletDid(verifierKey)}`);
  });

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)(
    'refuses a signed request whose request object was altered after signing, and sends nothing',
    async () => {
      const link = await signedForeignLink('/tampered', { tamper: true });
      const worker = await browserAs(env, world.worker.id);
      const before = received.length;
      const shown = await worker.get(show(link));
      expect(shown.status).toBe(400);
      expect(await shown.text()).toContain('not signed by the verifier it names');
      const sent = await worker.postForm('/passport/answer-request', { link, credentialIds: mine });
      expect(sent.status).toBe(400);
      expect(received).toHaveLength(before);
    },
  );

  it.each([
    ['a response address on a private network', foreignLink('https://10.0.0.7/cb'), 'private or unsafe'],
    ['a loopback address not allowed', foreignLink('http://127.0.0.1:9/cb'), 'private or unsafe'],
    [
      'a request by reference',
      foreignLink('https://verifier.example/cb', { request_uri: 'https://x.example/r' }),
      'by reference',
    ],
    [
      'another client identifier prefix',
      foreignLink('https://verifier.example/cb', { client_id: 'x509_san_dns:verifier.example' }),
      'redirect_uri:',
    ],
    [
      'another response mode',
      foreignLink('https://verifier.example/cb', { response_mode: 'direct_post.jwt' }),
      'direct_post',
    ],
    ['something that is not a request link', 'https://verifier.example/?a=b', 'openid4vp://'],
    [
      'a request address of ours that is not well formed',
      `openid4vp://?${new URLSearchParams({
        client_id: `decentralized_identifier:did:web:${new URL(TEST_ORIGIN).host}`,
        request_uri: `${TEST_ORIGIN}/oid4vp/requests/%E0%A4%A`,
      })}`,
      'no longer open',
    ],
  ])('refuses %s in plain words', async (_, link, words) => {
    const worker = await browserAs(env, world.worker.id);
    const before = received.length;
    const shown = await worker.get(show(link));
    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain(words);
    const sent = await worker.postForm('/passport/answer-request', { link, credentialIds: mine });
    expect(sent.status).toBe(400);
    expect(received).toHaveLength(before);
  });

  it('is in Welsh when it is reached in Welsh: the form, who asks, the answer and where it went', async () => {
    const worker = await browserAs(env, world.worker.id);
    worker.cookies.set('cp_lang', 'cy');
    const html = await (await worker.get('/passport/answer-request')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Ateb cais am brawf</h1>');
    expect(html).toContain('<button type="submit">Dangos y cais</button>');
    expect(html).not.toContain('Mae’r rhan hon yn Saesneg yn unig.');
    const { link } = await startRequest();
    const review = await (await worker.get(show(link))).text();
    expect(review).toContain(`Mae <strong>${world.employer.name}</strong> yn gofyn am brawf o’ch tystysgrifau`);
    expect(review).toContain('<legend>Pa dystysgrifau i’w hanfon</legend>');
    const sent = await (await worker.postForm('/passport/answer-request', { link, credentialIds: mine })).text();
    expect(sent).toContain(
      `Cafodd eich prawf ei anfon at <strong>${world.employer.name}</strong>, a wnaeth ei dderbyn.`,
    );
    const history = await (await worker.get('/passport/shares')).text();
    expect(history).toContain('Wedi’u hanfon o’ch pasbort mewn ateb i gais');
    expect(history).toContain(
      `anfonoch chi un dystysgrif at <strong>${world.employer.name}</strong>, a wnaeth ei derbyn`,
    );
  });
});

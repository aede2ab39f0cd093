/**
 * The passport as a wallet, receiving side: a worker adds a certificate from an OpenID4VCI offer (pre-authorised code
 * and PIN). Our own academy plays the other issuer and is served in-process: the credential comes bound to her
 * passport's holder key, verifies and shows as a brought-in certificate. Refused in plain words: a wrong PIN, an
 * offer pointing at a private address, something that is not an offer link.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedCredentials, users } from '../../db/schema';
import { browserAs } from '../helpers/accounts';
import { ON_WORKERD, type TestEnv, makeTestEnv } from '../helpers/app';
import { offerFromPage } from '../helpers/wallet';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let certificate: string;
/** Another issuer (on an origin the test config allows) that refuses every PIN; it records the paths asked for. */
let issuer: Server;
let issuerOrigin: string;
const asked: string[] = [];

function otherIssuer() {
  return createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const json = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    req.resume();
    req.on('end', () => {
      if (req.url === '/.well-known/openid-credential-issuer')
        return json(200, {
          credential_issuer: issuerOrigin,
          credential_endpoint: `${issuerOrigin}/credential`,
          nonce_endpoint: `${issuerOrigin}/nonce`,
          credential_configurations_supported: { badge: { format: 'jwt_vc_json' } },
        });
      if (req.url === '/.well-known/oauth-authorization-server')
        return json(200, { issuer: issuerOrigin, token_endpoint: `${issuerOrigin}/token` });
      if (req.url === '/token') return json(400, { error: 'invalid_grant', error_description: 'Wrong tx_code' });
      return json(404, {});
    });
  });
}

beforeAll(async () => {
  issuer = otherIssuer();
  await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
  issuerOrigin = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
  env = await makeTestEnv({ FETCH_ALLOW_LOCAL_ORIGINS: issuerOrigin });
  world = await buildWorld(env);
  const achievementId = (
    await makeAchievement(env, world.academy.id, world.academyStaff.id, {
      name: 'Moving and handling',
      alignedIds: ['cstf-fire'],
    })
  ).id;
  certificate = (await issueViaApi(env, world, { achievementId, email: world.worker.email, notify: false })).id;
});
afterAll(() => {
  env.close();
  issuer.close();
});

/** The academy's offer of her certificate to a wallet, as its page shows it. */
async function academyOffer() {
  const b = await browserAs(env, world.worker.id);
  const page = await b.postForm(
    `/passport/credentials/${certificate}/wallet-offer`,
    {},
    `/passport/credentials/${certificate}`,
  );
  return offerFromPage(await page.text());
}

const offerLink = (offer: object) =>
  `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;

describe('adding a certificate from a wallet offer', () => {
  it('takes the offer with the PIN; the credential is bound to her passport, verifies and appears', async () => {
    const { deepLink, pin } = await academyOffer();
    expect(deepLink).toMatch(/^openid-credential-offer:\/\//);
    const worker = await browserAs(env, world.worker.id);
    const form = await (await worker.get('/passport/wallet-offer')).text();
    expect(form).toContain('Add a certificate from a wallet offer');
    const res = await worker.postForm('/passport/wallet-offer', { link: deepLink, pin }, '/passport/wallet-offer');
    expect(res.status).toBe(303);
    const location = res.headers.get('location') as string;
    expect(location).toMatch(/^\/passport\/credentials\/[0-9a-f-]{36}\?notice=imported$/);

    const id = location.split('/')[3]?.split('?')[0] as string;
    const [row] = await env.deps.db.select().from(importedCredentials).where(eq(importedCredentials.id, id));
    expect(row?.userId).toBe(world.worker.id);
    expect(row?.name).toBe('Moving and handling');
    expect(JSON.parse(row?.verification ?? '{}').verified).toBe(true);
    const [holder] = await env.deps.db
      .select({ did: users.holderDid })
      .from(users)
      .where(eq(users.id, world.worker.id));
    const payload = JSON.parse(Buffer.from((row?.jwt ?? '').split('.')[1] as string, 'base64url').toString());
    expect(payload.credentialSubject.id).toBe(holder?.did);

    const page = await (await worker.get(location)).text();
    expect(page).toContain('Moving and handling');
    const passport = await (await worker.get('/passport')).text();
    expect(passport).toContain(`/passport/credentials/${id}`);

    // The offer is spent: taking it again is refused in the same plain words.
    const again = await worker.postForm('/passport/wallet-offer', { link: deepLink, pin }, '/passport/wallet-offer');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('did not accept the PIN, or the offer has expired or was used already');
  });

  it('takes an offer of the Data Integrity configuration (ldp_vc) and keeps the credential with its proof', async () => {
    const { deepLink, pin } = await academyOffer();
    const offer = JSON.parse(new URL(deepLink).searchParams.get('credential_offer') ?? '{}');
    const ldpOnly = offerLink({ ...offer, credential_configuration_ids: ['OpenBadgeCredential_ldp_vc'] });
    const worker = await browserAs(env, world.worker.id);
    const res = await worker.postForm('/passport/wallet-offer', { link: ldpOnly, pin }, '/passport/wallet-offer');
    expect(res.status).toBe(303);
    const location = res.headers.get('location') as string;
    const id = location.split('/')[3]?.split('?')[0] as string;
    const [row] = await env.deps.db.select().from(importedCredentials).where(eq(importedCredentials.id, id));
    expect(row?.format).toBe('vc2-di');
    expect(JSON.parse(row?.verification ?? '{}').verified).toBe(true);
    const kept = JSON.parse(row?.jwt ?? '{}');
    expect(kept.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const [holder] = await env.deps.db
      .select({ did: users.holderDid })
      .from(users)
      .where(eq(users.id, world.worker.id));
    expect(kept.credentialSubject.id).toBe(holder?.did);
    expect(await (await worker.get(location)).text()).toContain('Moving and handling');
  });

  it('gives a plain message for a wrong PIN, keeps the link, and still takes the offer with the right one', async () => {
    const { deepLink, pin } = await academyOffer();
    const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    const worker = await browserAs(env, world.worker.id);
    const before = await env.deps.db.$count(importedCredentials);
    const res = await worker.postForm(
      '/passport/wallet-offer',
      { link: deepLink, pin: wrong },
      '/passport/wallet-offer',
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('The issuer did not accept the PIN');
    expect(html).not.toContain(wrong);
    expect(await env.deps.db.$count(importedCredentials)).toBe(before);
    const right = await worker.postForm('/passport/wallet-offer', { link: deepLink, pin }, '/passport/wallet-offer');
    expect(right.status).toBe(303);
    expect(await env.deps.db.$count(importedCredentials)).toBe(before + 1);
  });

  // Needs a second HTTP server on a local port, which a test inside workerd cannot open.
  it.skipIf(ON_WORKERD)(
    "reads another issuer's metadata under the fetch policy and gives the same plain message for its refusal",
    async () => {
      const link = offerLink({
        credential_issuer: issuerOrigin,
        credential_configuration_ids: ['badge'],
        grants: {
          'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
            'pre-authorized_code': 'code-1',
            tx_code: { length: 6, input_mode: 'numeric' },
          },
        },
      });
      const worker = await browserAs(env, world.worker.id);
      const noPin = await worker.postForm('/passport/wallet-offer', { link }, '/passport/wallet-offer');
      expect(noPin.status).toBe(400);
      expect(await noPin.text()).toContain('This offer needs the PIN that came with it');
      const res = await worker.postForm('/passport/wallet-offer', { link, pin: '123456' }, '/passport/wallet-offer');
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The issuer did not accept the PIN');
      expect(asked).toContain('POST /token');
      expect(asked).not.toContain('POST /credential');
    },
  );

  it.each([
    [
      'an offer from an issuer on a private address',
      offerLink({
        credential_issuer: 'https://10.0.0.5/issuers/x',
        credential_configuration_ids: ['OpenBadgeCredential_jwt_vc_json'],
        grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'abc' } },
      }),
      'private or unsafe address',
    ],
    [
      'an offer passed by reference from a loopback address',
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('http://127.0.0.1:9/offer')}`,
      'private or unsafe address',
    ],
    ['something that is not an offer link', 'https://example.org/offer', 'openid-credential-offer://'],
    [
      'an offer without a pre-authorised code',
      offerLink({ credential_issuer: 'https://issuer.example', credential_configuration_ids: ['x'], grants: {} }),
      'needs a pre-authorised code',
    ],
  ])('refuses %s in plain words', async (_, link, words) => {
    const worker = await browserAs(env, world.worker.id);
    const res = await worker.postForm('/passport/wallet-offer', { link, pin: '123456' }, '/passport/wallet-offer');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(words);
  });

  it('is in Welsh when it is reached in Welsh', async () => {
    const worker = await browserAs(env, world.worker.id);
    worker.cookies.set('cp_lang', 'cy');
    const html = await (await worker.get('/passport/wallet-offer')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Ychwanegu tystysgrif o gynnig waled</h1>');
    expect(html).toContain('<button type="submit">Cymryd y dystysgrif</button>');
    expect(html).not.toContain('Mae’r rhan hon yn Saesneg yn unig.');
  });
});

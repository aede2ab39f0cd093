/**
 * Issuing into any wallet (OpenID for Verifiable Credential Issuance 1.0, pre-authorised code with a PIN), with a
 * third-party client as the wallet: offer from the passport page, metadata, token with the PIN, nonce, credential
 * with a key proof; the copy verifies through our verifier, bound to the wallet's DID, and follows the original's
 * status.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { didJwkFromPublicJwk, didKeyFromPublicJwk } from '../../worker/credentials/did';
import { parseCompactJwt } from '../../worker/credentials/jwt';
import { changeCredentialStatus } from '../../worker/services/academy/credential-status';
import { verifyCredential, verifyCredentialObject } from '../../worker/services/verification/verifier';
import { browserAs, latestMail, mailCount } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';
import { offerFromPage, takeOffer, walletKey } from '../helpers/wallet';
import { storedText } from '../helpers/bodies';

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

const request = (url: string, init?: RequestInit) => env.app.request(url, init);

/** The worker presses "Add to a wallet app" on the certificate's page. */
async function offerFor(id = credentialId, userId = world.worker.id) {
  const b = await browserAs(env, userId);
  const res = await b.postForm(`/passport/credentials/${id}/wallet-offer`, {}, `/passport/credentials/${id}`);
  return { res, html: await res.text() };
}

function walletCredentialOf(res: Awaited<ReturnType<typeof takeOffer>>['res']): string {
  expect(res.ok).toBe(true);
  const body = res.credentialResponse as { credentials?: { credential: unknown }[] };
  const jwt = body.credentials?.[0]?.credential;
  expect(typeof jwt).toBe('string');
  return jwt as string;
}

describe('issuing into a wallet', () => {
  it('takes an offer from the passport page to a holder-bound credential that verifies', async () => {
    const { res, html } = await offerFor();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(html).toContain('<svg');
    const { deepLink, pin } = offerFromPage(html);
    expect(deepLink).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(pin).toMatch(/^\d{6}$/);

    const key = await walletKey('ES256');
    const {
      offer,
      issuerMetadata,
      res: credRes,
    } = await takeOffer(request, { deepLink, pin, key, now: env.deps.clock() });
    expect(offer.credential_issuer).toBe(`${TEST_ORIGIN}/issuers/${world.academy.slug}`);
    expect(issuerMetadata.credentialIssuer.nonce_endpoint).toBe(`${offer.credential_issuer}/oid4vci/nonce`);
    const jwt = walletCredentialOf(credRes);

    const holderDid = didJwkFromPublicJwk(key.publicJwk as JsonWebKey);
    const result = await verifyCredential(env.deps, jwt);
    expect(result.verified).toBe(true);
    const copy = result.credential as { id: string; credentialSubject: { id: string; achievement: { id: string } } };
    expect(copy.credentialSubject.id).toBe(holderDid);
    const parsed = parseCompactJwt(jwt);
    expect(parsed.ok && parsed.jwt.payload.sub).toBe(holderDid);

    const original = await verifyCredential(env.deps, (await issuedJwt(credentialId)) as string);
    const orig = original.credential as typeof copy & { credentialStatus: unknown; validUntil: string };
    expect(copy.id).not.toBe(orig.id);
    expect(copy.credentialSubject.achievement).toEqual(orig.credentialSubject.achievement);
    expect((result.credential as typeof orig).credentialStatus).toEqual(orig.credentialStatus);
    expect((result.credential as typeof orig).validUntil).toBe(orig.validUntil);

    // Shown where the worker's certificates went, and in the academy's register with the wallet's DID.
    const history = await (await (await browserAs(env, world.worker.id)).get('/passport/shares')).text();
    expect(history).toContain('Copies in wallet apps');
    expect(history).toContain(holderDid.slice(0, 40));
    const staff = await browserAs(env, world.academyStaff.id);
    const register = await (await staff.get(`/academy/${world.academy.slug}/credentials/${credentialId}`)).text();
    expect(register).toContain('Copy issued into the learner’s wallet app');
    expect(register).toContain(holderDid);
  });

  it('binds to a did:key named by kid', async () => {
    const { deepLink, pin } = offerFromPage((await offerFor()).html);
    const key = await walletKey('EdDSA');
    const did = didKeyFromPublicJwk(key.publicJwk as JsonWebKey);
    const didUrl = `${did}#${did.slice('did:key:'.length)}`;
    const { res } = await takeOffer(request, {
      deepLink,
      pin,
      key,
      now: env.deps.clock(),
      signer: { method: 'did', didUrl, alg: 'EdDSA' },
    });
    const result = await verifyCredential(env.deps, walletCredentialOf(res));
    expect(result.verified).toBe(true);
    expect((result.credential as { credentialSubject: { id: string } }).credentialSubject.id).toBe(did);
  });
});

describe('the PIN by email', () => {
  it('emails the PIN to her verified address, without the offer, and the PIN from the mail takes the offer', async () => {
    const { html } = await offerFor();
    const { deepLink, pin } = offerFromPage(html);
    expect(html).toContain(`We have also emailed this PIN to ${world.worker.email}.`);
    const mail = await latestMail(env, world.worker.email, 'Your PIN for adding');
    const body = mail?.body ?? '';
    expect(body).toContain(`When your wallet app asks for a PIN, enter: ${pin}`);
    // Never the offer with it: no offer link, no pre-authorised code, no link of any kind.
    const offer = JSON.parse(new URL(deepLink).searchParams.get('credential_offer') ?? '{}');
    const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
    expect(code.length).toBeGreaterThan(20);
    expect(`${mail?.subject} ${body}`).not.toContain(code);
    expect(body).not.toMatch(/openid-credential-offer|https?:\/\//);
    const pinFromMail = body.match(/enter: (\d{6})/)?.[1] ?? '';
    const key = await walletKey('ES256');
    const { res } = await takeOffer(request, { deepLink, pin: pinFromMail, key, now: env.deps.clock() });
    expect((await verifyCredential(env.deps, walletCredentialOf(res))).verified).toBe(true);
  });

  it('sends nothing to an address she has not confirmed; the page still shows the PIN', async () => {
    const db = env.deps.db;
    const [before] = await db.select().from(users).where(eq(users.id, world.worker.id));
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, world.worker.id));
    try {
      const mails = await mailCount(env, world.worker.email);
      const { res, html } = await offerFor();
      expect(res.status).toBe(200);
      expect(offerFromPage(html).pin).toMatch(/^\d{6}$/);
      expect(html).not.toContain('We have also emailed this PIN');
      expect(await mailCount(env, world.worker.email)).toBe(mails);
    } finally {
      await db.update(users).set({ emailVerifiedAt: before?.emailVerifiedAt }).where(eq(users.id, world.worker.id));
    }
  });
  it('still shows the PIN when the mail cannot be sent, without saying it was emailed', async () => {
    const mailer = env.deps.mailer;
    const realSend = mailer.send.bind(mailer);
    mailer.send = async () => {
      throw new Error('mail server unavailable');
    };
    try {
      const { res, html } = await offerFor();
      expect(res.status).toBe(200);
      expect(offerFromPage(html).pin).toMatch(/^\d{6}$/);
      expect(html).not.toContain('We have also emailed this PIN');
      expect(env.logs.some((l) => l.includes('wallet_offer.pin_mail_failed'))).toBe(true);
    } finally {
      mailer.send = realSend;
    }
  });
});

describe('a Data Integrity certificate into a wallet', () => {
  it('gives the wallet a vc+jwt copy of the same credential, bound to the wallet, without the embedded proof', async () => {
    const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
    const res = await env.app.request('/credentials/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        credential: { achievementId, credentialSubject: { email: world.worker.email, name: 'Wendy Worker' } },
        options: { securing: 'eddsa-rdfc-2022', notify: false },
      }),
    });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { credentialId: string; verifiableCredential: { credentialStatus: unknown } };
    const id = issued.credentialId.replace('urn:uuid:', '');
    const { deepLink, pin } = offerFromPage((await offerFor(id)).html);
    const key = await walletKey('ES256');
    const { res: credRes } = await takeOffer(request, { deepLink, pin, key, now: env.deps.clock() });
    const result = await verifyCredential(env.deps, walletCredentialOf(credRes));
    expect(result.verified).toBe(true);
    const copy = result.credential as { proof?: unknown; credentialSubject: { id: string }; credentialStatus: unknown };
    expect(copy.proof).toBeUndefined();
    expect(copy.credentialSubject.id).toBe(didJwkFromPublicJwk(key.publicJwk as JsonWebKey));
    expect(copy.credentialStatus).toEqual(issued.verifiableCredential.credentialStatus);
  });
});

describe('a Data Integrity copy for a wallet (ldp_vc)', () => {
  it('issues the ldp_vc configuration as an eddsa-rdfc-2022 credential bound to the wallet, sharing the status entry', async () => {
    const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
    const id = (await issueViaApi(env, world, { achievementId, email: world.worker.email, notify: false })).id;
    const { deepLink, pin } = offerFromPage((await offerFor(id)).html);
    const key = await walletKey('EdDSA');
    const did = didKeyFromPublicJwk(key.publicJwk as JsonWebKey);
    const {
      offer,
      issuerMetadata,
      res: credRes,
    } = await takeOffer(request, {
      deepLink,
      pin,
      key,
      now: env.deps.clock(),
      signer: { method: 'did', didUrl: `${did}#${did.slice('did:key:'.length)}`, alg: 'EdDSA' },
      configurationId: 'OpenBadgeCredential_ldp_vc',
    });
    expect(offer.credential_configuration_ids).toEqual([
      'OpenBadgeCredential_jwt_vc_json',
      'OpenBadgeCredential_ldp_vc',
    ]);
    const configuration =
      issuerMetadata.credentialIssuer.credential_configurations_supported.OpenBadgeCredential_ldp_vc;
    expect(configuration).toMatchObject({
      format: 'ldp_vc',
      cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      credential_definition: {
        '@context': ['https://www.w3.org/ns/credentials/v2', expect.stringContaining('/ob/v3p0/')],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
      },
    });
    expect(credRes.ok).toBe(true);
    const copy = (credRes.credentialResponse as { credentials: { credential: unknown }[] }).credentials[0]
      ?.credential as { id: string; proof: { type: string; cryptosuite: string }; credentialSubject: { id: string } };
    expect(typeof copy).toBe('object');
    expect(copy.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(copy.credentialSubject.id).toBe(did);
    for (const claim of ['iss', 'sub', 'jti', 'iat', 'nbf', 'exp']) expect(copy).not.toHaveProperty(claim);

    const checked = await verifyCredentialObject(env.deps, copy as never);
    expect(checked.errors).toEqual([]);
    expect(checked.format).toBe('vc2-di');
    const original = await verifyCredential(env.deps, (await issuedJwt(id)) as string);
    const status = (v: typeof checked) => (v.credential as { credentialStatus: unknown }).credentialStatus;
    expect(status(checked)).toEqual(status(original));
    expect(copy.id).not.toBe((original.credential as { id: string }).id);

    await changeCredentialStatus(env.deps.db, {
      credentialId: id,
      orgId: world.academy.id,
      action: 'revoke',
      reason: 'Assessment found invalid',
      actorUserId: world.academyStaff.id,
      now: env.deps.clock(),
    });
    const after = await verifyCredential(env.deps, JSON.stringify(copy));
    expect(after.verified).toBe(false);
    expect(after.errors.map((e) => e.code)).toEqual(['revoked']);
  });
});

function issuedJwt(id: string) {
  return storedText(env.deps, id);
}

/**
 * What the wallet issuance endpoints refuse, each with the error code OpenID for Verifiable Credential Issuance
 * defines, as JSON without internals: wrong PIN, reused or expired offers, proofs for another key, audience or nonce,
 * spent tokens, and offers of someone else's credential. Revoking the original stops the wallet copy verifying.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCredentialStatus } from '../../worker/services/academy/credential-status';
import { verifyCredential } from '../../worker/services/verification/verifier';
import { browserAs } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { codeOf, handMadeProof, offerFromPage, rawWallet, walletKey } from '../helpers/wallet';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let credentialId: string;
let otherCredentialId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  credentialId = (await issueViaApi(env, world, { achievementId, email: world.worker.email, notify: false })).id;
  otherCredentialId = (await issueViaApi(env, world, { achievementId, email: world.otherWorker.email, notify: false }))
    .id;
});
afterAll(() => env.close());

const request = (url: string, init?: RequestInit) => env.app.request(url, init);
const CONFIGURATION = 'OpenBadgeCredential_jwt_vc_json';
const nowSeconds = () => Math.floor(env.deps.clock().getTime() / 1000);
const body = (jwt: string) => ({ credential_configuration_id: CONFIGURATION, proofs: { jwt: [jwt] } });

/** A fresh offer from the worker's page: its code, PIN and the raw protocol calls for its issuer. */
async function freshOffer(id = credentialId) {
  const b = await browserAs(env, world.worker.id);
  const res = await b.postForm(`/passport/credentials/${id}/wallet-offer`, {}, `/passport/credentials/${id}`);
  const { deepLink, pin } = offerFromPage(await res.text());
  const { issuer, code } = codeOf(deepLink);
  return { status: res.status, issuer, code, pin, raw: rawWallet(request, issuer) };
}

/** An offer already exchanged for an access token. */
async function redeemed() {
  const offer = await freshOffer();
  const res = await offer.raw.token(offer.code, offer.pin);
  expect(res.status).toBe(200);
  return { ...offer, accessToken: ((await res.json()) as { access_token: string }).access_token };
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const text = await res.text();
  expect(JSON.parse(text).error).toBe(code);
  expect(text).not.toMatch(/\.ts:\d+|\bat \w+ \(/);
}

describe('the token endpoint refuses', () => {
  it('a wrong PIN, and the offer stops working after five', async () => {
    const offer = await freshOffer();
    const wrong = offer.pin === '000000' ? '111111' : '000000';
    await expectError(await offer.raw.token(offer.code, wrong), 400, 'invalid_grant');
    await expectError(await offer.raw.token(offer.code), 400, 'invalid_request');
    // One wrong PIN is forgiven...
    expect((await offer.raw.token(offer.code, offer.pin)).status).toBe(200);
    // ...five are not.
    const locked = await freshOffer();
    for (let i = 0; i < 5; i++) await locked.raw.token(locked.code, wrong);
    await expectError(await locked.raw.token(locked.code, locked.pin), 400, 'invalid_grant');
  });

  it('an offer used once already', async () => {
    const offer = await freshOffer();
    expect((await offer.raw.token(offer.code, offer.pin)).status).toBe(200);
    await expectError(await offer.raw.token(offer.code, offer.pin), 400, 'invalid_grant');
  });

  it('an expired offer (ten minutes)', async () => {
    const offer = await freshOffer();
    env.setNow(new Date(env.deps.clock().getTime() + 10 * 60_000 + 1000));
    try {
      await expectError(await offer.raw.token(offer.code, offer.pin), 400, 'invalid_grant');
    } finally {
      env.setNow('2026-06-01T09:00:00.000Z');
    }
  });

  it('a code at another issuer, and grants other than the pre-authorised code', async () => {
    const offer = await freshOffer();
    const elsewhere = rawWallet(request, `${TEST_ORIGIN}/issuers/${world.otherAcademy.slug}`);
    await expectError(await elsewhere.token(offer.code, offer.pin), 400, 'invalid_grant');
    const res = await request(`${offer.issuer}/oid4vci/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    await expectError(res, 400, 'unsupported_grant_type');
  });
});

describe('the credential endpoint refuses', () => {
  it('a proof signed by another key than the one in its header', async () => {
    const { raw, issuer, accessToken } = await redeemed();
    const [named, signing] = await Promise.all([walletKey(), walletKey()]);
    const nonce = await raw.nonce();
    const proof = await handMadeProof(signing, { jwk: named.publicJwk }, { aud: issuer, iat: nowSeconds(), nonce });
    await expectError(await raw.credential(accessToken, body(proof)), 400, 'invalid_proof');
  });

  it('a proof for another audience, or of another type', async () => {
    const { raw, accessToken } = await redeemed();
    const key = await walletKey();
    const aud = `${TEST_ORIGIN}/issuers/${world.otherAcademy.slug}`;
    const wrongAud = await handMadeProof(key, {}, { aud, iat: nowSeconds(), nonce: await raw.nonce() });
    await expectError(await raw.credential(accessToken, body(wrongAud)), 400, 'invalid_proof');
    const plainJwt = await handMadeProof(key, { typ: 'JWT' }, { aud, iat: nowSeconds(), nonce: await raw.nonce() });
    await expectError(await raw.credential(accessToken, body(plainJwt)), 400, 'invalid_proof');
  });

  it('a proof without a nonce, with a made-up one, with one past its time, or with a spent one', async () => {
    // A nonce handed out before the token, used after its five minutes while the token is still good.
    const offer = await freshOffer();
    const old = await offer.raw.nonce();
    env.setNow(new Date(env.deps.clock().getTime() + 4 * 60_000));
    try {
      const tokenRes = await offer.raw.token(offer.code, offer.pin);
      const late = ((await tokenRes.json()) as { access_token: string }).access_token;
      env.setNow(new Date(env.deps.clock().getTime() + 61_000));
      const key = await walletKey();
      const proof = await handMadeProof(key, {}, { aud: offer.issuer, iat: nowSeconds(), nonce: old });
      await expectError(await offer.raw.credential(late, body(proof)), 400, 'invalid_nonce');
    } finally {
      env.setNow('2026-06-01T09:00:00.000Z');
    }
    const { raw, issuer, accessToken } = await redeemed();
    const key = await walletKey();
    const proof = (nonce?: string) =>
      handMadeProof(key, {}, { aud: issuer, iat: nowSeconds(), ...(nonce ? { nonce } : {}) });
    await expectError(await raw.credential(accessToken, body(await proof())), 400, 'invalid_nonce');
    await expectError(await raw.credential(accessToken, body(await proof('made-up'))), 400, 'invalid_nonce');
    const fresh = await raw.nonce();
    expect((await raw.credential(accessToken, body(await proof(fresh)))).status).toBe(200);
    const again = await redeemed();
    await expectError(await again.raw.credential(again.accessToken, body(await proof(fresh))), 400, 'invalid_nonce');
  });

  it('a missing, unknown or spent access token, and an unknown configuration', async () => {
    const { raw, issuer, accessToken } = await redeemed();
    const key = await walletKey();
    const proof = async () => handMadeProof(key, {}, { aud: issuer, iat: nowSeconds(), nonce: await raw.nonce() });
    const none = await raw.credential(null, body(await proof()));
    await expectError(none, 401, 'invalid_token');
    expect(none.headers.get('www-authenticate')).toContain('invalid_token');
    await expectError(await raw.credential('cpw_unknown', body(await proof())), 401, 'invalid_token');
    const other = { credential_configuration_id: 'SomethingElse', proofs: { jwt: [await proof()] } };
    await expectError(await raw.credential(accessToken, other), 400, 'unknown_credential_configuration');
    await expectError(await raw.credential(accessToken, { proof: {} }), 400, 'invalid_credential_request');
    expect((await raw.credential(accessToken, body(await proof()))).status).toBe(200);
    await expectError(await raw.credential(accessToken, body(await proof())), 401, 'invalid_token');
  });
});

describe('offers and status', () => {
  it("cannot be made for another worker's credential", async () => {
    const offer = await freshOffer(otherCredentialId);
    expect(offer.status).toBe(404);
    expect(offer.code).toBeUndefined();
  });

  it('revoking the original makes the wallet copy fail verification', async () => {
    const { raw, issuer, accessToken } = await redeemed();
    const key = await walletKey();
    const proof = await handMadeProof(key, {}, { aud: issuer, iat: nowSeconds(), nonce: await raw.nonce() });
    const res = await raw.credential(accessToken, body(proof));
    const jwt = ((await res.json()) as { credentials: { credential: string }[] }).credentials[0]!.credential;
    expect((await verifyCredential(env.deps, jwt)).verified).toBe(true);
    const pending = await redeemed();
    await changeCredentialStatus(env.deps.db, {
      credentialId,
      orgId: world.academy.id,
      action: 'revoke',
      reason: 'Assessment found invalid',
      actorUserId: world.academyStaff.id,
      now: env.deps.clock(),
    });
    const after = await verifyCredential(env.deps, jwt);
    expect(after.verified).toBe(false);
    expect(after.errors.map((e) => e.code)).toContain('revoked');
    // A wallet that got its token before the revocation gets nothing, and no new offer is made.
    const late = await handMadeProof(key, {}, { aud: issuer, iat: nowSeconds(), nonce: await pending.raw.nonce() });
    await expectError(await pending.raw.credential(pending.accessToken, body(late)), 400, 'credential_request_denied');
    expect((await freshOffer()).status).toBe(409);
  });
});

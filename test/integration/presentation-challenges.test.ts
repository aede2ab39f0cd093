/**
 * Presentations bound to their verifier over HTTP: POST /presentations/challenges issues a stored challenge with its
 * audience (domain), optional holder and expiry; POST /presentations/verify consumes it only for a presentation that
 * verifies, from that holder, for that audience; without a domain the audience is this service's own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, importPrivateKey } from '../../worker/credentials/keys';
import { didKeyFromPublicJwk } from '../../worker/credentials/did';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { holderSigner } from '../../worker/services/passport/holders';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let credentialJwt: string;
let signer: NonNullable<Awaited<ReturnType<typeof holderSigner>>>;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await env.app.request(`${TEST_ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const codes = (b: Record<string, unknown>) => (b.errors as { code: string }[]).map((e) => e.code);

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievement = await makeAchievement(env, world.academy.id, world.academyStaff.id);
  const issued = await post(
    '/credentials/issue',
    { credential: { achievementId: achievement.id, credentialSubject: { email: world.worker.email, name: 'Wendy' } } },
    { authorization: `Bearer ${world.apiToken}` },
  );
  expect(issued.status).toBe(201);
  credentialJwt = (issued.body.verifiableCredential as { id: string }).id.slice('data:application/vc+jwt,'.length);
  signer = (await holderSigner(env.deps.db, env.deps.config, world.worker.id))!;
});
afterAll(() => env.close());

async function challenge(body: Record<string, unknown> = {}) {
  const r = await post('/presentations/challenges', body);
  expect(r.status).toBe(201);
  return r.body as { challenge: string; domain: string; holder?: string; expires: string };
}

function present(nonce: string, audience = TEST_ORIGIN, key: CryptoKey = signer.privateKey) {
  return signPresentationJwt({
    holderDid: signer.did,
    kid: signer.kid,
    privateKey: key,
    credentialJwts: [credentialJwt],
    audience,
    nonce,
    validSeconds: 300,
    now: env.deps.clock(),
  });
}

const verify = (vp: string, options?: { challenge?: string; domain?: string }) =>
  post('/presentations/verify', { verifiablePresentation: vp, ...(options ? { options } : {}) });

describe('POST /presentations/challenges and the presentations that answer them', () => {
  it('issues a challenge for this service by default, with an expiry ten minutes ahead', async () => {
    const c = await challenge();
    expect(c.domain).toBe(TEST_ORIGIN);
    expect(c.challenge).toMatch(/^[a-z2-7]{20,64}$/);
    expect(Date.parse(c.expires) - env.deps.clock().getTime()).toBe(600_000);
    const other = await challenge({ domain: 'https://hr.example', holder: signer.did });
    expect(other).toMatchObject({ domain: 'https://hr.example', holder: signer.did });
    expect((await post('/presentations/challenges', { holder: 'not a did' })).status).toBe(400);
  });

  it('verifies a presentation for this service answering our challenge once; the second time is a replay', async () => {
    const { challenge: nonce } = await challenge();
    const vp = await present(nonce);
    const first = await verify(vp);
    expect(codes(first.body)).toEqual([]);
    expect(first.status).toBe(200);
    expect(codes((await verify(vp)).body)).toEqual(['replayed_presentation']);
  });

  it('without a domain, a presentation made for another audience is refused (wrong_audience)', async () => {
    const { challenge: nonce } = await challenge();
    expect(codes((await verify(await present(nonce, 'https://someone-else.example'))).body)).toEqual([
      'wrong_audience',
    ]);
    // With that domain, the challenge (issued for this service) does not fit either.
    const r = await verify(await present(nonce, 'https://someone-else.example'), {
      challenge: nonce,
      domain: 'https://someone-else.example',
    });
    expect(codes(r.body)).toEqual(['wrong_audience']);
    // The challenge was never consumed: the right presentation still verifies.
    expect((await verify(await present(nonce))).status).toBe(200);
  });

  it('refuses an expired challenge and a nonce we never issued', async () => {
    const { challenge: nonce } = await challenge();
    const start = env.deps.clock();
    env.setNow(new Date(start.getTime() + 601_000));
    try {
      expect(codes((await verify(await present(nonce))).body)).toEqual(['challenge_expired']);
    } finally {
      env.setNow(start);
    }
    expect(codes((await verify(await present('made-up-nonce-1234'))).body)).toEqual(['unknown_challenge']);
  });

  it('a forged presentation, or another holder’s, cannot burn a challenge issued to this holder', async () => {
    const { challenge: nonce } = await challenge({ holder: signer.did });
    const thief = await generateEd25519KeyPair();
    const forged = await present(nonce, TEST_ORIGIN, await importPrivateKey(thief.privateJwk));
    expect(codes((await verify(forged)).body)).toEqual(['invalid_signature']);
    const thiefDid = didKeyFromPublicJwk(thief.publicJwk);
    const theirs = await signPresentationJwt({
      holderDid: thiefDid,
      kid: `${thiefDid}#${thiefDid.slice('did:key:'.length)}`,
      privateKey: await importPrivateKey(thief.privateJwk),
      credentialJwts: [],
      audience: TEST_ORIGIN,
      nonce,
      validSeconds: 300,
      now: env.deps.clock(),
    });
    expect(codes((await verify(theirs)).body)).toEqual(['holder_mismatch']);
    const real = await verify(await present(nonce));
    expect(codes(real.body)).toEqual([]);
  });
});

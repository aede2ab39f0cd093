import { describe, expect, it } from 'vitest';
import { signJwt } from '../../../worker/credentials/jwt';
import { signPresentationJwt } from '../../../worker/credentials/presentation';
import { verifyPresentationJwt } from '../../../worker/credentials/verify';
import { badgeInput, codes, decodeParts, makeHolder, makeWorld, NOW, type World } from './fixtures';

const AUDIENCE = 'https://employer.example';
const NONCE = 'n-0a1b2c3d';

/** A presentation answering the challenge NONCE, which the world's verifier issued for AUDIENCE. */
async function present(
  world: World,
  overrides: Partial<Parameters<typeof signPresentationJwt>[0]> = {},
): Promise<string> {
  if (!world.challenges.has(NONCE)) world.issueChallenge(NONCE, AUDIENCE);
  return signPresentationJwt({
    holderDid: world.holder.did,
    kid: world.holder.kid,
    privateKey: world.holder.privateKey,
    credentialJwts: [await world.issue()],
    audience: AUDIENCE,
    nonce: 'n-0a1b2c3d',
    validSeconds: 300,
    now: NOW,
    ...overrides,
  });
}

describe('presentations', () => {
  it('verifies a presentation and the credential inside it', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    const result = await verifyPresentationJwt(vp, world.deps(), { audience: AUDIENCE, nonce: 'n-0a1b2c3d' });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.holder).toBe(world.holder.did);
    expect(result.credentials).toHaveLength(1);
    expect(result.credentials[0]?.verified).toBe(true);
    expect(result.checks.map((c) => c.check)).toEqual([
      'size',
      'structure',
      'header',
      'schema',
      'issuer',
      'key',
      'signature',
      'dates',
      'audience',
      'nonce',
      'credentials',
      'holder',
      'replay',
    ]);
  });

  it('uses the VC 2.0 envelope and vp+jwt header', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await present(world));
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vp+jwt', kid: world.holder.kid });
    expect(payload).toMatchObject({
      iss: world.holder.did,
      holder: world.holder.did,
      aud: AUDIENCE,
      nonce: 'n-0a1b2c3d',
      type: ['VerifiablePresentation'],
    });
    const [envelope] = payload.verifiableCredential as { id: string; type: string }[];
    expect(envelope?.type).toBe('EnvelopedVerifiableCredential');
    expect(envelope?.id.startsWith('data:application/vc+jwt,ey')).toBe(true);
  });

  it('rejects the wrong audience (wrong_audience)', async () => {
    const world = await makeWorld();
    const result = await verifyPresentationJwt(await present(world), world.deps(), {
      audience: 'https://attacker.example',
      nonce: 'n-0a1b2c3d',
    });
    expect(codes(result)).toEqual(['wrong_audience']);
    expect(result.verified).toBe(false);
  });

  it('rejects the wrong nonce (nonce_mismatch) without consuming it', async () => {
    const world = await makeWorld();
    const result = await verifyPresentationJwt(await present(world), world.deps(), {
      audience: AUDIENCE,
      nonce: 'n-other',
    });
    expect(codes(result)).toEqual(['nonce_mismatch']);
    expect(world.challenges.get(NONCE)?.consumed).toBe(false);
  });

  it('refuses a replayed presentation the second time (replayed_presentation)', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    const options = { audience: AUDIENCE, nonce: 'n-0a1b2c3d' };
    expect((await verifyPresentationJwt(vp, world.deps(), options)).verified).toBe(true);
    const again = await verifyPresentationJwt(vp, world.deps(), options);
    expect(codes(again)).toEqual(['replayed_presentation']);
  });

  it('rejects an expired presentation (presentation_expired)', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    world.clock.now = new Date(NOW.getTime() + 10 * 60 * 1000);
    const result = await verifyPresentationJwt(vp, world.deps(), { audience: AUDIENCE, nonce: 'n-0a1b2c3d' });
    expect(codes(result)).toEqual(['presentation_expired']);
  });

  it('rejects a presentation containing another holder credential (holder_mismatch)', async () => {
    const world = await makeWorld();
    const someoneElse = await makeHolder();
    const theirs = await world.issue(badgeInput(world.issuer, someoneElse.did));
    const vp = await present(world, { credentialJwts: [await world.issue(), theirs] });
    const result = await verifyPresentationJwt(vp, world.deps(), { audience: AUDIENCE, nonce: 'n-0a1b2c3d' });
    expect(codes(result)).toEqual(['holder_mismatch']);
    expect(result.errors[0]?.message).toMatch(/Credential 2/);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, true]);
  });

  it('rejects a presentation whose credential fails (credential_invalid) and exposes the credential errors', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    await world.setStatus('revocation', [4242]);
    const result = await verifyPresentationJwt(vp, world.deps(), { audience: AUDIENCE });
    expect(codes(result)).toEqual(['credential_invalid']);
    expect(codes(result.credentials[0]!)).toEqual(['revoked']);
  });

  it('rejects a presentation signed by someone other than the holder (invalid_signature)', async () => {
    const world = await makeWorld();
    const thief = await makeHolder();
    const vp = await present(world, { privateKey: thief.privateKey });
    expect(codes(await verifyPresentationJwt(vp, world.deps(), { audience: AUDIENCE }))).toEqual(['invalid_signature']);
  });

  it('rejects a presentation signed with an issuer key the holder does not control (unknown_key)', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await present(world));
    const forged = await signJwt({ ...header, kid: world.issuer.current.id }, payload, world.issuer.current.privateKey);
    expect(codes(await verifyPresentationJwt(forged, world.deps(), { audience: AUDIENCE }))).toEqual(['unknown_key']);
  });

  it('rejects a credential JWT presented as a presentation (wrong_type)', async () => {
    const world = await makeWorld();
    expect(codes(await verifyPresentationJwt(await world.issue(), world.deps()))).toEqual(['wrong_type']);
  });

  it('rejects an over-long lifetime and refuses to sign one', async () => {
    const world = await makeWorld();
    await expect(present(world, { validSeconds: 86_400 })).rejects.toThrow(/validSeconds/);
    const { header, payload } = decodeParts(await present(world));
    const longLived = await signJwt(
      header,
      { ...payload, exp: (payload.iat as number) + 86_400 },
      world.holder.privateKey,
    );
    expect(codes(await verifyPresentationJwt(longLived, world.deps(), { audience: AUDIENCE }))).toEqual([
      'presentation_expired',
    ]);
  });
});

describe('presentations bound to their verifier (challenges)', () => {
  const verify = (world: World, vp: string, audience: string | undefined = AUDIENCE) =>
    verifyPresentationJwt(vp, world.deps(), { ...(audience ? { audience } : {}), nonce: NONCE });

  it('consumes the challenge once: a second use is a replay', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    expect((await verify(world, vp)).verified).toBe(true);
    expect(world.challenges.get(NONCE)?.consumed).toBe(true);
    expect(codes(await verify(world, vp))).toEqual(['replayed_presentation']);
  });

  it('refuses a presentation for another audience, and one with no audience', async () => {
    const world = await makeWorld();
    const elsewhere = await present(world, { audience: 'https://someone-else.example' });
    expect(codes(await verify(world, elsewhere))).toEqual(['wrong_audience']);
    const { header, payload } = decodeParts(await present(world));
    const { aud: _aud, ...withoutAudience } = payload;
    const noAudience = await signJwt(header, withoutAudience, world.holder.privateKey);
    expect(codes(await verify(world, noAudience))).toEqual(['wrong_audience']);
    expect(world.challenges.get(NONCE)?.consumed).toBe(false);
  });

  it('refuses a challenge issued for another audience, even when the presentation names the one asked about', async () => {
    const world = await makeWorld();
    world.issueChallenge(NONCE, 'https://other-verifier.example');
    const r = await verify(world, await present(world));
    expect(codes(r)).toEqual(['wrong_audience']);
    expect(r.errors[0]?.message).toMatch(/challenge/);
  });

  it('refuses an expired challenge and one it never issued', async () => {
    const world = await makeWorld();
    const vp = await present(world);
    world.challenges.get(NONCE)!.expiresAt = new Date(NOW.getTime() - 1000);
    expect(codes(await verify(world, vp))).toEqual(['challenge_expired']);
    world.challenges.clear();
    expect(codes(await verify(world, vp))).toEqual(['unknown_challenge']);
  });

  it('refuses a holder other than the one the challenge was issued to', async () => {
    const world = await makeWorld();
    const expected = await makeHolder();
    world.issueChallenge(NONCE, AUDIENCE, expected.did);
    const r = await verify(world, await present(world));
    expect(codes(r)).toEqual(['holder_mismatch']);
    expect(world.challenges.get(NONCE)?.consumed).toBe(false);
  });

  it('a forged presentation does not burn the challenge: the real holder can still use it', async () => {
    const world = await makeWorld();
    const thief = await makeHolder();
    const forged = await present(world, { privateKey: thief.privateKey });
    expect(codes(await verify(world, forged))).toEqual(['invalid_signature']);
    // Someone else's valid presentation, naming the same challenge but carrying another holder's credential.
    const theirs = await world.issue(badgeInput(world.issuer, thief.did));
    const stolen = await signPresentationJwt({
      holderDid: thief.did,
      kid: thief.kid,
      privateKey: thief.privateKey,
      credentialJwts: [theirs, await world.issue()],
      audience: AUDIENCE,
      nonce: NONCE,
      validSeconds: 300,
      now: NOW,
    });
    expect(codes(await verify(world, stolen))).toEqual(['holder_mismatch']);
    expect(world.challenges.get(NONCE)?.consumed).toBe(false);
    expect((await verify(world, await present(world))).verified).toBe(true);
  });
});

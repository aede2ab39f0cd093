/** The wallet's key proof (openid4vci-proof+jwt): what binds a wallet copy to a key, and every way it is refused. */
import { exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { didJwkFromPublicJwk, didKeyFromPublicJwk } from '../../../worker/credentials/did';
import { KEY_PROOF_MAX_AGE_SECONDS, verifyKeyProof } from '../../../worker/credentials/key-proof';
import { handMadeProof, walletKey } from '../../helpers/wallet';

const ISSUER = 'https://passport.example/issuers/northern-care-academy';
const NOW = new Date('2026-06-01T09:00:00.000Z');
const iat = Math.floor(NOW.getTime() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ aud: ISSUER, iat, nonce: 'n-1', ...over });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('key proofs', () => {
  it('binds a jwk to its did:jwk and a did:key kid to its DID, returning the nonce', async () => {
    const p256 = await walletKey('ES256');
    const ok = await verifyKeyProof(await handMadeProof(p256, {}, claims()), ISSUER, NOW);
    expect(ok).toEqual({ ok: true, holderDid: didJwkFromPublicJwk(p256.publicJwk as JsonWebKey), nonce: 'n-1' });
    const ed = await walletKey('EdDSA');
    const did = didKeyFromPublicJwk(ed.publicJwk as JsonWebKey);
    const kid = `${did}#${did.slice('did:key:'.length)}`;
    const byKid = await verifyKeyProof(await handMadeProof(ed, { jwk: undefined, kid }, claims()), ISSUER, NOW);
    expect(byKid).toMatchObject({ ok: true, holderDid: did });
    const audArray = await verifyKeyProof(await handMadeProof(p256, {}, claims({ aud: ['x', ISSUER] })), ISSUER, NOW);
    expect(audArray.ok).toBe(true);
  });

  it('refuses a proof signed by another key than the one it names (jwk or kid)', async () => {
    const [named, signer] = await Promise.all([walletKey('EdDSA'), walletKey('EdDSA')]);
    const byJwk = await handMadeProof(signer, { jwk: named.publicJwk }, claims());
    expect(await verifyKeyProof(byJwk, ISSUER, NOW)).toMatchObject({ ok: false, error: 'invalid_proof' });
    const did = didKeyFromPublicJwk(named.publicJwk as JsonWebKey);
    const byKid = await handMadeProof(signer, { jwk: undefined, kid: `${did}#${did.slice(8)}` }, claims());
    expect(await verifyKeyProof(byKid, ISSUER, NOW)).toMatchObject({ ok: false, error: 'invalid_proof' });
  });

  it('refuses the wrong type, both jwk and kid, a did:web kid, a private jwk, and a key of another algorithm', async () => {
    const key = await walletKey('ES256');
    const ed = await walletKey('EdDSA');
    const refused = async (header: Record<string, unknown>, k = key) =>
      (await verifyKeyProof(await handMadeProof(k, header, claims()), ISSUER, NOW)).ok;
    expect(await refused({ typ: 'JWT' })).toBe(false);
    expect(await refused({ kid: `${didJwkFromPublicJwk(key.publicJwk as JsonWebKey)}#0` })).toBe(false);
    expect(await refused({ jwk: undefined, kid: 'did:web:passport.example#key-1' })).toBe(false);
    expect(await refused({ jwk: await exportJWK(key.privateKey) })).toBe(false);
    expect(await refused({ jwk: ed.publicJwk })).toBe(false);
  });

  it('refuses "none" and HMAC proofs before touching any key', async () => {
    const key = await walletKey('ES256');
    for (const alg of ['none', 'HS256']) {
      const token = `${b64({ alg, typ: 'openid4vci-proof+jwt', jwk: key.publicJwk })}.${b64(claims())}.`;
      expect(await verifyKeyProof(token, ISSUER, NOW)).toMatchObject({ ok: false, error: 'invalid_proof' });
    }
  });

  it('refuses another audience, an old or future iat, and a missing nonce (as invalid_nonce)', async () => {
    const key = await walletKey('ES256');
    const check = async (over: Record<string, unknown>) =>
      verifyKeyProof(await handMadeProof(key, {}, claims(over)), ISSUER, NOW);
    expect(await check({ aud: 'https://passport.example' })).toMatchObject({ ok: false, error: 'invalid_proof' });
    expect(await check({ iat: iat - KEY_PROOF_MAX_AGE_SECONDS - 1 })).toMatchObject({ ok: false });
    expect(await check({ iat: iat + 120 })).toMatchObject({ ok: false, error: 'invalid_proof' });
    expect(await check({ iat: undefined })).toMatchObject({ ok: false, error: 'invalid_proof' });
    expect(await check({ nonce: undefined })).toMatchObject({ ok: false, error: 'invalid_nonce' });
  });
});

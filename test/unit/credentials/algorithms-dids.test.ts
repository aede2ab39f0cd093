/**
 * Algorithms and DID methods, with freshly generated keys: EdDSA, ES256 and ES384 over did:key and did:jwk, RS256
 * (2048 bits or more) only for Open Badges 3.0 JWTs, and never "none", HMAC, short RSA keys or a key used with an
 * algorithm its type does not allow.
 */
import { describe, expect, it } from 'vitest';
import {
  didJwkFromPublicJwk,
  didKeyFromPublicJwk,
  resolveDidJwk,
  resolveDidKey,
} from '../../../worker/credentials/did';
import { base64UrlEncode, utf8 } from '../../../worker/credentials/encoding';
import { buildOpenBadgeCredential } from '../../../worker/credentials/issue';
import { jwkFromMultikey, multikeyFromJwk } from '../../../worker/credentials/multikey';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { badgeInput, codes, makeWorld } from './fixtures';

type Alg = 'EdDSA' | 'ES256' | 'ES384' | 'RS256';
const GEN: Record<Alg, RsaHashedKeyGenParams | EcKeyGenParams | AlgorithmIdentifier> = {
  EdDSA: { name: 'Ed25519' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};
const SIGN: Record<Alg, AlgorithmIdentifier | EcdsaParams> = {
  EdDSA: { name: 'Ed25519' },
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  ES384: { name: 'ECDSA', hash: 'SHA-384' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
};

async function keyPair(alg: Alg, modulusLength = 2048) {
  const params = alg === 'RS256' ? { ...(GEN.RS256 as RsaHashedKeyGenParams), modulusLength } : GEN[alg];
  const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, x, y, n, e } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  const publicJwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
  return { privateKey: pair.privateKey, publicJwk: publicJwk as JsonWebKey };
}

async function sign(alg: Alg, header: object, payload: object, key: CryptoKey): Promise<string> {
  const input = `${base64UrlEncode(utf8(JSON.stringify(header)))}.${base64UrlEncode(utf8(JSON.stringify(payload)))}`;
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN[alg], key, utf8(input)));
  return `${input}.${base64UrlEncode(signature)}`;
}

/** An Open Badges credential issued by `did` (no status), as claims with iss and jti. */
async function claimsFor(did: string) {
  const world = await makeWorld();
  const { status: _status, ...input } = badgeInput(world.issuer, world.holder.did);
  const credential = buildOpenBadgeCredential({ ...input, issuerDid: did });
  return { world, claims: { ...credential, iss: did, jti: credential.id } };
}

const trustAnyone = (world: Awaited<ReturnType<typeof makeWorld>>) => ({
  ...world.deps(),
  resolveDid: async (did: string) => (did.startsWith('did:jwk:') ? resolveDidJwk(did) : resolveDidKey(did)),
});

describe('did:key and did:jwk', () => {
  it('round-trips Ed25519, P-256 and P-384 keys through Multikey (EC keys compressed)', async () => {
    for (const alg of ['EdDSA', 'ES256', 'ES384'] as const) {
      const { publicJwk } = await keyPair(alg);
      const multikey = multikeyFromJwk(publicJwk);
      expect(multikey.startsWith(alg === 'EdDSA' ? 'z6Mk' : alg === 'ES256' ? 'zDn' : 'z82')).toBe(true);
      expect(jwkFromMultikey(multikey)).toEqual(publicJwk);
      const doc = resolveDidKey(didKeyFromPublicJwk(publicJwk));
      expect(doc.verificationMethod?.[0]?.type).toBe('Multikey');
    }
  });

  it('resolves a did:jwk to one "#0" method and refuses private keys and short RSA keys', async () => {
    const { publicJwk } = await keyPair('ES256');
    const did = didJwkFromPublicJwk(publicJwk);
    const doc = resolveDidJwk(did);
    expect(doc.verificationMethod?.[0]).toMatchObject({ id: `${did}#0`, publicKeyJwk: publicJwk });
    expect(doc.assertionMethod).toEqual([`${did}#0`]);
    const withPrivate = `did:jwk:${base64UrlEncode(utf8(JSON.stringify({ ...publicJwk, d: 'AAAA' })))}`;
    expect(() => resolveDidJwk(withPrivate)).toThrow();
    const short = await keyPair('RS256', 1024);
    const shortDid = `did:jwk:${base64UrlEncode(utf8(JSON.stringify(short.publicJwk)))}`;
    expect(() => resolveDidJwk(shortDid)).toThrow();
  });
});

describe('algorithms', () => {
  for (const alg of ['EdDSA', 'ES256', 'ES384'] as const) {
    for (const method of ['did:key', 'did:jwk'] as const) {
      it(`verifies a vc+jwt signed with ${alg} by a ${method} issuer`, async () => {
        const { privateKey, publicJwk } = await keyPair(alg);
        const did = method === 'did:key' ? didKeyFromPublicJwk(publicJwk) : didJwkFromPublicJwk(publicJwk);
        const kid = method === 'did:key' ? `${did}#${did.slice('did:key:'.length)}` : `${did}#0`;
        const { world, claims } = await claimsFor(did);
        const jwt = await sign(alg, { alg, typ: 'vc+jwt', kid }, claims, privateKey);
        const result = await verifyCredentialJwt(jwt, trustAnyone(world));
        expect(codes(result)).toEqual([]);
        expect(result.verified).toBe(true);
      });
    }
  }

  it('verifies RS256 (2048-bit) only as an Open Badges 3.0 JWT, never as a vc+jwt', async () => {
    const { privateKey, publicJwk } = await keyPair('RS256');
    const did = didJwkFromPublicJwk(publicJwk);
    const { world, claims } = await claimsFor(did);
    const ob3 = await sign('RS256', { alg: 'RS256', typ: 'JWT', kid: `${did}#0` }, claims, privateKey);
    const result = await verifyCredentialJwt(ob3, trustAnyone(world));
    expect(result.format).toBe('ob3-jwt');
    expect(result.verified).toBe(true);
    const vcJwt = await sign('RS256', { alg: 'RS256', typ: 'vc+jwt', kid: `${did}#0` }, claims, privateKey);
    expect(codes(await verifyCredentialJwt(vcJwt, trustAnyone(world)))).toEqual(['unsupported_algorithm']);
  });

  it('refuses a key used with an algorithm of another type (ES384 header, P-256 key)', async () => {
    const { privateKey, publicJwk } = await keyPair('ES256');
    const did = didJwkFromPublicJwk(publicJwk);
    const { world, claims } = await claimsFor(did);
    const jwt = await sign('ES256', { alg: 'ES384', typ: 'vc+jwt', kid: `${did}#0` }, claims, privateKey);
    expect(codes(await verifyCredentialJwt(jwt, trustAnyone(world)))).toEqual(['unsupported_algorithm']);
  });

  it('never accepts none or HMAC, whatever the key', async () => {
    const { publicJwk } = await keyPair('ES256');
    const did = didJwkFromPublicJwk(publicJwk);
    const { world, claims } = await claimsFor(did);
    for (const alg of ['none', 'HS256', 'HS384', 'HS512', 'PS256', 'ES512', 'es256']) {
      const head = base64UrlEncode(utf8(JSON.stringify({ alg, typ: 'vc+jwt', kid: `${did}#0` })));
      const body = base64UrlEncode(utf8(JSON.stringify(claims)));
      const result = await verifyCredentialJwt(
        `${head}.${body}.${base64UrlEncode(new Uint8Array(32))}`,
        trustAnyone(world),
      );
      expect(codes(result), alg).toEqual(['unsupported_algorithm']);
    }
  });
});

/** The runtime's Ed25519: node:crypto on the Node server and WebCrypto elsewhere make the very same signatures. */
import { describe, expect, it } from 'vitest';
import { didKeyFromPublicJwk, publicJwkFromDidKey } from '../../../worker/credentials/did';
import { signCredentialJwt } from '../../../worker/credentials/issue';
import { parseCompactJwt } from '../../../worker/credentials/jwt';
import { generateEd25519KeyPair, importPrivateKey, importPublicKey } from '../../../worker/credentials/keys';
import { type Signing, webCryptoSigning } from '../../../worker/credentials/signing';
import { nodeSigning } from '../../../worker/runtime/node-signing';

const runtimes: [string, Signing][] = [
  ['WebCrypto', webCryptoSigning],
  ['node:crypto', nodeSigning],
];

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:7f1c2a9e-0b4d-4c1e-9a55-2f6f0d3b8e11',
  type: ['VerifiableCredential'],
  issuer: 'did:web:academy.example',
  validFrom: '2026-05-20T00:00:00Z',
  credentialSubject: { id: 'did:example:learner' },
};

describe('runtime Ed25519', () => {
  it.each(runtimes)('%s signs bytes that verify under the public key', async (_name, signing) => {
    const { publicJwk, privateJwk } = await generateEd25519KeyPair();
    const sign = await signing.signWith(privateJwk);
    const data = new TextEncoder().encode('a credential to sign');
    const signature = await sign(data);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.length).toBe(64);
    const key = await importPublicKey(publicJwk);
    expect(await crypto.subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, data)).toBe(true);
    const other = new TextEncoder().encode('another credential');
    expect(await crypto.subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, other)).toBe(false);
  });

  it('gives byte-for-byte the signature WebCrypto gives, so a JWT does not depend on the runtime', async () => {
    const { privateJwk } = await generateEd25519KeyPair();
    const privateKey = await importPrivateKey(privateJwk);
    const signer = { kid: 'did:web:academy.example#key-1', privateKey };
    const now = new Date('2026-06-01T09:00:00Z');
    const viaKey = await signCredentialJwt(credential, signer, { now });
    const viaWeb = await signCredentialJwt(
      credential,
      { ...signer, sign: await webCryptoSigning.signWith(privateJwk) },
      { now },
    );
    const viaNode = await signCredentialJwt(
      credential,
      { ...signer, sign: await nodeSigning.signWith(privateJwk) },
      { now },
    );
    expect(viaWeb).toBe(viaKey);
    expect(viaNode).toBe(viaKey);
    expect(parseCompactJwt(viaNode).ok).toBe(true);
  });

  it.each(runtimes)('%s refuses a public key or a key of another curve', async (_name, signing) => {
    const { publicJwk } = await generateEd25519KeyPair();
    await expect(signing.signWith(publicJwk)).rejects.toThrow();
    await expect(signing.signWith({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', d: 'AA' })).rejects.toThrow();
  });

  it.each(runtimes)('%s makes a fresh public key each time, with no private half', async (_name, signing) => {
    const a = await signing.throwawayPublicJwk();
    const b = await signing.throwawayPublicJwk();
    expect(Object.keys(a).sort()).toEqual(['crv', 'kty', 'x']);
    expect(a.x).not.toBe(b.x);
    // A real Ed25519 key: it imports, and round-trips through did:key.
    await expect(importPublicKey(a)).resolves.toBeDefined();
    expect(publicJwkFromDidKey(didKeyFromPublicJwk(a))).toEqual(a);
  });
});

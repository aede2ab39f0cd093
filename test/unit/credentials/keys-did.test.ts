import { bytesToMultibase } from 'did-jwt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDidDocument,
  createDidResolver,
  didKeyFromPublicJwk,
  didWebFromUrl,
  didWebToDocumentUrl,
  publicJwkFromDidKey,
  resolveDidKey,
} from '../../../worker/credentials/did';
import { base58Decode, base58Encode, base64UrlDecode, base64UrlEncode } from '../../../worker/credentials/encoding';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateEd25519KeyPair,
  importPrivateKey,
  importPublicKey,
  jwkThumbprint,
  KeyDecryptionError,
} from '../../../worker/credentials/keys';
import { fromB64url, toB64url } from './fixtures';

const MASTER = 'test-master-key-0123456789abcdef-0123456789abcdef';

describe('keys', () => {
  it('generates minimal Ed25519 JWKs that sign and verify', async () => {
    const { publicJwk, privateJwk } = await generateEd25519KeyPair();
    expect(Object.keys(publicJwk).sort()).toEqual(['crv', 'kty', 'x']);
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x });
    expect(fromB64url(privateJwk.d as string)).toHaveLength(32);
    const data = new TextEncoder().encode('care');
    const sig = await crypto.subtle.sign('Ed25519', await importPrivateKey(privateJwk), data);
    expect(await crypto.subtle.verify('Ed25519', await importPublicKey(publicJwk), sig, data)).toBe(true);
  });

  it('encrypts and decrypts a private key, with a fresh IV each time', async () => {
    const { privateJwk } = await generateEd25519KeyPair();
    const blob = await encryptPrivateKey(MASTER, privateJwk);
    expect(blob).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(blob).not.toContain(privateJwk.d as string);
    expect(await encryptPrivateKey(MASTER, privateJwk)).not.toBe(blob);
    expect(await decryptPrivateKey(MASTER, blob)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: privateJwk.x,
      d: privateJwk.d,
    });
  });

  it('fails clearly with the wrong master key or a tampered blob', async () => {
    const { privateJwk } = await generateEd25519KeyPair();
    const blob = await encryptPrivateKey(MASTER, privateJwk);
    await expect(decryptPrivateKey(`${MASTER}-wrong`, blob)).rejects.toThrow(KeyDecryptionError);
    await expect(decryptPrivateKey(`${MASTER}-wrong`, blob)).rejects.toThrow(/wrong master key/);
    const [v, iv, ct] = blob.split('.') as [string, string, string];
    const flipped = `${ct.slice(0, 5)}${ct[5] === 'A' ? 'B' : 'A'}${ct.slice(6)}`;
    await expect(decryptPrivateKey(MASTER, `${v}.${iv}.${flipped}`)).rejects.toThrow(KeyDecryptionError);
    await expect(decryptPrivateKey(MASTER, `v2.${iv}.${ct}`)).rejects.toThrow(/format/);
    await expect(encryptPrivateKey('short', privateJwk)).rejects.toThrow(/at least 32/);
  });

  it('computes the RFC 7638 thumbprint', async () => {
    // RFC 8037 appendix A.3 test vector.
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    expect(await jwkThumbprint(jwk)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });
});

describe('encoding', () => {
  it('base64url round-trips every length and rejects non-canonical input', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = base64UrlEncode(bytes);
      expect(text).toBe(toB64url(bytes));
      expect(base64UrlDecode(text)).toEqual(bytes);
      // A view into a larger buffer encodes only its own bytes.
      const inside = new Uint8Array(n + 7);
      inside.set(bytes, 3);
      expect(base64UrlEncode(inside.subarray(3, 3 + n))).toBe(text);
    }
    expect(base64UrlDecode('AB')).toBeNull(); // trailing bits set: another encoding of the same byte
    expect(base64UrlDecode('A')).toBeNull();
    expect(base64UrlDecode('AA==')).toBeNull();
    expect(base64UrlDecode('AA+/')).toBeNull();
  });

  it('base64url decoding agrees with a strict reference decoder on any input, non-ASCII included', () => {
    // The reference: unpadded url-safe alphabet only, no length of 1 mod 4, zero trailing bits.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const reference = (text: string): number[] | null => {
      if (text.length % 4 === 1) return null;
      let bits = 0;
      let acc = 0;
      const out: number[] = [];
      for (const ch of text) {
        const v = ALPHABET.indexOf(ch);
        if (v < 0 || ch.length !== 1) return null;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 255);
        }
      }
      return (acc & ((1 << bits) - 1)) === 0 ? out : null;
    };
    // Valid characters, and near misses: padding, the other alphabet, whitespace, Latin-1, and code units whose low
    // byte is a valid character ('\u0157' ends in 0x57, 'W').
    const chars = [
      ...'AQgw-_9zW',
      '=',
      '+',
      '/',
      ' ',
      '\n',
      '!',
      '\u00e9',
      '\u0157',
      '\u0141',
      '\uff4a',
      '\ud83d',
      '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const got = base64UrlDecode(text);
        expect(got === null ? null : [...got], JSON.stringify(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('base58btc round-trips, keeping leading zeros', () => {
    for (const bytes of [new Uint8Array([0, 0, 1, 2]), crypto.getRandomValues(new Uint8Array(34)), new Uint8Array(0)]) {
      expect(base58Decode(base58Encode(bytes))).toEqual(bytes);
    }
    expect(base58Encode(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(base58Decode('0OIl')).toBeNull();
  });
});

describe('did:web', () => {
  it('builds identifiers with an encoded port and path', () => {
    expect(didWebFromUrl('http://localhost:8787')).toBe('did:web:localhost%3A8787');
    expect(didWebFromUrl('http://localhost:8787', ['orgs', 'acme'])).toBe('did:web:localhost%3A8787:orgs:acme');
    expect(didWebFromUrl('https://Care.Example')).toBe('did:web:care.example');
    expect(() => didWebFromUrl('https://care.example/orgs/acme')).toThrow(/bare origin/);
  });

  it('maps identifiers to document URLs (http only for localhost)', () => {
    expect(didWebToDocumentUrl('did:web:care.example')).toBe('https://care.example/.well-known/did.json');
    expect(didWebToDocumentUrl('did:web:care.example:orgs:acme')).toBe('https://care.example/orgs/acme/did.json');
    expect(didWebToDocumentUrl('did:web:localhost%3A8787:orgs:acme')).toBe('http://localhost:8787/orgs/acme/did.json');
    expect(didWebToDocumentUrl('did:web:127.0.0.1%3A8787')).toBe('http://127.0.0.1:8787/.well-known/did.json');
    expect(didWebToDocumentUrl('did:web:care.example%3A8443')).toBe('https://care.example:8443/.well-known/did.json');
  });

  it('rejects identifiers that smuggle URL structure', () => {
    for (const bad of [
      'did:web:evil.example%2F..',
      'did:web:user%40evil.example',
      'did:web:a.example:..',
      'did:web:a.example#key',
      'did:key:z6Mk',
    ]) {
      expect(() => didWebToDocumentUrl(bad)).toThrow();
    }
  });

  it('builds a document listing every key for assertion and authentication', async () => {
    const a = await generateEd25519KeyPair();
    const b = await generateEd25519KeyPair();
    const did = 'did:web:care.example';
    const doc = buildDidDocument(did, [
      { kid: 'key-1', publicJwk: a.privateJwk },
      { kid: 'key-2', publicJwk: b.publicJwk },
    ]);
    expect(doc.verificationMethod?.map((vm) => vm.id)).toEqual([`${did}#key-1`, `${did}#key-2`]);
    expect(doc.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-2`]);
    expect(doc.authentication).toEqual([`${did}#key-1`, `${did}#key-2`]);
    // Even if handed a private JWK, only the public part is published.
    expect(JSON.stringify(doc)).not.toContain(a.privateJwk.d as string);
  });

  it('resolves did:web through an injected fetcher and refuses a document for another DID', async () => {
    const did = 'did:web:care.example';
    const doc = buildDidDocument(did, []);
    const urls: string[] = [];
    const resolver = createDidResolver(async (url) => {
      urls.push(url);
      return url.includes('care.example') ? doc : { ...doc, id: 'did:web:evil.example' };
    });
    expect(await resolver(did)).toEqual(doc);
    expect(urls).toEqual(['https://care.example/.well-known/did.json']);
    const evil = createDidResolver(async () => ({ ...doc, id: 'did:web:evil.example' }));
    expect(await evil(did)).toBeNull();
    expect(await resolver('did:example:123')).toBeNull();
  });
});

describe('did:key', () => {
  it('matches did-jwt multibase encoding and round-trips', async () => {
    const { publicJwk } = await generateEd25519KeyPair();
    const did = didKeyFromPublicJwk(publicJwk);
    expect(did.startsWith('did:key:z6Mk')).toBe(true);
    expect(did).toBe(`did:key:${bytesToMultibase(fromB64url(publicJwk.x as string), 'base58btc', 'ed25519-pub')}`);
    expect(publicJwkFromDidKey(did)).toEqual(publicJwk);
    expect(publicJwkFromDidKey(`${did}#${did.slice(8)}`)).toEqual(publicJwk);
  });

  it('decodes the did:key spec Ed25519 example', () => {
    const jwk = publicJwkFromDidKey('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    expect(fromB64url(jwk.x as string)).toHaveLength(32);
  });

  it('resolves to a Multikey document and rejects non-Ed25519 keys', async () => {
    const { publicJwk } = await generateEd25519KeyPair();
    const did = didKeyFromPublicJwk(publicJwk);
    const doc = resolveDidKey(did);
    const mb = did.slice('did:key:'.length);
    expect(doc.verificationMethod).toEqual([
      { id: `${did}#${mb}`, type: 'Multikey', controller: did, publicKeyMultibase: mb },
    ]);
    expect(doc.assertionMethod).toEqual([`${did}#${mb}`]);
    // secp256k1 did:key (multicodec 0xe7) is not Ed25519.
    expect(() => publicJwkFromDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(/Ed25519/);
  });
});

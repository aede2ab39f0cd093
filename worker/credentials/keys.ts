/** Ed25519 signing keys: generation, import, thumbprints and encryption at rest under a master key. */
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from './encoding';

export interface Ed25519KeyPair {
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}

const ED25519 = { name: 'Ed25519' } as const;
// Changing this string changes every derived key, so it carries a version like the blob format.
const HKDF_INFO = 'care-passport/private-key-encryption/v1';
const BLOB_VERSION = 'v1';
const MIN_MASTER_KEY_LENGTH = 32;

/** Thrown when an encrypted private key cannot be opened (wrong master key, corrupted or foreign blob). */
export class KeyDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyDecryptionError';
  }
}

/** Creates a new Ed25519 key pair as minimal OKP JWKs (kty, crv, x and, for the private key, d). */
export async function generateEd25519KeyPair(): Promise<Ed25519KeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateJwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  const publicJwk = publicJwkOf(privateJwk);
  return { publicJwk, privateJwk: { ...publicJwk, d: privateJwk.d } };
}

/** The public half of an Ed25519 JWK, with only the members that identify the key (drops d, alg, key_ops, ext). */
export function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  assertEd25519Jwk(jwk);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

/** Imports an Ed25519 private JWK as a non-extractable signing key. */
export async function importPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  assertEd25519Jwk(jwk);
  if (typeof jwk.d !== 'string') throw new Error('Not a private key: the JWK has no "d" member');
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, ED25519, false, ['sign']);
}

/** Imports an Ed25519 public JWK as a verification key (any private part is ignored). */
export async function importPublicKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', publicJwkOf(jwk), ED25519, false, ['verify']);
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): a stable key id derived from the public key. */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  assertEd25519Jwk(jwk);
  // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  const digest = await crypto.subtle.digest('SHA-256', utf8(canonical));
  return base64UrlEncode(new Uint8Array(digest));
}

/** Encrypts a private JWK with AES-256-GCM under a key derived from the master key; returns `v1.<iv>.<ciphertext>`. */
export async function encryptPrivateKey(masterKey: string, privateJwk: JsonWebKey): Promise<string> {
  assertEd25519Jwk(privateJwk);
  if (typeof privateJwk.d !== 'string') throw new Error('Not a private key: the JWK has no "d" member');
  const key = await deriveWrappingKey(masterKey);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = utf8(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d }));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(BLOB_VERSION) },
    key,
    plaintext,
  );
  return `${BLOB_VERSION}.${base64UrlEncode(iv)}.${base64UrlEncode(new Uint8Array(ciphertext))}`;
}

/**
 * Opens a blob with the first of several master keys that fits (the current key first, then one being rotated
 * out). AES-GCM's authentication tag tells which key encrypted a blob; throws KeyDecryptionError when none does.
 */
export async function decryptPrivateKeyWithAny(masterKeys: readonly string[], blob: string): Promise<JsonWebKey> {
  let last: unknown = new KeyDecryptionError('No master key was given');
  for (const key of masterKeys) {
    try {
      return await decryptPrivateKey(key, blob);
    } catch (err) {
      if (!(err instanceof KeyDecryptionError)) throw err;
      last = err;
    }
  }
  throw last;
}

/** Opens a blob made by encryptPrivateKey; throws KeyDecryptionError on a wrong master key or damaged blob. */
export async function decryptPrivateKey(masterKey: string, blob: string): Promise<JsonWebKey> {
  const parts = blob.split('.');
  if (parts.length !== 3 || parts[0] !== BLOB_VERSION) {
    throw new KeyDecryptionError(`Unsupported encrypted key format (expected "${BLOB_VERSION}.<iv>.<ciphertext>")`);
  }
  const iv = base64UrlDecode(parts[1] as string);
  const ciphertext = base64UrlDecode(parts[2] as string);
  if (iv?.length !== 12 || !ciphertext || ciphertext.length < 17) {
    throw new KeyDecryptionError('Encrypted key is damaged: bad IV or ciphertext encoding');
  }
  const key = await deriveWrappingKey(masterKey);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(BLOB_VERSION) },
      key,
      ciphertext,
    );
  } catch {
    // GCM cannot tell a wrong key from tampering; both mean "do not use this key".
    throw new KeyDecryptionError('Could not decrypt the private key: wrong master key or the data was altered');
  }
  const jwk = JSON.parse(fromUtf8(new Uint8Array(plaintext))) as JsonWebKey;
  assertEd25519Jwk(jwk);
  return jwk;
}

function deriveWrappingKey(masterKey: string): Promise<CryptoKey> {
  return deriveMasterSubkey(masterKey, HKDF_INFO);
}

/** An AES-256-GCM key derived (HKDF) from the master key for one use, named by `info`; refuses a short master key. */
export async function deriveMasterSubkey(masterKey: string, info: string): Promise<CryptoKey> {
  if (typeof masterKey !== 'string' || masterKey.length < MIN_MASTER_KEY_LENGTH) {
    // A short master key would make the at-rest encryption guessable; refuse rather than weaken it.
    throw new Error(`The master key must be at least ${MIN_MASTER_KEY_LENGTH} characters of random data`);
  }
  const ikm = await crypto.subtle.importKey('raw', utf8(masterKey), 'HKDF', false, ['deriveKey']);
  // Empty salt is fine (RFC 5869 §3.1): the master key is already high-entropy; info separates each use.
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(info) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function assertEd25519Jwk(jwk: JsonWebKey): asserts jwk is JsonWebKey & { x: string } {
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('Expected an Ed25519 JWK (kty "OKP", crv "Ed25519")');
  }
  const x = base64UrlDecode(jwk.x);
  if (x?.length !== 32) throw new Error('Ed25519 JWK "x" must be 32 bytes of base64url');
}

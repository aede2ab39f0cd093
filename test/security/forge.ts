/**
 * A small forger's kit for the tamper battery and the fuzzers: decode and re-assemble compact JWTs byte by byte,
 * re-sign edited tokens with real keys, and sign with the algorithms an attacker would try (HS256 with a public key
 * as the secret, ES256, RS256). Everything here uses real keys and real signatures; nothing is mocked.
 */
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../../worker/credentials/encoding';
import { signJwt } from '../../worker/credentials/jwt';
import { type TestHolder, makeHolder } from '../unit/credentials/fixtures';

export type Json = Record<string, unknown>;

export interface Decoded {
  header: Json;
  payload: Json;
  /** The three base64url parts exactly as they were. */
  parts: [string, string, string];
  signature: Uint8Array;
}

/** Decodes a compact JWT that is known to be well formed (test input, not untrusted). */
export function decodeJwt(jwt: string): Decoded {
  const [h = '', p = '', s = ''] = jwt.split('.');
  return {
    header: JSON.parse(fromUtf8(base64UrlDecode(h)!)) as Json,
    payload: JSON.parse(fromUtf8(base64UrlDecode(p)!)) as Json,
    parts: [h, p, s],
    signature: base64UrlDecode(s)!,
  };
}

/** base64url of raw bytes or of a string's UTF-8. */
export function b64(value: Uint8Array | string): string {
  return base64UrlEncode(typeof value === 'string' ? utf8(value) : value);
}

/** base64url of a value's JSON. */
export function b64json(value: unknown): string {
  return b64(JSON.stringify(value));
}

/** A deep copy of a decoded claims set (so each forgery starts from a fresh object). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Decodes, lets `edit` change header and payload, and signs again with `key` (EdDSA over the edited bytes). */
export async function resign(
  jwt: string,
  key: CryptoKey,
  edit: { header?: (h: Json) => void; payload?: (p: Json) => void },
): Promise<string> {
  const { header, payload } = decodeJwt(jwt);
  edit.header?.(header);
  edit.payload?.(payload);
  return signJwt(header, payload, key);
}

/** Keeps the signature, changes the claims: the classic tamper. */
export function tamperPayload(jwt: string, edit: (p: Json) => void): string {
  const d = decodeJwt(jwt);
  const payload = clone(d.payload);
  edit(payload);
  return `${d.parts[0]}.${b64json(payload)}.${d.parts[2]}`;
}

/** Keeps the signature, changes the header. */
export function tamperHeader(jwt: string, edit: (h: Json) => void): string {
  const d = decodeJwt(jwt);
  const header = clone(d.header);
  edit(header);
  return `${b64json(header)}.${d.parts[1]}.${d.parts[2]}`;
}

/** Replaces part `index` (0 header, 1 payload, 2 signature) with `text` verbatim. */
export function replacePart(jwt: string, index: 0 | 1 | 2, text: string): string {
  const parts = jwt.split('.');
  parts[index] = text;
  return parts.join('.');
}

/** Flips one bit of the decoded signature and re-encodes it canonically. */
export function flipSignatureBit(jwt: string, byte = 10, bit = 0): string {
  const d = decodeJwt(jwt);
  const sig = d.signature.slice();
  sig[byte] = (sig[byte] ?? 0) ^ (1 << bit);
  return `${d.parts[0]}.${d.parts[1]}.${b64(sig)}`;
}

/** HS256 over header.payload with `secret` as the HMAC key: the algorithm-confusion attack on public keys. */
export async function signHs256(header: Json, payload: Json, secret: Uint8Array): Promise<string> {
  const input = `${b64json(header)}.${b64json(payload)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    secret as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = await crypto.subtle.sign('HMAC', key, utf8(input));
  return `${input}.${b64(new Uint8Array(sig))}`;
}

/** A real ES256 (P-256) or RS256 (RSA 2048) signature with a freshly generated key. */
export async function signWithForeignAlg(alg: 'ES256' | 'RS256', header: Json, payload: Json): Promise<string> {
  const input = `${b64json({ ...header, alg })}.${b64json(payload)}`;
  let sig: ArrayBuffer;
  if (alg === 'ES256') {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, utf8(input));
  } else {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    sig = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, utf8(input));
  }
  return `${input}.${b64(new Uint8Array(sig))}`;
}

/** A fresh did:key identity with its private key: the attacker's, or a wallet's (the unit tests' holder fixture). */
export type DidKeySigner = TestHolder;
export const makeDidKeySigner = makeHolder;

/** Bytes that are not valid UTF-8 (a lone continuation byte, an overlong encoding and a surrogate). */
export const INVALID_UTF8 = new Uint8Array([
  0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x22, 0x7d,
]);

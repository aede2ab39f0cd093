/** Compact JWS/JWT: strict parsing (decode once) and Ed25519 signing/verification on WebCrypto. */
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from './encoding';
import type { SignBytes } from './signing';

export type JsonObject = Record<string, unknown>;

export interface ParsedJwt {
  header: JsonObject;
  payload: JsonObject;
  /** The ASCII bytes that were signed: `<header>.<payload>`. */
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

export type ParseResult = { ok: true; jwt: ParsedJwt } | { ok: false; message: string };

const ED25519 = { name: 'Ed25519' } as const;

/** Splits and decodes a compact JWS with strict base64url and JSON-object checks; never throws. */
export function parseCompactJwt(token: string): ParseResult {
  if (typeof token !== 'string') return { ok: false, message: 'The token is not a string' };
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.indexOf('.', second + 1) !== -1) {
    return { ok: false, message: 'A JWT has exactly three dot-separated parts' };
  }
  const headerBytes = base64UrlDecode(token.slice(0, first));
  const payloadBytes = base64UrlDecode(token.slice(first + 1, second));
  const signature = base64UrlDecode(token.slice(second + 1));
  if (!headerBytes || !payloadBytes || !signature) return { ok: false, message: 'A JWT part is not valid base64url' };
  const header = parseJsonObject(headerBytes);
  if (!header) return { ok: false, message: 'The JWT header is not a JSON object' };
  const payload = parseJsonObject(payloadBytes);
  if (!payload) return { ok: false, message: 'The JWT payload is not a JSON object' };
  // JWS signing input is the ASCII of the first two parts; a valid base64url string is ASCII, so utf8() is exact.
  return { ok: true, jwt: { header, payload, signingInput: utf8(token.slice(0, second)), signature } };
}

function parseJsonObject(bytes: Uint8Array): JsonObject | null {
  try {
    const value: unknown = JSON.parse(fromUtf8(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

/**
 * Signs `payload` under `header` with an Ed25519 private key (a WebCrypto key, or a runtime signer prepared for one)
 * and returns the compact JWS.
 */
export async function signJwt(header: JsonObject, payload: JsonObject, key: CryptoKey | SignBytes): Promise<string> {
  const signingInput = `${base64UrlEncode(utf8(JSON.stringify(header)))}.${base64UrlEncode(utf8(JSON.stringify(payload)))}`;
  const bytes = utf8(signingInput);
  const signature =
    typeof key === 'function' ? await key(bytes) : new Uint8Array(await crypto.subtle.sign(ED25519, key, bytes));
  return `${signingInput}.${base64UrlEncode(signature)}`;
}

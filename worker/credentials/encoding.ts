/** Byte encodings used by JWTs, JWKs, did:key and status lists (no Buffer, so it runs on Node and workerd). */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

// Reverse lookup tables built once; 255 marks "not in the alphabet".
const B64URL_REV = new Uint8Array(128).fill(255);
for (let i = 0; i < B64URL.length; i++) B64URL_REV[B64URL.charCodeAt(i)] = i;
const B58_REV = new Uint8Array(128).fill(255);
for (let i = 0; i < B58.length; i++) B58_REV[B58.charCodeAt(i)] = i;

// TC39 base64 API: native in workerd (and newer Node), absent in Node 22; feature-detected once, never required.
type NativeBase64 = {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>;
};
const nativeFromBase64 = (Uint8Array as unknown as NativeBase64).fromBase64;
type NativeToBase64 = { toBase64?: (options: { alphabet: 'base64url'; omitPadding: true }) => string };
const nativeToBase64 = (Uint8Array.prototype as unknown as NativeToBase64).toBase64;
// Node's Buffer decodes base64url in C++ (about 15x the atob path on a 100-credential presentation); used only where
// present and, like the other decoders, behind the strictness checks below.
type NodeBufferLike = {
  from(text: string, encoding: 'base64url'): Uint8Array;
  from(bytes: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64url'): string };
  byteLength(text: string, encoding: 'utf8'): number;
};
const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 in a token is an error, not silently replaced characters.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** Decodes UTF-8 bytes; throws on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/**
 * base64url without padding (RFC 7515 §2). The platform's encoder where there is one (Uint8Array.prototype.toBase64,
 * else Node's Buffer): a credential's payload is encoded about eight times faster than by the JS loop below.
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes, { alphabet: 'base64url', omitPadding: true });
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Strict base64url decode: unpadded, url-safe alphabet only, and the unused trailing bits must be zero,
 * so every byte string has exactly one accepted encoding (no malleable signatures or payloads).
 * Returns null instead of throwing because the verifier treats bad encoding as a result, not an exception.
 * Uses the platform's native decoder (Uint8Array.fromBase64 where present, else Node's Buffer, else atob; each
 * several times faster than a JS loop on the verify hot path) and closes the gaps where those are more forgiving than strict base64url:
 * '+', '/', '=', whitespace and non-zero trailing bits.
 */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> | null {
  const len = text.length;
  const tail = len % 4;
  if (tail === 1 || text.indexOf('+') !== -1 || text.indexOf('/') !== -1) return null;
  if (tail !== 0) {
    const last = sextet(text, len - 1);
    if (last > 63 || (last & (tail === 2 ? 15 : 3)) !== 0) return null;
  }
  // Both decoders silently drop whitespace and '=' padding; either would make the output shorter than 3/4 of the input.
  const expected = Math.floor((len * 3) / 4);
  if (nativeFromBase64) {
    try {
      const bytes = nativeFromBase64(text, { alphabet: 'base64url' });
      return bytes.length === expected ? bytes : null;
    } catch {
      return null;
    }
  }
  if (nodeBuffer) {
    // Buffer reads only the low byte of a UTF-16 code unit ('\u0157' would decode as 'W'), so anything non-ASCII is
    // refused first (its UTF-8 length then exceeds its length). ASCII outside the alphabet, '=' and whitespace are
    // skipped by Buffer, which the length check catches.
    if (nodeBuffer.byteLength(text, 'utf8') !== len) return null;
    const b = nodeBuffer.from(text, 'base64url');
    if (b.length !== expected) return null;
    // A copy: small decodes come from Buffer's shared pool, whose other bytes are not ours to hand out.
    return new Uint8Array(b);
  }
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (binary.length !== expected) return null;
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? (B64URL_REV[code] as number) : 255;
}

/** base58btc (Bitcoin alphabet), as used by multibase 'z' and did:key. */
export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Repeated division in base 58 over a little-endian digit array; inputs here are tiny (34 bytes).
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += B58[digits[i] as number];
  return out;
}

/** Decodes base58btc; null if a character is outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (B58_REV[code] as number) : 255;
    if (value === 255) return null;
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 255;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 255);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[zeros + i] = bytes[bytes.length - 1 - i] as number;
  return out;
}

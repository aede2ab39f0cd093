/**
 * Multikey public keys (multibase base58btc of a multicodec-prefixed key), as did:key and Multikey verification
 * methods carry them: Ed25519 (0xed), P-256 (0x1200) and P-384 (0x1201), the EC keys as compressed points.
 */
import { base58Decode, base58Encode, base64UrlDecode, base64UrlEncode } from './encoding';

type Codec = { prefix: readonly [number, number]; crv: 'Ed25519' | 'P-256' | 'P-384'; bytes: number };

// Multicodec codes as unsigned varints.
const CODECS: Codec[] = [
  { prefix: [0xed, 0x01], crv: 'Ed25519', bytes: 32 },
  { prefix: [0x80, 0x24], crv: 'P-256', bytes: 33 },
  { prefix: [0x81, 0x24], crv: 'P-384', bytes: 49 },
];

// Short Weierstrass curves with a = -3: prime p and coefficient b (SEC 2 / FIPS 186-4).
const CURVES = {
  'P-256': {
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    size: 32,
  },
  'P-384': {
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    size: 48,
  },
} as const;

/** The public JWK inside a multibase Multikey value, or null when it is not an Ed25519, P-256 or P-384 key. */
export function jwkFromMultikey(multibase: string): JsonWebKey | null {
  if (typeof multibase !== 'string' || !multibase.startsWith('z')) return null;
  const bytes = base58Decode(multibase.slice(1));
  if (!bytes) return null;
  const codec = CODECS.find((c) => bytes[0] === c.prefix[0] && bytes[1] === c.prefix[1]);
  if (!codec || bytes.length !== codec.bytes + 2) return null;
  const key = bytes.subarray(2);
  if (codec.crv === 'Ed25519') return { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(key) };
  return decompressPoint(codec.crv, key);
}

/** The multibase Multikey value of an Ed25519, P-256 or P-384 public JWK (EC keys as compressed points). */
export function multikeyFromJwk(jwk: JsonWebKey): string {
  const codec = CODECS.find((c) => c.crv === jwk.crv);
  const x = typeof jwk.x === 'string' ? base64UrlDecode(jwk.x) : null;
  if (!codec || !x) throw new Error('Expected an Ed25519, P-256 or P-384 public JWK');
  let key: Uint8Array;
  if (codec.crv === 'Ed25519') {
    if (jwk.kty !== 'OKP' || x.length !== 32) throw new Error('Expected an Ed25519 public JWK');
    key = x;
  } else {
    const y = typeof jwk.y === 'string' ? base64UrlDecode(jwk.y) : null;
    if (jwk.kty !== 'EC' || !y || x.length !== codec.bytes - 1 || y.length !== x.length)
      throw new Error(`Expected a ${codec.crv} public JWK`);
    key = new Uint8Array(codec.bytes);
    key[0] = (y[y.length - 1] as number) & 1 ? 0x03 : 0x02;
    key.set(x, 1);
  }
  const out = new Uint8Array(key.length + 2);
  out.set(codec.prefix, 0);
  out.set(key, 2);
  return `z${base58Encode(out)}`;
}

/** Recovers y from a compressed point (0x02/0x03 || x); null when x is not on the curve. */
function decompressPoint(crv: 'P-256' | 'P-384', compressed: Uint8Array): JsonWebKey | null {
  const { p, b, size } = CURVES[crv];
  const prefix = compressed[0];
  if (prefix !== 0x02 && prefix !== 0x03) return null;
  const x = toBigInt(compressed.subarray(1));
  if (x >= p) return null;
  const rhs = mod(x * x * x - 3n * x + b, p);
  // p ≡ 3 (mod 4) for both curves, so a square root is rhs^((p+1)/4).
  let y = modPow(rhs, (p + 1n) / 4n, p);
  if (mod(y * y, p) !== rhs) return null;
  if ((y & 1n) !== BigInt(prefix & 1)) y = p - y;
  return {
    kty: 'EC',
    crv,
    x: base64UrlEncode(compressed.subarray(1)),
    y: base64UrlEncode(fromBigInt(y, size)),
  };
}

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

function fromBigInt(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let v = n;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

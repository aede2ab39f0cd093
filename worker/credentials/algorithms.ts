/**
 * The JWS algorithms the verifier accepts, and how each maps to a public key type and a WebCrypto operation.
 * An explicit allow-list: "none" and the HMAC algorithms are never accepted (an HMAC "signature" keyed with a
 * public key proves nothing), and a key is only ever used with the one algorithm its type allows.
 */
import { base64UrlDecode } from './encoding';

/** Every algorithm any of our verifiers accepts; RS256 only for Open Badges 3.0 JWTs (see allowedAlgorithms). */
export const ACCEPTED_ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'RS256'] as const;
export type JwsAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** RSA keys shorter than this are refused (NIST SP 800-131A; Open Badges 3.0 asks for at least 2048 bits). */
export const MIN_RSA_BITS = 2048;

interface AlgorithmSpec {
  importParams: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams;
  verifyParams: AlgorithmIdentifier | EcdsaParams;
  /** Exact signature length in bytes, or null when it depends on the key (RSA). */
  signatureBytes: number | null;
}

const SPECS: Record<JwsAlgorithm, AlgorithmSpec> = {
  EdDSA: { importParams: { name: 'Ed25519' }, verifyParams: { name: 'Ed25519' }, signatureBytes: 64 },
  ES256: {
    importParams: { name: 'ECDSA', namedCurve: 'P-256' },
    verifyParams: { name: 'ECDSA', hash: 'SHA-256' },
    signatureBytes: 64,
  },
  ES384: {
    importParams: { name: 'ECDSA', namedCurve: 'P-384' },
    verifyParams: { name: 'ECDSA', hash: 'SHA-384' },
    signatureBytes: 96,
  },
  RS256: {
    importParams: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    verifyParams: { name: 'RSASSA-PKCS1-v1_5' },
    signatureBytes: null,
  },
};

/** Whether `alg` (from a token header) is one of the accepted algorithms; exact match, case-sensitive. */
export function isAcceptedAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && (ACCEPTED_ALGORITHMS as readonly string[]).includes(alg);
}

const EC_COORDINATE_BYTES = { 'P-256': 32, 'P-384': 48 } as const;

/**
 * The minimal public JWK of a key, or null when it is not a public key we can use (unknown type or curve, wrong
 * coordinate length, an RSA modulus under MIN_RSA_BITS, or private material present).
 */
export function normalisePublicJwk(jwk: JsonWebKey | undefined | null): JsonWebKey | null {
  if (!jwk || typeof jwk !== 'object' || jwk.d !== undefined) return null;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string')
    return base64UrlDecode(jwk.x)?.length === 32 ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : null;
  if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384')) {
    const size = EC_COORDINATE_BYTES[jwk.crv];
    const x = typeof jwk.x === 'string' ? base64UrlDecode(jwk.x) : null;
    const y = typeof jwk.y === 'string' ? base64UrlDecode(jwk.y) : null;
    return x?.length === size && y?.length === size ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } : null;
  }
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string') {
    const bits = rsaModulusBits(jwk.n);
    return bits >= MIN_RSA_BITS && base64UrlDecode(jwk.e) ? { kty: 'RSA', n: jwk.n, e: jwk.e } : null;
  }
  return null;
}

/** The one algorithm a normalised public key may be used with. */
export function algorithmForKey(jwk: JsonWebKey): JwsAlgorithm | null {
  if (jwk.kty === 'OKP') return 'EdDSA';
  if (jwk.kty === 'EC') return jwk.crv === 'P-256' ? 'ES256' : jwk.crv === 'P-384' ? 'ES384' : null;
  if (jwk.kty === 'RSA') return 'RS256';
  return null;
}

/** A stable string naming a public key (its type and public members), for caches and key comparisons. */
export function keyFingerprint(jwk: JsonWebKey): string {
  return jwk.kty === 'RSA' ? `RSA|${jwk.n}|${jwk.e}` : `${jwk.crv}|${jwk.x}|${jwk.y ?? ''}`;
}

/** Imports a normalised public JWK for verifying `alg` signatures. */
export async function importVerifyKey(jwk: JsonWebKey, alg: JwsAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, SPECS[alg].importParams, false, ['verify']);
}

/** Verifies a JWS signature with `alg`; false on any failure, including a signature of the wrong length. */
export async function verifySignature(
  alg: JwsAlgorithm,
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  signingInput: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const spec = SPECS[alg];
  if (spec.signatureBytes !== null && signature.length !== spec.signatureBytes) return false;
  try {
    return await crypto.subtle.verify(spec.verifyParams, key, signature, signingInput);
  } catch {
    return false;
  }
}

function rsaModulusBits(n: string): number {
  const bytes = base64UrlDecode(n);
  if (!bytes?.length) return 0;
  let first = 0;
  while (first < bytes.length && bytes[first] === 0) first++;
  if (first === bytes.length) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first] as number));
}

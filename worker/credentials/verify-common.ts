/** Steps shared by the credential, status list and presentation verifiers: header rules, key selection, signature. */
import { algorithmForKey, isAcceptedAlgorithm, keyFingerprint, verifySignature, type JwsAlgorithm } from './algorithms';
import type { VerifierCache } from './cache';
import {
  findVerificationMethod,
  listVerificationMethods,
  publicJwkFromVerificationMethod,
  type DidDocument,
  type VerificationRelationship,
} from './did';
import type { ErrorCode } from './errors';
import type { JsonObject, ParsedJwt } from './jwt';

export interface KeyCandidate {
  vmId: string;
  /** The minimal public JWK of the verification method. */
  jwk: JsonWebKey;
  alg: JwsAlgorithm;
  /** keyFingerprint(jwk): the key of the CryptoKey cache and of cached status list verifications. */
  fingerprint: string;
}

export type StepResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** Algorithms for credentials and presentations in general; RS256 is added only for Open Badges 3.0 JWTs. */
export const DEFAULT_ALGORITHMS: readonly JwsAlgorithm[] = ['EdDSA', 'ES256', 'ES384'];

/**
 * The algorithm comes from an explicit allow-list, never trusted blindly from the token: "none", HS256 signed with
 * the public key as an HMAC secret, or a case variant fail here before any key is touched, and later each key is
 * used only with the one algorithm its type allows. Keys embedded in the header (jwk, jku, x5u, x5c) are never
 * used; keys come only from the signer's DID document.
 */
export function checkAlgorithm(
  header: JsonObject,
  allowed: readonly JwsAlgorithm[] = DEFAULT_ALGORITHMS,
): StepResult<JwsAlgorithm> {
  if (!isAcceptedAlgorithm(header.alg) || !allowed.includes(header.alg)) {
    return {
      ok: false,
      code: 'unsupported_algorithm',
      message: `Algorithm ${JSON.stringify(header.alg ?? null)} is not accepted here; accepted: ${allowed.join(', ')}`,
    };
  }
  // RFC 7515 §4.1.11: a recipient must reject critical extensions it does not understand, and we understand none.
  if (header.crit !== undefined)
    return { ok: false, code: 'unsupported_header', message: 'The "crit" header parameter is not supported' };
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    return { ok: false, code: 'unsupported_header', message: 'The "kid" header parameter must be a string' };
  }
  return { ok: true, value: header.alg };
}

/**
 * The keys allowed to have signed for `did` with `alg`: with a kid, exactly that verification method, which must
 * belong to `did`, be listed under `relationship` and hold a key of the type `alg` needs (a kid naming another DID's
 * key is refused, even if that key signed; a key of another type is an algorithm mismatch); without a kid, every
 * key of that type under `relationship`.
 */
export function selectKeys(
  doc: DidDocument,
  did: string,
  kid: string | undefined,
  relationship: VerificationRelationship,
  alg: JwsAlgorithm = 'EdDSA',
): StepResult<KeyCandidate[]> {
  if (kid !== undefined) {
    const absolute = kid.startsWith('#') ? did + kid : kid;
    const hash = absolute.indexOf('#');
    if (hash < 0 || absolute.slice(0, hash) !== did) {
      return { ok: false, code: 'unknown_key', message: `Key ${kid} does not belong to ${did}` };
    }
    const vm = findVerificationMethod(doc, absolute, relationship);
    if (!vm)
      return {
        ok: false,
        code: 'unknown_key',
        message: `Key ${kid} is not listed under ${relationship} in the DID document of ${did}`,
      };
    const jwk = publicJwkFromVerificationMethod(vm);
    if (!jwk) return { ok: false, code: 'unknown_key', message: `Key ${kid} is not a supported public key` };
    if (algorithmForKey(jwk) !== alg)
      return { ok: false, code: 'unsupported_algorithm', message: `Key ${kid} cannot be used with ${alg}` };
    return { ok: true, value: [{ vmId: absolute, jwk, alg, fingerprint: keyFingerprint(jwk) }] };
  }
  const keys: KeyCandidate[] = [];
  for (const vm of listVerificationMethods(doc, relationship)) {
    const jwk = publicJwkFromVerificationMethod(vm);
    if (jwk && algorithmForKey(jwk) === alg)
      keys.push({ vmId: vm.id.startsWith('#') ? did + vm.id : vm.id, jwk, alg, fingerprint: keyFingerprint(jwk) });
  }
  if (!keys.length)
    return {
      ok: false,
      code: 'unknown_key',
      message: `The DID document of ${did} has no ${alg} key under ${relationship}`,
    };
  return { ok: true, value: keys };
}

/** The candidate whose key verifies the signature, or null. */
export async function verifyWithKeys(
  jwt: ParsedJwt,
  keys: KeyCandidate[],
  cache: VerifierCache,
): Promise<KeyCandidate | null> {
  for (const key of keys) {
    if (key.alg === 'EdDSA' && cache.verifyEd25519) {
      // The runtime's own check: same answer as WebCrypto's, no key import (an Ed25519 signature is 64 bytes).
      if (
        jwt.signature.length === 64 &&
        (await cache.verifyEd25519(key.jwk.x as string, jwt.signature, jwt.signingInput))
      )
        return key;
      continue;
    }
    let publicKey: CryptoKey;
    try {
      publicKey = await cache.publicKey(key);
    } catch {
      continue;
    }
    if (await verifySignature(key.alg, publicKey, jwt.signature, jwt.signingInput)) return key;
  }
  return null;
}

/** Milliseconds for an XSD dateTimeStamp string, or undefined when absent or unparseable. */
export function dateMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Milliseconds for a NumericDate claim, or undefined when absent or not a number. */
export function numericDateMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/** The id of a VC `issuer` (string or object form). */
export function issuerId(issuer: unknown): string | undefined {
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return undefined;
}

/** A value or array of values as an array. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The first zod issue as "path: message", short enough for a result message. */
export function describeIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Resolves a DID through the injected resolver; null on failure or when the document is for another DID. */
export async function resolveDocument(
  resolveDid: (did: string) => Promise<DidDocument | null>,
  did: string,
): Promise<DidDocument | null> {
  try {
    const doc = await resolveDid(did);
    // A document for another DID (misconfigured server or poisoned cache) must not supply keys for this one.
    return doc && typeof doc === 'object' && doc.id === did ? doc : null;
  } catch {
    return null;
  }
}

/**
 * Bounded caches for the verifier: DID documents and status lists (TTL), imported keys and verified lists
 * (content-addressed). All are the one Cache (lib/cache.ts); the app makes them through its cache kit.
 */
import { Cache } from '../lib/cache';
import type { DidDocument } from './did';
import { importVerifyKey, type JwsAlgorithm } from './algorithms';
import type { VerifyEd25519 } from './signing';

export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => Date;
}

/** Wraps an async lookup with a bounded TTL cache; misses (null) and failures are not cached, concurrent misses share one call. */
export function createTtlCache<T>(
  inner: (key: string) => Promise<T | null>,
  { ttlMs, maxEntries, now = () => new Date() }: TtlCacheOptions,
): (key: string) => Promise<T | null> {
  return cachedLookup(new Cache<Promise<T | null>>({ ttlMs, max: maxEntries }, () => now().getTime()), inner);
}

/** Puts a cache in front of an async lookup; a miss (null) or failure is not kept: a DID or list that failed to load is retried next time. */
export function cachedLookup<T>(
  cache: Cache<Promise<T | null>>,
  inner: (key: string) => Promise<T | null>,
): (key: string) => Promise<T | null> {
  return (key) =>
    cache.through(
      key,
      () => inner(key),
      (result) => result !== null,
    );
}

/** A bounded TTL cache in front of a DID resolver. */
export function createCachedResolver(
  inner: (did: string) => Promise<DidDocument | null>,
  options: TtlCacheOptions,
): (did: string) => Promise<DidDocument | null> {
  return createTtlCache(inner, options);
}

/** A bounded TTL cache in front of a status list fetcher (URL -> status list credential JWT). */
export function createCachedStatusListFetcher(
  inner: (url: string) => Promise<string | null>,
  options: TtlCacheOptions,
): (url: string) => Promise<string | null> {
  return createTtlCache(inner, options);
}

/** What a status list JWT proved once its signature checked out; reused while the same bytes come back. */
export interface VerifiedStatusList {
  id: string;
  issuer: string;
  purpose: string;
  bits: Uint8Array;
  /** The verification method that signed it, and its key fingerprint; trusted only while the DID document still lists both. */
  vmId: string;
  fingerprint: string;
  validFrom?: number;
  validUntil?: number;
}

/**
 * Work the verifier can safely reuse across calls. Imported keys are keyed by the public key bytes; verified status
 * lists by the exact token, and each records the key that verified it, which is trusted only while the issuer's
 * current DID document still lists that key. Neither can make a result differ from a cold verification.
 */
export interface VerifierCache {
  /** The imported verification key for a public JWK used with `alg`, keyed by its fingerprint. */
  publicKey(key: { jwk: JsonWebKey; alg: JwsAlgorithm; fingerprint: string }): Promise<CryptoKey>;
  statusLists: Cache<VerifiedStatusList>;
  /** The runtime's own Ed25519 check, used for EdDSA signatures instead of WebCrypto when the runtime has one. */
  verifyEd25519?: VerifyEd25519 | undefined;
}

/** The verifier cache's two parts; both are content-addressed, so they need a bound but no lifetime. */
export interface VerifierCacheParts {
  keys: Cache<Promise<CryptoKey>>;
  statusLists: Cache<VerifiedStatusList>;
  verifyEd25519?: VerifyEd25519 | undefined;
}

/** Sizes of a verifier cache made outside an app (the library's own default). */
export const VERIFIER_CACHE_SIZES = { keys: 1000, statusLists: 200 };

/** Creates a verifier cache from two bounded caches (by default fresh ones of VERIFIER_CACHE_SIZES). */
export function createVerifierCache(
  parts: VerifierCacheParts = {
    keys: new Cache({ ttlMs: Number.POSITIVE_INFINITY, max: VERIFIER_CACHE_SIZES.keys }, Date.now),
    statusLists: new Cache({ ttlMs: Number.POSITIVE_INFINITY, max: VERIFIER_CACHE_SIZES.statusLists }, Date.now),
  },
): VerifierCache {
  return {
    publicKey: ({ jwk, alg, fingerprint }) => parts.keys.through(fingerprint, () => importVerifyKey(jwk, alg)),
    statusLists: parts.statusLists,
    verifyEd25519: parts.verifyEd25519,
  };
}

let sharedCache: VerifierCache | undefined;

/** The isolate-wide cache used when the caller injects none (created lazily; holds no secrets). */
export function defaultVerifierCache(): VerifierCache {
  sharedCache ??= createVerifierCache();
  return sharedCache;
}

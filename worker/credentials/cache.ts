/** Bounded caches for the verifier: DID documents and status lists (TTL), imported keys and verified lists (content-addressed). */
import type { DidDocument } from './did';
import { importPublicKey } from './keys';

/** A size-bounded least-recently-used map (Map keeps insertion order, so the first key is the oldest). */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new Error('maxEntries must be at least 1');
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

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
  const entries = new LruMap<string, { expiresAt: number; value: Promise<T | null> }>(maxEntries);
  return (key) => {
    const at = now().getTime();
    const hit = entries.get(key);
    if (hit && hit.expiresAt > at) return hit.value;
    const value = inner(key).then(
      (result) => {
        // Do not pin a miss: a DID or list that failed to load should be retried on the next request.
        if (result === null) entries.delete(key);
        return result;
      },
      (error: unknown) => {
        entries.delete(key);
        throw error;
      },
    );
    entries.set(key, { expiresAt: at + ttlMs, value });
    return value;
  };
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
  /** The verification method that signed it, and its key; the entry is trusted only while the DID document still lists both. */
  vmId: string;
  x: string;
  validFrom?: number;
  validUntil?: number;
}

/**
 * Work the verifier can safely reuse across calls. Imported keys are keyed by the public key bytes; verified status
 * lists by the exact token, and each records the key that verified it, which is trusted only while the issuer's
 * current DID document still lists that key. Neither can make a result differ from a cold verification.
 */
export interface VerifierCache {
  publicKey(x: string): Promise<CryptoKey>;
  statusLists: LruMap<string, VerifiedStatusList>;
}

/** Creates a verifier cache with bounded sizes. */
export function createVerifierCache({ maxKeys = 1000, maxStatusLists = 200 } = {}): VerifierCache {
  const keys = new LruMap<string, Promise<CryptoKey>>(maxKeys);
  return {
    publicKey(x) {
      let key = keys.get(x);
      if (!key) {
        key = importPublicKey({ kty: 'OKP', crv: 'Ed25519', x });
        keys.set(x, key);
        key.catch(() => keys.delete(x));
      }
      return key;
    },
    statusLists: new LruMap(maxStatusLists),
  };
}

let sharedCache: VerifierCache | undefined;

/** The isolate-wide cache used when the caller injects none (created lazily; holds no secrets). */
export function defaultVerifierCache(): VerifierCache {
  sharedCache ??= createVerifierCache();
  return sharedCache;
}

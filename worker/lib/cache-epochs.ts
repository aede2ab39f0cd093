/**
 * In-process invalidation for short-lived caches (the verifier's trust and status answers, role fit's catalogue
 * roles). A change made in this process (an organisation approved, a credential revoked, a role's requirements
 * edited) bumps an epoch, so this process sees it at once; other processes or Worker isolates see it when their
 * cache entry expires (seconds to a minute, see verifier-deps.ts and role-fit.ts). The epochs are per process on
 * purpose: every app in the process must forget what the change made stale.
 */
import { Cache } from './cache';

let trust = 0;
let status = 0;
let catalogue = 0;

/** Call after any change to organisation approval or issuing scopes, or an issuer key's withdrawal. */
export function bumpTrustEpoch(): void {
  trust++;
}

/** Call after any credential status change. */
export function bumpStatusEpoch(): void {
  status++;
}

/** Call after a platform admin changes catalogue roles' requirements. */
export function bumpCatalogueEpoch(): void {
  catalogue++;
}

export const epochs = {
  trust: () => trust,
  status: () => status,
  catalogue: () => catalogue,
};

export type EpochName = keyof typeof epochs;

/** A TTL cache of loads whose entries also die when an epoch moves on (a Cache with `through`, on a Date clock). */
export class EpochCache<T> {
  private readonly cache: Cache<Promise<T>>;
  constructor(ttlMs: number, epoch: () => number, now: () => Date, maxEntries = 5000) {
    this.cache = new Cache<Promise<T>>({ ttlMs, max: maxEntries, epoch }, () => now().getTime());
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.through(key, load);
  }
}

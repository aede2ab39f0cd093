/**
 * The app's cache kit: every cache names its lifetime and bound, runs on the app's one clock, and is reachable
 * from AppDeps.caches rather than a module global. createCacheKit is called once where AppDeps is built.
 */
import { Cache, type CacheSpec } from './cache';
import { type EpochName, epochs } from './cache-epochs';

export interface KitCacheSpec extends Omit<CacheSpec, 'epoch'> {
  /** Entries also die when this in-process epoch moves on (a revocation, an approval, a role edit here). */
  epoch?: EpochName;
}

/** Makes an app's caches, all on the app's one clock. */
export interface CacheKit {
  /** A new named cache with its lifetime and bound; each name is made once per app. */
  create<V>(name: string, spec: KitCacheSpec): Cache<V>;
  /** The named cache, made with `spec` on first use: for services that reach the kit through their deps. */
  named<V>(name: string, spec: KitCacheSpec): Cache<V>;
  /** One value per app made on first use (e.g. the verifier's wiring, which holds several caches). */
  shared<T>(name: string, make: () => T): T;
  /** Empties every cache of this app (tests and benchmarks that want a cold start). */
  clear(): void;
}

/** The cache kit for one app; `clock` is the app's clock, so tests that move it see every cache follow. */
export function createCacheKit(clock: () => Date): CacheKit {
  const caches = new Map<string, Cache<unknown>>();
  const singles = new Map<string, unknown>();
  const now = () => clock().getTime();
  return {
    create<V>(name: string, { epoch, ...spec }: KitCacheSpec): Cache<V> {
      if (caches.has(name)) throw new Error(`cache "${name}" already exists`);
      const cache = new Cache<V>({ ...spec, ...(epoch ? { epoch: epochs[epoch] } : {}) }, now);
      caches.set(name, cache as Cache<unknown>);
      return cache;
    },
    named<V>(name: string, spec: KitCacheSpec): Cache<V> {
      return (caches.get(name) as Cache<V> | undefined) ?? this.create<V>(name, spec);
    },
    shared<T>(name: string, make: () => T): T {
      if (!singles.has(name)) singles.set(name, make());
      return singles.get(name) as T;
    },
    clear() {
      for (const cache of caches.values()) cache.clear();
    },
  };
}

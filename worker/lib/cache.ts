/**
 * The one in-memory cache: a bounded map whose entries die after a lifetime on a given clock, drop
 * least-recently-used entries beyond a bound, and (optionally) die when an in-process epoch moves on. The app
 * makes its caches through the kit (cache-kit.ts) so they all run on the app's one clock.
 */

export interface CacheSpec {
  /** How long an entry is reused (Infinity: content-addressed entries that never go stale). */
  ttlMs: number;
  /** At most this many entries; the least recently used goes first. */
  max: number;
  /** Entries also die when this counter moves on (an in-process epoch, see cache-epochs.ts). */
  epoch?: () => number;
}

interface Entry<V> {
  value: V;
  at: number;
  expiresAt: number;
  epoch: number;
}

/** A bounded TTL + LRU cache on a given clock (milliseconds). */
export class Cache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly epoch: () => number;

  constructor(
    private readonly spec: CacheSpec,
    private readonly now: () => number,
  ) {
    if (!(spec.max >= 1)) throw new Error('max must be at least 1');
    if (!(spec.ttlMs > 0)) throw new Error('ttlMs must be positive');
    this.epoch = spec.epoch ?? (() => 0);
  }

  /** The live value for a key (refreshing its recency), or undefined when absent, expired or from an older epoch. */
  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const t = this.now();
    // A clock that went backwards makes an entry unknown-aged: treat it as stale.
    if (t >= hit.expiresAt || t < hit.at || hit.epoch !== this.epoch()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Stores a value for the cache's lifetime, or for `ttlMs` when given (e.g. a rate-limit window). */
  set(key: string, value: V, ttlMs = this.spec.ttlMs): void {
    const at = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, at, expiresAt: at + ttlMs, epoch: this.epoch() });
    if (this.entries.size > this.spec.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Entries held, live or not yet noticed as expired. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached promise for a key, or a new one from `load`; concurrent callers share one load. A failed load,
   * or a result `keep` refuses (e.g. a miss that should be retried), is forgotten so the next call loads again.
   */
  through<R>(this: Cache<Promise<R>>, key: string, load: () => Promise<R>, keep?: (value: R) => boolean): Promise<R> {
    const hit = this.get(key);
    if (hit) return hit;
    const value = load();
    this.set(key, value);
    const forget = () => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    };
    value.then((v) => {
      if (keep && !keep(v)) forget();
    }, forget);
    return value;
  }
}

/**
 * A fixed-window rate limiter held in memory, for the hot public endpoints (the verifier), where a database
 * write per request would cost more than the verification itself. Per process on Node, per isolate on
 * Workers (put Cloudflare rate-limiting rules in front in production). Sign-in limits stay in the database.
 * Its windows are a bounded Cache (lib/cache.ts): each lives for its window, and beyond `maxKeys` clients the one
 * seen least recently is forgotten.
 */
import { Cache } from './cache';

interface Window {
  count: number;
  resetAt: number;
}

export class MemoryRateLimiter {
  private nowMs = 0;
  private readonly windows: Cache<Window>;

  constructor(maxKeys = 10_000) {
    // The caller says what time it is on each hit; the cache reads that.
    this.windows = new Cache<Window>({ ttlMs: 60_000, max: maxKeys }, () => this.nowMs);
  }

  /** Counts one hit; allows at most `limit` per `windowSeconds` per key. */
  hit(key: string, limit: number, windowSeconds: number, nowMs: number) {
    this.nowMs = nowMs;
    let w = this.windows.get(key);
    if (!w) {
      w = { count: 0, resetAt: nowMs + windowSeconds * 1000 };
      this.windows.set(key, w, windowSeconds * 1000);
    }
    w.count++;
    return {
      allowed: w.count <= limit,
      remaining: Math.max(0, limit - w.count),
      retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)),
    };
  }
}

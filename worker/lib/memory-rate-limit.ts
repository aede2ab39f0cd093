/**
 * A fixed-window rate limiter held in memory, for the hot public endpoints (the verifier), where a database
 * write per request would cost more than the verification itself. Per process on Node, per isolate on
 * Workers (put Cloudflare rate-limiting rules in front in production). Sign-in limits stay in the database.
 */
export class MemoryRateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private maxKeys = 10_000) {}

  /** Counts one hit; allows at most `limit` per `windowSeconds` per key. */
  hit(key: string, limit: number, windowSeconds: number, nowMs: number) {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= nowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.sweep(nowMs);
      w = { count: 0, resetAt: nowMs + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    return {
      allowed: w.count <= limit,
      remaining: Math.max(0, limit - w.count),
      retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)),
    };
  }

  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= nowMs) this.windows.delete(k);
    // Still full of live windows: forget the oldest half rather than grow without bound.
    if (this.windows.size >= this.maxKeys) {
      let n = Math.floor(this.maxKeys / 2);
      for (const k of this.windows.keys()) {
        if (n-- <= 0) break;
        this.windows.delete(k);
      }
    }
  }
}

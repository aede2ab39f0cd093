/** The cache kit: lifetimes on the injected clock, bounds, epochs, shared loads. */
import { describe, expect, it } from 'vitest';
import { Cache } from '../../../worker/lib/cache';
import { bumpStatusEpoch, bumpTrustEpoch } from '../../../worker/lib/cache-epochs';
import { createCacheKit } from '../../../worker/lib/cache-kit';
import { MemoryRateLimiter } from '../../../worker/lib/memory-rate-limit';

function movableClock(start = '2026-06-01T09:00:00Z') {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('Cache', () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const lru = new Cache<number>({ ttlMs: Number.POSITIVE_INFINITY, max: 2 }, Date.now);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('refuses a bound below one and a lifetime of zero', () => {
    expect(() => new Cache({ ttlMs: 1000, max: 0 }, Date.now)).toThrow();
    expect(() => new Cache({ ttlMs: 0, max: 10 }, Date.now)).toThrow();
  });

  it('treats an entry as stale when the clock goes backwards', () => {
    let t = 10_000;
    const cache = new Cache<string>({ ttlMs: 5_000, max: 10 }, () => t);
    cache.set('k', 'v');
    t = 9_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps a value for a per-entry lifetime when one is given', () => {
    let t = 0;
    const cache = new Cache<string>({ ttlMs: 60_000, max: 10 }, () => t);
    cache.set('short', 'v', 1_000);
    cache.set('long', 'v');
    t = 1_000;
    expect(cache.has('short')).toBe(false);
    expect(cache.has('long')).toBe(true);
  });

  it('through shares one load between concurrent callers and forgets failures and refused results', async () => {
    const cache = new Cache<Promise<string | null>>({ ttlMs: 60_000, max: 10 }, () => 0);
    let calls = 0;
    const load =
      (result: string | null, fail = false) =>
      async () => {
        calls++;
        if (fail) throw new Error('down');
        return result;
      };
    const keep = (v: string | null) => v !== null;
    const [a, b] = await Promise.all([cache.through('x', load('one'), keep), cache.through('x', load('two'), keep)]);
    expect([a, b, calls]).toEqual(['one', 'one', 1]);
    await expect(cache.through('f', load('never', true), keep)).rejects.toThrow('down');
    expect(await cache.through('f', load('back'), keep)).toBe('back');
    expect(await cache.through('n', load(null), keep)).toBeNull();
    expect(await cache.through('n', load('found'), keep)).toBe('found');
    expect(calls).toBe(5);
  });
});

describe('createCacheKit', () => {
  it('expires entries by the injected clock, not the wall clock', () => {
    const c = movableClock();
    const kit = createCacheKit(c.clock);
    const cache = kit.create<string>('trust', { ttlMs: 60_000, max: 100 });
    cache.set('did:web:a', 'approved');
    c.advance(59_999);
    expect(cache.get('did:web:a')).toBe('approved');
    c.advance(1);
    expect(cache.get('did:web:a')).toBeUndefined();
  });

  it('drops entries when their epoch moves on, and only theirs', () => {
    const kit = createCacheKit(movableClock().clock);
    const trust = kit.create<string>('trust', { ttlMs: 60_000, max: 100, epoch: 'trust' });
    const status = kit.create<string>('status', { ttlMs: 60_000, max: 100, epoch: 'status' });
    const plain = kit.create<string>('plain', { ttlMs: 60_000, max: 100 });
    trust.set('k', 'v');
    status.set('k', 'v');
    plain.set('k', 'v');
    bumpTrustEpoch();
    expect(trust.get('k')).toBeUndefined();
    expect(status.get('k')).toBe('v');
    bumpStatusEpoch();
    expect(status.get('k')).toBeUndefined();
    expect(plain.get('k')).toBe('v');
  });

  it('names each cache once, shares per-app values, and clears every cache it made', () => {
    const kit = createCacheKit(movableClock().clock);
    const a = kit.create<number>('a', { ttlMs: 1000, max: 5 });
    expect(() => kit.create('a', { ttlMs: 1000, max: 5 })).toThrow(/already exists/);
    let made = 0;
    const first = kit.shared('wiring', () => ({ n: ++made }));
    expect(kit.shared('wiring', () => ({ n: ++made }))).toBe(first);
    expect(made).toBe(1);
    a.set('x', 1);
    kit.clear();
    expect(a.size).toBe(0);
    // Another app's kit is separate.
    expect(() => createCacheKit(movableClock().clock).create('a', { ttlMs: 1000, max: 5 })).not.toThrow();
  });
});

describe('MemoryRateLimiter', () => {
  it('allows `limit` hits per window per key, then opens a new window', () => {
    const limiter = new MemoryRateLimiter();
    const t0 = 1_000_000;
    const hits = [0, 1, 2].map(() => limiter.hit('verify:1.2.3.4', 2, 60, t0));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, false]);
    expect(hits[2]).toMatchObject({ remaining: 0, retryAfterSeconds: 60 });
    expect(limiter.hit('verify:5.6.7.8', 2, 60, t0).allowed).toBe(true);
    expect(limiter.hit('verify:1.2.3.4', 2, 60, t0 + 59_500)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('verify:1.2.3.4', 2, 60, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('stays within its bound, forgetting the client seen least recently', () => {
    const limiter = new MemoryRateLimiter(2);
    limiter.hit('a', 1, 60, 0);
    limiter.hit('b', 1, 60, 0);
    expect(limiter.hit('a', 1, 60, 0).allowed).toBe(false);
    limiter.hit('c', 1, 60, 0);
    // "b" was forgotten; "a" was seen more recently and is still limited.
    expect(limiter.hit('b', 1, 60, 0).allowed).toBe(true);
    expect(limiter.hit('c', 1, 60, 0).allowed).toBe(false);
  });
});

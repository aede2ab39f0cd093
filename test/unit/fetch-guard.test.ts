/** The verifier's outbound fetches: never to private addresses unless explicitly allowed, one answer for any failure. */
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../worker/config';
import { boundedFetchText, isInternalHost } from '../../worker/services/verification/fetch';

/** The outbound policy with `fetch` as the runtime's fetch and `allowLocal` as the development allow-list. */
const through = (fetch: typeof globalThis.fetch, allowLocal: string[] = []) => ({ fetch, allowLocal });

describe('outbound fetch guard', () => {
  it('treats loopback, local names, IP literals and trailing-dot forms as internal', () => {
    for (const host of ['localhost', 'localhost.', 'a.localhost', 'printer.local', 'db.internal', '10.0.0.5', '[::1]'])
      expect(isInternalHost(host), host).toBe(true);
    expect(isInternalHost('issuer.example.org')).toBe(false);
  });

  it('never fetches a private address in any mode unless its origin is allowed, and then only that origin', async () => {
    const fetch = vi.fn(async () => new Response('ok'));
    for (const url of ['http://localhost:6379/x', 'http://127.0.0.1:8790/x', 'https://2130706433/x', 'http://0x7f.1/x'])
      expect(await boundedFetchText(through(fetch), url, 'application/json'), url).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    const dev = through(fetch, ['http://localhost:8790']);
    expect(await boundedFetchText(dev, 'http://localhost:8790/list', 'application/json')).toBe('ok');
    expect(await boundedFetchText(dev, 'http://localhost:8791/list', 'application/json')).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers the same null for a refused connection, a timeout and an error status', async () => {
    for (const impl of [
      async () => {
        throw new TypeError('connect ECONNREFUSED');
      },
      async () => {
        throw new DOMException('timed out', 'TimeoutError');
      },
      async () => new Response('no', { status: 502 }),
    ]) {
      const out = through(vi.fn(impl));
      expect(await boundedFetchText(out, 'https://issuer.example.org/list', 'application/json')).toBeNull();
    }
  });

  it('reads the allow-list from configuration (empty by default)', () => {
    const base = { MASTER_KEY: 'x'.repeat(40) };
    expect(parseConfig(base).FETCH_ALLOW_LOCAL_ORIGINS).toEqual([]);
    expect(
      parseConfig({ ...base, FETCH_ALLOW_LOCAL_ORIGINS: 'http://localhost:8790/, http://127.0.0.1:9000' })
        .FETCH_ALLOW_LOCAL_ORIGINS,
    ).toEqual(['http://localhost:8790', 'http://127.0.0.1:9000']);
  });
});

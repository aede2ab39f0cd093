/**
 * The Node server's outbound fetch checks the addresses a name resolves to in the lookup its connection uses: a
 * public name that resolves to a private address (or is made to, between a check and the connection) is never
 * reached. The local HTTPS server here has a test-only certificate for issuer.example and rebind.example
 * (test/fixtures/tls), trusted by this test process only.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotPublicAddressError,
  type Resolve,
  isPublicAddress,
  publicOnlyFetch,
  publicOnlyLookup,
} from '../../worker/runtime/node-fetch';
import { boundedFetchText } from '../../worker/services/verification/fetch';

const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
const cert = tls('cert.pem');

/** A resolver with fixed answers, counting how often each name was asked for. */
function fixedResolver(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolve = (hostname, done) => {
    asked.push(hostname);
    const found = answers[hostname];
    if (!found) return done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    done(
      null,
      found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { resolve, asked };
}

function lookupOnce(resolve: Resolve, hostname: string, options: { all?: boolean; family?: number } = {}) {
  return new Promise<{ err: Error | null; address: unknown; family?: number | undefined }>((done) =>
    publicOnlyLookup(resolve)(hostname, options, (err, address, family) => done({ err, address, family })),
  );
}

describe('public addresses', () => {
  it('tells public addresses from private, loopback, link-local, shared, mapped and reserved ones', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '1.1.1.1'])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '64:ff9b::a00:1',
      'not-an-address',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });
});

describe('the lookup the connection uses', () => {
  const { resolve } = fixedResolver({
    'issuer.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'rebind.example': ['127.0.0.1'],
    'mixed.example': ['93.184.216.34', '10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
  });

  it('answers a name whose addresses are all public, in the form asked for', async () => {
    expect(await lookupOnce(resolve, 'issuer.example')).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    expect((await lookupOnce(resolve, 'issuer.example', { family: 6 })).address).toBe(
      '2606:2800:220:1:248:1893:25c8:1946',
    );
    const all = await lookupOnce(resolve, 'issuer.example', { all: true });
    expect(all.err).toBeNull();
    expect(all.address).toHaveLength(2);
  });

  it('refuses a name with any private address among its answers', async () => {
    for (const name of ['rebind.example', 'mixed.example', 'metadata.example']) {
      const { err } = await lookupOnce(resolve, name, { all: true });
      expect(err, name).toBeInstanceOf(NotPublicAddressError);
    }
  });

  it('passes a failed lookup on as it came', async () => {
    const { err } = await lookupOnce(resolve, 'nowhere.example');
    expect(err?.message).toContain('ENOTFOUND');
  });
});

describe('the Node outbound fetch', () => {
  let origin = '';
  let connections = 0;
  const server = createHttpsServer({ key: tls('key.pem'), cert }, (req, res) => {
    if (req.url === '/moved') {
      res.writeHead(302, { location: '/did.json' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'did:web:issuer.example', method: req.method }));
  });
  server.on('secureConnection', () => connections++);
  const previousCa = globalAgent.options.ca;

  beforeAll(async () => {
    globalAgent.options.ca = cert;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    globalAgent.options.ca = previousCa;
    await new Promise((done) => server.close(done));
  });

  /** A lookup that sends every name to this test's server: what a rebinding DNS answer does. */
  const toLoopback = publicOnlyLookup(fixedResolver({ 'rebind.example': ['127.0.0.1'] }).resolve);
  /** The same server, reached as though issuer.example resolved to it and the address were public. */
  const permissive: Parameters<typeof publicOnlyFetch>[1] = (_host, options, cb) =>
    options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);

  it('fetches over https through the lookup it was given: status, headers and body as a Response', async () => {
    const res = await publicOnlyFetch([], permissive)(`https://issuer.example${origin}/did.json`, {
      headers: { accept: 'application/did+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ id: 'did:web:issuer.example', method: 'GET' });
    const posted = await publicOnlyFetch([], permissive)(`https://issuer.example${origin}/token`, {
      method: 'POST',
      body: 'a=1',
    });
    expect(await posted.json()).toMatchObject({ method: 'POST' });
  });

  it('never connects when the name resolves to a private address, and the verifier gets its usual null', async () => {
    const before = connections;
    await expect(publicOnlyFetch([], toLoopback)(`https://rebind.example${origin}/did.json`)).rejects.toThrow(
      NotPublicAddressError,
    );
    const out = { fetch: publicOnlyFetch([], toLoopback), allowLocal: [] };
    expect(await boundedFetchText(out, `https://rebind.example${origin}/did.json`, 'application/json')).toBeNull();
    expect(connections).toBe(before);
  });

  it('refuses private address literals, plain http and redirects', async () => {
    const f = publicOnlyFetch([], permissive);
    await expect(f(`https://127.0.0.1${origin}/x`)).rejects.toThrow(NotPublicAddressError);
    await expect(f(`https://[::1]${origin}/x`)).rejects.toThrow(NotPublicAddressError);
    await expect(f('http://issuer.example/x')).rejects.toThrow(/Only https/);
    await expect(f(`https://issuer.example${origin}/moved`)).rejects.toThrow(/Redirect/);
  });

  it("sends origins allowed for local development through the platform's fetch", async () => {
    const seen: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response('local');
    }) as typeof fetch;
    try {
      const f = publicOnlyFetch(['http://localhost:8790'], toLoopback);
      expect(await (await f('http://localhost:8790/list')).text()).toBe('local');
      expect(seen).toEqual(['http://localhost:8790/list']);
    } finally {
      globalThis.fetch = original;
    }
  });
});

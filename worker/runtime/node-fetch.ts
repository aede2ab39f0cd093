/**
 * Outbound HTTP for the Node server that refuses private addresses when it connects, not only private names. The
 * fetch policy (worker/services/verification/fetch.ts) turns away loopback names and IP literals, but a public name
 * can resolve to 127.0.0.1 or a cloud metadata address, and a name checked a moment before can resolve elsewhere
 * when the connection is made (DNS rebinding). Here the addresses are checked in the lookup that the connection
 * itself uses, so what was checked is what is reached. Only Node entry points import this module.
 */
import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { request as httpsRequest } from 'node:https';
import { BlockList, type LookupFunction, isIP } from 'node:net';
import { Readable } from 'node:stream';

/** Addresses no credential may steer the server to: private, loopback, link-local, shared, reserved, multicast. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 addresses can carry any IPv4 address, private ones included. (IPv4-mapped ones, ::ffff:a.b.c.d, are
  // checked against the IPv4 ranges above by BlockList itself.)
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether `address` is an IP address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (!family) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Resolves a host name to all its addresses (node:dns by default; tests give their own). */
export type Resolve = (hostname: string, done: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, done) =>
  dnsLookup(hostname, { all: true }, (err, addresses) => done(err, addresses ?? []));

/** A refused address, told apart from network failures in logs; callers answer both the same way. */
export class NotPublicAddressError extends Error {
  readonly code = 'ENOTPUBLIC';
}

/**
 * A lookup for node:net that answers only when every address of the name is public: one private address among
 * public ones refuses the name, so the connection cannot be steered to it by the order of the answers.
 */
export function publicOnlyLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err as NodeJS.ErrnoException, '', 0);
      if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address)))
        return callback(new NotPublicAddressError(`${hostname} does not resolve to public addresses only`), '', 0);
      const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
      const first = wanted[0];
      if (!first)
        return callback(new NotPublicAddressError(`${hostname} has no address of the family asked for`), '', 0);
      if (options.all) return callback(null, wanted);
      callback(null, first.address, first.family);
    });
  };
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

/** One https request through `lookup`, as a fetch Response; redirects are never followed (the policy refuses them). */
function requestThrough(lookup: LookupFunction, url: URL, init: RequestInit | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string')
      return reject(new TypeError('Only text bodies are sent to other services'));
    const req = httpsRequest(url, {
      method: init?.method ?? 'GET',
      headers: headersOf(init),
      lookup,
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.destroy();
        return reject(new TypeError(`Redirect from ${url.origin} refused`));
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const noBody = status === 204 || status === 304 || init?.method === 'HEAD';
      if (noBody) res.resume();
      resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
    });
    req.end(body ?? undefined);
  });
}

/**
 * The Node server's outbound fetch: https only, connected through `publicOnlyLookup`. Origins allowed for local
 * development (FETCH_ALLOW_LOCAL_ORIGINS, never in production) go through the platform's fetch unchanged.
 */
export function publicOnlyFetch(
  allowedLocalOrigins: readonly string[],
  lookup: LookupFunction = publicOnlyLookup(),
): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (allowedLocalOrigins.includes(url.origin)) return fetch(input, init);
    if (input instanceof Request) throw new TypeError('Pass a URL and options, not a Request');
    if (url.protocol !== 'https:')
      throw new TypeError(`Only https is fetched from other services, not ${url.protocol}`);
    // An address written in the URL is connected to without a lookup, so it is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !isPublicAddress(literal))
      throw new NotPublicAddressError(`${literal} is not a public address`);
    return requestThrough(lookup, url, init);
  };
}

/**
 * The client's address for rate limits, from trusted sources only. On Workers, Cloudflare sets CF-Connecting-IP
 * (clients cannot). On Node, the socket's peer is the client, unless the peer is one of the configured trusted
 * proxies (TRUSTED_PROXIES: addresses or CIDR ranges): then X-Forwarded-For is read from the right, skipping trusted
 * proxies, and the first other address is the client. X-Forwarded-For from anyone else is ignored. Requests handed to
 * the app in-process (tests, tools: no socket, not on Workers) keep the first X-Forwarded-For hop.
 */
import type { Context } from 'hono';

/** An address range: IPv4 and IPv6 as 128-bit numbers (IPv4 mapped into ::ffff:0:0/96). */
export interface AddressRange {
  base: bigint;
  bits: number;
}

const V4_MAPPED = 0xffffn << 32n;

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return V4_MAPPED | n;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(s) || s.split('::').length > 2) return null;
  let tail: bigint | null = null;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    // An embedded IPv4 tail (e.g. ::ffff:192.0.2.1) counts as two groups.
    tail = parseV4(s.slice(lastColon + 1));
    if (tail === null) return null;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(rest === undefined ? 0 : missing).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return tail === null ? n : (n & ~0xffffffffn) | (tail & 0xffffffffn);
}

/** An IPv4 or IPv6 address as a 128-bit number, or null when it is not one. */
export function parseAddress(value: string): bigint | null {
  const s = value.trim().replace(/^\[|\]$/g, '');
  return s.includes(':') ? parseV6(s) : parseV4(s);
}

/** Parses "a.b.c.d", "a.b.c.d/n", an IPv6 address or "x::/n"; null when malformed. */
export function parseRange(value: string): AddressRange | null {
  const [addr = '', len] = value.trim().split('/');
  const base = parseAddress(addr);
  if (base === null) return null;
  const isV4 = !addr.includes(':');
  const max = isV4 ? 32 : 128;
  const n = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : -1;
  if (n < 0 || n > max) return null;
  const bits = isV4 ? n + 96 : n;
  return { base: bits === 0 ? 0n : base & (((1n << BigInt(bits)) - 1n) << BigInt(128 - bits)), bits };
}

function inRange(address: bigint, r: AddressRange): boolean {
  if (r.bits === 0) return true;
  const mask = ((1n << BigInt(r.bits)) - 1n) << BigInt(128 - r.bits);
  return (address & mask) === r.base;
}

/** True when `address` is one of the trusted proxies. */
export function isTrusted(address: string, trusted: readonly AddressRange[]): boolean {
  const a = parseAddress(address);
  return a !== null && trusted.some((r) => inRange(a, r));
}

/** The client behind a chain of proxies: X-Forwarded-For read from the right, skipping trusted proxies. */
export function clientFromForwarded(peer: string, forwardedFor: string | undefined, trusted: readonly AddressRange[]) {
  // No trusted proxies configured (the usual case): the peer is the client, without parsing its address.
  if (!trusted.length || !isTrusted(peer, trusted)) return peer;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address at all is where the trustworthy part of the chain ends.
    if (parseAddress(hop) === null) return peer;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return hops[0] ?? peer;
}

const onWorkers = () =>
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

/** The address rate limits count a request against (see the module comment for which sources are trusted). */
export function trustedClientAddress(c: Context, trusted: readonly AddressRange[]): string {
  if (onWorkers()) return c.req.header('cf-connecting-ip')?.trim() || 'unknown';
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) {
    const peer = (incoming.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    return clientFromForwarded(peer, c.req.header('x-forwarded-for'), trusted);
  }
  const cf = c.req.header('cf-connecting-ip')?.trim();
  return cf || c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
}

const parsedLists = new Map<string, AddressRange[]>();

/** TRUSTED_PROXIES (comma-separated addresses and CIDR ranges) parsed once per distinct value. */
export function trustedProxies(list: string | undefined): AddressRange[] {
  const key = list ?? '';
  let ranges = parsedLists.get(key);
  if (!ranges) {
    ranges = proxyListProblems(key).length
      ? []
      : key
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => parseRange(s)!);
    parsedLists.set(key, ranges);
  }
  return ranges;
}

/** The entries of a TRUSTED_PROXIES value that are not addresses or CIDR ranges (for configuration errors). */
export function proxyListProblems(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && parseRange(s) === null);
}

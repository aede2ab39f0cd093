/** Fetching other issuers' DID documents and status lists safely: public https names only, a timeout and a size cap. */
import type { AppDeps } from '../../context';

const FETCH_TIMEOUT_MS = 3000;
const FETCH_MAX_BYTES = 1024 * 1024;

/**
 * Hosts a verifier must not be steered into fetching by a credential (SSRF): loopback and local names, and any IP
 * literal (private ranges, cloud metadata addresses). A real did:web or status list lives on a public DNS name.
 */
export function isInternalHost(hostname: string): boolean {
  // A trailing dot names the same host ("localhost." is localhost).
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' || /\.(localhost|local|internal)$/.test(h) || /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.startsWith('[')
  );
}

/** The private origins the policy allows for local development: FETCH_ALLOW_LOCAL_ORIGINS, never in production. */
export function allowedLocalOrigins(config: {
  ENVIRONMENT: string;
  FETCH_ALLOW_LOCAL_ORIGINS: readonly string[];
}): readonly string[] {
  return config.ENVIRONMENT === 'production' ? [] : config.FETCH_ALLOW_LOCAL_ORIGINS;
}

/** How this app reaches other services: the runtime's fetch, and the private origins local development allows. */
export interface Outbound {
  fetch: typeof fetch;
  allowLocal: readonly string[];
}

/** The outbound policy of an app instance. */
export function outboundOf(deps: Pick<AppDeps, 'config' | 'fetch'>): Outbound {
  return { fetch: deps.fetch, allowLocal: allowedLocalOrigins(deps.config) };
}

/** Whether the fetch policy lets us reach `url`: https to a public name, or an origin allowed for local development. */
export function fetchAllowed(url: string, allowedLocalOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (allowedLocalOrigins.includes(u.origin)) return true;
  return u.protocol === 'https:' && !isInternalHost(u.hostname);
}

/** A response body as text, or null once it passes the size cap. */
async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > FETCH_MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * GET with a timeout and a size cap; null on any failure, whatever it was (refused address, connection refused,
 * timeout, bad status), so a result never tells a caller which private ports answer. Only https to public names,
 * except the origins explicitly allowed for local development (FETCH_ALLOW_LOCAL_ORIGINS).
 */
export async function boundedFetchText(out: Outbound, url: string, accept: string): Promise<string | null> {
  try {
    if (!fetchAllowed(url, out.allowLocal)) return null;
    const res = await out.fetch(url, {
      headers: { accept },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!res.ok || !res.body) return null;
    return await readCapped(res);
  } catch {
    return null;
  }
}

/**
 * POST under the same policy (a wallet's answer to a verifier, a wallet's token request): the status and the
 * capped body, or null when the address is refused or nothing usable came back.
 */
export async function boundedPost(
  out: Outbound,
  url: string,
  body: { contentType: string; text: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string } | null> {
  try {
    if (!fetchAllowed(url, out.allowLocal)) return null;
    const res = await out.fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', ...headers, 'content-type': body.contentType },
      body: body.text,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await readCapped(res);
    return text === null ? null : { status: res.status, text };
  } catch {
    return null;
  }
}

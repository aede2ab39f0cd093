/** Fetching other issuers' DID documents and status lists safely: public https names only, a timeout and a size cap. */

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

/**
 * GET with a timeout and a size cap; null on any failure, whatever it was (refused address, connection refused,
 * timeout, bad status), so a result never tells a caller which private ports answer. Only https to public names,
 * except the origins explicitly allowed for local development (FETCH_ALLOW_LOCAL_ORIGINS).
 */
export async function boundedFetchText(
  url: string,
  accept: string,
  allowedLocalOrigins: readonly string[] = [],
): Promise<string | null> {
  try {
    const u = new URL(url);
    const allowed = allowedLocalOrigins.includes(u.origin);
    if (!allowed && (u.protocol !== 'https:' || isInternalHost(u.hostname))) return null;
    const res = await fetch(url, {
      headers: { accept },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!res.ok || !res.body) return null;
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
  } catch {
    return null;
  }
}

/** Signed credential bodies in an R2 bucket (Workers), one object per credential. */
import type { CredentialBodies } from '../../db/credential-bodies';

/** Objects live under this prefix, named by key, so the bucket can hold other things beside them. */
const PREFIX = 'credentials/';
/** At most this many R2 calls in flight from one request (a passport share reads up to 100 bodies). */
const IN_FLIGHT = 16;

/** Runs `work` over items with at most IN_FLIGHT calls at once. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
}

/** Bodies as R2 objects named by key. */
export function r2Bodies(bucket: R2Bucket): CredentialBodies {
  return {
    async put(entries) {
      await eachLimited(entries, async (e) => {
        await bucket.put(PREFIX + e.key, e.body, { httpMetadata: { contentType: 'text/plain; charset=utf-8' } });
      });
    },
    async get(keys) {
      const out = new Map<string, string>();
      await eachLimited([...new Set(keys)], async (key) => {
        const object = await bucket.get(PREFIX + key);
        if (object) out.set(key, await object.text());
      });
      return out;
    },
    async delete(keys) {
      // R2 deletes up to 1,000 objects per call.
      for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000).map((k) => PREFIX + k));
    },
  };
}

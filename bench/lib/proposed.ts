/**
 * "What if" verifier dependencies, to measure a proposed change to worker/services/verification/verifier.ts before making it:
 * the same pipeline and the same DB-backed sources, with two lookups that today hit the database on every
 * verification put behind the app's own TTL cache (worker/credentials/cache.ts):
 *  - trust (organisation status + issuer scopes + aligned catalogue items), keyed by issuer and aligned ids,
 *    cached like our DID documents (60 s);
 *  - our own status lists (the version check), cached for a few seconds, so a revocation reaches every
 *    verifier within that time instead of at once.
 * Benchmarks report these as informational figures beside the real pipeline; they never replace it.
 */
import { createTtlCache } from '../../worker/credentials/cache';
import type { PresentationDeps, TrustResult } from '../../worker/credentials/verify';
import type { AppDeps } from '../../worker/context';
import { alignedCodes } from '../../worker/services/verification/summary';
import { verifierDeps } from '../../worker/services/verification/verifier';

export const PROPOSED_TRUST_TTL_MS = 60_000;
export const PROPOSED_STATUS_TTL_MS = 5_000;
/** Expiry runs on the wall clock even when the app's clock is frozen (as in the test environment). */
const wallClock = () => new Date();

/** The app's verifier deps with trust and status-list lookups cached (see above). */
export function proposedVerifierDeps(app: AppDeps): PresentationDeps {
  const base = verifierDeps(app);
  // lookupTrust reads a credential only through its aligned catalogue ids, so issuer + ids is a complete key.
  const trust = createTtlCache<TrustResult>(
    async (key) => {
      const [issuer = '', ids = ''] = key.split('|');
      const alignment = ids ? ids.split(',').map((targetCode) => ({ targetCode })) : [];
      return base.lookupTrust(issuer, { credentialSubject: { achievement: { alignment } } });
    },
    { ttlMs: PROPOSED_TRUST_TTL_MS, maxEntries: 5000, now: wallClock },
  );
  const status = createTtlCache((url) => base.fetchStatusList(url), {
    ttlMs: PROPOSED_STATUS_TTL_MS,
    maxEntries: 5000,
    now: wallClock,
  });
  return {
    ...base,
    lookupTrust: async (issuer, credential) =>
      (await trust(`${issuer}|${alignedCodes(credential).join(',')}`)) ?? { recognised: false, approvedForThis: false },
    fetchStatusList: status,
  };
}

/**
 * The app's verifier deps with trust and status-list lookups memoised for one request only (no TTL, so nothing
 * can be stale beyond the request): a passport of 100 credentials from a few issuers then reads each status
 * list and each issuer's trust entry once instead of once per credential. Create one per request.
 */
export function perRequestVerifierDeps(app: AppDeps): PresentationDeps {
  const base = verifierDeps(app);
  const trust = new Map<string, Promise<TrustResult>>();
  const lists = new Map<string, Promise<string | null>>();
  return {
    ...base,
    lookupTrust: (issuer, credential) => {
      const key = `${issuer}|${alignedCodes(credential).join(',')}`;
      let hit = trust.get(key);
      if (!hit) {
        hit = base.lookupTrust(issuer, credential);
        trust.set(key, hit);
      }
      return hit;
    },
    fetchStatusList: (url) => {
      let hit = lists.get(url);
      if (!hit) {
        hit = base.fetchStatusList(url);
        lists.set(url, hit);
      }
      return hit;
    },
  };
}

/**
 * In-process invalidation for the verifier's short-lived caches. A change made in this process (an organisation
 * approved or suspended, a credential revoked) bumps an epoch, so this process sees it at once; other processes
 * or Worker isolates see it when their cache entry expires (seconds, see verifier.ts).
 */
let trust = 0;
let status = 0;
let catalogue = 0;

/** Call after any change to organisation approval or issuing scopes. */
export function bumpTrustEpoch(): void {
  trust++;
}

/** Call after any credential status change. */
export function bumpStatusEpoch(): void {
  status++;
}

/** Call after a platform admin changes catalogue roles' requirements. */
export function bumpCatalogueEpoch(): void {
  catalogue++;
}

export const epochs = {
  trust: () => trust,
  status: () => status,
  catalogue: () => catalogue,
};

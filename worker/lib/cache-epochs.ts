/**
 * In-process invalidation for short-lived caches (the verifier's trust and status answers, role fit's catalogue
 * roles). A change made in this process (an organisation approved, a credential revoked, a role's requirements
 * edited) bumps an epoch, so this process sees it at once; other processes or Worker isolates see it when their
 * cache entry expires (seconds to a minute, see services/verification/verifier.ts and employer/role-fit/basis.ts). The epochs are per process on
 * purpose: every app in the process must forget what the change made stale.
 */
let trust = 0;
let status = 0;
let catalogue = 0;

/** Call after any change to organisation approval or issuing scopes, or an issuer key's withdrawal. */
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

export type EpochName = keyof typeof epochs;

/**
 * In-process invalidation for short-lived caches (the verifier's trust and status answers, role fit's catalogue
 * roles), and the cache they share. A change made in this process (an organisation approved, a credential revoked,
 * a role's requirements edited) bumps an epoch, so this process sees it at once; other processes or Worker isolates
 * see it when their cache entry expires (seconds to a minute, see verifier.ts and role-fit.ts).
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

/** A small TTL cache whose entries also die when an in-process epoch moves on. */
export class EpochCache<T> {
  private entries = new Map<string, { at: number; epoch: number; value: Promise<T> }>();
  constructor(
    private ttlMs: number,
    private epoch: () => number,
    private now: () => Date,
    private maxEntries = 5000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.now().getTime();
    const e = this.epoch();
    const hit = this.entries.get(key);
    if (hit && hit.epoch === e && t - hit.at < this.ttlMs && t >= hit.at) return hit.value;
    const value = load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: t, epoch: e, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

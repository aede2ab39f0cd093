/**
 * Wires the pure verification pipeline to this deployment: our own did:web documents and status lists are
 * read straight from the database (no HTTP round trip to ourselves); other issuers' did:web documents and
 * status lists are fetched over HTTPS with a timeout and size cap; trust comes from the approved-organisation registry.
 */
import { eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { competencies, issuerScopes, organisations, usedNonces } from '../../../db/schema';
import type { Config } from '../../config';
import type { AppDeps } from '../../context';
import { createCachedResolver, createCachedStatusListFetcher } from '../../credentials/cache';
import { type DidDocument, createDidResolver, resolveDidKey } from '../../credentials/did';
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import {
  type CredentialResult,
  type PresentationDeps,
  type PresentationOptions,
  type PresentationResult,
  type TrustResult,
  type VerifyDeps,
  verifyCredentialJwt,
  verifyPresentationJwt,
} from '../../credentials/verify';
import { EpochCache, epochs } from '../../lib/cache-epochs';
import { PLATFORM_SLUG, didDocumentForSlug, slugFromDid } from '../organisations/issuers';
import { statusListJwt } from '../academy/status-lists';

const FETCH_TIMEOUT_MS = 3000;
const FETCH_MAX_BYTES = 1024 * 1024;

/**
 * Hosts a verifier must not be steered into fetching by a credential (SSRF): loopback and local names, and any IP
 * literal (private ranges, cloud metadata addresses). A real did:web or status list lives on a public DNS name.
 */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' || /\.(localhost|local|internal)$/.test(h) || /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.startsWith('[')
  );
}

/**
 * GET with a timeout and a size cap; null on any failure (the pipeline reports it as unresolvable/unavailable).
 * Only https to public names, except plain http to localhost when `allowLocal` (development and tests).
 */
export async function boundedFetchText(url: string, accept: string, allowLocal = false): Promise<string | null> {
  try {
    const u = new URL(url);
    const local = allowLocal && ['localhost', '127.0.0.1'].includes(u.hostname);
    if (!local && (u.protocol !== 'https:' || isInternalHost(u.hostname))) return null;
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

/** Our own DID documents, cached per app; an entry can be refreshed early when a key it lacks turns up. */
class LocalDidCache {
  private entries = new Map<string, { doc: DidDocument | null; at: number }>();
  constructor(
    private load: (did: string) => Promise<DidDocument | null>,
    private ttlMs: number,
    private now: () => Date,
  ) {}

  async get(did: string): Promise<DidDocument | null> {
    const t = this.now().getTime();
    const hit = this.entries.get(did);
    if (hit && t - hit.at < this.ttlMs) return hit.doc;
    const doc = await this.load(did);
    if (this.entries.size > 5000) this.entries.clear();
    if (doc) this.entries.set(did, { doc, at: t });
    return doc;
  }

  private refreshedAt = new Map<string, number>();

  /** Drops an entry for reload, at most once a second per DID (wall time), so a flood of unknown kids cannot force a reload per request. */
  refresh(did: string): boolean {
    const t = Date.now();
    const last = this.refreshedAt.get(did);
    if (!this.entries.has(did) || (last !== undefined && t - last < 1000)) return false;
    if (this.refreshedAt.size > 5000) this.refreshedAt.clear();
    this.refreshedAt.set(did, t);
    this.entries.delete(did);
    return true;
  }
}

/** One of our issuers' DID documents, straight from the database. */
async function localDidDocument(db: Database, config: Config, did: string): Promise<DidDocument | null> {
  const slug = slugFromDid(config, did);
  if (!slug) return null;
  const doc = await didDocumentForSlug(db, config, slug);
  return doc && doc.id === did ? doc : null;
}

/** Other issuers' did:web documents over HTTPS (bounded). */
function remoteDidResolver(allowLocal: boolean) {
  return createDidResolver(async (url) => {
    const text = await boundedFetchText(url, 'application/did+json, application/json', allowLocal);
    return text ? JSON.parse(text) : null;
  });
}

/** Trust: is the issuer an approved organisation here, and approved for the frameworks the achievement aligns to? */
export async function lookupTrust(
  db: Database,
  config: Config,
  issuerDid: string,
  credential: JsonObject,
): Promise<TrustResult> {
  const slug = slugFromDid(config, issuerDid);
  if (!slug) return { recognised: false, approvedForThis: false };
  const orgRows = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  const org = orgRows[0];
  if (org?.status !== 'approved') return { recognised: false, approvedForThis: false };
  if (org.kind === 'platform' && slug === PLATFORM_SLUG)
    return { recognised: true, name: org.name, approvedForThis: true };
  if (org.kind !== 'academy') return { recognised: true, name: org.name, approvedForThis: false, approvedFor: [] };
  const scopes = await db
    .select({ f: issuerScopes.frameworkId })
    .from(issuerScopes)
    .where(eq(issuerScopes.orgId, org.id));
  const approvedFor = scopes.map((s) => s.f);
  const codes = alignedCodes(credential);
  let approvedForThis = true;
  if (codes.length) {
    const rows = await db
      .select({ id: competencies.id, f: competencies.frameworkId })
      .from(competencies)
      .where(inArray(competencies.id, codes.slice(0, 50)));
    // Every aligned item must exist in the catalogue and sit in a framework the issuer is approved for.
    approvedForThis = rows.length === Math.min(codes.length, 50) && rows.every((r) => approvedFor.includes(r.f));
  }
  return { recognised: true, name: org.name, approvedForThis, approvedFor };
}

/** Catalogue ids a credential's achievement aligns to (Open Badges `alignment[].targetCode`). */
export function alignedCodes(credential: JsonObject): string[] {
  const subject = credential.credentialSubject as JsonObject | JsonObject[] | undefined;
  const first = Array.isArray(subject) ? subject[0] : subject;
  const achievement = first?.achievement as JsonObject | undefined;
  const alignment = achievement?.alignment;
  if (!Array.isArray(alignment)) return [];
  return [
    ...new Set(
      alignment
        .map((a) => (a && typeof a === 'object' ? (a as JsonObject).targetCode : undefined))
        .filter((c): c is string => typeof c === 'string'),
    ),
  ];
}

const cache = new WeakMap<AppDeps, PresentationDeps>();

/** The verification dependencies for this app instance (caches live as long as the app). */
export function verifierDeps(deps: AppDeps): PresentationDeps {
  const existing = cache.get(deps);
  if (existing) return existing;
  const fresh = buildVerifierDeps(deps);
  cache.set(deps, fresh);
  return fresh;
}

/**
 * Verifies a credential. When one of our own issuers' keys is not in the cached DID document (a rotation in
 * another isolate within the cache TTL), the cache is dropped and the credential verified once more.
 */
export async function verifyCredential(deps: AppDeps, jwt: string): Promise<CredentialResult> {
  const first = await verifyCredentialJwt(jwt, verifierDeps(deps));
  if (!refreshStaleIssuer(deps, jwt, first)) return first;
  return verifyCredentialJwt(jwt, verifierDeps(deps));
}

/**
 * Verifies a presentation, with the same stale-key retry as verifyCredential. `replayCheck: false` is for
 * presentations we did not ask for (pasted by a person, no challenge of ours): their nonce answers someone
 * else's request, so recording it would only make a second look at the same paste fail as a "replay".
 */
export async function verifyPresentation(
  deps: AppDeps,
  jwt: string,
  options: PresentationOptions,
  { replayCheck = true }: { replayCheck?: boolean } = {},
): Promise<PresentationResult> {
  const { checkNonce, ...withoutReplay } = verifierDeps(deps);
  const first = await verifyPresentationJwt(
    jwt,
    replayCheck ? { ...withoutReplay, checkNonce } : withoutReplay,
    options,
  );
  // Decode the enveloped credentials once, and only when one named an unknown key (per credential it was O(n²)).
  const inner = first.credentials.some((c) => c.errors.some((e) => e.code === 'unknown_key')) ? envelopedJwts(jwt) : [];
  const stale = first.credentials.map((c, i) => refreshStaleIssuer(deps, inner[i] ?? '', c));
  if (!stale.some(Boolean)) return first;
  // The nonce was consumed by the first pass; the retry must not count it as a replay.
  return verifyPresentationJwt(jwt, withoutReplay, options);
}

const localCaches = new WeakMap<AppDeps, LocalDidCache>();

/** True when an unknown_key came from one of our issuers and its cached document was dropped for a reload. */
function refreshStaleIssuer(deps: AppDeps, jwt: string, r: CredentialResult): boolean {
  if (!r.errors.some((e) => e.code === 'unknown_key')) return false;
  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return false;
  const p = parsed.jwt.payload;
  const issuer =
    typeof p.iss === 'string'
      ? p.iss
      : typeof p.issuer === 'string'
        ? p.issuer
        : (p.issuer as JsonObject | undefined)?.id;
  if (typeof issuer !== 'string' || !slugFromDid(deps.config, issuer)) return false;
  return localCaches.get(deps)?.refresh(issuer) ?? false;
}

/** The credential JWTs enveloped in a presentation JWT, in order (unverified; only used to pick cache entries). */
function envelopedJwts(vpJwt: string): string[] {
  const parsed = parseCompactJwt(vpJwt);
  if (!parsed.ok) return [];
  const list = parsed.jwt.payload.verifiableCredential;
  return Array.isArray(list)
    ? list.map((v) =>
        v && typeof v === 'object' && typeof (v as JsonObject).id === 'string'
          ? String((v as JsonObject).id).replace(/^data:application\/vc\+jwt,/, '')
          : '',
      )
    : [];
}

/** How long our own status lists and trust answers are reused when the change happened in another process. */
export const OWN_STATUS_TTL_MS = 5_000;
export const TRUST_TTL_MS = 60_000;

function buildVerifierDeps(deps: AppDeps): PresentationDeps {
  const { db, config, clock } = deps;
  const ownStatusPrefix = `${config.PUBLIC_ORIGIN}/status-lists/`;
  // Our own DID documents are cached briefly: a key rotation reaches verifiers within the TTL.
  const local = new LocalDidCache((did) => localDidDocument(db, config, did), 60_000, clock);
  // Plain-http localhost issuers exist only in development; in production they would be a way into local services.
  const allowLocal = config.ENVIRONMENT !== 'production';
  const remote = createCachedResolver(remoteDidResolver(allowLocal), { ttlMs: 300_000, maxEntries: 2000, now: clock });
  localCaches.set(deps, local);
  const resolveDid = async (did: string): Promise<DidDocument | null> => {
    if (did.startsWith('did:key:')) {
      try {
        return resolveDidKey(did);
      } catch {
        return null;
      }
    }
    return slugFromDid(config, did) ? local.get(did) : remote(did);
  };
  const remoteStatus = createCachedStatusListFetcher(
    (url) => boundedFetchText(url, 'application/vc+jwt, application/jwt', allowLocal),
    {
      ttlMs: 300_000,
      maxEntries: 500,
      now: clock,
    },
  );
  // Our own lists and the trust registry are read from the database, then held briefly: a change made in this
  // process is seen at once (epochs), one made elsewhere within OWN_STATUS_TTL_MS / TRUST_TTL_MS.
  const ownStatus = new EpochCache<string | null>(OWN_STATUS_TTL_MS, epochs.status, clock);
  const trust = new EpochCache<TrustResult>(TRUST_TTL_MS, epochs.trust, clock);
  const vd: PresentationDeps = {
    resolveDid,
    fetchStatusList: (url) =>
      url.startsWith(ownStatusPrefix)
        ? ownStatus.get(url, () => statusListJwt(db, config, url.slice(ownStatusPrefix.length), clock()))
        : remoteStatus(url),
    lookupTrust: (did, credential) =>
      trust.get(`${did}|${alignedCodes(credential).join(',')}`, () => lookupTrust(db, config, did, credential)),
    now: clock,
    checkNonce: (nonce, expiresAt) => useNonce(db, nonce, expiresAt, clock()),
  };
  return vd;
}

/** Records a presentation nonce; false when it was already used (a replay). Expired nonces are purged as we go. */
export async function useNonce(db: Database, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
  const key = nonce.slice(0, 256);
  const inserted = await db
    .insert(usedNonces)
    .values({ nonce: key, expiresAt: expiresAt.toISOString() })
    .onConflictDoNothing()
    .returning({ nonce: usedNonces.nonce });
  if (Math.random() < 0.01) await db.delete(usedNonces).where(lt(usedNonces.expiresAt, now.toISOString()));
  return inserted.length === 1;
}

export type { VerifyDeps };

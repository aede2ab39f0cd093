/**
 * Wires the pure verification pipeline to this deployment: our own did:web documents and status lists are
 * read straight from the database (no HTTP round trip to ourselves); other issuers' did:web documents and
 * status lists are fetched over HTTPS with a timeout and size cap; trust comes from the approved-organisation
 * registry. Every result carries its credential's summary (summary.ts), read here once for every consumer.
 */
import type { Database } from '../../../db/client';
import type { Config } from '../../config';
import type { AppDeps } from '../../context';
import { cachedLookup, createVerifierCache } from '../../credentials/cache';
import { type DidDocument, createDidResolver, resolveOfflineDid } from '../../credentials/did';
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import { ENVELOPED_VC_PREFIX } from '../../credentials/presentation';
import {
  type CredentialResult,
  type PresentationDeps,
  type PresentationOptions,
  type PresentationResult,
  type TrustResult,
  verifyCredentialDataIntegrity,
  verifyCredentialJwt,
  verifyPresentationJwt,
} from '../../credentials/verify';
import { Cache } from '../../lib/cache';
import { didDocumentForSlug, slugFromDid } from '../organisations/issuers';
import { statusListJwt } from '../academy/status-lists';
import { consumeChallenge } from './challenges';
import { type Outbound, boundedFetchText, outboundOf } from './fetch';
import { type CredentialSummary, alignedCodes, summarise } from './summary';
import { lookupTrust } from './trust';

/** How long our own status lists and trust answers are reused when the change happened in another process. */
export const OWN_STATUS_TTL_MS = 5_000;
export const TRUST_TTL_MS = 60_000;
/** Our own DID documents are held briefly: a key rotation reaches verifiers within this. */
export const OWN_DID_TTL_MS = 60_000;
/** Other issuers' DID documents and status lists. */
export const REMOTE_TTL_MS = 300_000;

/** A credential result with what the credential says (null when it could not be read and trusted). */
export interface VerifiedCredential extends CredentialResult {
  summary: CredentialSummary | null;
}

/** A presentation result whose credentials each carry their summary. */
export interface VerifiedPresentation extends PresentationResult {
  credentials: VerifiedCredential[];
}

/** One of our issuers' DID documents, straight from the database. */
async function localDidDocument(db: Database, config: Config, did: string): Promise<DidDocument | null> {
  const slug = slugFromDid(config, did);
  if (!slug) return null;
  const doc = await didDocumentForSlug(db, config, slug);
  return doc && doc.id === did ? doc : null;
}

/** Other issuers' did:web documents over HTTPS (bounded). */
function remoteDidResolver(out: Outbound) {
  return createDidResolver(async (url) => {
    const text = await boundedFetchText(out, url, 'application/did+json, application/json');
    return text ? JSON.parse(text) : null;
  });
}

interface VerifierWiring {
  deps: PresentationDeps;
  /** Drops one of our own issuers' cached DID documents for a reload; false when not cached or throttled. */
  refreshOwnDid(did: string): boolean;
}

/** The verification dependencies for this app instance (made once per app; caches from the app's cache kit). */
export function verifierDeps(deps: AppDeps): PresentationDeps {
  return wiringOf(deps).deps;
}

function wiringOf(deps: AppDeps): VerifierWiring {
  return deps.caches.shared('verifier', () => buildWiring(deps));
}

/** Our own DID documents from the database, cached; an entry can be dropped early when a key it lacks turns up. */
function ownDidDocuments(deps: AppDeps) {
  const { db, config, caches } = deps;
  // A key withdrawn in this process (trust epoch) drops the cached documents at once.
  const docs = caches.create<Promise<DidDocument | null>>('own-did-documents', {
    ttlMs: OWN_DID_TTL_MS,
    max: 5000,
    epoch: 'trust',
  });
  // A flood guard in real time, not the app's clock (which may stand still): at most one reload a second per DID.
  const refreshed = new Cache<true>({ ttlMs: 1000, max: 5000 }, Date.now);
  return {
    get: cachedLookup(docs, (did) => localDidDocument(db, config, did)),
    refresh(did: string): boolean {
      if (!docs.has(did) || refreshed.has(did)) return false;
      refreshed.set(did, true);
      docs.delete(did);
      return true;
    },
  };
}

function buildWiring(deps: AppDeps): VerifierWiring {
  const { db, config, clock, caches } = deps;
  const ownStatusPrefix = `${config.PUBLIC_ORIGIN}/status-lists/`;
  const own = ownDidDocuments(deps);
  // Private addresses are never fetched, except origins listed for local development (never in production).
  const out = outboundOf(deps);
  const remote = cachedLookup(
    caches.create('remote-did-documents', { ttlMs: REMOTE_TTL_MS, max: 2000 }),
    remoteDidResolver(out),
  );
  const resolveDid = async (did: string): Promise<DidDocument | null> => {
    // did:key and did:jwk carry their key in the identifier: resolved offline, never fetched.
    if (did.startsWith('did:key:') || did.startsWith('did:jwk:')) return resolveOfflineDid(did);
    return slugFromDid(config, did) ? own.get(did) : remote(did);
  };
  const remoteStatus = cachedLookup(caches.create('remote-status-lists', { ttlMs: REMOTE_TTL_MS, max: 500 }), (url) =>
    boundedFetchText(out, url, 'application/vc+jwt, application/jwt'),
  );
  // Our own lists and the trust registry are read from the database, then held briefly: a change made in this
  // process is seen at once (epochs), one made elsewhere within OWN_STATUS_TTL_MS / TRUST_TTL_MS.
  const ownStatus = caches.create<Promise<string | null>>('own-status-lists', {
    ttlMs: OWN_STATUS_TTL_MS,
    max: 5000,
    epoch: 'status',
  });
  const trust = caches.create<Promise<TrustResult>>('trust', { ttlMs: TRUST_TTL_MS, max: 5000, epoch: 'trust' });
  const cache = createVerifierCache({
    keys: caches.create('issuer-keys', { ttlMs: Number.POSITIVE_INFINITY, max: 1000 }),
    statusLists: caches.create('verified-status-lists', { ttlMs: Number.POSITIVE_INFINITY, max: 200 }),
    verifyEd25519: deps.signing.verifyEd25519,
  });
  const vd: PresentationDeps = {
    resolveDid,
    fetchStatusList: (url) =>
      url.startsWith(ownStatusPrefix)
        ? ownStatus.through(url, () => statusListJwt(deps, url.slice(ownStatusPrefix.length), clock()))
        : remoteStatus(url),
    lookupTrust: (did, credential) =>
      trust.through(`${did}|${alignedCodes(credential).join(',')}`, () => lookupTrust(db, config, did, credential)),
    now: clock,
    consumeChallenge: (challenge, binding) => consumeChallenge(db, challenge, binding, clock()),
    cache,
  };
  return { deps: vd, refreshOwnDid: (did) => own.refresh(did) };
}

/**
 * Verifies a credential. When one of our own issuers' keys is not in the cached DID document (a rotation in
 * another isolate within the cache TTL), the cache is dropped and the credential verified once more.
 */
export async function verifyCredential(deps: AppDeps, jwt: string): Promise<VerifiedCredential> {
  // A Data Integrity credential travels through pages and saved checks as its JSON text.
  if (jwt.startsWith('{')) return verifyCredentialObject(deps, parseCredentialJson(jwt));
  const wiring = wiringOf(deps);
  let result = await verifyCredentialJwt(jwt, wiring.deps);
  if (refreshStaleIssuer(deps.config, wiring, jwt, result)) result = await verifyCredentialJwt(jwt, wiring.deps);
  return { ...result, summary: summarise(result, () => jwt) };
}

/**
 * Verifies a credential secured with an embedded proof (Data Integrity), with the same stale-key retry for our
 * own issuers as verifyCredential.
 */
export async function verifyCredentialObject(deps: AppDeps, credential: JsonObject): Promise<VerifiedCredential> {
  const wiring = wiringOf(deps);
  let result = await verifyCredentialDataIntegrity(credential, wiring.deps);
  if (refreshStaleIssuerOf(deps.config, wiring, issuerOf(credential), result))
    result = await verifyCredentialDataIntegrity(credential, wiring.deps);
  return { ...result, summary: summarise(result) };
}

/**
 * Verifies a presentation, with the same stale-key retry as verifyCredential. `replayCheck: false` is for
 * presentations we did not ask for (pasted by a person, no challenge of ours): their nonce answers someone
 * else's request, so it is not looked up among our challenges. With replayCheck, the nonce must be a challenge we
 * issued for this audience (and holder), and a presentation that verifies consumes it.
 */
export async function verifyPresentation(
  deps: AppDeps,
  jwt: string,
  options: PresentationOptions,
  { replayCheck = true }: { replayCheck?: boolean } = {},
): Promise<VerifiedPresentation> {
  const wiring = wiringOf(deps);
  const { consumeChallenge: _consume, ...withoutReplay } = wiring.deps;
  const presentationDeps = replayCheck ? wiring.deps : withoutReplay;
  let result = await verifyPresentationJwt(jwt, presentationDeps, options);
  // Decode the enveloped credentials once, and only when needed (per credential it was O(n²)).
  let inner: string[] | null = null;
  const innerJwt = (i: number) => {
    inner ??= envelopedJwts(payloadOf(jwt));
    return inner[i];
  };
  const stale = result.credentials.map(
    (c, i) =>
      c.errors.some((e) => e.code === 'unknown_key') && refreshStaleIssuer(deps.config, wiring, innerJwt(i) ?? '', c),
  );
  // A challenge is consumed only by a presentation that verified, so the first pass (which did not) left it unused.
  if (stale.some(Boolean)) result = await verifyPresentationJwt(jwt, presentationDeps, options);
  return {
    ...result,
    credentials: result.credentials.map((c, i) => ({ ...c, summary: summarise(c, () => innerJwt(i)) })),
  };
}

/** True when an unknown_key came from one of our issuers and its cached document was dropped for a reload. */
function refreshStaleIssuer(config: Config, wiring: VerifierWiring, jwt: string, r: CredentialResult): boolean {
  if (!r.errors.some((e) => e.code === 'unknown_key')) return false;
  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return false;
  const p = parsed.jwt.payload;
  return refreshStaleIssuerOf(config, wiring, typeof p.iss === 'string' ? p.iss : issuerOf(p), r);
}

function refreshStaleIssuerOf(
  config: Config,
  wiring: VerifierWiring,
  issuer: string | undefined,
  r: CredentialResult,
): boolean {
  if (!r.errors.some((e) => e.code === 'unknown_key')) return false;
  if (typeof issuer !== 'string' || !slugFromDid(config, issuer)) return false;
  return wiring.refreshOwnDid(issuer);
}

/** A credential's JSON text as an object (an empty object, which fails verification, when it is not one). */
function parseCredentialJson(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The issuer id of a credential (string or object form), unverified. */
function issuerOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  return typeof issuer === 'string' ? issuer : ((issuer as JsonObject | undefined)?.id as string | undefined);
}

/**
 * The credentials in a presentation's payload, in order, read without verifying: each enveloped credential's JWT,
 * the JSON text of each credential with an embedded proof, '' for an entry that is neither.
 */
export function envelopedJwts(payload: JsonObject | null): string[] {
  const list = payload?.verifiableCredential;
  if (!Array.isArray(list)) return [];
  return list.map((v) => {
    if (!v || typeof v !== 'object') return '';
    if ((v as JsonObject).proof && typeof (v as JsonObject).proof === 'object') return JSON.stringify(v);
    const id = (v as JsonObject).id;
    return typeof id === 'string' && id.startsWith(ENVELOPED_VC_PREFIX) ? id.slice(ENVELOPED_VC_PREFIX.length) : '';
  });
}

/** The payload of a JWT, unverified (null when it is not one). */
function payloadOf(jwt: string): JsonObject | null {
  const parsed = parseCompactJwt(jwt);
  return parsed.ok ? parsed.jwt.payload : null;
}

/** did:web, did:key and did:jwk: identifiers, DID documents, and reading public keys out of verification methods. */
import { normalisePublicJwk } from './algorithms';
import { base58Decode, base64UrlDecode, base64UrlEncode, fromUtf8 } from './encoding';
import { jwkFromMultikey, multikeyFromJwk } from './multikey';

export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: JsonWebKey;
  publicKeyMultibase?: string;
  publicKeyBase58?: string;
}

/** The subset of a DID document this module reads and writes (structurally compatible with did-resolver's). */
export interface DidDocument {
  '@context'?: string | string[];
  id: string;
  controller?: string | string[];
  verificationMethod?: VerificationMethod[];
  assertionMethod?: (string | VerificationMethod)[];
  authentication?: (string | VerificationMethod)[];
}

export type VerificationRelationship = 'assertionMethod' | 'authentication';

// JsonWebKey2020 + publicKeyJwk: did-jwt 8 accepts it for EdDSA (its SUPPORTED_PUBLIC_KEY_TYPES), and it keeps the
// key in the same JWK form we store. The CID 1.0 "JsonWebKey" type is not in did-jwt's list, so we do not emit it.
const JWK_VM_TYPE = 'JsonWebKey2020';
const DID_CONTEXTS = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'];

/** did:web for an origin and optional path, e.g. ("http://localhost:8787", ["orgs","acme"]) -> did:web:localhost%3A8787:orgs:acme. */
export function didWebFromUrl(origin: string, path: string[] = []): string {
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search || url.hash || url.username)
    throw new Error(`Expected a bare origin, got ${origin}`);
  // did:web spec: the port's colon must be percent-encoded so it is not read as a path separator.
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const segments = path.map((segment) => {
    if (!segment) throw new Error('did:web path segments must not be empty');
    return encodeURIComponent(segment);
  });
  return ['did:web', host, ...segments].join(':');
}

/** The URL a did:web document is served at (http only for localhost, so local development works). */
export function didWebToDocumentUrl(did: string): string {
  const { host, hostname, segments } = parseDidWeb(did);
  const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  const scheme = local ? 'http' : 'https';
  const path = segments.length ? `/${segments.map(encodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  return `${scheme}://${host}${path}`;
}

function parseDidWeb(did: string): { host: string; hostname: string; segments: string[] } {
  if (!did.startsWith('did:web:') || did.includes('#') || did.includes('?') || did.includes('/')) {
    throw new Error(`Not a did:web identifier: ${did}`);
  }
  const [rawHost = '', ...rawSegments] = did.slice('did:web:'.length).split(':');
  const host = decodeURIComponent(rawHost);
  const segments = rawSegments.map((s) => decodeURIComponent(s));
  // Decoded parts must not smuggle URL structure (e.g. "%2F" or "@") into the fetch target.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) || segments.some((s) => !s || /[/?#\\]/.test(s) || s === '..')) {
    throw new Error(`Not a valid did:web identifier: ${did}`);
  }
  return { host, hostname: host.replace(/:\d+$/, ''), segments };
}

/** A DID document listing every key (current and retired) for assertion and authentication, so old credentials still verify. */
export function buildDidDocument(did: string, keys: { kid: string; publicJwk: JsonWebKey }[]): DidDocument {
  const verificationMethod: VerificationMethod[] = keys.map(({ kid, publicJwk }) => ({
    id: `${did}#${kid}`,
    type: JWK_VM_TYPE,
    controller: did,
    publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x },
  }));
  const ids = verificationMethod.map((vm) => vm.id);
  return { '@context': DID_CONTEXTS, id: did, verificationMethod, assertionMethod: ids, authentication: [...ids] };
}

/** did:key for an Ed25519 (or P-256 / P-384) public JWK; an Ed25519 one starts with "did:key:z6Mk". */
export function didKeyFromPublicJwk(jwk: JsonWebKey): string {
  return `did:key:${multikeyFromJwk(jwk)}`;
}

/** The public JWK inside a did:key (a fragment is ignored); throws if it is not an Ed25519, P-256 or P-384 did:key. */
export function publicJwkFromDidKey(did: string): JsonWebKey {
  const id = did.split('#')[0] ?? '';
  if (!id.startsWith('did:key:')) throw new Error(`Not a did:key identifier: ${did}`);
  const jwk = jwkFromMultikey(id.slice('did:key:'.length));
  if (!jwk) throw new Error(`Not an Ed25519, P-256 or P-384 did:key: ${did}`);
  return jwk;
}

/** Resolves a did:key offline into its DID document (one Multikey verification method). */
export function resolveDidKey(did: string): DidDocument {
  const id = did.split('#')[0] ?? '';
  publicJwkFromDidKey(id);
  const multibase = id.slice('did:key:'.length);
  const vm: VerificationMethod = {
    id: `${id}#${multibase}`,
    type: 'Multikey',
    controller: id,
    publicKeyMultibase: multibase,
  };
  return singleKeyDocument(id, vm, 'https://w3id.org/security/multikey/v1');
}

/** The DID document of a one-key method (did:key, did:jwk): that key asserts and authenticates. */
function singleKeyDocument(id: string, vm: VerificationMethod, keyContext: string): DidDocument {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', keyContext],
    id,
    verificationMethod: [vm],
    assertionMethod: [vm.id],
    authentication: [vm.id],
  };
}

/** did:jwk for a public JWK (base64url of its JSON). */
export function didJwkFromPublicJwk(jwk: JsonWebKey): string {
  const publicJwk = normalisePublicJwk(jwk);
  if (!publicJwk) throw new Error('Expected a supported public JWK');
  return `did:jwk:${base64UrlEncode(new TextEncoder().encode(JSON.stringify(publicJwk)))}`;
}

/**
 * Resolves a did:jwk offline (did:jwk method: the identifier is the base64url JSON of a public JWK; its one
 * verification method is "#0"). Throws for private keys, unsupported key types and RSA keys under 2048 bits.
 */
export function resolveDidJwk(did: string): DidDocument {
  const id = did.split('#')[0] ?? '';
  if (!id.startsWith('did:jwk:')) throw new Error(`Not a did:jwk identifier: ${did}`);
  const bytes = base64UrlDecode(id.slice('did:jwk:'.length));
  let jwk: JsonWebKey | null = null;
  try {
    jwk = bytes ? (JSON.parse(fromUtf8(bytes)) as JsonWebKey) : null;
  } catch {
    jwk = null;
  }
  const publicJwk = normalisePublicJwk(jwk);
  if (!publicJwk) throw new Error(`Not a did:jwk with a supported public key: ${did}`);
  const vm: VerificationMethod = { id: `${id}#0`, type: 'JsonWebKey', controller: id, publicKeyJwk: publicJwk };
  return singleKeyDocument(id, vm, 'https://w3id.org/security/jwk/v1');
}

/** The DID document of a did:key or did:jwk, computed without any network; null for other methods or bad ids. */
export function resolveOfflineDid(did: string): DidDocument | null {
  try {
    if (did.startsWith('did:key:')) return resolveDidKey(did);
    if (did.startsWith('did:jwk:')) return resolveDidJwk(did);
  } catch {
    return null;
  }
  return null;
}

/** A resolver for did:key and did:jwk (offline) and did:web (through the injected JSON fetcher); null when it cannot resolve. */
export function createDidResolver(
  fetchJson: (url: string) => Promise<unknown>,
): (did: string) => Promise<DidDocument | null> {
  return async (did) => {
    try {
      if (did.startsWith('did:key:') || did.startsWith('did:jwk:')) return resolveOfflineDid(did);
      if (!did.startsWith('did:web:')) return null;
      const doc = (await fetchJson(didWebToDocumentUrl(did))) as DidDocument | null;
      // A document that names another DID must not be accepted for this one.
      return doc && typeof doc === 'object' && doc.id === did ? doc : null;
    } catch {
      return null;
    }
  };
}

/** The verification method `id` (absolute or "#fragment") if `relationship` lists it; null otherwise. */
export function findVerificationMethod(
  doc: DidDocument,
  id: string,
  relationship: VerificationRelationship,
): VerificationMethod | null {
  const absolute = id.startsWith('#') ? doc.id + id : id;
  const listed = doc[relationship];
  if (!Array.isArray(listed)) return null;
  for (const entry of listed) {
    if (typeof entry === 'string') {
      if (absoluteId(doc, entry) !== absolute) continue;
      const vm = doc.verificationMethod?.find((m) => absoluteId(doc, m.id) === absolute);
      return vm ?? null;
    }
    if (entry && typeof entry === 'object' && absoluteId(doc, entry.id) === absolute) return entry;
  }
  return null;
}

/** Every verification method listed under `relationship` (used when a token has no kid). */
export function listVerificationMethods(
  doc: DidDocument,
  relationship: VerificationRelationship,
): VerificationMethod[] {
  const listed = doc[relationship];
  if (!Array.isArray(listed)) return [];
  const out: VerificationMethod[] = [];
  for (const entry of listed) {
    const vm = typeof entry === 'string' ? findVerificationMethod(doc, entry, relationship) : entry;
    if (vm && typeof vm === 'object') out.push(vm);
  }
  return out;
}

/**
 * The public key of a verification method as a minimal JWK (publicKeyJwk, publicKeyMultibase, or an Ed25519
 * publicKeyBase58), or null if it holds no key we can use.
 */
export function publicJwkFromVerificationMethod(vm: VerificationMethod): JsonWebKey | null {
  const jwk = vm.publicKeyJwk;
  if (jwk && typeof jwk === 'object') return normalisePublicJwk(jwk);
  if (typeof vm.publicKeyMultibase === 'string') return jwkFromMultikey(vm.publicKeyMultibase);
  if (typeof vm.publicKeyBase58 === 'string' && /^Ed25519VerificationKey20(18|20)$/.test(vm.type)) {
    const raw = base58Decode(vm.publicKeyBase58);
    return raw?.length === 32 ? { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(raw) } : null;
  }
  return null;
}

/** The Ed25519 public key of a verification method as a JWK, or null if it holds no Ed25519 key we can read. */
export function ed25519JwkFromVerificationMethod(vm: VerificationMethod): JsonWebKey | null {
  const jwk = publicJwkFromVerificationMethod(vm);
  return jwk?.kty === 'OKP' ? jwk : null;
}

function absoluteId(doc: DidDocument, id: string): string {
  return id.startsWith('#') ? doc.id + id : id;
}

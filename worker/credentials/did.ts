/** did:web and did:key for Ed25519: identifiers, DID documents, and reading keys out of verification methods. */
import { base58Decode, base58Encode, base64UrlDecode, base64UrlEncode } from './encoding';

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
// Multicodec ed25519-pub (0xed) as an unsigned varint: 0xed 0x01.
const ED25519_MULTICODEC = [0xed, 0x01] as const;

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

/** did:key for an Ed25519 public JWK (multicodec 0xed01, multibase base58btc, so it starts with "did:key:z6Mk"). */
export function didKeyFromPublicJwk(jwk: JsonWebKey): string {
  return `did:key:${ed25519Multibase(jwk)}`;
}

/** The Ed25519 public JWK inside a did:key (a fragment is ignored); throws if it is not an Ed25519 did:key. */
export function publicJwkFromDidKey(did: string): JsonWebKey {
  const id = did.split('#')[0] ?? '';
  if (!id.startsWith('did:key:')) throw new Error(`Not a did:key identifier: ${did}`);
  const jwk = jwkFromMultibase(id.slice('did:key:'.length));
  if (!jwk) throw new Error(`Not an Ed25519 did:key: ${did}`);
  return jwk;
}

/** Resolves an Ed25519 did:key offline into its DID document (one Multikey verification method). */
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
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id,
    verificationMethod: [vm],
    assertionMethod: [vm.id],
    authentication: [vm.id],
  };
}

/** A resolver for did:key (offline) and did:web (through the injected JSON fetcher); null when it cannot resolve. */
export function createDidResolver(
  fetchJson: (url: string) => Promise<unknown>,
): (did: string) => Promise<DidDocument | null> {
  return async (did) => {
    try {
      if (did.startsWith('did:key:')) return resolveDidKey(did);
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

/** The Ed25519 public key of a verification method as a JWK, or null if it holds no Ed25519 key we can read. */
export function ed25519JwkFromVerificationMethod(vm: VerificationMethod): JsonWebKey | null {
  const jwk = vm.publicKeyJwk;
  if (jwk && typeof jwk === 'object') {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return null;
    return base64UrlDecode(jwk.x)?.length === 32 ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : null;
  }
  if (typeof vm.publicKeyMultibase === 'string') return jwkFromMultibase(vm.publicKeyMultibase);
  if (typeof vm.publicKeyBase58 === 'string' && /^Ed25519VerificationKey20(18|20)$/.test(vm.type)) {
    const raw = base58Decode(vm.publicKeyBase58);
    return raw?.length === 32 ? { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(raw) } : null;
  }
  return null;
}

function absoluteId(doc: DidDocument, id: string): string {
  return id.startsWith('#') ? doc.id + id : id;
}

function ed25519Multibase(jwk: JsonWebKey): string {
  const raw = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' ? base64UrlDecode(jwk.x) : null;
  if (raw?.length !== 32) throw new Error('Expected an Ed25519 public JWK');
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_MULTICODEC, 0);
  bytes.set(raw, 2);
  return `z${base58Encode(bytes)}`;
}

function jwkFromMultibase(multibase: string): JsonWebKey | null {
  if (!multibase.startsWith('z')) return null;
  const bytes = base58Decode(multibase.slice(1));
  if (bytes?.length !== 34 || bytes[0] !== ED25519_MULTICODEC[0] || bytes[1] !== ED25519_MULTICODEC[1]) return null;
  return { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(bytes.subarray(2)) };
}

/** Test fixtures: real keys, DID documents, status lists and in-memory dependencies. Every helper returns fresh objects. */
import { createVerifierCache } from '../../../worker/credentials/cache';
import {
  buildDidDocument,
  didKeyFromPublicJwk,
  didWebFromUrl,
  resolveDidKey,
  type DidDocument,
} from '../../../worker/credentials/did';
import { buildOpenBadgeCredential, signCredentialJwt, type OpenBadgeInput } from '../../../worker/credentials/issue';
import { generateEd25519KeyPair, importPrivateKey, type Ed25519KeyPair } from '../../../worker/credentials/keys';
import {
  buildStatusListCredential,
  encodeStatusList,
  STATUS_LIST_SIZE,
  type StatusPurpose,
} from '../../../worker/credentials/status-list';
import type { PresentationDeps } from '../../../worker/credentials/verify-presentation';
import type { TrustResult } from '../../../worker/credentials/verify-credential';

export const NOW = new Date('2025-06-01T12:00:00Z');

export interface IssuerKey extends Ed25519KeyPair {
  kid: string;
  /** Full DID URL of the key. */
  id: string;
  privateKey: CryptoKey;
}

export interface TestIssuer {
  did: string;
  name: string;
  origin: string;
  keys: IssuerKey[];
  /** The key new credentials are signed with (the last one added). */
  current: IssuerKey;
  doc(): DidDocument;
}

/** A did:web issuer at `origin` with `keyCount` Ed25519 keys (key-1 ... key-n). */
export async function makeIssuer(origin: string, name: string, keyCount = 1): Promise<TestIssuer> {
  const did = didWebFromUrl(origin);
  const keys: IssuerKey[] = [];
  for (let i = 1; i <= keyCount; i++) keys.push(await makeKey(did, `key-${i}`));
  return {
    did,
    name,
    origin,
    keys,
    get current() {
      return keys[keys.length - 1] as IssuerKey;
    },
    doc: () =>
      buildDidDocument(
        did,
        keys.map(({ kid, publicJwk }) => ({ kid, publicJwk })),
      ),
  };
}

/** A new key for `did` with fragment `kid`. */
export async function makeKey(did: string, kid: string): Promise<IssuerKey> {
  const pair = await generateEd25519KeyPair();
  return { ...pair, kid, id: `${did}#${kid}`, privateKey: await importPrivateKey(pair.privateJwk) };
}

export interface TestHolder {
  did: string;
  /** Full DID URL of the key (did:key:z6Mk...#z6Mk...). */
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}

/** A fresh did:key identity with its private key (resolvable offline): a holder's wallet, or an attacker's. */
export async function makeHolder(): Promise<TestHolder> {
  const pair = await generateEd25519KeyPair();
  const did = didKeyFromPublicJwk(pair.publicJwk);
  return {
    did,
    kid: `${did}#${did.slice('did:key:'.length)}`,
    privateKey: await importPrivateKey(pair.privateJwk),
    publicJwk: pair.publicJwk,
    privateJwk: pair.privateJwk,
  };
}

/** Status list URLs for an issuer origin. */
export function listUrl(origin: string, purpose: StatusPurpose): string {
  return `${origin}/status/${purpose}/1`;
}

/** A signed status list credential JWT for `issuer`, with `indices` set. */
export async function signedStatusList(
  issuer: TestIssuer,
  purpose: StatusPurpose,
  indices: number[] = [],
  overrides: { id?: string; validUntil?: string; signWith?: IssuerKey; issuerDid?: string } = {},
): Promise<string> {
  const credential = buildStatusListCredential({
    id: overrides.id ?? listUrl(issuer.origin, purpose),
    issuerDid: overrides.issuerDid ?? issuer.did,
    purpose,
    encodedList: await encodeStatusList(indices, STATUS_LIST_SIZE),
    validFrom: '2025-01-01T00:00:00Z',
    ...(overrides.validUntil ? { validUntil: overrides.validUntil } : {}),
  });
  const key = overrides.signWith ?? issuer.current;
  return signCredentialJwt(credential, { kid: key.id, privateKey: key.privateKey }, { now: NOW });
}

/** Input for a Care Certificate badge awarded to `holderDid` by `issuer`. */
export function badgeInput(issuer: TestIssuer, holderDid: string, index = 4242): OpenBadgeInput {
  return {
    id: 'urn:uuid:5f0a1b2c-3d4e-4f60-8a7b-9c0d1e2f3a4b',
    issuerDid: issuer.did,
    issuerName: issuer.name,
    holderDid,
    validFrom: '2025-01-15T09:00:00Z',
    validUntil: '2028-01-15T09:00:00Z',
    achievement: {
      id: 'https://skills.example/achievements/care-certificate-standard-9',
      achievementType: 'Certificate',
      name: 'Care Certificate Standard 9: Awareness of mental health, dementia and learning disabilities',
      description: 'Completed and assessed against Standard 9 of the Care Certificate.',
      criteriaNarrative: 'Observed in practice by a qualified assessor and passed the knowledge assessment.',
      alignments: [
        {
          targetName: 'Care Certificate Standard 9',
          targetUrl: 'https://www.skillsforcare.org.uk/care-certificate/standard-9',
          targetCode: 'CC-9',
          targetFramework: 'Care Certificate',
          targetType: 'ext:CareCertificateStandard',
        },
      ],
    },
    status: {
      revocationListUrl: listUrl(issuer.origin, 'revocation'),
      suspensionListUrl: listUrl(issuer.origin, 'suspension'),
      index,
    },
    evidence: [{ name: 'Assessor observation', narrative: 'Observed supporting a resident living with dementia.' }],
  };
}

export interface TestChallenge {
  audience: string;
  holder?: string;
  expiresAt: Date;
  consumed: boolean;
}

export interface World {
  issuer: TestIssuer;
  otherIssuer: TestIssuer;
  holder: TestHolder;
  docs: Map<string, DidDocument>;
  lists: Map<string, string>;
  trust: Map<string, TrustResult>;
  clock: { now: Date };
  /** Challenges the test verifier issued, by value. */
  challenges: Map<string, TestChallenge>;
  /** Issues a challenge for presentations to `audience` (from `holder` only, when given), valid ten minutes. */
  issueChallenge(challenge: string, audience: string, holder?: string): void;
  deps(): PresentationDeps;
  /** Signs a credential for `input` (default: badgeInput(issuer, holder.did)) with the issuer's current key. */
  issue(input?: OpenBadgeInput, key?: IssuerKey): Promise<string>;
  /** Re-publishes the issuer's `purpose` list with `indices` set. */
  setStatus(purpose: StatusPurpose, indices: number[]): Promise<void>;
  publishDoc(issuer: TestIssuer): void;
}

/** Two did:web issuers, a did:key holder, published DID documents and status lists, trust entries and a fixed clock. */
export async function makeWorld(): Promise<World> {
  const issuer = await makeIssuer('https://training.example', 'Example Care Training Ltd');
  const otherIssuer = await makeIssuer('https://other.example', 'Other Organisation');
  const holder = await makeHolder();
  const docs = new Map<string, DidDocument>();
  const lists = new Map<string, string>();
  const trust = new Map<string, TrustResult>([
    [issuer.did, { recognised: true, name: issuer.name, approvedForThis: true, approvedFor: ['Care Certificate'] }],
  ]);
  const clock = { now: NOW };
  const challenges = new Map<string, TestChallenge>();
  const world: World = {
    issuer,
    otherIssuer,
    holder,
    docs,
    lists,
    trust,
    clock,
    challenges,
    issueChallenge: (challenge, audience, holder) => {
      challenges.set(challenge, {
        audience,
        holder,
        expiresAt: new Date(clock.now.getTime() + 600_000),
        consumed: false,
      });
    },
    deps: () => ({
      resolveDid: async (did) => (did.startsWith('did:key:') ? resolveDidKey(did) : (docs.get(did) ?? null)),
      fetchStatusList: async (url) => lists.get(url) ?? null,
      lookupTrust: async (did) => trust.get(did) ?? { recognised: false, approvedForThis: false },
      now: () => clock.now,
      // A fresh cache per deps object so tests never see each other's verified lists.
      cache: createVerifierCache(),
      consumeChallenge: async (value, { audience, holder }) => {
        const c = challenges.get(value);
        if (!c) return 'unknown';
        if (c.consumed) return 'used';
        if (c.expiresAt <= clock.now) return 'expired';
        if (c.audience !== audience) return 'wrong_audience';
        if (c.holder !== undefined && c.holder !== holder) return 'wrong_holder';
        c.consumed = true;
        return 'consumed';
      },
    }),
    issue: async (input = badgeInput(issuer, holder.did), key = issuer.current) =>
      signCredentialJwt(buildOpenBadgeCredential(input), { kid: key.id, privateKey: key.privateKey }, { now: NOW }),
    setStatus: async (purpose, indices) => {
      lists.set(listUrl(issuer.origin, purpose), await signedStatusList(issuer, purpose, indices));
    },
    publishDoc: (who) => docs.set(who.did, who.doc()),
  };
  world.publishDoc(issuer);
  world.publishDoc(otherIssuer);
  await world.setStatus('revocation', []);
  await world.setStatus('suspension', []);
  return world;
}

/** Splits a compact JWT into decoded header and payload objects (for tampering). */
export function decodeParts(jwt: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: string;
} {
  const [h = '', p = '', signature = ''] = jwt.split('.');
  const decode = (part: string) => JSON.parse(new TextDecoder().decode(fromB64url(part))) as Record<string, unknown>;
  return { header: decode(h), payload: decode(p), signature };
}

/** Re-encodes a JWT from (possibly modified) parts, keeping the given signature. */
export function encodeParts(header: object, payload: object, signature: string): string {
  return `${toB64url(new TextEncoder().encode(JSON.stringify(header)))}.${toB64url(new TextEncoder().encode(JSON.stringify(payload)))}.${signature}`;
}

export function toB64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Error codes of a result, for compact assertions. */
export function codes(result: { errors: { code: string }[] }): string[] {
  return result.errors.map((e) => e.code);
}

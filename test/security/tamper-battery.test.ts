/**
 * The tamper battery: one table of forged and broken inputs sent to the public verifiers (POST /credentials/verify
 * and POST /presentations/verify) through the real app over a real database, with credentials issued through the
 * real API and forgeries signed with real keys. Each row names the one error code it must be rejected with.
 *
 * Invariants checked on every row: never a 5xx, always JSON, nothing accepted (verified false), and exactly the
 * expected code (plus any listed as also expected). The only row that verifies is the unknown-issuer policy row:
 * a well-signed credential from an issuer outside our registry verifies cryptographically, is flagged
 * `issuer_not_recognised`, and says `trust.recognised: false` (README "Verification"; SECURITY.md).
 *
 * No network: fetch is replaced for the duration with a stub serving a few https:// documents from memory and
 * refusing everything else, so "foreign host" rows exercise the remote path without leaving the process.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { competencies, credentials, statusLists } from '../../db/schema';
import { base64UrlDecode } from '../../worker/credentials/encoding';
import { signJwt } from '../../worker/credentials/jwt';
import { ENVELOPED_VC_PREFIX } from '../../worker/credentials/presentation';
import { STATUS_LIST_SIZE, encodeStatusList } from '../../worker/credentials/status-list';
import { holderSigner } from '../../worker/services/passport/holders';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { signerFor } from '../../worker/services/organisations/issuers';
import { type TestEnv, TEST_ORIGIN, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, makeAchievement } from '../helpers/world';
import {
  type DidKeySigner,
  INVALID_UTF8,
  type Json,
  b64,
  b64json,
  clone,
  decodeJwt,
  flipSignatureBit,
  makeDidKeySigner,
  replacePart,
  resign,
  signHs256,
  signWithForeignAlg,
  tamperHeader,
  tamperPayload,
} from './forge';

type Endpoint = '/credentials/verify' | '/presentations/verify';

/** What one row sends. `json` is serialised; `raw` is sent as is (string or bytes) with `contentType`. */
interface Req {
  endpoint?: Endpoint;
  json?: unknown;
  raw?: string | Uint8Array;
  /** null: no content-type header at all. Default application/json. */
  contentType?: string | null;
}

/**
 * What a row must get back:
 * - `http`: an HTTP-level refusal with the app's JSON error shape and this error code;
 * - `code`: a verification result (400, verified false) whose errors are exactly [code, ...also];
 * - `flagged`: the unknown-issuer policy: verified true with this warning and trust.recognised false.
 */
type Expect = { http: number; error: string } | { code: string; also?: string[] } | { flagged: string };

interface Row {
  name: string;
  build: (k: Kit) => Promise<Req> | Req;
  expect: Expect;
}

interface Signer {
  did: string;
  kid: string;
  privateKey: CryptoKey;
}

interface Kit {
  world: World;
  /** Issued through POST /credentials/issue by academy A to the worker: verifies. */
  good: string;
  /** Same academy, to the other worker. */
  goodOther: string;
  expired: string;
  notYetValid: string;
  revoked: string;
  suspended: string;
  academyA: Signer;
  academyB: Signer;
  worker: Signer;
  otherWorker: Signer;
  attacker: DidKeySigner;
  /** A's and B's revocation list URLs on our host. */
  aRevocationList: string;
  bRevocationList: string;
  /** Lists of the earlier two-list form: B's revocation list and A's suspension list. */
  bLegacyRevocationList: string;
  aLegacySuspensionList: string;
  /** A competency of a framework academy B is not approved for. */
  unapprovedCompetency: { id: string; name: string };
}

/** Adds an empty status list of the earlier two-list form for an academy; returns its id. */
async function legacyList(env: TestEnv, orgId: string, purpose: 'revocation' | 'suspension'): Promise<string> {
  const id = crypto.randomUUID();
  await env.deps.db
    .insert(statusLists)
    .values({ id, orgId, purpose, size: STATUS_LIST_SIZE, version: 0, createdAt: new Date().toISOString() });
  return id;
}

const REMOTE: Map<string, string> = new Map();
const FETCHED: string[] = [];
let env: TestEnv;
let kit: Kit;

/** Sends one request to the app; returns status, content type and parsed body. */
async function send(req: Req) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const contentType = req.contentType === undefined ? 'application/json' : req.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const body = req.raw !== undefined ? req.raw : JSON.stringify(req.json);
  const res = await env.app.request(`${TEST_ORIGIN}${req.endpoint ?? '/credentials/verify'}`, {
    method: 'POST',
    headers,
    body: body as BodyInit,
  });
  const text = await res.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = null;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed, text };
}

const cred = (jwt: string): Req => ({ json: { verifiableCredential: jwt } });
const pres = (jwt: string, options?: { challenge?: string; domain?: string }): Req => ({
  endpoint: '/presentations/verify',
  json: { verifiablePresentation: jwt, ...(options ? { options } : {}) },
});

/**
 * Issues through the real VC-API with academy A's token; returns the compact JWT and the credential id. A given
 * completion date is taken as it is, even one that makes the credential expired already.
 */
async function issueViaApi(email: string, name: string, validFrom?: string) {
  const res = await env.app.request(`${TEST_ORIGIN}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${kit.world.apiToken}` },
    body: JSON.stringify({
      credential: { achievementId, credentialSubject: { email, name }, ...(validFrom ? { validFrom } : {}) },
      ...(validFrom ? { options: { allowExpired: true } } : {}),
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { verifiableCredential: { id: string }; credentialId: string };
  return { jwt: body.verifiableCredential.id.slice(ENVELOPED_VC_PREFIX.length), id: body.credentialId };
}

async function setStatus(id: string, status: 'revoked' | 'suspended') {
  const res = await env.app.request(`${TEST_ORIGIN}/credentials/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${kit.world.apiToken}` },
    body: JSON.stringify({ credentialId: id, credentialStatus: [{ status }], reason: 'tamper battery' }),
  });
  expect(res.status).toBe(200);
}

let achievementId: string;
let nonceCounter = 0;
const freshNonce = () => `battery-nonce-${++nonceCounter}-${crypto.randomUUID()}`;
const nowSeconds = () => Math.floor(env.deps.clock().getTime() / 1000);

/** A challenge issued by the verifier (POST /presentations/challenges) for `domain` (default: this service). */
async function issuedChallenge(domain?: string): Promise<string> {
  const res = await env.app.request(`${TEST_ORIGIN}/presentations/challenges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(domain ? { domain } : {}),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { challenge: string }).challenge;
}

/**
 * A holder-signed vp+jwt; every field can be forged. Defaults give a presentation that verifies: for this service,
 * answering a challenge it issued.
 */
async function presentation(
  o: {
    holder?: Signer;
    signWith?: CryptoKey;
    kid?: string;
    credentials?: string[];
    aud?: string;
    nonce?: string | null;
    iat?: number;
    exp?: number;
    header?: (h: Json) => void;
    payload?: (p: Json) => void;
  } = {},
): Promise<string> {
  const holder = o.holder ?? kit.worker;
  const iat = o.iat ?? nowSeconds();
  const payload: Json = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder: holder.did,
    verifiableCredential: (o.credentials ?? [kit.good]).map((jwt) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `${ENVELOPED_VC_PREFIX}${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    })),
    iss: holder.did,
    aud: o.aud ?? TEST_ORIGIN,
    ...(o.nonce === null ? {} : { nonce: o.nonce ?? (await issuedChallenge()) }),
    iat,
    exp: o.exp ?? iat + 300,
  };
  const header: Json = { alg: 'EdDSA', typ: 'vp+jwt', cty: 'vp', kid: o.kid ?? holder.kid };
  o.header?.(header);
  o.payload?.(payload);
  return signJwt(header, payload, o.signWith ?? holder.privateKey);
}

/** Re-signs the good credential with academy A's real key after an edit (so only the edit is wrong). */
const resignA = (edit: { header?: (h: Json) => void; payload?: (p: Json) => void }) =>
  resign(kit.good, kit.academyA.privateKey, edit);

/** A copy of the good credential's claims re-issued as `issuer` (object form) and signed with `key` under `kid`. */
async function reissueAs(
  issuer: string,
  key: CryptoKey,
  kid: string,
  edit?: (p: Json) => void,
  name = 'Northern Care Academy',
) {
  const { payload } = decodeJwt(kit.good);
  const p = clone(payload);
  p.issuer = { id: issuer, type: ['Profile'], name };
  p.iss = issuer;
  edit?.(p);
  return signJwt({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid }, p, key);
}

/** A status entry pair rewritten to point somewhere else. */
/** Points the credential's single status entry at `list` (credentials carry one 2-bit `message` entry). */
function pointStatus(p: Json, list: string, index?: string) {
  p.credentialStatus = {
    ...(p.credentialStatus as Json),
    statusListCredential: list,
    id: `${list}#1`,
    ...(index ? { statusListIndex: index } : {}),
  };
}

/** A JWT with a payload padded so the token is `target` characters long (± 4), signed by academy A. */
async function paddedCredential(target: number): Promise<string> {
  let pad = Math.floor(target * 0.75) - 2000;
  for (let i = 0; i < 6; i++) {
    const jwt = await resignA({
      payload: (p) => {
        p.description = 'x'.repeat(pad);
      },
    });
    if (Math.abs(jwt.length - target) <= 4) return jwt;
    pad += Math.round((target - jwt.length) * 0.75);
  }
  return resignA({
    payload: (p) => {
      p.description = 'x'.repeat(pad);
    },
  });
}

/** The good credential with its signature replaced by `sig` (already base64url). */
const withSignature = (sig: string) => replacePart(kit.good, 2, sig);
const goodParts = () => kit.good.split('.') as [string, string, string];

const ROWS: Row[] = [
  // ---------------------------------------------------------------- the request itself
  { name: 'empty body', build: () => ({ raw: '' }), expect: { http: 400, error: 'bad_request' } },
  { name: 'array body', build: () => ({ raw: '[]' }), expect: { http: 400, error: 'validation_failed' } },
  { name: 'null body', build: () => ({ raw: 'null' }), expect: { http: 400, error: 'validation_failed' } },
  {
    name: 'a bare JWT string as the JSON body',
    build: (k) => ({ json: k.good }),
    expect: { http: 400, error: 'validation_failed' },
  },
  {
    name: 'truncated JSON',
    build: () => ({ raw: '{"verifiableCredential":"ey' }),
    expect: { http: 400, error: 'bad_request' },
  },
  {
    name: 'wrong content-type: text/plain',
    build: (k) => ({ ...cred(k.good), contentType: 'text/plain' }),
    expect: { http: 415, error: 'unsupported_media_type' },
  },
  {
    name: 'wrong content-type: the raw JWT as application/vc+jwt',
    build: (k) => ({ raw: k.good, contentType: 'application/vc+jwt' }),
    expect: { http: 415, error: 'unsupported_media_type' },
  },
  {
    name: 'no content-type',
    build: (k) => ({ ...cred(k.good), contentType: null }),
    expect: { http: 415, error: 'unsupported_media_type' },
  },
  {
    name: 'body over 1 MiB',
    build: (k) => ({ json: { verifiableCredential: k.good, padding: 'x'.repeat(1024 * 1024 + 10) } }),
    expect: { http: 413, error: 'payload_too_large' },
  },
  {
    name: 'deeply nested JSON (2,000 levels)',
    build: () => ({ raw: `{"verifiableCredential":${'['.repeat(2000)}${']'.repeat(2000)}}` }),
    expect: { http: 400, error: 'bad_request' },
  },
  {
    name: 'invalid UTF-8 in the body',
    build: () => ({ raw: INVALID_UTF8 }),
    expect: { http: 400, error: 'bad_request' },
  },
  {
    name: 'verifiableCredential is a number',
    build: () => ({ json: { verifiableCredential: 42 } }),
    expect: { http: 400, error: 'validation_failed' },
  },
  {
    name: 'enveloped credential with a presentation media type',
    build: (k) => ({
      json: {
        verifiableCredential: { id: `data:application/vp+jwt,${k.good}`, type: 'EnvelopedVerifiableCredential' },
      },
    }),
    expect: { http: 400, error: 'validation_failed' },
  },
  {
    name: 'credential string over the 70,000-character API limit',
    build: () => ({ json: { verifiableCredential: `${'a'.repeat(70_001)}` } }),
    expect: { http: 400, error: 'validation_failed' },
  },

  // ---------------------------------------------------------------- structure and encoding of the JWT
  {
    name: 'credential over 64 KiB (signed, 67,000 characters)',
    build: async () => cred(await paddedCredential(67_000)),
    expect: { code: 'payload_too_large' },
  },
  { name: 'two parts', build: () => cred(goodParts().slice(0, 2).join('.')), expect: { code: 'malformed_jwt' } },
  { name: 'four parts', build: (k) => cred(`${k.good}.AAAA`), expect: { code: 'malformed_jwt' } },
  { name: 'empty string', build: () => cred(''), expect: { code: 'malformed_jwt' } },
  {
    name: 'header: standard-base64 "+" character',
    build: () => cred(replacePart(kit.good, 0, `${goodParts()[0].slice(0, -1)}+`)),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'payload: "=" padding added',
    build: () => cred(replacePart(kit.good, 1, `${goodParts()[1]}==`)),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'payload: non-ASCII character inside',
    build: () => cred(replacePart(kit.good, 1, `${goodParts()[1].slice(0, 40)}é${goodParts()[1].slice(41)}`)),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'signature: whitespace inside',
    build: () => cred(withSignature(`${goodParts()[2].slice(0, 20)} ${goodParts()[2].slice(20)}`)),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'signature: non-canonical base64url (trailing bits set)',
    // 64 bytes encode to 86 characters whose last one carries 4 unused bits; setting one makes a second spelling.
    build: () => {
      const s = goodParts()[2];
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      return cred(withSignature(`${s.slice(0, -1)}${alphabet[alphabet.indexOf(s.slice(-1)) | 1]}`));
    },
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'header: invalid UTF-8 inside base64url',
    build: () => cred(replacePart(kit.good, 0, b64(INVALID_UTF8))),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'payload: invalid UTF-8 inside base64url',
    build: () => cred(replacePart(kit.good, 1, b64(INVALID_UTF8))),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'header: a JSON array',
    build: () => cred(replacePart(kit.good, 0, b64json(['EdDSA']))),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'payload: a JSON string',
    build: () => cred(replacePart(kit.good, 1, b64json('credential'))),
    expect: { code: 'malformed_jwt' },
  },
  {
    name: 'payload: JSON with a NUL byte outside a string',
    build: () => cred(replacePart(kit.good, 1, b64('{"a":1}\u0000'))),
    expect: { code: 'malformed_jwt' },
  },

  // ---------------------------------------------------------------- content altered, signature kept
  {
    name: 'header: same meaning, different bytes (whitespace)',
    build: (k) => {
      const { header } = decodeJwt(k.good);
      return cred(replacePart(k.good, 0, b64(JSON.stringify(header, null, 1))));
    },
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'header: extra harmless member',
    build: (k) =>
      cred(
        tamperHeader(k.good, (h) => {
          h.x5t = 'abc';
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: achievement renamed',
    build: (k) =>
      cred(
        tamperPayload(k.good, (p) => {
          ((p.credentialSubject as Json).achievement as Json).name = 'Registered nurse';
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: same meaning, different bytes (whitespace)',
    build: (k) => cred(replacePart(k.good, 1, b64(JSON.stringify(decodeJwt(k.good).payload, null, 2)))),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: validUntil extended',
    build: (k) =>
      cred(
        tamperPayload(k.good, (p) => {
          p.validUntil = '2099-01-01T00:00:00Z';
          p.exp = Date.parse('2099-01-01T00:00:00Z') / 1000;
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: validUntil extended, exp claim left as signed',
    build: (k) =>
      cred(
        tamperPayload(k.good, (p) => {
          p.validUntil = '2099-01-01T00:00:00Z';
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: subject swapped to another holder',
    build: (k) =>
      cred(
        tamperPayload(k.good, (p) => {
          (p.credentialSubject as Json).id = k.otherWorker.did;
          p.sub = k.otherWorker.did;
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: subject swapped to another holder, sub claim left as signed',
    build: (k) =>
      cred(
        tamperPayload(k.good, (p) => {
          (p.credentialSubject as Json).id = k.otherWorker.did;
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'payload: status entry removed',
    build: (k) => cred(tamperPayload(k.good, (p) => void delete p.credentialStatus)),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'signature: one bit flipped',
    build: (k) => cred(flipSignatureBit(k.good, 17, 3)),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'signature: last byte flipped',
    build: (k) => cred(flipSignatureBit(k.good, 63, 7)),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'signature: truncated to 63 bytes',
    build: (k) => cred(withSignature(b64(decodeJwt(k.good).signature.slice(0, 63)))),
    expect: { code: 'invalid_signature' },
  },
  { name: 'signature: empty', build: () => cred(withSignature('')), expect: { code: 'invalid_signature' } },
  {
    name: 'signature: 64 zero bytes',
    build: () => cred(withSignature(b64(new Uint8Array(64)))),
    expect: { code: 'invalid_signature' },
  },
  {
    name: "signature: another credential's",
    build: (k) => cred(withSignature(k.goodOther.split('.')[2]!)),
    expect: { code: 'invalid_signature' },
  },

  // ---------------------------------------------------------------- algorithm confusion
  {
    name: 'alg "none" with an empty signature',
    build: (k) => cred(`${b64json({ ...decodeJwt(k.good).header, alg: 'none' })}.${goodParts()[1]}.`),
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'alg "EDDSA" (case variant)',
    build: (k) =>
      cred(
        tamperHeader(k.good, (h) => {
          h.alg = 'EDDSA';
        }),
      ),
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'alg missing',
    build: (k) => cred(tamperHeader(k.good, (h) => void delete h.alg)),
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'HS256 keyed with the issuer public key bytes',
    build: async (k) => {
      const { header, payload } = decodeJwt(k.good);
      const doc = (await (await env.app.request(`/orgs/${k.world.academy.slug}/did.json`)).json()) as {
        verificationMethod: { publicKeyJwk: { x: string } }[];
      };
      return cred(
        await signHs256(
          { ...header, alg: 'HS256' },
          payload,
          base64UrlDecode(doc.verificationMethod[0]!.publicKeyJwk.x)!,
        ),
      );
    },
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'HS256 keyed with the issuer public JWK text',
    build: async (k) => {
      const { header, payload } = decodeJwt(k.good);
      const doc = await (await env.app.request(`/orgs/${k.world.academy.slug}/did.json`)).text();
      const jwk = JSON.stringify(
        (JSON.parse(doc) as { verificationMethod: { publicKeyJwk: unknown }[] }).verificationMethod[0]!.publicKeyJwk,
      );
      return cred(await signHs256({ ...header, alg: 'HS256' }, payload, new TextEncoder().encode(jwk)));
    },
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'ES256, really signed with a P-256 key',
    build: async (k) => cred(await signWithForeignAlg('ES256', decodeJwt(k.good).header, decodeJwt(k.good).payload)),
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'RS256, really signed with an RSA key',
    build: async (k) => cred(await signWithForeignAlg('RS256', decodeJwt(k.good).header, decodeJwt(k.good).payload)),
    expect: { code: 'unsupported_algorithm' },
  },

  // ---------------------------------------------------------------- header parameters, re-signed with the real key
  {
    name: 'crit header (re-signed by the issuer)',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.crit = ['exp'];
          },
        }),
      ),
    expect: { code: 'unsupported_header' },
  },
  {
    name: 'kid not a string (re-signed by the issuer)',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.kid = ['key-1'];
          },
        }),
      ),
    expect: { code: 'unsupported_header' },
  },
  {
    name: 'kid missing on a vc+jwt (re-signed by the issuer)',
    build: async () => cred(await resignA({ header: (h) => void delete h.kid })),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'kid points at a key the issuer does not have',
    build: async (k) =>
      cred(
        await resignA({
          header: (h) => {
            h.kid = `${k.academyA.did}#key-does-not-exist`;
          },
        }),
      ),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'kid names another DID',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.kid = 'did:web:evil.example#key-1';
          },
        }),
      ),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'kid is an https URL',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.kid = 'https://evil.example/keys/1';
          },
        }),
      ),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'embedded jwk of the attacker, kid of the issuer (attacker-signed)',
    build: async (k) => {
      const { header, payload } = decodeJwt(k.good);
      return cred(await signJwt({ ...header, jwk: k.attacker.publicJwk }, payload, k.attacker.privateKey));
    },
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'jku and x5u pointing at the attacker (attacker-signed)',
    build: async (k) => {
      const { header, payload } = decodeJwt(k.good);
      return cred(
        await signJwt(
          { ...header, jku: 'https://evil.example/jwks.json', x5u: 'https://evil.example/cert.pem' },
          payload,
          k.attacker.privateKey,
        ),
      );
    },
    expect: { code: 'invalid_signature' },
  },

  // ---------------------------------------------------------------- someone else's key, someone else's DID
  {
    name: "academy B's real key claiming academy A (B's kid)",
    build: async (k) => cred(await reissueAs(k.academyA.did, k.academyB.privateKey, k.academyB.kid)),
    expect: { code: 'unknown_key' },
  },
  {
    name: "academy B's real key claiming academy A (A's kid)",
    build: async (k) => cred(await reissueAs(k.academyA.did, k.academyB.privateKey, k.academyA.kid)),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'DID swap: our did:web issuer, a did:key kid and signature',
    build: async (k) => cred(await reissueAs(k.academyA.did, k.attacker.privateKey, k.attacker.kid)),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'DID swap: did:key issuer with iss claiming our did:web',
    build: async (k) =>
      cred(
        await reissueAs(k.attacker.did, k.attacker.privateKey, k.attacker.kid, (p) => {
          p.iss = k.academyA.did;
        }),
      ),
    expect: { code: 'schema_invalid' },
  },
  {
    name: 'DID swap: a foreign did:web whose document says it is academy A',
    build: async (k) =>
      cred(
        await reissueAs(
          'did:web:evil.example',
          k.attacker.privateKey,
          'did:web:evil.example#key-1',
          (p) => void delete p.credentialStatus,
        ),
      ),
    expect: { code: 'issuer_unresolvable' },
  },
  {
    name: 'issuer is not a DID',
    build: async (k) =>
      cred(await reissueAs('https://academy-a.example', k.attacker.privateKey, 'https://academy-a.example#k')),
    expect: { code: 'issuer_unresolvable' },
  },
  {
    name: 'issuer on an unreachable host',
    build: async (k) =>
      cred(await reissueAs('did:web:unreachable.example', k.attacker.privateKey, 'did:web:unreachable.example#key-1')),
    expect: { code: 'issuer_unresolvable' },
  },
  {
    name: 'issuer slug look-alike of ours (Cyrillic letter)',
    build: async (k) => {
      const fake = `${k.academyA.did.slice(0, -1)}\u0430`;
      return cred(await reissueAs(fake, k.attacker.privateKey, `${fake}#key-1`));
    },
    expect: { code: 'issuer_unresolvable' },
  },

  // ---------------------------------------------------------------- type and claims, re-signed with the real key
  {
    // typ JWT with an Open Badges credential as the claims set is an Open Badges 3.0 JWT (accepted); with any
    // other claims set and no vc claim it is not a credential.
    name: 'typ "JWT" without a vc claim, not an Open Badges credential',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.typ = 'JWT';
          },
          payload: (p) => {
            p.type = ['VerifiableCredential'];
          },
        }),
      ),
    expect: { code: 'wrong_type' },
  },
  {
    name: 'typ "vp+jwt" on a credential',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.typ = 'vp+jwt';
          },
        }),
      ),
    expect: { code: 'wrong_type' },
  },
  {
    name: 'cty "application/json"',
    build: async () =>
      cred(
        await resignA({
          header: (h) => {
            h.cty = 'application/json';
          },
        }),
      ),
    expect: { code: 'wrong_type' },
  },
  {
    name: 'iss differs from issuer',
    build: async (k) =>
      cred(
        await resignA({
          payload: (p) => {
            p.iss = k.academyB.did;
          },
        }),
      ),
    expect: { code: 'schema_invalid' },
  },
  {
    name: 'jti differs from id',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            p.jti = 'urn:uuid:00000000-0000-4000-8000-000000000000';
          },
        }),
      ),
    expect: { code: 'schema_invalid' },
  },
  {
    name: 'a vc claim inside a vc+jwt',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            p.vc = { type: ['VerifiableCredential'] };
          },
        }),
      ),
    expect: { code: 'schema_invalid' },
  },
  {
    name: 'wrong @context',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            p['@context'] = ['https://www.w3.org/2018/credentials/v1'];
          },
        }),
      ),
    expect: { code: 'schema_invalid' },
  },
  {
    name: 'VC 1.1 JWT whose iss differs from vc.issuer',
    build: async (k) => {
      const { payload } = decodeJwt(k.good);
      const vc = {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: k.academyA.did,
        credentialSubject: payload.credentialSubject,
      };
      return cred(
        await signJwt(
          { alg: 'EdDSA', typ: 'JWT', kid: k.attacker.kid },
          { iss: k.attacker.did, vc, iat: nowSeconds() },
          k.attacker.privateKey,
        ),
      );
    },
    expect: { code: 'schema_invalid' },
  },
  {
    name: "VC 1.1 JWT: iss is academy B, signed with academy A's key and kid",
    build: async (k) => {
      const vc = {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { name: 'x' },
      };
      return cred(
        await signJwt(
          { alg: 'EdDSA', typ: 'JWT', kid: k.academyA.kid },
          { iss: k.academyB.did, vc },
          k.academyA.privateKey,
        ),
      );
    },
    expect: { code: 'unknown_key' },
  },

  // ---------------------------------------------------------------- dates and status
  {
    name: 'expired (completed 2024-01-01, 24-month refresher)',
    build: (k) => cred(k.expired),
    expect: { code: 'expired' },
  },
  {
    name: 'not yet valid (completion date in 2027)',
    build: (k) => cred(k.notYetValid),
    expect: { code: 'not_yet_valid' },
  },
  { name: 'revoked', build: (k) => cred(k.revoked), expect: { code: 'revoked' } },
  { name: 'suspended', build: (k) => cred(k.suspended), expect: { code: 'suspended' } },
  {
    name: "status list signed by another issuer (points at academy B's list)",
    build: async (k) => cred(await resignA({ payload: (p) => pointStatus(p, k.bRevocationList) })),
    expect: { code: 'status_list_invalid' },
  },
  {
    // The two-entry form credentials had before the single 2-bit entry still verifies, so it is still attacked.
    name: "earlier two-entry status: only the revocation entry points at academy B's list (suspension on A's own)",
    build: async (k) =>
      cred(
        await resignA({
          payload: (p) => {
            const index = (p.credentialStatus as Json).statusListIndex;
            p.credentialStatus = [
              [k.bLegacyRevocationList, 'revocation'],
              [k.aLegacySuspensionList, 'suspension'],
            ].map(([list, purpose]) => ({
              id: `${list}#${index}`,
              type: 'BitstringStatusListEntry',
              statusPurpose: purpose,
              statusListIndex: index,
              statusListCredential: list,
            }));
          },
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },
  {
    name: "remote status list with bits flipped (academy A's signature kept)",
    build: async () =>
      cred(
        await resignA({
          payload: (p) => pointStatus(p, 'https://lists.example/flipped'),
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },
  {
    name: 'remote status list claiming academy A, signed by academy B',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => pointStatus(p, 'https://lists.example/b-signed'),
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },
  {
    name: 'status list unreachable: unknown list id on our host',
    build: async () =>
      cred(await resignA({ payload: (p) => pointStatus(p, `${TEST_ORIGIN}/status-lists/${crypto.randomUUID()}`) })),
    expect: { code: 'status_unavailable' },
  },
  {
    name: 'status list unreachable: foreign host',
    build: async () =>
      cred(await resignA({ payload: (p) => pointStatus(p, 'https://status.unreachable.example/list/1') })),
    expect: { code: 'status_unavailable' },
  },
  {
    name: 'status index outside the list',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            (p.credentialStatus as Json).statusListIndex = String(STATUS_LIST_SIZE * 64);
          },
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },
  {
    name: 'status purpose changed (a 1-bit revocation entry naming the 2-bit message list)',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            const { statusSize: _size, statusMessage: _messages, ...entry } = p.credentialStatus as Json;
            p.credentialStatus = { ...entry, statusPurpose: 'revocation' };
          },
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },
  {
    name: 'status entry with statusSize 2 and no statusMessage',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            const { statusMessage: _messages, ...entry } = p.credentialStatus as Json;
            p.credentialStatus = entry;
          },
        }),
      ),
    expect: { code: 'status_list_invalid' },
  },

  // ---------------------------------------------------------------- trust
  {
    name: 'issuer not approved for the achievement (academy B, Care Certificate alignment)',
    build: async (k) =>
      cred(
        await reissueAs(
          k.academyB.did,
          k.academyB.privateKey,
          k.academyB.kid,
          (p) => {
            delete p.credentialStatus;
            const achievement = (p.credentialSubject as Json).achievement as Json;
            achievement.alignment = [
              {
                type: ['Alignment'],
                targetName: k.unapprovedCompetency.name,
                targetUrl: `${TEST_ORIGIN}/catalogue`,
                targetCode: k.unapprovedCompetency.id,
              },
            ];
          },
          'Southern Skills Ltd',
        ),
      ),
    expect: { code: 'issuer_not_approved' },
  },
  {
    name: 'alignment to a catalogue item that does not exist',
    build: async () =>
      cred(
        await resignA({
          payload: (p) => {
            const achievement = (p.credentialSubject as Json).achievement as Json;
            (achievement.alignment as Json[])[0]!.targetCode = 'made-up-competency';
          },
        }),
      ),
    expect: { code: 'issuer_not_approved' },
  },
  {
    name: 'unknown issuer (did:key) calling itself Northern Care Academy: flagged, by policy',
    build: async (k) =>
      cred(
        await reissueAs(k.attacker.did, k.attacker.privateKey, k.attacker.kid, (p) => void delete p.credentialStatus),
      ),
    expect: { flagged: 'issuer_not_recognised' },
  },

  // ---------------------------------------------------------------- presentations
  {
    name: 'presentation: empty body',
    build: () => ({ endpoint: '/presentations/verify', raw: '' }),
    expect: { http: 400, error: 'bad_request' },
  },
  {
    name: 'presentation: array body',
    build: () => ({ endpoint: '/presentations/verify', raw: '[{}]' }),
    expect: { http: 400, error: 'validation_failed' },
  },
  {
    name: 'presentation: body over 1 MiB',
    build: () => ({
      endpoint: '/presentations/verify',
      json: { verifiablePresentation: 'a', padding: 'x'.repeat(1024 * 1024 + 1) },
    }),
    expect: { http: 413, error: 'payload_too_large' },
  },
  {
    name: 'presentation: 200,000 levels of nesting',
    build: () => ({
      endpoint: '/presentations/verify',
      raw: `{"verifiablePresentation":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
    }),
    expect: { http: 400, error: 'bad_request' },
  },
  {
    name: 'presentation: wrong content-type',
    build: async () => ({ ...pres(await presentation()), contentType: 'application/x-www-form-urlencoded' }),
    expect: { http: 415, error: 'unsupported_media_type' },
  },
  {
    name: 'presentation: replayed (same challenge twice)',
    build: async () => {
      const nonce = await issuedChallenge('https://employer.example');
      const vp = await presentation({ nonce, aud: 'https://employer.example' });
      const first = await send(pres(vp, { challenge: nonce, domain: 'https://employer.example' }));
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      return pres(vp, { challenge: nonce, domain: 'https://employer.example' });
    },
    expect: { code: 'replayed_presentation' },
  },
  {
    name: 'presentation: wrong audience',
    build: async () => {
      const nonce = freshNonce();
      return pres(await presentation({ nonce, aud: 'https://someone-else.example' }), {
        challenge: nonce,
        domain: 'https://employer.example',
      });
    },
    expect: { code: 'wrong_audience' },
  },
  {
    name: 'presentation: no audience (this service expected)',
    build: async () =>
      pres(
        await presentation({
          payload: (p) => {
            delete p.aud;
          },
        }),
      ),
    expect: { code: 'wrong_audience' },
  },
  {
    name: 'presentation: for another verifier, checked without a domain',
    build: async () => pres(await presentation({ aud: 'https://employer.example' })),
    expect: { code: 'wrong_audience' },
  },
  {
    name: 'presentation: a nonce this verifier never issued',
    build: async () => pres(await presentation({ nonce: freshNonce() })),
    expect: { code: 'unknown_challenge' },
  },
  {
    name: 'presentation: a challenge issued for another domain',
    build: async () => {
      const nonce = await issuedChallenge('https://other-verifier.example');
      return pres(await presentation({ nonce, aud: 'https://employer.example' }), {
        challenge: nonce,
        domain: 'https://employer.example',
      });
    },
    expect: { code: 'wrong_audience' },
  },
  {
    name: 'presentation: wrong challenge',
    build: async () => pres(await presentation({ nonce: freshNonce() }), { challenge: 'the-challenge-we-issued' }),
    expect: { code: 'nonce_mismatch' },
  },
  {
    name: 'presentation: no nonce, so replay cannot be ruled out',
    build: async () => pres(await presentation({ nonce: null })),
    expect: { code: 'nonce_mismatch' },
  },
  {
    name: 'presentation: credential of another holder',
    build: async (k) => pres(await presentation({ credentials: [k.goodOther] })),
    expect: { code: 'holder_mismatch' },
  },
  {
    name: 'presentation: signed by someone other than its holder',
    build: async (k) => pres(await presentation({ signWith: k.otherWorker.privateKey })),
    expect: { code: 'invalid_signature' },
  },
  {
    name: "presentation: another holder's kid",
    build: async (k) => pres(await presentation({ kid: k.otherWorker.kid, signWith: k.otherWorker.privateKey })),
    expect: { code: 'unknown_key' },
  },
  {
    name: "presentation: signed with the issuer's key for the holder",
    build: async (k) => pres(await presentation({ kid: k.academyA.kid, signWith: k.academyA.privateKey })),
    expect: { code: 'unknown_key' },
  },
  {
    name: 'presentation: iss is not the holder',
    build: async (k) =>
      pres(
        await presentation({
          payload: (p) => {
            p.iss = k.otherWorker.did;
          },
        }),
      ),
    expect: { code: 'issuer_mismatch' },
  },
  {
    name: 'presentation: expired',
    build: async () => pres(await presentation({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })),
    expect: { code: 'presentation_expired' },
  },
  {
    name: 'presentation: lifetime over an hour',
    build: async () => pres(await presentation({ iat: nowSeconds(), exp: nowSeconds() + 86_400 })),
    expect: { code: 'presentation_expired' },
  },
  {
    name: 'presentation: issued in the future',
    build: async () => pres(await presentation({ iat: nowSeconds() + 600, exp: nowSeconds() + 900 })),
    expect: { code: 'not_yet_valid' },
  },
  {
    name: 'presentation: carries a tampered credential',
    build: async (k) => pres(await presentation({ credentials: [flipSignatureBit(k.good, 5, 1)] })),
    expect: { code: 'credential_invalid' },
  },
  {
    name: 'presentation: carries a revoked credential',
    build: async (k) => pres(await presentation({ credentials: [k.revoked] })),
    expect: { code: 'credential_invalid' },
  },
  {
    name: 'presentation: 21 credentials',
    build: async (k) => pres(await presentation({ credentials: Array.from({ length: 21 }, () => k.good) })),
    expect: { code: 'too_many_credentials' },
  },
  {
    name: 'presentation: alg "none"',
    build: async () => {
      const [h, p] = (await presentation()).split('.');
      return pres(`${b64json({ ...JSON.parse(new TextDecoder().decode(base64UrlDecode(h!)!)), alg: 'none' })}.${p}.`);
    },
    expect: { code: 'unsupported_algorithm' },
  },
  {
    name: 'presentation: a credential JWT posted as a presentation',
    build: (k) => pres(k.good),
    expect: { code: 'wrong_type' },
  },
  {
    name: 'presentation: header altered, signature kept',
    build: async () =>
      pres(
        tamperHeader(await presentation(), (h) => {
          h.extra = 1;
        }),
      ),
    expect: { code: 'invalid_signature' },
  },
  {
    name: 'presentation: over 512 KiB (signed)',
    build: async () =>
      pres(
        await presentation({
          payload: (p) => {
            p.padding = 'x'.repeat(420_000);
          },
        }),
      ),
    expect: { code: 'payload_too_large' },
  },
  {
    name: 'presentation: invalid UTF-8 inside the payload part',
    build: async () => pres(replacePart(await presentation(), 1, b64(INVALID_UTF8))),
    expect: { code: 'malformed_jwt' },
  },
];

/** fetch stand-in: serves REMOTE documents, refuses everything else (no test may touch the network). */
async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  FETCHED.push(url);
  const body = REMOTE.get(url);
  if (body === undefined) throw new TypeError(`network disabled in tests: ${url}`);
  return new Response(body, { status: 200 });
}

beforeAll(async () => {
  vi.stubGlobal('fetch', fakeFetch);
  env = await makeTestEnv();
  const world = await buildWorld(env);
  const { db, config } = env.deps;
  const now = env.deps.clock();
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  const bAchievement = await makeAchievement(env, world.otherAcademy.id, world.otherAcademyStaff.id, {
    alignedIds: ['cstf-fire'],
    name: 'Fire safety',
  });
  const a = await signerFor(env.deps, world.academy, now);
  const b = await signerFor(env.deps, world.otherAcademy, now);
  const w = (await holderSigner(db, config, world.worker.id))!;
  const o = (await holderSigner(db, config, world.otherWorker.id))!;
  kit = { world } as Kit;
  const good = await issueViaApi(world.worker.email, 'Wendy Worker');
  const goodOther = await issueViaApi(world.otherWorker.email, 'Oscar Other');
  const expired = await issueViaApi(world.worker.email, 'Wendy Worker', '2024-01-01');
  const notYetValid = await issueViaApi(world.worker.email, 'Wendy Worker', '2027-01-01');
  const revoked = await issueViaApi(world.worker.email, 'Wendy Worker');
  const suspended = await issueViaApi(world.worker.email, 'Wendy Worker');
  await setStatus(revoked.id, 'revoked');
  await setStatus(suspended.id, 'suspended');
  // Academy B issues once, so it has status lists of its own on our host.
  const [bIssued] = await issueCredentials(
    { ...issueContext(env.deps, null), now },
    await loadAchievement(db, world.otherAcademy.id, bAchievement.id),
    [{ email: world.worker.email, name: 'Wendy Worker' }],
  );
  const bRow = (await db.select().from(credentials).where(eq(credentials.id, bIssued!.credentialId)))[0]!;
  const aRow = (
    await db
      .select()
      .from(credentials)
      .where(eq(credentials.id, good.id.replace('urn:uuid:', '')))
  )[0]!;
  const unapproved = (
    await db.select().from(competencies).where(eq(competencies.frameworkId, 'care-certificate-2025')).limit(1)
  )[0]!;
  Object.assign(kit, {
    good: good.jwt,
    goodOther: goodOther.jwt,
    expired: expired.jwt,
    notYetValid: notYetValid.jwt,
    revoked: revoked.jwt,
    suspended: suspended.jwt,
    academyA: a,
    academyB: b,
    worker: w,
    otherWorker: o,
    attacker: await makeDidKeySigner(),
    aRevocationList: `${TEST_ORIGIN}/status-lists/${aRow.revocationListId}`,
    bRevocationList: `${TEST_ORIGIN}/status-lists/${bRow.revocationListId}`,
    bLegacyRevocationList: `${TEST_ORIGIN}/status-lists/${await legacyList(env, bRow.issuerOrgId, 'revocation')}`,
    aLegacySuspensionList: `${TEST_ORIGIN}/status-lists/${await legacyList(env, aRow.issuerOrgId, 'suspension')}`,
    unapprovedCompetency: { id: unapproved.id, name: unapproved.name },
  });

  // Remote documents the stubbed fetch serves.
  const evilDoc = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: a.did,
    verificationMethod: [
      {
        id: 'did:web:evil.example#key-1',
        type: 'JsonWebKey2020',
        controller: 'did:web:evil.example',
        publicKeyJwk: kit.attacker.publicJwk,
      },
    ],
    assertionMethod: ['did:web:evil.example#key-1'],
  };
  REMOTE.set('https://evil.example/.well-known/did.json', JSON.stringify(evilDoc));
  // A's real revocation list, re-labelled for its remote URL and re-signed by A, then its bits flipped with the signature kept.
  const realList = await (await env.app.request(`/status-lists/${aRow.revocationListId}`)).text();
  const listFor = async (url: string, signer: { kid: string; privateKey: CryptoKey }) => {
    const { header, payload } = decodeJwt(realList);
    payload.id = url;
    (payload.credentialSubject as Json).id = `${url}#list`;
    return signJwt({ ...header, kid: signer.kid }, payload, signer.privateKey);
  };
  const flippedUrl = 'https://lists.example/flipped';
  const signedFlipped = decodeJwt(await listFor(flippedUrl, a));
  (signedFlipped.payload.credentialSubject as Json).encodedList = await encodeStatusList(
    [1, 2, 3, 4, 5],
    STATUS_LIST_SIZE,
  );
  REMOTE.set(flippedUrl, `${signedFlipped.parts[0]}.${b64json(signedFlipped.payload)}.${signedFlipped.parts[2]}`);
  REMOTE.set('https://lists.example/b-signed', await listFor('https://lists.example/b-signed', b));

  // Sanity: the baseline verifies, so every rejection below is about the forgery, not a broken fixture.
  const base = await send(cred(kit.good));
  expect(base.status, JSON.stringify(base.body)).toBe(200);
  expect(base.body?.verified).toBe(true);
  const vp = await send(pres(await presentation()));
  expect(vp.status, JSON.stringify(vp.body)).toBe(200);
}, 120_000);

afterAll(() => {
  vi.unstubAllGlobals();
  env?.close();
});

const outcomes: { name: string; verified: boolean | null; status: number }[] = [];

describe('tamper battery: forged and broken input to the public verifiers', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const req = await row.build(kit);
    const res = await send(req);
    const label = `${row.name} -> ${res.status} ${res.text.slice(0, 600)}`;
    expect(res.status, label).toBeLessThan(500);
    expect(res.type, label).toContain('application/json');
    expect(res.body, label).not.toBeNull();
    const body = res.body as Record<string, unknown>;
    outcomes.push({
      name: row.name,
      verified: typeof body.verified === 'boolean' ? body.verified : null,
      status: res.status,
    });
    if ('http' in row.expect) {
      expect(res.status, label).toBe(row.expect.http);
      expect(body.error, label).toMatchObject({ code: row.expect.error, message: expect.any(String) });
      expect(body.verified, label).toBeUndefined();
      return;
    }
    expect(Array.isArray(body.checks) && Array.isArray(body.errors) && Array.isArray(body.warnings), label).toBe(true);
    const codes = (body.errors as { code: string }[]).map((e) => e.code);
    if ('flagged' in row.expect) {
      expect(res.status, label).toBe(200);
      expect(body.verified, label).toBe(true);
      expect(codes, label).toEqual([]);
      expect(
        (body.warnings as { code: string }[]).map((w) => w.code),
        label,
      ).toContain(row.expect.flagged);
      expect((body.trust as { recognised: boolean }).recognised, label).toBe(false);
      return;
    }
    expect(res.status, label).toBe(400);
    expect(body.verified, label).toBe(false);
    expect(codes, label).toEqual([row.expect.code, ...(row.expect.also ?? [])]);
  });

  it('has at least 40 distinct forged inputs, accepted none, and never touched the network', () => {
    const names = ROWS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(ROWS.filter((r) => !('flagged' in r.expect)).length).toBeGreaterThanOrEqual(40);
    expect(outcomes).toHaveLength(ROWS.length);
    const accepted = outcomes.filter(
      (o) => o.verified === true && !ROWS.find((r) => r.name === o.name && 'flagged' in r.expect),
    );
    expect(accepted).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // Only the stubbed documents (and the deliberately unreachable hosts) were asked for; nothing left the process.
    for (const url of FETCHED)
      expect(url).toMatch(
        /^https:\/\/(evil\.example|lists\.example|unreachable\.example|status\.unreachable\.example)\/|^http:\/\/localhost:8787\//,
      );
  });
});

describe('tamper battery: a credential cannot steer a production verifier into local services (SSRF)', () => {
  const INTERNAL = [
    'did:web:localhost%3A6379',
    'did:web:127.0.0.1',
    'did:web:10.0.0.5',
    'did:web:169.254.169.254',
    'did:web:metadata.google.internal',
  ];

  it('refuses to fetch DID documents or status lists from loopback, local names or IP literals', async () => {
    const prod = await makeTestEnv({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: 'https://passport.example' });
    try {
      const before = FETCHED.length;
      const post = async (jwt: string) => {
        const res = await prod.app.request('https://passport.example/credentials/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: jwt }),
        });
        expect(res.status).toBe(400);
        return ((await res.json()) as { errors: { code: string }[] }).errors.map((e) => e.code);
      };
      for (const did of INTERNAL) {
        expect(await post(await reissueAs(did, kit.attacker.privateKey, `${did}#key-1`)), did).toEqual([
          'issuer_unresolvable',
        ]);
      }
      // A well-signed did:key credential whose status lists sit on internal hosts: checked, never fetched.
      for (const url of [
        'http://localhost:6379/list',
        'https://10.0.0.5/list',
        'https://[::1]/list',
        'https://printer.local/list',
      ]) {
        const jwt = await reissueAs(kit.attacker.did, kit.attacker.privateKey, kit.attacker.kid, (p) =>
          pointStatus(p, url),
        );
        expect(await post(jwt), url).toEqual(['status_unavailable']);
      }
      expect(FETCHED.slice(before)).toEqual([]);
    } finally {
      prod.close();
    }
  });
});

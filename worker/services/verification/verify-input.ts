/**
 * Turns whatever a candidate brings (a pasted share link, one or more credential JWTs, a presentation JWT, or an
 * uploaded .jwt/.json/.txt file) into one thing to verify, or a plain-words reason why it cannot be. Pure: no
 * database, no clock, no network; the routes verify what this returns.
 */
import { base64UrlDecode, fromUtf8 } from '../../credentials/encoding';
import type { JsonObject } from '../../credentials/jwt';

/** Largest paste or upload accepted (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** Most credentials checked at once (the same limit as a presentation). */
export const MAX_INPUT_CREDENTIALS = 20;
/** File name endings accepted for upload. */
export const UPLOAD_EXTENSIONS = ['.jwt', '.json', '.txt'] as const;

/** What a JWT turned out to be: a VC 2.0 credential, a VC 1.1 credential, or a VC 2.0 presentation. */
export type JwtFormat = 'vc+jwt' | 'vc1-jwt' | 'vp+jwt';

export interface CredentialItem {
  /** The compact JWT, or for a Data Integrity credential (vc+di) its JSON text. */
  jwt: string;
  format: 'vc+jwt' | 'vc1-jwt' | 'vc+di';
}

export type InputProblem =
  | 'empty'
  | 'too_large'
  | 'not_text'
  | 'bad_file_type'
  | 'not_jwt'
  | 'truncated'
  | 'bad_base64'
  | 'not_credential'
  | 'bad_json'
  | 'unsigned_json'
  | 'unsupported_json'
  | 'mixed'
  | 'too_many'
  | 'foreign_share'
  | 'not_share_link'
  | 'incomplete_share_link';

export type VerifyInput =
  | { ok: true; kind: 'share'; token: string }
  | { ok: true; kind: 'presentation'; jwt: string; format: 'vp+jwt' }
  | { ok: true; kind: 'credentials'; credentials: CredentialItem[]; notes: string[] }
  | { ok: false; problem: InputProblem; message: string };

type Failure = Extract<VerifyInput, { ok: false }>;
type Item =
  | { ok: true; kind: 'credential'; item: CredentialItem }
  | { ok: true; kind: 'presentation'; jwt: string }
  | Failure;

const fail = (problem: InputProblem, message: string): Failure => ({ ok: false, problem, message });

/** How a format is named on the page. */
export function formatLabel(format: JwtFormat | 'vc+di' | 'vc2-di' | 'vc2-jwt' | 'ob3-jwt' | 'unknown'): string {
  switch (format) {
    case 'vc+di':
    case 'vc2-di':
      return 'Verifiable Credential 2.0 (Data Integrity proof, eddsa-rdfc-2022)';
    case 'vc+jwt':
    case 'vc2-jwt':
      return 'Verifiable Credential 2.0 (vc+jwt)';
    case 'ob3-jwt':
      return 'Open Badges 3.0 credential (vc+jwt)';
    case 'vc1-jwt':
      return 'Verifiable Credential 1.1 (JWT)';
    case 'vp+jwt':
      return 'Verifiable Presentation 2.0 (vp+jwt)';
    default:
      return 'Not a format we recognise';
  }
}

/**
 * Share codes are base32 (RFC 4648: letters and the digits 2 to 7), which is case-insensitive by design; they are
 * made lower-case, so a code typed or read back in capitals is the same code.
 */
const SHARE_TOKEN = /^[a-z2-7]{20,64}$/;
/** A bare code in one case only: a JWT's first part (eyJ…) mixes cases and must not be taken for one. */
const BARE_SHARE_TOKEN = /^(?:[a-z2-7]{20,64}|[A-Z2-7]{20,64})$/;
/** The code in a share link's path, whatever it holds (checked after). */
const SHARE_PATH = /^\/s\/([^/]*)\/?$/;
const VC_PREFIX = 'data:application/vc+jwt,';
const VP_PREFIX = 'data:application/vp+jwt,';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Reads an uploaded file as text: the name must end .jwt, .json or .txt, the size be at most 1 MiB and the
 * content UTF-8. Empty files are reported as empty.
 */
export function readUpload(name: string, bytes: Uint8Array): { ok: true; text: string } | Failure {
  const lower = name.toLowerCase();
  if (!UPLOAD_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    return fail(
      'bad_file_type',
      'Upload a .jwt, .json or .txt file (the file a wallet or training provider gives you).',
    );
  }
  if (bytes.byteLength > MAX_INPUT_BYTES)
    return fail('too_large', 'That file is larger than 1 MB, too large to be a credential.');
  if (bytes.byteLength === 0) return fail('empty', 'That file is empty.');
  try {
    return { ok: true, text: fromUtf8(bytes) };
  } catch {
    return fail(
      'not_text',
      'That file is not text: upload the .jwt, .json or .txt file itself, not a picture or PDF of it.',
    );
  }
}

/** The share token in a share link (`<origin>/s/<token>`), a bare token, or null when the text is neither. */
export function shareTokenFrom(text: string): string | null {
  const t = text.trim();
  if (BARE_SHARE_TOKEN.test(t)) return t.toLowerCase();
  try {
    const code = new URL(t).pathname.match(SHARE_PATH)?.[1]?.toLowerCase();
    return code && SHARE_TOKEN.test(code) ? code : null;
  } catch {
    return null;
  }
}

/**
 * Works out what a person pasted or uploaded. `origin` is this service's public origin: a share link for another
 * service is reported rather than followed.
 */
export function parseVerifyInput(text: string, opts: { origin?: string } = {}): VerifyInput {
  if (typeof text !== 'string') return fail('empty', 'Paste a share link or a credential, or choose a file.');
  if (text.length > MAX_INPUT_BYTES || new TextEncoder().encode(text).byteLength > MAX_INPUT_BYTES) {
    return fail('too_large', 'That is larger than 1 MB, too large to be a credential or a share link.');
  }
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t) return fail('empty', 'Paste a share link or a credential, or choose a file.');
  if (t.startsWith('{') || t.startsWith('[')) return fromJsonText(t);
  if (/^https?:\/\//i.test(t)) return fromLink(t, opts.origin);
  if (BARE_SHARE_TOKEN.test(t)) return { ok: true, kind: 'share', token: t.toLowerCase() };
  return fromJwtText(t);
}

function fromLink(text: string, origin: string | undefined): VerifyInput {
  let url: URL;
  try {
    url = new URL(text.split(/\s+/)[0] ?? '');
  } catch {
    return fail('not_share_link', 'That web address could not be read. Copy the whole share link and try again.');
  }
  const token = url.pathname.match(SHARE_PATH)?.[1]?.toLowerCase();
  const foreign = !!origin && url.origin !== new URL(origin).origin;
  // Elsewhere, only a path that holds a share code is taken for another service's share link.
  if (token === undefined || (foreign && !SHARE_TOKEN.test(token))) {
    return fail(
      'not_share_link',
      'That is a web address, but not a Care Passport share link (they look like …/s/ followed by a code).',
    );
  }
  if (foreign) {
    return fail(
      'foreign_share',
      `That share link belongs to another service (${url.host}). Open it there, or ask for the credential file.`,
    );
  }
  return SHARE_TOKEN.test(token) ? { ok: true, kind: 'share', token } : incompleteShareLink(token);
}

/** A share link whose code is cut short, too long or holds characters no code has: most often a bad copy. */
function incompleteShareLink(code: string): Failure {
  if (/^[a-z2-7]*$/.test(code) && code.length < 20) {
    return fail(
      'incomplete_share_link',
      'The link is not complete: the code after /s/ is shorter than a share link’s. Copy the whole link and try again, or ask the person to send it again.',
    );
  }
  return fail(
    'incomplete_share_link',
    'The link is not complete or was changed: the code after /s/ is not a share link’s. Copy the whole link and try again, or ask the person to send it again.',
  );
}

/** One or more JWTs separated by white space, commas or new lines (a JWT wrapped over several lines is rejoined). */
function fromJwtText(text: string): VerifyInput {
  const fragments = text
    // data: URLs carry a comma of their own; the JWT's header says what it is anyway.
    .replace(/data:application\/v[cp]\+jwt,/g, ' ')
    .split(/[\s,;]+/)
    .map((f) => f.replace(/^["'`]+|["'`]+$/g, ''))
    .filter(Boolean);
  const tokens: string[] = [];
  for (const f of fragments) {
    const prev = tokens[tokens.length - 1];
    // A fragment continues the previous token unless that token is complete and this one starts a new JWT.
    const startsNew = /^(eyJ|data:)/.test(f) || !prev;
    if (prev !== undefined && !(startsNew && isComplete(prev))) tokens[tokens.length - 1] = prev + f;
    else tokens.push(f);
  }
  return combine(tokens.map((tok) => classifyJwt(tok)));
}

function isComplete(token: string): boolean {
  const parts = stripPrefix(token).split('.');
  return parts.length === 3 && parts.every((p) => p.length > 0);
}

function stripPrefix(token: string): string {
  if (token.startsWith(VC_PREFIX)) return token.slice(VC_PREFIX.length);
  if (token.startsWith(VP_PREFIX)) return token.slice(VP_PREFIX.length);
  return token;
}

/** Puts classified items together: one presentation alone, or up to 20 credentials. */
function combine(items: Item[], notes: string[] = []): VerifyInput {
  if (!items.length) return fail('empty', 'Paste a share link or a credential, or choose a file.');
  const failures = items.map((it, i) => ({ it, i })).filter((x): x is { it: Failure; i: number } => !x.it.ok);
  const first = failures[0];
  if (first) {
    const where = items.length > 1 ? `Item ${first.i + 1} of ${items.length}: ` : '';
    return fail(first.it.problem, `${where}${first.it.message}`);
  }
  const presentations = items.filter(
    (it): it is Extract<Item, { kind: 'presentation' }> => it.ok && it.kind === 'presentation',
  );
  if (presentations.length) {
    if (items.length > 1) {
      return fail(
        'mixed',
        'Check one presentation at a time, on its own (it already holds the credentials it shares).',
      );
    }
    return { ok: true, kind: 'presentation', jwt: presentations[0]!.jwt, format: 'vp+jwt' };
  }
  const credentials = items.flatMap((it) => (it.ok && it.kind === 'credential' ? [it.item] : []));
  if (credentials.length > MAX_INPUT_CREDENTIALS) {
    return fail(
      'too_many',
      `That is ${credentials.length} credentials; check at most ${MAX_INPUT_CREDENTIALS} at once.`,
    );
  }
  return { ok: true, kind: 'credentials', credentials, notes };
}

/** What one JWT is, or exactly why it is not a readable one. */
export function classifyJwt(raw: string): Item {
  const token = stripPrefix(raw.trim());
  if (!token) return fail('empty', 'Paste a share link or a credential, or choose a file.');
  const parts = token.split('.');
  if (parts.length === 1) {
    return /^eyJ/.test(token) && BASE64URL.test(token)
      ? fail(
          'truncated',
          'This is only the start of a credential: it was cut off when it was copied. Copy the whole text and try again.',
        )
      : fail(
          'not_jwt',
          'This is not a credential or a share link. A credential is a long code that starts with "eyJ"; a share link starts with https://.',
        );
  }
  if (parts.length === 2) {
    return fail(
      'truncated',
      'This credential is incomplete: its last part (the signature) is missing. Copy the whole text and try again.',
    );
  }
  if (parts.length === 5)
    return fail('not_credential', 'This is an encrypted message (JWE), not a credential we can check.');
  if (parts.length !== 3)
    return fail('not_jwt', 'This is not a credential: it does not have the three parts a signed credential has.');
  const [h = '', p = '', s = ''] = parts;
  if (!h) return fail('not_jwt', 'This is not a credential: its first part is empty.');
  if (![h, p, s].every((x) => BASE64URL.test(x))) {
    return fail(
      'bad_base64',
      'This credential contains characters that do not belong in it; it may have been changed when it was copied.',
    );
  }
  const header = decodeJson(h);
  if (header === 'bad_base64')
    return fail('bad_base64', 'The first part of this credential is damaged (not valid encoding).');
  if (header === 'bad_json') return fail('bad_base64', 'The first part of this credential is damaged or was cut off.');
  if (!p) return fail('truncated', 'This credential is incomplete: its contents are missing.');
  const payload = decodeJson(p);
  if (payload === 'bad_base64' || payload === 'bad_json') {
    return fail(
      'truncated',
      'This credential is damaged or incomplete: its contents cannot be read. It may have been cut off when it was copied.',
    );
  }
  if (!s && header.alg !== 'none') {
    return fail(
      'truncated',
      'This credential is incomplete: its signature is missing. Copy the whole text and try again.',
    );
  }
  const sig = base64UrlDecode(s);
  if (header.alg === 'EdDSA' && (!sig || sig.length < 64)) {
    return fail(
      'truncated',
      'This credential is incomplete: its signature is shorter than it should be. It may have been cut off when it was copied.',
    );
  }
  if (header.typ === 'vp+jwt') return { ok: true, kind: 'presentation', jwt: token };
  if (header.typ === 'vc+jwt') return { ok: true, kind: 'credential', item: { jwt: token, format: 'vc+jwt' } };
  if (isObject(payload.vc)) return { ok: true, kind: 'credential', item: { jwt: token, format: 'vc1-jwt' } };
  // An Open Badges 3.0 JWT: typ JWT, the credential itself as the claims set.
  if (payload['@context'] !== undefined && payload.credentialSubject !== undefined)
    return { ok: true, kind: 'credential', item: { jwt: token, format: 'vc+jwt' } };
  if (isObject(payload.vp)) {
    return fail(
      'not_credential',
      'This is a VC 1.1 presentation, which we cannot check as a whole. Paste the credentials inside it, or ask for a share link.',
    );
  }
  return fail('not_credential', 'This is a signed token (JWT), but not a verifiable credential or presentation.');
}

function decodeJson(part: string): JsonObject | 'bad_base64' | 'bad_json' {
  const bytes = base64UrlDecode(part);
  if (!bytes) return 'bad_base64';
  try {
    const v: unknown = JSON.parse(fromUtf8(bytes));
    return isObject(v) ? v : 'bad_json';
  } catch {
    return 'bad_json';
  }
}

/** A credential whose embedded proof is a DataIntegrityProof the verifier can check (eddsa-rdfc-2022). */
function hasDataIntegrityProof(value: JsonObject): boolean {
  const proof = value.proof;
  return isObject(proof) && proof.type === 'DataIntegrityProof' && proof.cryptosuite === 'eddsa-rdfc-2022';
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---------------------------------------------------------------- JSON

function fromJsonText(text: string): VerifyInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_json', 'This looks like a JSON file, but it is damaged or incomplete, so it cannot be read.');
  }
  const found = fromJsonValue(value, 0);
  if ('ok' in found) return found;
  return combine(found.items, found.notes);
}

type JsonFound = { items: Item[]; notes: string[] } | Failure;

/**
 * Accepts `{ verifiableCredential }` (one or a list), `{ verifiablePresentation }`, an Enveloped* object, a JWT
 * string, or an array of any of those. A credential in plain JSON (no JWT) is named as such.
 */
function fromJsonValue(value: unknown, depth: number): JsonFound {
  if (depth > 4) return fail('unsupported_json', 'This JSON file does not hold a credential we recognise.');
  if (typeof value === 'string') return { items: [classifyJwt(value)], notes: [] };
  if (Array.isArray(value)) {
    if (!value.length) return fail('empty', 'That list is empty: it holds no credentials.');
    if (value.length > MAX_INPUT_CREDENTIALS * 2) {
      return fail(
        'too_many',
        `That is ${value.length} items; check at most ${MAX_INPUT_CREDENTIALS} credentials at once.`,
      );
    }
    const items: Item[] = [];
    const notes: string[] = [];
    for (const v of value) {
      const r = fromJsonValue(v, depth + 1);
      if ('ok' in r) return r;
      items.push(...r.items);
      notes.push(...r.notes);
    }
    return { items, notes };
  }
  if (!isObject(value)) return fail('unsupported_json', 'This JSON file does not hold a credential we recognise.');
  const type = value.type;
  const types = Array.isArray(type) ? type : [type];
  const id = typeof value.id === 'string' ? value.id : '';
  if (types.includes('EnvelopedVerifiablePresentation') || id.startsWith(VP_PREFIX)) {
    if (!id.startsWith(VP_PREFIX))
      return fail('unsupported_json', 'This enveloped presentation does not carry a vp+jwt.');
    return { items: [classifyJwt(id)], notes: [] };
  }
  if (types.includes('EnvelopedVerifiableCredential') || id.startsWith(VC_PREFIX)) {
    if (!id.startsWith(VC_PREFIX))
      return fail('unsupported_json', 'This enveloped credential does not carry a vc+jwt.');
    return { items: [classifyJwt(id)], notes: [] };
  }
  if ('verifiablePresentation' in value) return fromJsonValue(value.verifiablePresentation, depth + 1);
  if ('verifiableCredential' in value && !types.includes('VerifiablePresentation')) {
    return fromJsonValue(value.verifiableCredential, depth + 1);
  }
  if ('verifiableCredentials' in value) return fromJsonValue(value.verifiableCredentials, depth + 1);
  if (types.includes('VerifiableCredential') && hasDataIntegrityProof(value)) {
    return {
      items: [{ ok: true, kind: 'credential', item: { jwt: JSON.stringify(value), format: 'vc+di' } }],
      notes: [],
    };
  }
  if (types.includes('VerifiableCredential') || types.includes('VerifiablePresentation') || 'proof' in value) {
    return fail(
      'unsigned_json',
      'This is a credential written out in JSON without a signature we can check. We can check credentials secured as JWTs or with an eddsa-rdfc-2022 Data Integrity proof: ask for the .jwt file or a share link.',
    );
  }
  return fail('unsupported_json', 'This JSON file does not hold a credential we recognise.');
}

/** The credential verification pipeline: one pure function that never throws and reports every check it ran. */
import { vc1JwtPayloadSchema } from '../../schemas/credential';
import { defaultVerifierCache, type VerifierCache } from './cache';
import type { DidDocument } from './did';
import { Report, type CheckResult, type SchemaRule, type VerificationError, type VerificationWarning } from './errors';
import { parseCompactJwt, type JsonObject, type ParsedJwt } from './jwt';
import {
  asArray,
  checkAlgorithm,
  dateMs,
  describeIssue,
  issuerId,
  numericDateMs,
  resolveDocument,
  selectKeys,
  verifyWithKeys,
} from './verify-common';
import { vc2ShapeProblem } from './verify-shape';
import { checkStatusEntry, type StatusContext } from './verify-status';
import { ACCEPTED_ALGORITHMS } from './algorithms';

/**
 * vc2-jwt: VC-JOSE-COSE vc+jwt; ob3-jwt: an Open Badges 3.0 JWT (typ JWT, the credential as the claims set);
 * vc2-di: a VC 2.0 credential with an embedded Data Integrity proof (eddsa-rdfc-2022).
 */
export type CredentialFormat = 'vc2-jwt' | 'ob3-jwt' | 'vc1-jwt' | 'vc2-di' | 'unknown';

export interface TrustResult {
  /** The issuer is in our directory of known organisations. */
  recognised: boolean;
  name?: string;
  /** The issuer is approved to award this credential's achievement (e.g. a training provider for that course). */
  approvedForThis: boolean;
  approvedFor?: string[];
  /** What kind of provider the issuer is (NHS body, awarding body, CSTF-aligned), for employers' acceptance rules. */
  providerKinds?: ('nhs_body' | 'cstf_aligned' | 'awarding_body')[];
}

export interface VerifyDeps {
  resolveDid(did: string): Promise<DidDocument | null>;
  /** Returns the status list credential JWT served at `url`, or null when it cannot be fetched. */
  fetchStatusList(url: string): Promise<string | null>;
  lookupTrust(issuerDid: string, credential: JsonObject): Promise<TrustResult>;
  now(): Date;
  clockSkewSeconds?: number;
  /** Reused imported keys and verified status lists; defaults to an isolate-wide bounded cache. */
  cache?: VerifierCache;
}

export interface VerifyOptions {
  /** Largest credential JWT accepted, in bytes (default 64 KiB). */
  maxBytes?: number;
  /** Largest status list JWT accepted, in bytes (default 1 MiB). */
  maxStatusListBytes?: number;
}

export interface CredentialResult {
  verified: boolean;
  format: CredentialFormat;
  /** Present only once the signature has verified. For VC 1.1 it is the `vc` claim with iss/sub/jti folded in. */
  credential?: JsonObject;
  issuer?: string;
  checks: CheckResult[];
  errors: VerificationError[];
  warnings: VerificationWarning[];
  trust?: TrustResult;
}

export const DEFAULT_MAX_CREDENTIAL_BYTES = 64 * 1024;
export const DEFAULT_MAX_STATUS_LIST_BYTES = 1024 * 1024;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/** Verifies a vc+jwt (VC 2.0) or a VC 1.1 JWT: structure, header, schema, issuer key, signature, dates, status, trust. */
export async function verifyCredentialJwt(
  jwt: string,
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<CredentialResult> {
  return runGuarded((report, result) => runCredentialPipeline(jwt, deps, options, report, result));
}

/**
 * Runs one credential pipeline into a fresh result that never throws: a bug or a misbehaving dependency becomes
 * `verifier_error`, never "verified" or an exception for the caller.
 */
export async function runGuarded(
  pipeline: (report: Report, result: CredentialResult) => Promise<void>,
): Promise<CredentialResult> {
  const report = new Report();
  const result: CredentialResult = {
    verified: false,
    format: 'unknown',
    checks: report.checks,
    errors: report.errors,
    warnings: report.warnings,
  };
  try {
    await pipeline(report, result);
  } catch (error) {
    report.fail(
      'structure',
      'verifier_error',
      `The verifier failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
    );
  }
  result.verified = report.ok;
  return result;
}

async function runCredentialPipeline(
  jwt: string,
  deps: VerifyDeps,
  options: VerifyOptions,
  report: Report,
  result: CredentialResult,
): Promise<void> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CREDENTIAL_BYTES;
  if (typeof jwt !== 'string') return report.fail('structure', 'malformed_jwt', 'The credential is not a string');
  if (jwt.length > maxBytes)
    return report.fail('size', 'payload_too_large', `The credential is ${jwt.length} bytes; the limit is ${maxBytes}`);
  report.pass('size', `${jwt.length} bytes`);

  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return report.fail('structure', 'malformed_jwt', parsed.message);
  report.pass('structure', 'Compact JWS with JSON header and payload');
  const token = parsed.jwt;
  const { header, payload } = token;

  const alg = checkAlgorithm(header, ACCEPTED_ALGORITHMS);
  if (!alg.ok) return report.fail('header', alg.code, alg.message);
  const format = detectFormat(header, payload);
  if (format === 'unknown') {
    return report.fail(
      'header',
      'wrong_type',
      `typ ${JSON.stringify(header.typ ?? null)} is not vc+jwt (or a JWT carrying a credential)`,
    );
  }
  result.format = format;
  // RS256 is the Open Badges 3.0 JWT baseline; VC-JOSE-COSE credentials and VC 1.1 JWTs use the default set.
  if (alg.value === 'RS256' && format !== 'ob3-jwt')
    return report.fail('header', 'unsupported_algorithm', 'RS256 is accepted only for Open Badges 3.0 JWTs');
  report.pass('header', `alg ${alg.value}, ${FORMAT_LABELS[format as keyof typeof FORMAT_LABELS]}`);

  const subject = format === 'vc1-jwt' ? checkVc1Schema(payload) : checkVc2Schema(payload, format);
  if (!subject.ok) return report.fail('schema', 'schema_invalid', subject.message, subject.rule);
  report.pass('schema', format === 'vc1-jwt' ? 'VC 1.1 JWT claims' : 'VC 2.0 data model');
  const { issuer, credential } = subject;

  const doc = await resolveIssuer(deps, issuer, report);
  if (!doc) return;

  if (format === 'vc2-jwt' && header.kid === undefined) {
    // VC-JOSE-COSE: kid MUST be present when the issuer's key is a DID URL.
    return report.fail('key', 'unknown_key', 'A vc+jwt must name its signing key in the kid header');
  }
  const keys = selectKeys(doc, issuer, header.kid as string | undefined, 'assertionMethod', alg.value);
  if (!keys.ok) return report.fail('key', keys.code, keys.message);
  report.pass('key', keys.value.length === 1 ? `Key ${keys.value[0]?.vmId}` : `${keys.value.length} candidate keys`);

  const cache = deps.cache ?? defaultVerifierCache();
  const signer = await verifyWithKeys(token, keys.value, cache);
  if (!signer)
    return report.fail('signature', 'invalid_signature', 'The signature does not match the content and the issuer key');
  report.pass('signature', `Signed by ${signer.vmId}`);
  result.credential = credential;
  result.issuer = issuer;
  if (format === 'vc1-jwt')
    report.warn('vc1_format', 'This is a VC 1.1 JWT; it is accepted, but new credentials use VC 2.0');

  const nowMs = deps.now().getTime();
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const restated = format === 'vc1-jwt' ? null : restatedClaimsProblem(payload);
  if (restated) report.fail('schema', 'schema_invalid', restated, 'claims_mismatch');
  checkDates(token, format, nowMs, skewMs, report);
  const statusEntries =
    format === 'vc1-jwt' ? asArray((payload.vc as JsonObject).credentialStatus) : asArray(credential.credentialStatus);
  await checkStatuses(statusEntries, { issuer, issuerDoc: doc, cache, nowMs, skewMs }, deps, options, report);
  await checkTrust(deps, issuer, credential, report, result);
}

/** Issuer: a did:web, did:key or did:jwk whose DID document resolves (null, reported, when it does not). */
export async function resolveIssuer(deps: VerifyDeps, issuer: string, report: Report): Promise<DidDocument | null> {
  if (!/^did:(web|key|jwk):/.test(issuer)) {
    report.fail('issuer', 'issuer_unresolvable', `Issuer ${issuer} is not a did:web, did:key or did:jwk identifier`);
    return null;
  }
  const doc = await resolveDocument(deps.resolveDid, issuer);
  if (!doc) report.fail('issuer', 'issuer_unresolvable', `The DID document of ${issuer} could not be resolved`);
  else report.pass('issuer', `Resolved ${issuer}`);
  return doc;
}

/** Trust: is the issuer recognised here and approved to award this achievement (unknown issuers only warn)? */
export async function checkTrust(
  deps: VerifyDeps,
  issuer: string,
  credential: JsonObject,
  report: Report,
  result: CredentialResult,
): Promise<void> {
  let trust: TrustResult;
  try {
    trust = await deps.lookupTrust(issuer, credential);
  } catch {
    return report.fail('trust', 'trust_unavailable', 'The trust directory could not be consulted');
  }
  result.trust = trust;
  const who = trust.name ? `${trust.name} (${issuer})` : issuer;
  if (!trust.recognised) {
    report.warn('issuer_not_recognised', `${issuer} is not in the directory of recognised issuers`);
    report.pass('trust', 'Issuer not recognised (warning only)');
  } else if (!trust.approvedForThis) {
    report.fail('trust', 'issuer_not_approved', `${who} is not approved to award this achievement`);
  } else {
    report.pass('trust', `${who} is recognised and approved for this achievement`);
  }
}

const FORMAT_LABELS: Record<Exclude<CredentialFormat, 'unknown' | 'vc2-di'>, string> = {
  'vc2-jwt': 'typ vc+jwt',
  'ob3-jwt': 'Open Badges 3.0 JWT',
  'vc1-jwt': 'VC 1.1 JWT',
};

/** Status: every status entry is looked up in its (signed) list; a credential without one only warns. */
export async function checkStatuses(
  entries: unknown[],
  base: Pick<StatusContext, 'issuer' | 'issuerDoc' | 'cache' | 'nowMs' | 'skewMs'>,
  deps: VerifyDeps,
  options: VerifyOptions,
  report: Report,
): Promise<void> {
  if (!entries.length) {
    report.warn('no_status', 'The credential has no status entry, so revocation cannot be checked');
    return;
  }
  const ctx: StatusContext = {
    ...base,
    fetchStatusList: (url: string) => deps.fetchStatusList(url),
    maxListBytes: options.maxStatusListBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES,
  };
  const outcomes = await Promise.all(entries.map((entry) => checkStatusEntry(entry, ctx)));
  for (const outcome of outcomes) {
    if (outcome.kind === 'clear') report.pass('status', outcome.message);
    else if (outcome.kind === 'unsupported') report.warn('unsupported_status_purpose', outcome.message);
    else if (outcome.kind === 'message') report.warn('status_message', outcome.message);
    else report.fail('status', outcome.code, outcome.message, outcome.kind === 'error' ? outcome.rule : undefined);
  }
}

function detectFormat(header: JsonObject, payload: JsonObject): CredentialFormat {
  if (header.typ === 'vc+jwt') return header.cty === undefined || header.cty === 'vc' ? 'vc2-jwt' : 'unknown';
  if (header.typ !== undefined && header.typ !== 'JWT') return 'unknown';
  // VC 1.1 JWTs (did-jwt-vc and most wallets) use typ JWT or none, and carry the credential in a vc claim.
  const vc = payload.vc;
  if (vc !== null && typeof vc === 'object' && !Array.isArray(vc)) return 'vc1-jwt';
  // Open Badges 3.0 JWTs: typ JWT, the credential itself as the claims set (with exp/iss/nbf/jti/sub restating it).
  if (vc === undefined && payload['@context'] !== undefined && isOpenBadgeType(payload.type)) return 'ob3-jwt';
  return 'unknown';
}

/** True when `type` names an Open Badges 3.0 credential. */
export function isOpenBadgeType(types: unknown): boolean {
  const list = Array.isArray(types) ? types : [types];
  return list.includes('OpenBadgeCredential') || list.includes('AchievementCredential');
}

type SchemaResult =
  | { ok: true; issuer: string; credential: JsonObject }
  | { ok: false; message: string; rule?: SchemaRule };

function checkVc2Schema(payload: JsonObject, format: CredentialFormat): SchemaResult {
  // Validation only: the decoded payload itself is kept, so nothing is copied or re-serialised.
  const problem = vc2ShapeProblem(payload, isOpenBadgeType(payload.type));
  if (problem) return { ok: false, message: problem.message, rule: problem.code };
  const claims = identityClaimsProblem(payload, format);
  if (claims) return { ok: false, message: claims, rule: 'claims_mismatch' };
  return { ok: true, issuer: issuerId(payload.issuer) as string, credential: payload };
}

/**
 * VC-JOSE-COSE and the Open Badges 3.0 JWT format: the vc/vp claim names must not appear, and iss/jti, which pick
 * the key and name the credential, must agree with issuer and id before any key is looked up.
 */
function identityClaimsProblem(payload: JsonObject, format: CredentialFormat): string | null {
  if (payload.vc !== undefined || payload.vp !== undefined)
    return `A ${format === 'ob3-jwt' ? 'credential JWT' : 'vc+jwt'} must not carry a "vc" or "vp" claim`;
  const issuer = issuerId(payload.issuer) as string;
  if (payload.iss !== undefined && payload.iss !== issuer)
    return `JWT iss ${String(payload.iss)} does not match the credential issuer ${issuer}`;
  if (payload.jti !== undefined && payload.jti !== payload.id) return 'JWT jti does not match the credential id';
  return null;
}

/**
 * Checked once the signature holds (so a tampered token is reported as tampered): sub, nbf and exp, when present,
 * must restate the subject id, validFrom and validUntil; otherwise tools reading the claims and tools reading the
 * credential would see different holders or validity.
 */
function restatedClaimsProblem(payload: JsonObject): string | null {
  if (payload.sub !== undefined) {
    const subjectIds = asArray(payload.credentialSubject as JsonObject | JsonObject[]).map((s) => s.id);
    if (!subjectIds.includes(payload.sub)) return 'JWT sub does not match credentialSubject.id';
  }
  const pairs = [
    ['nbf', 'validFrom'],
    ['exp', 'validUntil'],
  ] as const;
  for (const [claim, property] of pairs) {
    const claimMs = numericDateMs(payload[claim]);
    if (payload[claim] !== undefined && claimMs === undefined) return `JWT ${claim} must be a NumericDate`;
    const propertyMs = dateMs(payload[property]);
    // NumericDate has whole seconds; the property may carry fractions.
    if (claimMs !== undefined && propertyMs !== undefined && Math.floor(propertyMs / 1000) * 1000 !== claimMs)
      return `JWT ${claim} does not match ${property}`;
  }
  return null;
}

function checkVc1Schema(payload: JsonObject): SchemaResult {
  const parsed = vc1JwtPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error.issues) };
  const vc = payload.vc as JsonObject;
  const subject = vc.credentialSubject as JsonObject;
  // VC-JWT 1.1 §6.3.1: the registered claims stand for these properties; when both are present they must agree,
  // or a token signed by one DID could show another issuer (or subject, or id) to whoever reads the `vc` claim.
  if (vc.issuer !== undefined && issuerId(vc.issuer) !== payload.iss) {
    return {
      ok: false,
      message: `JWT iss ${String(payload.iss)} does not match vc.issuer ${String(issuerId(vc.issuer))}`,
    };
  }
  if (payload.sub !== undefined && subject.id !== undefined && subject.id !== payload.sub) {
    return { ok: false, message: 'JWT sub does not match vc.credentialSubject.id' };
  }
  if (payload.jti !== undefined && vc.id !== undefined && vc.id !== payload.jti) {
    return { ok: false, message: 'JWT jti does not match vc.id' };
  }
  // Fold the JWT claims back into the credential (VC 1.1 §6.3.1 mapping) so callers see one shape.
  const credential: JsonObject = {
    ...vc,
    issuer: payload.iss,
    ...(payload.jti !== undefined ? { id: payload.jti } : {}),
    credentialSubject: payload.sub !== undefined ? { ...subject, id: payload.sub } : subject,
  };
  return { ok: true, issuer: payload.iss as string, credential };
}

function checkDates(token: ParsedJwt, format: CredentialFormat, nowMs: number, skewMs: number, report: Report): void {
  const { payload } = token;
  // VC 1.1 names (issuanceDate/expirationDate) count wherever they appear: in a VC 1.1 JWT's vc claim (where an
  // expirationDate without an exp claim still means expired) and in Open Badges 3.0 credentials that restate them.
  const vc = format === 'vc1-jwt' ? (payload.vc as JsonObject) : payload;
  checkValidityPeriod(
    [numericDateMs(payload.nbf), numericDateMs(payload.iat), dateMs(vc.validFrom), dateMs(vc.issuanceDate)],
    [numericDateMs(payload.exp), dateMs(vc.validUntil), dateMs(vc.expirationDate)],
    nowMs,
    skewMs,
    report,
  );
}

/** Dates: the latest "not before" and the earliest "not after" among the given instants must contain now (± skew). */
export function checkValidityPeriod(
  notBefore: (number | undefined)[],
  notAfter: (number | undefined)[],
  nowMs: number,
  skewMs: number,
  report: Report,
): void {
  const failures = report.errors.length;
  const from = Math.max(...notBefore.filter((t): t is number => t !== undefined));
  const until = Math.min(...notAfter.filter((t): t is number => t !== undefined));
  if (from > nowMs + skewMs)
    report.fail('dates', 'not_yet_valid', `The credential is not valid until ${new Date(from).toISOString()}`);
  if (until < nowMs - skewMs)
    report.fail('dates', 'expired', `The credential expired at ${new Date(until).toISOString()}`);
  if (report.errors.length === failures) report.pass('dates', 'Within its validity period');
}

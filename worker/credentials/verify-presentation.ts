/** Verifies a holder's vp+jwt: holder signature, freshness, audience, nonce, replay, then each enclosed credential. */
import { type Vc2PresentationJwtPayload, vc2PresentationJwtPayloadSchema } from '../../schemas/credential';
import { defaultVerifierCache } from './cache';
import { type CheckResult, type ErrorCode, Report, type VerificationError, type VerificationWarning } from './errors';
import { parseCompactJwt, type JsonObject } from './jwt';
import { ENVELOPED_VC_PREFIX, MAX_PRESENTATION_SECONDS } from './presentation';
import { verifyCredentialDataIntegrity } from './verify-data-integrity';
import { asArray, checkAlgorithm, describeIssue, resolveDocument, selectKeys, verifyWithKeys } from './verify-common';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  verifyCredentialJwt,
  type CredentialResult,
  type VerifyDeps,
  type VerifyOptions,
} from './verify-credential';

/**
 * What consuming a challenge found: consumed (first use by the holder and audience it was issued for), or why not:
 * never issued here, expired, already used, issued for another audience, or issued to another holder.
 */
export type ChallengeOutcome = 'consumed' | 'unknown' | 'expired' | 'used' | 'wrong_audience' | 'wrong_holder';

export interface PresentationDeps extends VerifyDeps {
  /**
   * Consumes a challenge this verifier issued, for the presentation's holder and the audience it was checked
   * against. Called only once everything else about the presentation has verified, so a forged or failing
   * presentation never uses up a real holder's challenge.
   */
  consumeChallenge?(
    challenge: string,
    binding: { audience: string | undefined; holder: string },
  ): Promise<ChallengeOutcome>;
}

export interface PresentationOptions {
  /** The audience this verifier expects in `aud` (checked when given). */
  audience?: string;
  /** The challenge this verifier issued (checked when given). */
  nonce?: string;
  /** Largest presentation JWT accepted, in bytes (default 512 KiB). */
  maxBytes?: number;
  /** Most credentials accepted in one presentation (default 20). */
  maxCredentials?: number;
  /** Longest exp - iat accepted (default 3600 s): long-lived presentations are replayable for longer. */
  maxLifetimeSeconds?: number;
  credential?: VerifyOptions;
}

export interface PresentationResult {
  verified: boolean;
  /** The holder DID, present once the holder's signature has verified. */
  holder?: string;
  checks: CheckResult[];
  errors: VerificationError[];
  warnings: VerificationWarning[];
  credentials: CredentialResult[];
}

export const DEFAULT_MAX_PRESENTATION_BYTES = 512 * 1024;
export const DEFAULT_MAX_PRESENTATION_CREDENTIALS = 20;

/** Verifies a VC 2.0 presentation JWT and every credential inside it; never throws. */
export async function verifyPresentationJwt(
  jwt: string,
  deps: PresentationDeps,
  options: PresentationOptions = {},
): Promise<PresentationResult> {
  const report = new Report();
  const result: PresentationResult = {
    verified: false,
    checks: report.checks,
    errors: report.errors,
    warnings: report.warnings,
    credentials: [],
  };
  try {
    await runPresentationPipeline(jwt, deps, options, report, result);
  } catch (error) {
    report.fail(
      'structure',
      'verifier_error',
      `The verifier failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
    );
  }
  result.verified = report.ok && result.credentials.every((c) => c.verified);
  return result;
}

async function runPresentationPipeline(
  jwt: string,
  deps: PresentationDeps,
  options: PresentationOptions,
  report: Report,
  result: PresentationResult,
): Promise<void> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PRESENTATION_BYTES;
  if (typeof jwt !== 'string') return report.fail('structure', 'malformed_jwt', 'The presentation is not a string');
  if (jwt.length > maxBytes)
    return report.fail(
      'size',
      'payload_too_large',
      `The presentation is ${jwt.length} bytes; the limit is ${maxBytes}`,
    );
  report.pass('size', `${jwt.length} bytes`);

  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return report.fail('structure', 'malformed_jwt', parsed.message);
  report.pass('structure', 'Compact JWS with JSON header and payload');
  const { header, payload } = parsed.jwt;

  const alg = checkAlgorithm(header);
  if (!alg.ok) return report.fail('header', alg.code, alg.message);
  if (header.typ !== 'vp+jwt' || (header.cty !== undefined && header.cty !== 'vp')) {
    return report.fail('header', 'wrong_type', `typ ${JSON.stringify(header.typ ?? null)} is not vp+jwt`);
  }
  report.pass('header', `alg ${alg.value}, typ vp+jwt`);

  const schema = vc2PresentationJwtPayloadSchema.safeParse(payload);
  if (!schema.success) return report.fail('schema', 'schema_invalid', describeIssue(schema.error.issues));
  const vp = schema.data;
  const maxCredentials = options.maxCredentials ?? DEFAULT_MAX_PRESENTATION_CREDENTIALS;
  if (vp.verifiableCredential.length > maxCredentials) {
    return report.fail(
      'schema',
      'too_many_credentials',
      `${vp.verifiableCredential.length} credentials; at most ${maxCredentials} are accepted`,
    );
  }
  report.pass('schema', 'VC 2.0 presentation');

  const holder = vp.holder;
  if (vp.iss !== holder)
    return report.fail('issuer', 'issuer_mismatch', `JWT iss ${vp.iss} is not the holder ${holder}`);
  const doc = await resolveDocument(deps.resolveDid, holder);
  if (!doc)
    return report.fail(
      'issuer',
      'issuer_unresolvable',
      `The DID document of the holder ${holder} could not be resolved`,
    );
  report.pass('issuer', `Resolved holder ${holder}`);

  if (typeof header.kid !== 'string')
    return report.fail('key', 'unknown_key', 'A vp+jwt must name its signing key in the kid header');
  // Presenting is proving control of the holder DID, so the key must be an authentication key.
  const keys = selectKeys(doc, holder, header.kid, 'authentication', alg.value);
  if (!keys.ok) return report.fail('key', keys.code, keys.message);
  report.pass('key', `Key ${header.kid}`);

  const signer = await verifyWithKeys(parsed.jwt, keys.value, deps.cache ?? defaultVerifierCache());
  if (!signer)
    return report.fail('signature', 'invalid_signature', 'The holder signature does not match the presentation');
  report.pass('signature', `Signed by ${signer.vmId}`);
  result.holder = holder;

  checkFreshnessAndAudience(vp, deps, options, report);
  // The enveloped credentials are checked together (their signatures verify off the main thread on Node); their
  // results are reported after the presentation's own checks.
  const credentialsVerified = verifyEnclosed(vp.verifiableCredential, deps, options.credential);
  if (deps.consumeChallenge && vp.nonce === undefined)
    report.fail('replay', 'nonce_mismatch', 'The presentation has no nonce, so replay cannot be ruled out');
  result.credentials = await credentialsVerified;
  checkEnclosedCredentials(result.credentials, holder, report);
  if (deps.consumeChallenge && vp.nonce !== undefined && report.ok)
    await consumeChallenge(deps.consumeChallenge, vp.nonce, { audience: options.audience, holder }, report);
}

/** Verifies each enclosed credential: an enveloped vc+jwt, or a credential with its own embedded proof. */
function verifyEnclosed(
  entries: Vc2PresentationJwtPayload['verifiableCredential'],
  deps: PresentationDeps,
  options: VerifyOptions | undefined,
): Promise<CredentialResult[]> {
  return Promise.all(
    entries.map((entry) =>
      'proof' in entry
        ? verifyCredentialDataIntegrity(entry as JsonObject, deps, options)
        : verifyCredentialJwt(entry.id.slice(ENVELOPED_VC_PREFIX.length), deps, options),
    ),
  );
}

/** Dates (fresh, not from the future, a short lifetime), then the audience and nonce this verifier expects. */
function checkFreshnessAndAudience(
  vp: Vc2PresentationJwtPayload,
  deps: PresentationDeps,
  options: PresentationOptions,
  report: Report,
): void {
  const nowMs = deps.now().getTime();
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const maxLifetime = options.maxLifetimeSeconds ?? MAX_PRESENTATION_SECONDS;
  const datesBefore = report.errors.length;
  if (vp.exp * 1000 < nowMs - skewMs)
    report.fail(
      'dates',
      'presentation_expired',
      `The presentation expired at ${new Date(vp.exp * 1000).toISOString()}`,
    );
  if (vp.iat * 1000 > nowMs + skewMs)
    report.fail('dates', 'not_yet_valid', 'The presentation was issued in the future');
  if (vp.exp - vp.iat > maxLifetime)
    report.fail('dates', 'presentation_expired', `The presentation lifetime exceeds ${maxLifetime} s`);
  if (report.errors.length === datesBefore) report.pass('dates', 'Fresh');

  if (options.audience !== undefined) {
    if (asArray(vp.aud).includes(options.audience)) report.pass('audience', `For ${options.audience}`);
    else
      report.fail(
        'audience',
        'wrong_audience',
        `The presentation is for ${JSON.stringify(vp.aud ?? null)}, not ${options.audience}`,
      );
  }
  if (options.nonce !== undefined) {
    if (vp.nonce === options.nonce) report.pass('nonce', 'Nonce matches the challenge');
    else report.fail('nonce', 'nonce_mismatch', 'The nonce does not match the challenge');
  }
}

/** Every enclosed credential verified, and each is about the holder presenting it. */
function checkEnclosedCredentials(credentials: CredentialResult[], holder: string, report: Report): void {
  const failed = credentials.filter((c) => !c.verified).length;
  if (failed)
    report.fail('credentials', 'credential_invalid', `${failed} of ${credentials.length} credentials did not verify`);
  else report.pass('credentials', `${credentials.length} credentials verified`);

  // Holder binding: a valid presentation of someone else's credential proves nothing about the presenter.
  credentials.forEach((c, i) => {
    if (!c.credential) return;
    const subjects = asArray(c.credential.credentialSubject as JsonObject | JsonObject[]);
    if (!subjects.length || subjects.some((s) => s?.id !== holder)) {
      report.fail('holder', 'holder_mismatch', `Credential ${i + 1} was issued to someone other than the holder`);
    }
  });
  if (!report.errors.some((e) => e.code === 'holder_mismatch') && credentials.length)
    report.pass('holder', 'Every credential is about the holder');
}

const CHALLENGE_FAILURES: Record<Exclude<ChallengeOutcome, 'consumed'>, [ErrorCode, string]> = {
  unknown: ['unknown_challenge', 'The challenge (nonce) was not issued by this verifier'],
  expired: ['challenge_expired', 'The challenge (nonce) has expired; ask for a new one'],
  used: ['replayed_presentation', 'This presentation (nonce) has already been used'],
  wrong_audience: ['wrong_audience', 'The challenge (nonce) was issued for another audience'],
  wrong_holder: ['holder_mismatch', 'The challenge (nonce) was issued to another holder'],
};

/** Replay and binding: the last step, taken only by a presentation that verified in every other respect. */
async function consumeChallenge(
  consume: NonNullable<PresentationDeps['consumeChallenge']>,
  challenge: string,
  binding: { audience: string | undefined; holder: string },
  report: Report,
): Promise<void> {
  let outcome: ChallengeOutcome;
  try {
    outcome = await consume(challenge, binding);
  } catch {
    return report.fail('replay', 'replay_check_unavailable', 'Replay protection could not be checked');
  }
  if (outcome === 'consumed')
    return report.pass('replay', 'First use of a challenge issued for this holder and audience');
  const [code, message] = CHALLENGE_FAILURES[outcome];
  report.fail('replay', code, message);
}

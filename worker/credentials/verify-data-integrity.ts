/**
 * The verification pipeline for credentials secured with an embedded Data Integrity proof (`eddsa-rdfc-2022`):
 * the same steps, codes and result shape as the JWT pipeline, with the proof in place of the JWS. The JSON-LD
 * code (jsonld, rdf-canonize) is loaded only when such a credential arrives.
 */
import { defaultVerifierCache } from './cache';
import type { Report } from './errors';
import type { JsonObject } from './jwt';
import { asArray, dateMs, issuerId, selectKeys } from './verify-common';
import {
  type CredentialResult,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_CREDENTIAL_BYTES,
  type VerifyDeps,
  type VerifyOptions,
  checkStatuses,
  checkTrust,
  checkValidityPeriod,
  isOpenBadgeType,
  resolveIssuer,
  runGuarded,
} from './verify-credential';
import { vc2ShapeProblem } from './verify-shape';

const SUPPORTED_SUITES = new Set(['eddsa-rdfc-2022']);

/** True when `credential` carries one embedded proof this verifier implements (DataIntegrityProof, eddsa-rdfc-2022). */
export function hasSupportedProof(credential: JsonObject): boolean {
  const proof = credential.proof;
  if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return false;
  const p = proof as JsonObject;
  return p.type === 'DataIntegrityProof' && typeof p.cryptosuite === 'string' && SUPPORTED_SUITES.has(p.cryptosuite);
}

/** Verifies a credential with an embedded eddsa-rdfc-2022 proof; never throws. */
export async function verifyCredentialDataIntegrity(
  credential: JsonObject,
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<CredentialResult> {
  return runGuarded((report, result) => runDataIntegrityPipeline(credential, deps, options, report, result));
}

async function runDataIntegrityPipeline(
  credential: JsonObject,
  deps: VerifyDeps,
  options: VerifyOptions,
  report: Report,
  result: CredentialResult,
): Promise<void> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CREDENTIAL_BYTES;
  const size = JSON.stringify(credential).length;
  if (size > maxBytes)
    return report.fail('size', 'payload_too_large', `The credential is ${size} bytes; the limit is ${maxBytes}`);
  report.pass('size', `${size} bytes`);
  if (!hasSupportedProof(credential)) return unsupportedProof(credential, report);
  report.pass('structure', 'Credential with one embedded DataIntegrityProof');
  result.format = 'vc2-di';
  const proof = credential.proof as JsonObject;

  const suite = await import('./data-integrity/eddsa-rdfc-2022');
  const problem = suite.proofOptionsProblem(credential, proof);
  if (problem) return report.fail('header', 'schema_invalid', problem, 'proof_invalid');
  if (proof.proofPurpose !== 'assertionMethod')
    return report.fail(
      'header',
      'schema_invalid',
      'A credential proof must have proofPurpose assertionMethod',
      'proof_invalid',
    );
  report.pass('header', 'DataIntegrityProof, cryptosuite eddsa-rdfc-2022, assertionMethod');

  const shape = vc2ShapeProblem(credential, isOpenBadgeType(credential.type));
  if (shape) return report.fail('schema', 'schema_invalid', shape.message, shape.code);
  report.pass('schema', 'VC 2.0 data model');
  const issuer = issuerId(credential.issuer) as string;

  const doc = await resolveIssuer(deps, issuer, report);
  if (!doc) return;

  // The verification method must be the issuer's own and authorised to assert: selectKeys refuses any other.
  const keys = selectKeys(doc, issuer, proof.verificationMethod as string, 'assertionMethod', 'EdDSA');
  if (!keys.ok) return report.fail('key', keys.code, keys.message);
  const key = keys.value[0]!;
  report.pass('key', `Key ${key.vmId}`);

  const cache = deps.cache ?? defaultVerifierCache();
  const checked = await suite.verifyEddsaRdfc2022(credential, await cache.publicKey(key));
  if (!checked.ok) {
    if (checked.kind === 'unknown_context' || checked.kind === 'jsonld_invalid')
      return report.fail('schema', 'schema_invalid', checked.message, 'context_invalid');
    if (checked.kind === 'proof_invalid')
      return report.fail('header', 'schema_invalid', checked.message, 'proof_invalid');
    return report.fail('signature', 'invalid_signature', 'The proof does not match the content and the issuer key');
  }
  report.pass('signature', `Signed by ${key.vmId}`);
  result.credential = credential;
  result.issuer = issuer;

  const nowMs = deps.now().getTime();
  const skewMs = (deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  checkValidityPeriod(
    [dateMs(credential.validFrom), dateMs(credential.issuanceDate), dateMs(proof.created)],
    [dateMs(credential.validUntil), dateMs(credential.expirationDate), dateMs(proof.expires)],
    nowMs,
    skewMs,
    report,
  );
  const statusEntries = asArray(credential.credentialStatus as JsonObject | JsonObject[] | undefined);
  await checkStatuses(statusEntries, { issuer, issuerDoc: doc, cache, nowMs, skewMs }, deps, options, report);
  await checkTrust(deps, issuer, credential, report, result);
}

function unsupportedProof(credential: JsonObject, report: Report): void {
  const proofs = asArray(credential.proof as JsonObject | JsonObject[] | undefined);
  const kinds = proofs.map((p) =>
    [p?.type, p?.cryptosuite].filter((v): v is string => typeof v === 'string').join(' / '),
  );
  const many = proofs.length > 1 ? ' (proof sets and chains are not supported)' : '';
  report.fail(
    'structure',
    'unsupported_proof_type',
    `Proof ${kinds.filter(Boolean).join(', ') || '(no type)'} is not supported${many}; supported: DataIntegrityProof with eddsa-rdfc-2022, or a JWT (vc+jwt)`,
  );
}

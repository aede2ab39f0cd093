/**
 * Verification entry points: credentials (vc+jwt, VC 1.1 JWT, embedded eddsa-rdfc-2022 proofs), presentations
 * (vp+jwt) and the caches they use.
 */
export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_CREDENTIAL_BYTES,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  verifyCredentialJwt,
  type CredentialFormat,
  type CredentialResult,
  type TrustResult,
  type VerifyDeps,
  type VerifyOptions,
} from './verify-credential';
export { hasSupportedProof, verifyCredentialDataIntegrity } from './verify-data-integrity';
export {
  DEFAULT_MAX_PRESENTATION_BYTES,
  DEFAULT_MAX_PRESENTATION_CREDENTIALS,
  verifyPresentationJwt,
  type PresentationDeps,
  type PresentationOptions,
  type PresentationResult,
} from './verify-presentation';
export {
  createCachedResolver,
  createCachedStatusListFetcher,
  createVerifierCache,
  type TtlCacheOptions,
  type VerifierCache,
} from './cache';
export type { CheckName, CheckResult, ErrorCode, VerificationError, VerificationWarning, WarningCode } from './errors';

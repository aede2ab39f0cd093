/**
 * Verification entry points: credentials (vc+jwt, VC 1.1 JWT, embedded eddsa-rdfc-2022 proofs), presentations
 * (vp+jwt) and the caches they use.
 */
export {
  verifyCredentialJwt,
  type CredentialResult,
  type TrustResult,
} from './verify-credential';
export { verifyCredentialDataIntegrity } from './verify-data-integrity';
export {
  verifyPresentationJwt,
  type PresentationDeps,
  type PresentationOptions,
  type PresentationResult,
} from './verify-presentation';
export type { CheckResult, VerificationError, VerificationWarning } from './errors';

/** Verification entry points: credentials (vc+jwt, VC 1.1 JWT), presentations (vp+jwt) and the caches they use. */
export {
  unsupportedProofResult,
  verifyCredentialJwt,
  type CredentialResult,
  type TrustResult,
} from './verify-credential';
export {
  verifyPresentationJwt,
  type PresentationDeps,
  type PresentationOptions,
  type PresentationResult,
} from './verify-presentation';
export type { CheckResult, VerificationError, VerificationWarning } from './errors';

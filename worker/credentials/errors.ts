/** Stable codes reported by the credential and presentation verifiers. Never rename one: callers and pages match on them. */

export const ERROR_CODES = [
  'payload_too_large',
  'malformed_jwt',
  'unsupported_algorithm',
  'unsupported_header',
  'wrong_type',
  'schema_invalid',
  'issuer_mismatch',
  'issuer_unresolvable',
  'unknown_key',
  'invalid_signature',
  'expired',
  'not_yet_valid',
  'revoked',
  'suspended',
  'status_unavailable',
  'status_list_invalid',
  'issuer_not_approved',
  'trust_unavailable',
  'verifier_error',
  // A credential secured with a proof this verifier does not implement (e.g. an embedded Data Integrity proof).
  'unsupported_proof_type',
  // Presentation-only codes.
  'presentation_expired',
  'wrong_audience',
  'nonce_mismatch',
  'replayed_presentation',
  'replay_check_unavailable',
  // A presentation answering a challenge this verifier never issued, or one past its expiry.
  'unknown_challenge',
  'challenge_expired',
  'holder_mismatch',
  'credential_invalid',
  'too_many_credentials',
] as const;

/**
 * Which data-model MUST a `schema_invalid` (or `status_list_invalid`) credential broke, reported as the error's
 * `rule`: the stable code stays the same for callers that only care that the structure is wrong.
 */
export const SCHEMA_RULES = [
  'context_invalid',
  'type_invalid',
  'id_invalid',
  'issuer_invalid',
  'date_invalid',
  'subject_invalid',
  'typed_object_invalid',
  'status_entry_invalid',
  'open_badge_invalid',
  'claims_mismatch',
  // An embedded Data Integrity proof whose options break the cryptosuite's rules (purpose, dates, @context).
  'proof_invalid',
] as const;

export type SchemaRule = (typeof SCHEMA_RULES)[number];

/** A failed check; any error makes `verified` false. */
export type ErrorCode = (typeof ERROR_CODES)[number];

export const WARNING_CODES = [
  'issuer_not_recognised',
  'vc1_format',
  'no_status',
  'unsupported_status_purpose',
  // A `message` status entry whose value carries a message other than valid, revoked or suspended.
  'status_message',
] as const;

/** Worth showing to a person, but does not make the credential invalid. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** The steps of the pipelines, in the order they run. */
export type CheckName =
  | 'size'
  | 'structure'
  | 'header'
  | 'schema'
  | 'issuer'
  | 'key'
  | 'signature'
  | 'dates'
  | 'status'
  | 'trust'
  | 'audience'
  | 'nonce'
  | 'replay'
  | 'credentials'
  | 'holder';

export interface CheckResult {
  check: CheckName;
  ok: boolean;
  code?: ErrorCode;
  rule?: SchemaRule;
  message: string;
}

export interface VerificationError {
  code: ErrorCode;
  /** For structural failures: which rule was broken. */
  rule?: SchemaRule;
  message: string;
}

export interface VerificationWarning {
  code: WarningCode;
  message: string;
}

/** Collects checks, errors and warnings in the order they happen, so every result has the same shape. */
export class Report {
  readonly checks: CheckResult[] = [];
  readonly errors: VerificationError[] = [];
  readonly warnings: VerificationWarning[] = [];

  pass(check: CheckName, message: string): void {
    this.checks.push({ check, ok: true, message });
  }

  fail(check: CheckName, code: ErrorCode, message: string, rule?: SchemaRule): void {
    this.checks.push({ check, ok: false, code, ...(rule ? { rule } : {}), message });
    this.errors.push({ code, ...(rule ? { rule } : {}), message });
  }

  warn(code: WarningCode, message: string): void {
    this.warnings.push({ code, message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

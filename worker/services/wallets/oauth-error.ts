/**
 * Errors of the wallet issuance endpoints in the shape OAuth 2.0 and OpenID for Verifiable Credential Issuance
 * define (`{error, error_description}`), which wallets read; the rest of the API keeps its own error shape.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type WalletErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'invalid_credential_request'
  | 'unknown_credential_configuration'
  | 'invalid_proof'
  | 'invalid_nonce'
  | 'credential_request_denied'
  | 'server_error';

/** A refusal a wallet can act on; the route turns it into the spec's JSON body (never a stack or internals). */
export class WalletIssuanceError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: WalletErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.status = code === 'invalid_token' ? 401 : code === 'server_error' ? 500 : 400;
  }
}

/** The JSON body of a wallet issuance error. */
export function walletErrorBody(e: WalletIssuanceError) {
  return { error: e.code, error_description: e.description };
}

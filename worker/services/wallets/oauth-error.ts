/**
 * Errors of the wallet issuance endpoints in the shape OAuth 2.0 and OpenID for Verifiable Credential Issuance
 * define (`{error, error_description}`), which wallets read; the rest of the API keeps its own error shape.
 */
import { AppError } from '../../errors';

export type WalletErrorCode =
  | 'invalid_request'
  | 'invalid_request_uri'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'invalid_credential_request'
  | 'unknown_credential_configuration'
  | 'invalid_proof'
  | 'invalid_nonce'
  | 'credential_request_denied'
  | 'server_error';

/**
 * A refusal a wallet can act on. It is an AppError (an expected failure, never logged as a crash); the wallet routes
 * answer it with the spec's JSON body.
 */
export class WalletIssuanceError extends AppError {
  constructor(
    readonly walletCode: WalletErrorCode,
    readonly description: string,
  ) {
    super(
      walletCode === 'invalid_token' ? 'unauthenticated' : walletCode === 'server_error' ? 'internal' : 'bad_request',
      description,
    );
  }
}

/** The JSON body a wallet gets for any failure: its own code, or `invalid_request` / `server_error` for the rest. */
export function walletErrorBody(err: Error) {
  if (err instanceof WalletIssuanceError) return { error: err.walletCode, error_description: err.description };
  if (err instanceof AppError && err.code !== 'internal')
    return { error: 'invalid_request', error_description: err.message };
  return { error: 'server_error', error_description: 'Something went wrong on our side' };
}

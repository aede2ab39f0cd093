/** Requests a wallet sends when it takes a credential offer (OpenID for Verifiable Credential Issuance 1.0). */
import { z } from 'zod';

/** Token request (form-encoded) for the pre-authorised code grant. */
export const walletTokenRequest = z.object({
  grant_type: z.string().max(200),
  'pre-authorized_code': z.string().min(1).max(200),
  tx_code: z.string().max(64).optional(),
});

/** Credential request: one configuration and one JWT key proof (`proofs.jwt`, the 1.0 form). */
export const walletCredentialRequest = z.object({
  credential_configuration_id: z.string().min(1).max(200),
  proofs: z.object({ jwt: z.array(z.string().min(1).max(8192)).length(1) }),
});

/** The credential response: the holder-bound copy, a vc+jwt. */
export const walletCredentialResponse = z.object({
  credentials: z.array(z.object({ credential: z.string() })),
});

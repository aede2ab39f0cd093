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

/** The credential response: the holder-bound copy, a vc+jwt (jwt_vc_json) or a JSON credential with its proof (ldp_vc). */
export const walletCredentialResponse = z.object({
  credentials: z.array(z.object({ credential: z.union([z.string(), z.record(z.string(), z.unknown())]) })),
});

/** The pre-authorised code grant's name in an offer. */
const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** A credential offer another issuer made (the passport takes it as a wallet): only the pre-authorised code grant. */
export const incomingCredentialOffer = z.object({
  credential_issuer: z.url({ protocol: /^https?$/ }).max(2000),
  credential_configuration_ids: z.array(z.string().min(1).max(200)).min(1).max(20),
  grants: z.object({
    [PRE_AUTHORIZED]: z.object({
      'pre-authorized_code': z.string().min(1).max(2000),
      tx_code: z.object({ length: z.number().int().optional(), input_mode: z.string().optional() }).optional(),
    }),
  }),
});

export type IncomingCredentialOffer = z.infer<typeof incomingCredentialOffer>;

/** Credential issuer metadata, as far as a wallet taking a jwt_vc_json credential reads it. */
export const incomingIssuerMetadata = z.object({
  credential_issuer: z.string().max(2000),
  credential_endpoint: z.url().max(2000),
  nonce_endpoint: z.url().max(2000).optional(),
  authorization_servers: z.array(z.url().max(2000)).max(10).optional(),
  credential_configurations_supported: z.record(z.string().max(200), z.object({ format: z.string().max(100) })),
});

/** Authorisation server metadata: where the token endpoint is. */
export const incomingServerMetadata = z.object({ token_endpoint: z.url().max(2000) });

/** The token endpoint's answer. */
export const incomingTokenResponse = z.object({ access_token: z.string().min(1).max(4000) });

/** The nonce endpoint's answer. */
export const incomingNonceResponse = z.object({ c_nonce: z.string().min(1).max(1000) });

/** POST /passport/wallet-offer: the offer link and the PIN that came with it. */
export const takeOfferForm = z.object({
  link: z.string().trim().min(1, 'Paste the offer link').max(20_000),
  pin: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});

/**
 * The OpenAPI entries of wallet issuance (OpenID for Verifiable Credential Issuance 1.0): each approved academy is a
 * credential issuer at /issuers/{slug} (the platform at the origin, with the same paths without the prefix).
 */
import { z } from 'zod';
import { walletCredentialRequest, walletCredentialResponse, walletTokenRequest } from '../../../schemas/oid4vci';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const oauthError = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
};
const jsonOf = (s: unknown) => ({ content: { 'application/json': { schema: s } } });
const refusal = (codes: string) => ({ description: codes, ...jsonOf(oauthError) });

/** Paths for wallets: metadata, token, nonce and credential endpoints. */
export function walletIssuancePaths() {
  return {
    '/.well-known/openid-credential-issuer/issuers/{slug}': {
      get: {
        summary: "An academy's credential issuer metadata (credential issuer id: <origin>/issuers/{slug})",
        description: 'The platform’s own is at /.well-known/openid-credential-issuer (issuer id: the origin).',
        parameters: [slug],
        responses: { '200': { description: 'Credential issuer metadata' }, '404': { description: 'No such issuer' } },
      },
    },
    '/.well-known/oauth-authorization-server/issuers/{slug}': {
      get: {
        summary: 'The same issuer as its own authorisation server (RFC 8414): the pre-authorised code grant only',
        parameters: [slug],
        responses: {
          '200': { description: 'Authorisation server metadata' },
          '404': { description: 'No such issuer' },
        },
      },
    },
    '/issuers/{slug}/oid4vci/token': {
      post: {
        summary: 'Exchange the pre-authorised code and the PIN (tx_code) from a worker’s offer for an access token',
        parameters: [slug],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: schema(walletTokenRequest) } },
        },
        responses: {
          '200': {
            description: 'Bearer access token for the credential endpoint (5 minutes, one credential)',
            ...jsonOf({
              type: 'object',
              properties: {
                access_token: { type: 'string' },
                token_type: { type: 'string' },
                expires_in: { type: 'integer' },
              },
            }),
          },
          '400': refusal(
            'invalid_grant (unknown, used or expired offer, wrong PIN), invalid_request, unsupported_grant_type',
          ),
        },
      },
    },
    '/issuers/{slug}/oid4vci/nonce': {
      post: {
        summary: 'A fresh c_nonce for the wallet’s key proof (5 minutes, used once)',
        parameters: [slug],
        responses: {
          '200': {
            description: 'The nonce',
            ...jsonOf({
              type: 'object',
              properties: { c_nonce: { type: 'string' }, c_nonce_expires_in: { type: 'integer' } },
            }),
          },
        },
      },
    },
    '/issuers/{slug}/oid4vci/credential': {
      post: {
        summary: 'Issue the wallet’s own copy of the offered credential, bound to the key of the JWT proof',
        description:
          'Proof: typ openid4vci-proof+jwt, aud = the credential issuer id, the c_nonce, key as jwk (bound as did:jwk) or a did:key / did:jwk kid. credential_configuration_id OpenBadgeCredential_jwt_vc_json gives a vc+jwt (a string); OpenBadgeCredential_ldp_vc gives the credential as JSON with an embedded eddsa-rdfc-2022 Data Integrity proof. Either copy is signed by the academy with credentialSubject.id = the wallet DID and the same status entry as the passport copy.',
        parameters: [slug],
        security: [{ walletAccessToken: [] }],
        requestBody: { required: true, ...jsonOf(schema(walletCredentialRequest)) },
        responses: {
          '200': { description: 'The credential', ...jsonOf(schema(walletCredentialResponse)) },
          '400': refusal(
            'invalid_credential_request, unknown_credential_configuration, invalid_proof, invalid_nonce, credential_request_denied',
          ),
          '401': refusal('invalid_token: missing, unknown, expired or already used access token'),
        },
      },
    },
  };
}

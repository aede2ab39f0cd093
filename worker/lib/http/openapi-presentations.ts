/**
 * The OpenAPI entries of the verifier's endpoints (OpenID for Verifiable Presentations 1.0): the signed request
 * object a wallet fetches by reference (the openid4vp:// link or QR code holds only client_id and request_uri, under
 * the client identifier `decentralized_identifier:<the service's did:web>`), and the response endpoint (direct_post).
 */
import { z } from 'zod';
import { walletResponseForm } from '../../../schemas/oid4vp';

const oauthError = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
};

/** Paths for wallets answering a presentation request. */
export function walletPresentationPaths() {
  return {
    '/oid4vp/requests/{state}': {
      get: {
        summary: 'The signed request object of an employer’s presentation request (request_uri, fetched by GET)',
        description:
          'A JWT (typ oauth-authz-req+jwt, EdDSA) signed by a key of this service’s did:web (the DID document at /.well-known/did.json; kid is a DID URL of it), with iss = that DID, aud = https://self-issued.me/v2, exp = the request’s expiry, and the request: client_id = decentralized_identifier:<did>, response_type vp_token, response_mode direct_post, response_uri <origin>/oid4vp/response, nonce, state and the DCQL query. Signed afresh on each fetch; no-store.',
        parameters: [{ name: 'state', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The signed request object',
            content: { 'application/oauth-authz-req+jwt': { schema: { type: 'string' } } },
          },
          '400': {
            description: 'invalid_request_uri: the request has expired or was already answered',
            content: { 'application/json': { schema: oauthError } },
          },
          '404': { description: 'No such request', content: { 'application/json': { schema: oauthError } } },
        },
      },
    },
    '/oid4vp/response': {
      post: {
        summary: 'A wallet’s answer to an employer’s presentation request (response mode direct_post)',
        description:
          'vp_token: the DCQL form {"care_credentials": ["<vp+jwt>"]} (or a bare vp+jwt), a VC 2.0 presentation signed by the holder with aud = the client_id and nonce = the request’s nonce, enveloping vc+jwt credentials issued to the holder. Each request is answered once, within 10 minutes; the outcome is shown to the employer. An error answer (e.g. access_denied) is recorded as declined.',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: z.toJSONSchema(walletResponseForm, { io: 'input', unrepresentable: 'any' }),
            },
          },
        },
        responses: {
          '200': { description: 'Received and verified (or the declining answer recorded)' },
          '400': {
            description:
              'invalid_request: unknown, expired or already answered request, malformed body, or a presentation that did not verify (wrong nonce or audience, holder mismatch, revoked, untrusted)',
            content: { 'application/json': { schema: oauthError } },
          },
        },
      },
    },
  };
}

/**
 * The OpenAPI entry of the verifier's response endpoint (OpenID for Verifiable Presentations 1.0, direct_post):
 * wallets answer an employer's request there. The request itself reaches the wallet by value in an openid4vp://
 * link or QR code, under the client identifier `redirect_uri:<origin>/oid4vp/response`.
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

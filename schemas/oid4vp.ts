/** zod schemas for asking a wallet app for proof (OpenID for Verifiable Presentations). */
import { z } from 'zod';
import { roleRef } from './employer';
import { checkboxes } from './passport';

/** POST /employer/:org/wallet-requests: the role to assess against, optional. */
export const walletRequestForm = z.object({
  role: z.preprocess((v) => (v === '' || v === null ? undefined : v), roleRef.optional()),
});

/** POST /oid4vp/response (direct_post): the wallet's answer, a vp_token or an error, with the request's state. */
export const walletResponseForm = z
  .object({
    state: z.string().min(1).max(200),
    vp_token: z.string().min(1).max(1_100_000).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  })
  .refine((f) => f.vp_token !== undefined || f.error !== undefined, { message: 'Send a vp_token or an error' });

export type WalletResponseForm = z.infer<typeof walletResponseForm>;

/** A JSON-valued request parameter (the link carries objects as JSON text); unreadable JSON fails validation. */
const jsonParam = (v: unknown) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
};

/** One credential query of a DCQL query, as far as the passport reads it. */
const dcqlCredentialQuery = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  format: z.string().max(100),
  meta: z
    .object({
      type_values: z
        .array(z.array(z.string().max(300)).max(20))
        .max(20)
        .optional(),
    })
    .optional(),
});

/** The parameters of an OpenID4VP request the passport answers: direct_post and a DCQL query. */
const walletRequestFields = z.object({
  response_type: z.literal('vp_token'),
  client_id: z.string().max(2000),
  response_mode: z.literal('direct_post'),
  response_uri: z.url({ protocol: /^https?$/ }).max(2000),
  nonce: z.string().min(1).max(500),
  state: z.string().min(1).max(200).optional(),
  dcql_query: z.preprocess(jsonParam, z.object({ credentials: z.array(dcqlCredentialQuery).min(1).max(20) })),
});

/**
 * An OpenID4VP authorisation request by value, as the passport answers it: only the `redirect_uri:` client
 * identifier prefix (its value must be the response URI) with response mode direct_post and a DCQL query.
 */
export const passportWalletRequest = walletRequestFields
  .extend({ client_id: z.string().max(2000).startsWith('redirect_uri:') })
  .refine((r) => r.client_id === `redirect_uri:${r.response_uri}`, {
    message: 'The client identifier must be the response address',
  });

/**
 * The claims of a signed request object (checked against the verifier's DID before they are read): the
 * `decentralized_identifier:` prefix, direct_post and a DCQL query.
 */
export const passportSignedWalletRequest = walletRequestFields.extend({
  client_id: z.string().max(2000).startsWith('decentralized_identifier:did:'),
});

export type PassportWalletRequest = z.infer<typeof walletRequestFields>;

/** POST /passport/answer-request: the request link again, and the certificates the worker ticked. */
export const walletAnswerForm = z.object({
  link: z.string().min(1).max(20_000),
  credentialIds: checkboxes(z.string().uuid()).pipe(z.array(z.string().uuid()).max(20)),
  /** The response address the worker was shown (the send refuses a request that has changed since). */
  response_uri: z.string().max(2000).optional(),
});

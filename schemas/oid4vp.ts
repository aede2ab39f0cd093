/** zod schemas for asking a wallet app for proof (OpenID for Verifiable Presentations). */
import { z } from 'zod';
import { roleRef } from './employer';

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

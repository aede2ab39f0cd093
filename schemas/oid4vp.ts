/** zod schemas for asking a wallet app for proof (OpenID for Verifiable Presentations). */
import { z } from 'zod';
import { roleRef } from './employer';

/** POST /employer/:org/wallet-requests: the role to assess against, optional. */
export const walletRequestForm = z.object({
  role: z.preprocess((v) => (v === '' || v === null ? undefined : v), roleRef.optional()),
});

/** zod schemas for changing the status of several certificates of the academy register at once. */
import { z } from 'zod';
import { registerQuery, uuid } from './academy';

/** What a bulk change does to each chosen certificate. */
export const BULK_ACTIONS = ['revoke', 'suspend', 'reinstate'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Most certificates one bulk change may touch; a wider search is narrowed first. */
export const MAX_BULK_CHANGE = 500;

/** Most learners one bulk send of new claim links may email (each email goes out while the page waits). */
export const MAX_BULK_CLAIM_LINKS = 100;

/** Most certificates one form may tick (a page of the register holds 25). */
const MAX_TICKED = 100;

const listOf = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Which certificates a bulk change is about: the ticked ones, or every one matching the register search. */
export const bulkSelection = registerQuery.omit({ page: true }).extend({
  scope: z.preprocess(
    (v) => (v === undefined || v === '' ? 'ticked' : v),
    z.enum(['ticked', 'all'], { message: 'Choose the ticked certificates or all matching the search' }),
  ),
  ids: z.preprocess(listOf, z.array(uuid).max(MAX_TICKED, `Tick at most ${MAX_TICKED} certificates`)),
});
export type BulkSelection = z.infer<typeof bulkSelection>;

const TICK_SOMETHING = 'Tick at least one certificate, or choose all certificates matching the search';

/** POST /academy/:org/register/bulk: the selection, the change and its reason; `confirm` applies it. */
export const bulkStatusForm = bulkSelection
  .extend({
    action: z.enum(BULK_ACTIONS, { message: 'Choose revoke, suspend or reinstate' }),
    reason: z
      .string({ message: 'Give a reason for the change (at least 3 characters)' })
      .trim()
      .min(3, 'Give a reason for the change (at least 3 characters)')
      .max(500, 'Keep the reason under 500 characters'),
    confirm: z.preprocess((v) => v === 'yes', z.boolean()),
  })
  .refine((f) => f.scope === 'all' || f.ids.length > 0, { path: ['ids'], message: TICK_SOMETHING });

/** POST /academy/:org/register/claim-links: the selection; `confirm` sends the new claim links. */
export const bulkClaimLinksForm = bulkSelection
  .extend({ confirm: z.preprocess((v) => v === 'yes', z.boolean()) })
  .refine((f) => f.scope === 'all' || f.ids.length > 0, { path: ['ids'], message: TICK_SOMETHING });

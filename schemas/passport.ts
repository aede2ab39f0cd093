/** zod schemas for the care worker's passport: claim, import, share, pathway and account deletion forms. */
import { z } from 'zod';
import { catalogueId } from './catalogue';

/** Largest credential a worker can paste or upload (the verifier's own limit is the same). */
export const MAX_IMPORT_BYTES = 64 * 1024;
/** File names an upload may have: what wallets and other passports export. */
export const IMPORT_EXTENSIONS = ['.jwt', '.json', '.txt'] as const;

/** A link token as newToken() makes them (160 bits, base32 lower-case). */
export const claimToken = z
  .string()
  .trim()
  .regex(/^[a-z2-7]{20,64}$/, 'This claim link is not complete. Open it again from your email.');

export const claimQuery = z.object({ token: claimToken });
export const claimForm = z.object({ token: claimToken });

/** Route params: passport credentials and shares are UUIDs. */
export const uuidParam = z.object({ id: z.string().uuid() });

/** A checkbox group arrives as nothing, one string, or several: always an array here. */
export const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const shareForm = z.object({
  credentialIds: checkboxes(z.string().uuid()).pipe(
    z
      .array(z.string().uuid())
      .min(1, 'Choose at least one certificate to share')
      .max(20, 'Share at most 20 certificates at once'),
  ),
  days: z.coerce
    .number()
    .int()
    .refine((d) => d === 7 || d === 30 || d === 90, 'Choose how long the link works: 7, 30 or 90 days'),
  label: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(80, 'Keep the label under 80 characters').optional(),
  ),
});
export type ShareForm = z.infer<typeof shareForm>;

const optionalRole = z.preprocess((v) => (v === '' || v === undefined ? null : v), catalogueId.nullable());
export const pathwayForm = z.object({ currentRoleId: optionalRole, targetRoleId: optionalRole });
export type PathwayForm = z.infer<typeof pathwayForm>;

export const deleteAccountForm = z.object({
  confirmEmail: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Type your email address to confirm')
    .max(254, 'Type your email address to confirm'),
});

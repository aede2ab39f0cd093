/** zod schemas for catalogue queries (shared by API, pages and tests). */
import { z } from 'zod';

export const catalogueId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore');

export const competencyKind = z.enum([
  'care_certificate',
  'mandatory_training',
  'delegated_task',
  'qualification',
  'specialism',
]);

export const competencyQuery = z.object({
  framework: catalogueId.optional(),
  kind: competencyKind.optional(),
  q: z.string().max(100).optional(),
});

export const roleQuery = z.object({ framework: catalogueId.optional() });
export const idParam = z.object({ id: catalogueId });

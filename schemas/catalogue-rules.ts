/** zod schemas for a platform admin's edits to acceptance rules and relations between catalogue items. */
import { z } from 'zod';
import { catalogueId } from './catalogue';

const PROVIDERS = ['nhs_body', 'cstf_aligned', 'awarding_body', 'approved_academy'] as const;
const toArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const months = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int(`${what} is a whole number of months`)
      .min(0)
      .max(240, `${what} is at most 240 months`)
      .optional(),
  );
const reason = z
  .string()
  .trim()
  .min(10, 'Give the reason and its source in at least 10 characters')
  .max(500, 'Reasons are at most 500 characters');

/** POST /admin/roles/:id/rules: the acceptance rule of one requirement (all fields empty: no rule). */
export const acceptanceRuleForm = z.object({
  competencyId: catalogueId,
  providers: z.preprocess(toArray, z.array(z.enum(PROVIDERS, 'Choose provider kinds from the list')).max(4)),
  minLevel: z.preprocess(emptyToUndefined, z.coerce.number().int('Levels are whole numbers').min(1).max(8).optional()),
  maxAgeMonths: months('The allowable period'),
  dueWithinMonths: months('The time allowed after starting'),
  indicative: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  note: reason,
});
export type AcceptanceRuleFormInput = z.infer<typeof acceptanceRuleForm>;

/** POST /admin/roles/:id/relations: a relation between two catalogue items, with its strength and source. */
export const relationForm = z.object({
  fromId: catalogueId,
  toId: catalogueId,
  relation: z.enum(['equivalent', 'satisfies', 'includes', 'comparable'], 'Choose how the items relate'),
  strength: z.enum(['official', 'published', 'indicative'], 'Choose how strong the source is'),
  label: z.string().trim().min(10, 'Say in a sentence what the relation means').max(400, 'Use at most 400 characters'),
  note: reason,
});
export type RelationFormInput = z.infer<typeof relationForm>;

/** POST /admin/organisations/:id/provider: an academy's provider kind and CSTF alignment. */
export const providerKindForm = z.object({
  providerKind: z.enum(['training_provider', 'nhs_body', 'awarding_body'], 'Choose the kind of provider'),
  cstfAligned: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

/** POST /admin/roles/:id/levels: a requirement moved to another level of its subject, as "fromId>toId". */
export const levelForm = z.object({
  change: z
    .string({ message: 'Choose a requirement and its new level' })
    .regex(/^[A-Za-z0-9._-]{1,80}>[A-Za-z0-9._-]{1,80}$/, 'Choose a requirement and its new level')
    .transform((v) => {
      const [competencyId = '', toId = ''] = v.split('>');
      return { competencyId, toId };
    }),
  note: reason,
});

/** POST /admin/roles/:id/relations/:relationId/delete with `confirm=yes`: why the relation goes. */
export const relationDeleteForm = z.object({ note: reason });

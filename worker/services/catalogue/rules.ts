/**
 * Rules carried as data on catalogue items and role requirements: who an employer accepts prior training from, the
 * minimum level, the allowable period, time allowed after starting, and facts about an item (typical hours,
 * duration, routes, funding, registration), each with its source.
 */
import { z } from 'zod';

/** Kinds of provider an acceptance rule can name; a credential's issuer may be several at once. */
export const PROVIDER_KINDS = ['nhs_body', 'cstf_aligned', 'awarding_body', 'approved_academy'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Provider kinds in plain words, for report lines and the admin editor. */
export const PROVIDER_WORDS: Record<ProviderKind, string> = {
  nhs_body: 'an NHS body',
  cstf_aligned: 'a CSTF-aligned provider',
  awarding_body: 'an awarding body',
  approved_academy: 'any approved academy',
};

/** How an employer (or the catalogue's reading of common practice) accepts prior training for one requirement. */
export const acceptanceRuleSchema = z.object({
  /** Accepted provider kinds (any one is enough); absent: any provider. */
  providers: z.array(z.enum(PROVIDER_KINDS)).min(1).optional(),
  /** Lowest level accepted (for items passported by level). */
  minLevel: z.number().int().min(1).max(8).optional(),
  /** The employer's allowable period in months, which may be shorter than the refresher period. */
  maxAgeMonths: z.number().int().min(0).max(600).optional(),
  /** The item may be completed after starting, within this many months (e.g. a registration qualification). */
  dueWithinMonths: z.number().int().min(1).max(120).optional(),
  /** Plain words about the time allowed after starting, with alternatives (e.g. the confirmed competence route). */
  dueNote: z.string().max(500).optional(),
  /** Why the rule applies, in plain words. */
  basis: z.string().min(10).max(1000),
  source: z.string().min(10).max(1000),
  /** True where the rule is our reading of common practice rather than this employer's stated policy. */
  indicative: z.boolean(),
  /** 'employer': the employer set it on one of its own roles, so the report names it as "Your rule". */
  setBy: z.enum(['employer']).optional(),
  /** Where an employer's rule accepts more than the sector rule, that rule in words (the report says so). */
  looserThan: z.string().max(500).optional(),
});
export type AcceptanceRule = z.infer<typeof acceptanceRuleSchema>;

/** A rule's provider kinds, level and allowable period in plain words ("only from an NHS body; within 12 months"). */
export function acceptanceWords(rule: AcceptanceRule): string {
  const words: string[] = [];
  if (rule.providers) words.push(`only from ${rule.providers.map((p) => PROVIDER_WORDS[p]).join(' or ')}`);
  if (rule.minLevel) words.push(`level ${rule.minLevel} or above`);
  if (rule.maxAgeMonths != null) words.push(`completed within the last ${rule.maxAgeMonths} months`);
  return words.length ? words.join('; ') : 'any provider';
}

/** A professional or care register's rule: who keeps it, the law behind it and its timeline. */
export const registrationRuleSchema = z.object({
  regulator: z.string(),
  legalBasis: z.string(),
  /** Months after starting by which the worker must be registered; null: before starting. */
  withinMonthsOfStart: z.number().int().nullable(),
  renewMonths: z.number().int().nullable(),
  nations: z.array(z.string()),
  routes: z.array(z.string()),
});

/** Facts about a catalogue item that a route planner needs, each block sourced. */
export const itemDetailSchema = z.object({
  typicalHours: z.number().positive().optional(),
  duration: z.string().optional(),
  routes: z.array(z.string()).optional(),
  funding: z.string().optional(),
  /** Competence tied to one person and setting: never carried to a new employer without local sign-off. */
  personSpecific: z.boolean().optional(),
  registration: registrationRuleSchema.optional(),
  source: z.string().min(10),
  verified: z.boolean(),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

/** Provider kinds an organisation's own record gives it (approval as such is checked separately). */
export function providerKindsOf(org: {
  providerKind: string;
  cstfAligned: boolean;
}): Exclude<ProviderKind, 'approved_academy'>[] {
  const kinds: Exclude<ProviderKind, 'approved_academy'>[] = [];
  if (org.providerKind === 'nhs_body') kinds.push('nhs_body');
  if (org.providerKind === 'awarding_body') kinds.push('awarding_body');
  if (org.cstfAligned) kinds.push('cstf_aligned');
  return kinds;
}

/** Reads a stored acceptance rule; a missing or unreadable one is no rule (the requirement accepts any provider). */
export function parseAcceptance(json: string | null | undefined): AcceptanceRule | null {
  return parseJson(json, acceptanceRuleSchema);
}

/** Reads a stored item detail; a missing or unreadable one is none. */
export function parseDetail(json: string | null | undefined): ItemDetail | null {
  return parseJson(json, itemDetailSchema);
}

function parseJson<T>(json: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

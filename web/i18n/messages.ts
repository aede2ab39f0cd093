/**
 * The one message catalogue: every translated page asks `t(lang, key, params)` for its words. English is complete
 * by construction (a key exists only if it has English); Welsh entries are optional, and a key without Welsh falls
 * back to English. Welsh entries stay "awaiting review" until a Welsh speaker checks them (see cy.ts).
 */
import { CY_REVIEWED, cy } from './cy';
import { type MessageKey, en } from './en';

export type { MessageKey } from './en';

/** The languages pages are written in. */
export const LANGS = ['en', 'cy'] as const;
export type Lang = (typeof LANGS)[number];

/** The names of `{placeholders}` in a message, worked out from its English text. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersOf<Rest>
  : never;

/** The parameters a message needs: one string or number per placeholder in its English text. */
export type MessageParams<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never]
  ? [params?: undefined]
  : [params: Record<PlaceholdersOf<(typeof en)[K]>, string | number>];

/** Keys of messages with no placeholders: whole sentences that need no values, such as flash notices. */
export type PlainMessageKey = {
  [K in MessageKey]: MessageParams<K> extends [params?: undefined] ? K : never;
}[MessageKey];

/** True when `value` is one of the languages pages are written in. */
export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'cy';
}

/** A message in `lang` (English when it has no Welsh yet), with its `{placeholders}` filled in. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...[params]: MessageParams<K>): string {
  const text: string = (lang === 'cy' ? cy[key] : undefined) ?? en[key];
  if (!params) return text;
  const values = params as Record<string, string | number>;
  return text.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translator bound to one language, for pages that ask for many messages. */
export type Translate = <K extends MessageKey>(key: K, ...params: MessageParams<K>) => string;

/** Binds `t` to a language. */
export function translator(lang: Lang): Translate {
  return (key, ...params) => t(lang, key, ...params);
}

/** Welsh entries a Welsh speaker has not yet checked, in catalogue order. */
export function unreviewedWelsh(): MessageKey[] {
  const reviewed = new Set<MessageKey>(CY_REVIEWED);
  return (Object.keys(cy) as MessageKey[]).filter((k) => !reviewed.has(k));
}

/** True when a page in `lang` shows text awaiting review (so it carries the review note). */
export function awaitingReview(lang: Lang): boolean {
  return lang === 'cy' && unreviewedWelsh().length > 0;
}

/** The placeholder names in a message text, sorted (for the catalogue test). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1] as string).sort();
}

/** Messages with parts that are not plain text (a link, a bold name): the catalogue keeps the whole sentence. */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, type MessageParams, t } from './messages';

type RichValues<K extends MessageKey> = MessageParams<K>[0] extends infer P
  ? P extends Record<infer N, unknown>
    ? Record<N & string, Child>
    : never
  : never;

/**
 * A message in `lang` with each `{placeholder}` replaced by a piece of page (a link, a bold name), so translators
 * see and order the whole sentence; the message text itself is escaped like any other text.
 */
export function rich<K extends MessageKey>(lang: Lang, key: K, values: RichValues<K>): Child[] {
  const text = t(lang, key, ...([] as unknown as MessageParams<K>));
  const parts: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)) {
    parts.push(text.slice(last, m.index));
    const name = m[1] as string;
    parts.push(name in values ? (values as Record<string, Child>)[name] : m[0]);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * Text that stays English on a page in another language (catalogue names from English sources, explanations the
 * services write in English), marked with `lang="en"` so screen readers pronounce it right; unmarked on English pages.
 */
export function InEnglish({ lang, children }: { lang: Lang; children: Child }) {
  return lang === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}

/** A block that stays English on a page in another language (a shared component, a figure); nothing added in English. */
export function EnglishBlock({ lang, children }: { lang: Lang; children: Child }) {
  return lang === 'en' ? <>{children}</> : <div lang="en">{children}</div>;
}

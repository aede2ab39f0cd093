/** How passport pages show a certificate's dates and status: UK-time days and times, status tags in words. */
import type { PassportStatus } from '../../worker/services/passport/passport';
import { type Lang, t } from '../i18n/messages';

const LOCALES: Record<Lang, string> = { en: 'en-GB', cy: 'cy-GB' };
const dayFormats = new Map<Lang, Intl.DateTimeFormat>();
const timeFormats = new Map<Lang, Intl.DateTimeFormat>();

function formatFor(cache: Map<Lang, Intl.DateTimeFormat>, lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      timeZone: 'Europe/London',
    });
    cache.set(lang, f);
  }
  return f;
}

/** "20 May 2026" / "20 Mai 2026" (UK time), or the fallback when there is no date. */
export function day(iso: string | null | undefined, fallback = '', lang: Lang = 'en'): string {
  if (!iso) return fallback;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : formatFor(dayFormats, lang, false).format(d);
}

/** "1 June 2026 at 10:42" / "1 Mehefin 2026 am 10:42" (UK time). */
export function when(iso: string, lang: Lang = 'en'): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatFor(timeFormats, lang, true).format(d);
}

const STATUS_CLASS: Record<PassportStatus, string> = {
  valid: 'ok',
  expiring: 'warn',
  expired: 'bad',
  suspended: 'bad',
  revoked: 'bad',
};

/** A status in words (colour is only a second cue). */
export function StatusTag({ status, lang = 'en' }: { status: PassportStatus; lang?: Lang }) {
  return <span class={`tag ${STATUS_CLASS[status]}`}>{t(lang, `status.${status}`)}</span>;
}

/** How passport pages show a certificate's dates and status: UK-time days and times, status tags in words. */
import type { PassportStatus } from '../../worker/services/passport/passport';
import { type Lang, t } from '../i18n/messages';
import type { MonthKey } from '../i18n/catalogue/dates';

/** UK-time parts of an instant, as numbers (the same on every runtime: no locale words are used). */
const UK_PARTS = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

function ukParts(d: Date): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(UK_PARTS.formatToParts(d).map((p) => [p.type, p.value]));
  return {
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

/** "20 May 2026" / "20 Mai 2026" from its numbers (month 1 = January), month names from the catalogue. */
export function dayInWords(lang: Lang, day: number, month: number, year: number | string): string {
  return t(lang, 'date.day', { day, month: t(lang, `date.month${month}` as MonthKey), year });
}

function dayIn(lang: Lang, p: ReturnType<typeof ukParts>): string {
  return dayInWords(lang, Number(p.day), Number(p.month), p.year);
}

/** "20 May 2026" / "20 Mai 2026" (UK time), or the fallback when there is no date. */
export function day(iso: string | null | undefined, fallback = '', lang: Lang = 'en'): string {
  if (!iso) return fallback;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : dayIn(lang, ukParts(d));
}

/** "1 June 2026 at 10:42" / "1 Mehefin 2026 am 10:42" (UK time). */
export function when(iso: string, lang: Lang = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = ukParts(d);
  return t(lang, 'date.dayAtTime', { date: dayIn(lang, p), time: `${p.hour}:${p.minute}` });
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

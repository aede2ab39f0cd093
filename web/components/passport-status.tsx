/** How passport pages show a certificate's dates and status: UK-time days and times, status tags in words. */
import type { PassportStatus } from '../../worker/services/passport/passport';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "20 May 2026" (UK time), or the fallback when there is no date. */
export function day(iso: string | null | undefined, fallback = ''): string {
  if (!iso) return fallback;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : dayFormat.format(d);
}

/** "1 June 2026 at 10:42" (UK time). */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFormat.format(d);
}

const STATUS_TEXT: Record<PassportStatus, { text: string; cls: string }> = {
  valid: { text: 'Valid', cls: 'ok' },
  expiring: { text: 'Expires soon', cls: 'warn' },
  expired: { text: 'Expired', cls: 'bad' },
  suspended: { text: 'Suspended by the issuer', cls: 'bad' },
  revoked: { text: 'Revoked by the issuer', cls: 'bad' },
};

/** A status in words (colour is only a second cue). */
export function StatusTag({ status }: { status: PassportStatus }) {
  const s = STATUS_TEXT[status];
  return <span class={`tag ${s.cls}`}>{s.text}</span>;
}

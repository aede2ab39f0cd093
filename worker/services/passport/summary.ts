/** The passport in words a person reads: the one-page summary to print and the text that goes beside the export. */
import type { PassportEntry, PassportStatus } from './passport';
import { KIND_LABELS, groupEntries } from './passport';

/** Each status as a worker or an employer says it. */
const STATUS_WORDS: Record<PassportStatus, string> = {
  valid: 'Valid',
  expiring: 'Valid, refresher due soon',
  expired: 'Expired',
  suspended: 'Suspended by the issuer',
  revoked: 'Revoked by the issuer',
};

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** "20 May 2026" (UK time), or the fallback when there is no date. */
function summaryDay(iso: string | null, fallback: string): string {
  if (!iso) return fallback;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? fallback : dayFormat.format(d);
}

/**
 * A plain-text summary of every certificate, grouped by kind, for the "Download all" export: readable by anyone
 * without software, while the JSON beside it carries the signed credentials.
 */
export function passportSummaryText(holderName: string, entries: readonly PassportEntry[], now: Date): string {
  const lines = [
    `Care Passport: ${holderName}`,
    `Summary made on ${summaryDay(now.toISOString(), '')}. ${entries.length === 1 ? '1 certificate' : `${entries.length} certificates`}.`,
    '',
  ];
  for (const g of groupEntries([...entries])) {
    lines.push(KIND_LABELS[g.kind], '-'.repeat(KIND_LABELS[g.kind].length));
    for (const e of g.entries) {
      lines.push(
        `* ${e.name}`,
        `  Issued by: ${e.issuerName}${e.recognised ? '' : ' (not a recognised issuer on Care Passport)'}`,
        `  Completed: ${summaryDay(e.validFrom ?? e.issuedAt, 'not recorded')}`,
        `  Valid until: ${summaryDay(e.validUntil, 'does not expire')}`,
        `  Status: ${STATUS_WORDS[e.status]}`,
      );
    }
    lines.push('');
  }
  lines.push(
    'Each certificate is signed by the organisation that issued it. The JSON file from the same page holds the',
    'signed certificates themselves, which any employer can check.',
  );
  return `${lines.join('\n')}\n`;
}

/** The pieces every academy page shares: navigation, dates for people, status tags, text areas and evidence fields. */
import type { Actor } from '../../worker/context';
import { describedBy, Field, FieldNotes } from './forms';
import type { FormState } from './form-state';

export type UserActor = Extract<Actor, { kind: 'user' }>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date for people: "20 May 2026" (UTC); empty for null. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Date and time for audit trails: "20 May 2026, 09:00 UTC". */
export function dateTime(iso: string): string {
  return `${longDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

/** Long URLs, ids and email addresses with break opportunities after / - : . @ so they wrap at phone width (no inline styles under the CSP). */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/\-:.@])/);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </>
      ))}
    </>
  );
}

/** "CertificateOfCompletion" -> "Certificate of completion". */
export function humanType(t: string): string {
  const words = t.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
  return words.map((w, i) => (i === 0 ? w : w.toLowerCase())).join(' ');
}

export const METHOD_LABEL: Record<string, string> = {
  'e-learning': 'E-learning',
  classroom: 'Classroom',
  'observed-practice': 'Observed practice',
  blended: 'Blended (e-learning and practice)',
  assessment: 'Assessment only',
};

/** A credential's status as a tag: valid, expired, suspended or revoked. */
export function CredentialStatusTag({ status }: { status: 'active' | 'expired' | 'suspended' | 'revoked' }) {
  if (status === 'active') return <span class="tag ok">Valid</span>;
  if (status === 'revoked') return <span class="tag bad">Revoked</span>;
  return <span class="tag warn">{status === 'expired' ? 'Expired' : 'Suspended'}</span>;
}

/** The academy's own navigation, under the page heading. */
export function AcademyNav({ slug }: { slug: string }) {
  return (
    <nav aria-label="Academy" class="small">
      <a href={`/academy/${slug}`}>Dashboard</a> · <a href={`/academy/${slug}/achievements/new`}>New achievement</a> ·{' '}
      <a href={`/academy/${slug}/register`}>Register of issued certificates</a> ·{' '}
      <a href={`/academy/${slug}/keys`}>Signing keys</a> · <a href={`/org/${slug}`}>Members and settings</a>
    </nav>
  );
}

/** A labelled text area with hint and error linked through aria-describedby (ids prefixed when a page has several). */
export function TextArea(p: {
  name: string;
  label: string;
  form: FormState;
  hint?: string;
  id?: string;
  rows?: number;
  required?: boolean;
}) {
  const id = p.id ?? p.name;
  const error = p.form.errors[p.name];
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <FieldNotes id={id} hint={p.hint} error={error} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
    </div>
  );
}

/** Optional evidence of an assessment: assessor, date, score, observation notes. */
export function EvidenceFields({ form }: { form: FormState }) {
  return (
    <>
      <Field name="assessorName" label="Assessor's name" form={form} required={false} />
      <Field name="assessedOn" label="Date assessed" type="date" form={form} required={false} />
      <Field name="score" label="Score or result" form={form} required={false} hint="For example 92% or Pass." />
      <TextArea name="notes" label="Observation notes" form={form} />
    </>
  );
}

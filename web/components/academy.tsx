/** The pieces every academy page shares: navigation, dates for people, status tags, text areas and evidence fields. */
import type { Actor } from '../../worker/context';
import { describedBy, Field, FieldNotes } from './forms';
import type { FormState } from './form-state';
import { dayInWords } from './passport-status';
import { type Lang, translator } from '../i18n/messages';

const t = translator('en');

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** A date for people: "20 May 2026" (UTC), with Welsh month names on a Welsh page; empty for null. */
export function longDate(iso: string | null | undefined, lang: Lang = 'en'): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dayInWords(lang, d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear());
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

/** How each assessment method is named for people. */
export const METHOD_LABEL: Record<string, string> = {
  'e-learning': t('academy.methodElearning'),
  classroom: t('academy.methodClassroom'),
  'observed-practice': t('academy.methodObserved'),
  blended: t('academy.methodBlended'),
  assessment: t('academy.methodAssessment'),
};

/** A credential's status as a tag: valid, expired, suspended or revoked. */
export function CredentialStatusTag({ status }: { status: 'active' | 'expired' | 'suspended' | 'revoked' }) {
  if (status === 'active') return <span class="tag ok">{t('register.statusActive')}</span>;
  if (status === 'revoked') return <span class="tag bad">{t('register.statusRevoked')}</span>;
  return (
    <span class="tag warn">{status === 'expired' ? t('register.statusExpired') : t('register.statusSuspended')}</span>
  );
}

/** The academy's own navigation, under the page heading. */
export function AcademyNav({ slug }: { slug: string }) {
  return (
    <nav aria-label={t('academy.navLabel')} class="small">
      <a href={`/academy/${slug}`}>{t('academy.navDashboard')}</a> ·{' '}
      <a href={`/academy/${slug}/achievements/new`}>{t('academy.navNewAchievement')}</a> ·{' '}
      <a href={`/academy/${slug}/register`}>{t('register.title')}</a> ·{' '}
      <a href={`/academy/${slug}/keys`}>{t('academy.navKeys')}</a> ·{' '}
      <a href={`/org/${slug}`}>{t('academy.navMembers')}</a>
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
  /** Fewest characters the browser accepts (the server checks again). */
  minLength?: number;
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
        minlength={p.minLength}
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
      <Field name="assessorName" label={t('academy.assessorName')} form={form} required={false} />
      <Field name="assessedOn" label={t('academy.assessedOn')} type="date" form={form} required={false} />
      <Field name="score" label={t('academy.score')} form={form} required={false} hint={t('academy.scoreHint')} />
      <TextArea name="notes" label={t('academy.notes')} form={form} />
    </>
  );
}

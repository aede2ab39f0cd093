/** The form kit every page shares: labelled fields with hints and errors linked for screen readers, and the error summary. */
import type { Child } from 'hono/jsx';
import { type Lang, translator } from '../i18n/messages';
import type { FormState } from './form-state';

/**
 * Lists a form's errors at the top, each linking to its field. `lang` is the page's language (the heading);
 * `messageLang` the language the messages are written in (the schemas write English), marked when it differs.
 * The page's script moves focus to it when the page opens (the GOV.UK error summary), so it is read out and
 * scrolled into view even when the form sits further down.
 */
export function ErrorSummary({
  errors,
  labels,
  lang = 'en',
  messageLang = 'en',
}: {
  errors: Record<string, string>;
  labels?: Record<string, string>;
  lang?: Lang;
  messageLang?: Lang;
}) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  const marked = messageLang === lang ? undefined : messageLang;
  return (
    <div class="notice error" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{translator(lang)('form.problem')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li lang={marked}>
            {field === '_form' ? (
              message
            ) : (
              <a href={`#${field}`}>{labels?.[field] ? `${labels[field]}: ${message}` : message}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  form: FormState;
  type?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  /** Password fields are never filled back in. */
  keepValue?: boolean;
  /** The language of the error text when it differs from the page's (English messages on a Welsh page). */
  errorLang?: string | undefined;
  /** The page's language, for the words the kit adds itself ("Error:"). */
  lang?: Lang;
}

/** The aria-describedby value linking a control to its hint and error. */
export function describedBy(id: string, hint: unknown, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A field's hint and error message, with the ids describedBy points at. On a page in another language than
 * `errorLang`, the "Error:" prefix follows the page and only the message is marked with its own language.
 */
export function FieldNotes({
  id,
  hint,
  error,
  errorLang,
  lang = 'en',
}: {
  id: string;
  hint?: Child;
  error?: string | undefined;
  errorLang?: string | undefined;
  lang?: Lang;
}) {
  const markMessage = lang !== 'en' && errorLang !== undefined && errorLang !== lang;
  return (
    <>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-text" id={`${id}-error`} lang={markMessage ? undefined : errorLang}>
          <span class="visually-hidden">{translator(lang)('form.errorPrefix')}</span>
          {markMessage ? <span lang={errorLang}>{error}</span> : error}
        </span>
      ) : null}
    </>
  );
}

/** A labelled input with its hint and error linked through aria-describedby. */
export function Field({
  name,
  label,
  form,
  type = 'text',
  hint,
  autocomplete,
  required = true,
  keepValue = true,
  errorLang,
  lang,
}: FieldProps) {
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <FieldNotes id={name} hint={hint} error={error} errorLang={errorLang} lang={lang} />
      <input
        id={name}
        name={name}
        type={type}
        value={keepValue && type !== 'password' ? (form.values[name] ?? '') : ''}
        autocomplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/** A labelled select; `options` are [value, label] pairs. */
export function SelectField(p: {
  name: string;
  label: string;
  form: FormState;
  /** [value, label] pairs, listed first. */
  options: [string, string][];
  /** Further options under group headings (e.g. roles by career ladder). */
  groups?: { label: string; options: [string, string][] }[];
  hint?: string;
  required?: boolean;
  /** The page's language and, when it differs, the language of the error text. */
  lang?: Lang;
  errorLang?: string | undefined;
}) {
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? '';
  const option = ([value, label]: [string, string]) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
  return (
    <div class="field">
      <label for={p.name}>{p.label}</label>
      <FieldNotes id={p.name} hint={p.hint} error={error} errorLang={p.errorLang} lang={p.lang} />
      <select
        id={p.name}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.options.map(option)}
        {p.groups?.map((g) => (
          <optgroup label={g.label}>{g.options.map(option)}</optgroup>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes sharing one name, in a fieldset with a legend. */
export function CheckboxGroup(p: {
  name: string;
  legend: string;
  options: [string, string][];
  checked: string[];
  error?: string | undefined;
  idPrefix?: string;
  /** The page's language and, when it differs, the language of the error text. */
  lang?: Lang;
  errorLang?: string | undefined;
}) {
  const prefix = p.idPrefix ?? p.name;
  return (
    <fieldset aria-describedby={p.error ? `${prefix}-error` : undefined} id={p.idPrefix ? undefined : p.name}>
      <legend>{p.legend}</legend>
      <FieldNotes id={prefix} error={p.error} errorLang={p.errorLang} lang={p.lang} />
      {p.options.map(([value, label]) => (
        <div class="check">
          <input
            type="checkbox"
            id={`${prefix}-${value}`}
            name={p.name}
            value={value}
            checked={p.checked.includes(value)}
          />{' '}
          <label for={`${prefix}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Sign-up, sign-in, email confirmation and password reset pages, and the form pieces other account pages share. */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import { Csrf, Layout } from '../layout';

/** What a form shows again after a failed post: the values typed (never passwords) and one error per field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** Lists a form's errors at the top, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: Record<string, string>; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="notice error" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
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
}

/** The aria-describedby value linking a control to its hint and error. */
export function describedBy(id: string, hint: unknown, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and error message, with the ids describedBy points at. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: Child; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-text" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
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
}: FieldProps) {
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <FieldNotes id={name} hint={hint} error={error} />
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
      <FieldNotes id={p.name} hint={p.hint} error={error} />
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
}) {
  const prefix = p.idPrefix ?? p.name;
  return (
    <fieldset aria-describedby={p.error ? `${prefix}-error` : undefined} id={p.idPrefix ? undefined : p.name}>
      <legend>{p.legend}</legend>
      {p.error ? (
        <span class="error-text" id={`${prefix}-error`}>
          <span class="visually-hidden">Error: </span>
          {p.error}
        </span>
      ) : null}
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

/** A page with one heading and a short message (check your email, link expired ...). */
export function MessagePage(p: { actor: Actor; title: string; children: Child }) {
  return (
    <Layout title={p.title} actor={p.actor}>
      <h1>{p.title}</h1>
      {p.children}
    </Layout>
  );
}

function NextField({ next }: { next: string | undefined }) {
  return next ? <input type="hidden" name="next" value={next} /> : null;
}

function withNext(path: string, next: string | undefined) {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function SignUpPage(p: { actor: Actor; form: FormState; next?: string | undefined }) {
  return (
    <Layout title="Create your account" actor={p.actor}>
      <h1>Create your account</h1>
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/sign-up" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <NextField next={p.next} />
        <Field name="displayName" label="Your name" form={p.form} autocomplete="name" />
        <Field
          name="email"
          label="Email address"
          type="email"
          form={p.form}
          autocomplete="email"
          hint="We will send you a link to confirm it."
        />
        <Field
          name="password"
          label="Choose a password"
          type="password"
          form={p.form}
          autocomplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
        />
        <button type="submit">Create account</button>
      </form>
      <p>
        Already have an account? <a href={withNext('/sign-in', p.next)}>Sign in</a>
      </p>
    </Layout>
  );
}

export function SignInPage(p: { actor: Actor; form: FormState; next?: string | undefined; notice?: string }) {
  return (
    <Layout title="Sign in" actor={p.actor} notice={p.notice}>
      <h1>Sign in</h1>
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/sign-in" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <NextField next={p.next} />
        <Field name="email" label="Email address" type="email" form={p.form} autocomplete="username" />
        <Field name="password" label="Password" type="password" form={p.form} autocomplete="current-password" />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/forgot-password">Forgotten your password?</a>
      </p>
      <p>
        New here? <a href={withNext('/sign-up', p.next)}>Create an account</a>
      </p>
    </Layout>
  );
}

/** The one answer to a sign-up, whether or not the email already had an account. */
export function CheckEmailPage({ actor, email }: { actor: Actor; email: string }) {
  return (
    <MessagePage actor={actor} title="Check your email">
      <p role="status">
        We have sent a message to <strong>{email}</strong>. Open the link in it to confirm your email address, then sign
        in.
      </p>
      <p class="muted">The link expires in 48 hours. If nothing arrives, check your spam folder.</p>
    </MessagePage>
  );
}

export function EmailVerifiedPage({ actor, ok, next }: { actor: Actor; ok: boolean; next?: string | undefined }) {
  return ok ? (
    <MessagePage actor={actor} title="Email address confirmed">
      <p role="status">Thank you. Your email address is confirmed.</p>
      <p>
        <a class="button" href={withNext('/sign-in', next)}>
          {actor.kind === 'user' ? 'Continue' : 'Sign in'}
        </a>
      </p>
    </MessagePage>
  ) : (
    <MessagePage actor={actor} title="This link does not work">
      <p>
        The link has already been used or has expired. Sign in with your email and password and we will send a new one.
      </p>
      <p>
        <a href="/sign-in">Sign in</a>
      </p>
    </MessagePage>
  );
}

export function ForgotPasswordPage(p: { actor: Actor; form: FormState; sent?: boolean }) {
  if (p.sent) {
    return (
      <MessagePage actor={p.actor} title="Check your email">
        <p role="status">
          If <strong>{p.form.values.email}</strong> has a Care Passport account, we have sent it a link to reset the
          password. The link expires in 1 hour.
        </p>
      </MessagePage>
    );
  }
  return (
    <Layout title="Reset your password" actor={p.actor}>
      <h1>Reset your password</h1>
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/forgot-password" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field
          name="email"
          label="Email address"
          type="email"
          form={p.form}
          autocomplete="email"
          hint="We will email you a link to choose a new password."
        />
        <button type="submit">Send reset link</button>
      </form>
    </Layout>
  );
}

export function ResetPasswordPage(p: { actor: Actor; form: FormState; token: string | null }) {
  if (!p.token) {
    return (
      <MessagePage actor={p.actor} title="This link does not work">
        <p>The reset link has already been used or has expired.</p>
        <p>
          <a href="/forgot-password">Ask for a new link</a>
        </p>
      </MessagePage>
    );
  }
  return (
    <Layout title="Choose a new password" actor={p.actor}>
      <h1>Choose a new password</h1>
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/reset-password" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="token" value={p.token} />
        <Field
          name="password"
          label="New password"
          type="password"
          form={p.form}
          autocomplete="new-password"
          hint="At least 10 characters. Changing it signs you out on every device."
        />
        <button type="submit">Save new password</button>
      </form>
    </Layout>
  );
}

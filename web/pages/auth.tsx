/** Sign-up, sign-in, email confirmation and password reset pages. */
import type { Actor } from '../../worker/context';
import { ErrorSummary, Field } from '../components/forms';
import type { FormState } from '../components/form-state';
import { MessagePage } from '../components/message-page';
import { Csrf, Layout } from '../layout';

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

export function EmailVerifiedPage({
  actor,
  ok,
  next,
  claimed,
}: {
  actor: Actor;
  ok: boolean;
  next?: string | undefined;
  /** The certificate the confirmation added to the passport, when it came from a claim link. */
  claimed?: string | null;
}) {
  return ok ? (
    <MessagePage actor={actor} title="Email address confirmed">
      <p role="status">
        Thank you. Your email address is confirmed.
        {claimed ? ` “${claimed}” is now in your passport.` : ''}
      </p>
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

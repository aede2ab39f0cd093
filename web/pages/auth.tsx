/** Sign-up, sign-in, email confirmation and password reset pages, in English or Welsh. */
import type { Actor } from '../../worker/context';
import { ErrorSummary, Field } from '../components/forms';
import type { FormState } from '../components/form-state';
import { MessagePage } from '../components/message-page';
import { type Lang, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';

function NextField({ next }: { next: string | undefined }) {
  return next ? <input type="hidden" name="next" value={next} /> : null;
}

function withNext(path: string, next: string | undefined) {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * A field of these forms: label and hint from the catalogue, email and password fields typed by their name, and the
 * error (written by the schemas in English) marked as English on a Welsh page.
 */
function AuthField(p: {
  name: 'displayName' | 'email' | 'password';
  label: 'auth.yourName' | 'auth.email' | 'auth.choosePassword' | 'auth.password' | 'auth.newPassword';
  hint?: 'auth.emailConfirmHint' | 'auth.choosePasswordHint' | 'auth.resetEmailHint' | 'auth.newPasswordHint';
  autocomplete: string;
  form: FormState;
  lang: Lang;
}) {
  const t = translator(p.lang);
  return (
    <Field
      name={p.name}
      label={t(p.label)}
      type={p.name === 'displayName' ? 'text' : p.name}
      form={p.form}
      autocomplete={p.autocomplete}
      {...(p.hint ? { hint: t(p.hint) } : {})}
      errorLang={p.lang === 'en' ? undefined : 'en'}
    />
  );
}

/** The error summary of a form: its heading in the page's language, each message (written in English) marked so. */
function FormErrors({ form, lang }: { form: FormState; lang: Lang }) {
  return <ErrorSummary errors={form.errors} lang={lang} />;
}

/** GET/POST /sign-up: a care worker creates her account. */
export function SignUpPage(p: { actor: Actor; form: FormState; next?: string | undefined; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const fields = { form: p.form, lang };
  return (
    <Layout title={t('auth.signUpTitle')} actor={p.actor} lang={lang}>
      <h1>{t('auth.signUpTitle')}</h1>
      <FormErrors form={p.form} lang={lang} />
      <form method="post" action="/sign-up" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <NextField next={p.next} />
        <AuthField name="displayName" label="auth.yourName" autocomplete="name" {...fields} />
        <AuthField name="email" label="auth.email" hint="auth.emailConfirmHint" autocomplete="email" {...fields} />
        <AuthField
          name="password"
          label="auth.choosePassword"
          hint="auth.choosePasswordHint"
          autocomplete="new-password"
          {...fields}
        />
        <button type="submit">{t('auth.createAccount')}</button>
      </form>
      <p>
        {rich(lang, 'auth.haveAccount', { signIn: <a href={withNext('/sign-in', p.next)}>{t('auth.signInLink')}</a> })}
      </p>
    </Layout>
  );
}

/** GET/POST /sign-in. */
export function SignInPage(p: {
  actor: Actor;
  form: FormState;
  next?: string | undefined;
  notice?: string | undefined;
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const fields = { form: p.form, lang };
  return (
    <Layout title={t('auth.signIn')} actor={p.actor} notice={p.notice} lang={lang}>
      <h1>{t('auth.signIn')}</h1>
      <FormErrors form={p.form} lang={lang} />
      <form method="post" action="/sign-in" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <NextField next={p.next} />
        <AuthField name="email" label="auth.email" autocomplete="username" {...fields} />
        <AuthField name="password" label="auth.password" autocomplete="current-password" {...fields} />
        <button type="submit">{t('auth.signIn')}</button>
      </form>
      <p>
        <a href="/forgot-password">{t('auth.forgotten')}</a>
      </p>
      <p>
        {rich(lang, 'auth.newHere', {
          createAccount: <a href={withNext('/sign-up', p.next)}>{t('auth.createAnAccount')}</a>,
        })}
      </p>
    </Layout>
  );
}

/**
 * A link has gone to the address: the one answer to a sign-up (whether or not the email already had an account), or
 * to a sign-in before the address was confirmed (`resent`: a new confirmation link went out).
 */
export function CheckEmailPage(p: { actor: Actor; email: string; resent?: boolean; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const email = <strong>{p.email}</strong>;
  return (
    <MessagePage actor={p.actor} title={t(p.resent ? 'auth.confirmFirstTitle' : 'auth.checkEmailTitle')} lang={lang}>
      <p role="status">{rich(lang, p.resent ? 'auth.confirmFirstText' : 'auth.checkEmailSent', { email })}</p>
      {p.resent ? null : <p class="muted">{t('auth.checkEmailExpiry')}</p>}
    </MessagePage>
  );
}

/** GET /verify-email: the address confirmed (and a claimed certificate added), or the link no longer works. */
export function EmailVerifiedPage({
  actor,
  ok,
  next,
  claimed,
  lang = 'en',
}: {
  actor: Actor;
  ok: boolean;
  next?: string | undefined;
  /** The certificate the confirmation added to the passport, when it came from a claim link. */
  claimed?: string | null;
  lang?: Lang;
}) {
  const t = translator(lang);
  return ok ? (
    <MessagePage actor={actor} title={t('auth.confirmedTitle')} lang={lang}>
      <p role="status">
        {t('auth.confirmedText')}
        {claimed ? ` ${t('auth.confirmedClaimed', { name: claimed })}` : ''}
      </p>
      <p>
        <a class="button" href={withNext('/sign-in', next)}>
          {actor.kind === 'user' ? t('auth.continue') : t('auth.signIn')}
        </a>
      </p>
    </MessagePage>
  ) : (
    <MessagePage actor={actor} title={t('auth.linkBrokenTitle')} lang={lang}>
      <p>{t('auth.confirmLinkBroken')}</p>
      <p>
        <a href="/sign-in">{t('auth.signIn')}</a>
      </p>
    </MessagePage>
  );
}

/** GET/POST /forgot-password: asking for a reset link, and the same answer whether or not the account exists. */
export function ForgotPasswordPage(p: { actor: Actor; form: FormState; sent?: boolean; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  if (p.sent) {
    return (
      <MessagePage actor={p.actor} title={t('auth.checkEmailTitle')} lang={lang}>
        <p role="status">{rich(lang, 'auth.resetSent', { email: <strong>{p.form.values.email}</strong> })}</p>
      </MessagePage>
    );
  }
  const fields = { form: p.form, lang };
  return (
    <Layout title={t('auth.resetTitle')} actor={p.actor} lang={lang}>
      <h1>{t('auth.resetTitle')}</h1>
      <FormErrors form={p.form} lang={lang} />
      <form method="post" action="/forgot-password" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <AuthField name="email" label="auth.email" hint="auth.resetEmailHint" autocomplete="email" {...fields} />
        <button type="submit">{t('auth.sendResetLink')}</button>
      </form>
    </Layout>
  );
}

/** GET/POST /reset-password: choosing a new password with a reset link, or saying the link no longer works. */
export function ResetPasswordPage(p: { actor: Actor; form: FormState; token: string | null; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  if (!p.token) {
    return (
      <MessagePage actor={p.actor} title={t('auth.linkBrokenTitle')} lang={lang}>
        <p>{t('auth.resetLinkBroken')}</p>
        <p>
          <a href="/forgot-password">{t('auth.askNewLink')}</a>
        </p>
      </MessagePage>
    );
  }
  const fields = { form: p.form, lang };
  return (
    <Layout title={t('auth.newPasswordTitle')} actor={p.actor} lang={lang}>
      <h1>{t('auth.newPasswordTitle')}</h1>
      <FormErrors form={p.form} lang={lang} />
      <form method="post" action="/reset-password" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="token" value={p.token} />
        <AuthField
          name="password"
          label="auth.newPassword"
          hint="auth.newPasswordHint"
          autocomplete="new-password"
          {...fields}
        />
        <button type="submit">{t('auth.saveNewPassword')}</button>
      </form>
    </Layout>
  );
}

/** Sign-up, sign-in and out, email confirmation, password reset and account settings (pages and form posts). */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  changePasswordForm,
  forgotPasswordForm,
  profileForm,
  resetPasswordForm,
  safeNext,
  signInForm,
  signUpForm,
  tokenQuery,
  verifyEmailQuery,
} from '../../schemas/accounts';
import { AccountPage } from '../../web/pages/account';
import { emptyForm, type FormState } from '../../web/components/form-state';
import { MessagePage } from '../../web/components/message-page';
import {
  CheckEmailPage,
  EmailVerifiedPage,
  ForgotPasswordPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
} from '../../web/pages/auth';
import { isSecureOrigin } from '../config';
import type { AppContext, AppEnv } from '../context';
import { guard } from '../policy';
import {
  changePassword,
  checkResetToken,
  GENERIC_SIGN_IN_ERROR,
  listAreas,
  profileOf,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOutEverywhere,
  signUp,
  updateProfile,
  verifyEmail,
} from '../services/accounts/accounts';
import { invalidateSession, SESSION_COOKIE, sessionCookieOptions } from '../services/accounts/sessions';
import { clientAddress, formStateFrom, noticeFrom, readForm, userActor } from './forms';

/** Where to go after signing in when no `next` was given. */
const HOME_AFTER_SIGN_IN = '/passport';

const NOTICES: Record<string, string> = {
  details: 'Your details are saved.',
  password: 'Your password is changed. Other devices have been signed out.',
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
  'password-reset': 'Your password is changed and you are signed out everywhere. Sign in with your new password.',
};

export function authRoutes(app: Hono<AppEnv>) {
  const open = guard('public');
  const signedIn = guard('signedIn');

  // ------------------------------------------------------------ sign-up and email confirmation

  app.get('/sign-up', open, (c) => {
    const next = safeNext(c.req.query('next'));
    const actor = c.get('actor');
    if (actor.kind === 'user') return c.redirect(next ?? HOME_AFTER_SIGN_IN, 303);
    return c.html(SignUpPage({ actor, form: emptyForm({ email: c.req.query('email') ?? '' }), next }));
  });

  app.post('/sign-up', open, async (c) => {
    const actor = c.get('actor');
    const f = await readForm(c, signUpForm);
    if (!f.ok) return c.html(SignUpPage({ actor, form: f.state, next: safeNext(f.state.values.next) }), 400);
    try {
      await signUp(c.get('deps'), { ...f.data, address: clientAddress(c) });
    } catch (err) {
      return c.html(SignUpPage({ actor, form: formStateFrom(err, f.values), next: f.data.next }), 400);
    }
    return c.html(CheckEmailPage({ actor, email: f.data.email }));
  });

  app.get('/verify-email', open, async (c) => {
    const actor = c.get('actor');
    const q = verifyEmailQuery.safeParse(c.req.query());
    const ok = q.success && (await verifyEmail(c.get('deps'), q.data.token));
    const next = q.success ? q.data.next : undefined;
    return c.html(EmailVerifiedPage({ actor, ok, next }), ok ? 200 : 400);
  });

  // ------------------------------------------------------------ sign-in and out

  app.get('/sign-in', open, (c) => {
    const next = safeNext(c.req.query('next'));
    const actor = c.get('actor');
    if (actor.kind === 'user') return c.redirect(next ?? HOME_AFTER_SIGN_IN, 303);
    return c.html(SignInPage({ actor, form: emptyForm(), next, notice: noticeFrom(c, NOTICES) }));
  });

  app.post('/sign-in', open, async (c) => {
    const deps = c.get('deps');
    const actor = c.get('actor');
    const f = await readForm(c, signInForm);
    if (!f.ok) return c.html(SignInPage({ actor, form: f.state, next: safeNext(f.state.values.next) }), 400);
    const result = await signIn(deps, { email: f.data.email, password: f.data.password, address: clientAddress(c) });
    if (!result.ok && result.reason === 'unverified') {
      return c.html(
        MessagePage({
          actor,
          title: 'Confirm your email address first',
          children: (
            <p role="status">
              We have sent a new confirmation link to <strong>{f.data.email}</strong>. Open it, then sign in again.
            </p>
          ),
        }),
        403,
      );
    }
    if (!result.ok) {
      return c.html(
        SignInPage({
          actor,
          form: { values: { email: f.data.email }, errors: { _form: GENERIC_SIGN_IN_ERROR } },
          next: f.data.next,
        }),
        400,
      );
    }
    // A new sign-in replaces whatever session the browser had.
    if (actor.kind === 'user') await invalidateSession(deps.db, actor.sessionId);
    setCookie(c, SESSION_COOKIE, result.token, sessionCookieOptions(isSecureOrigin(deps.config), result.expiresAt));
    return c.redirect(f.data.next ?? HOME_AFTER_SIGN_IN, 303);
  });

  app.post('/sign-out', open, async (c) => {
    const actor = c.get('actor');
    if (actor.kind === 'user') await invalidateSession(c.get('deps').db, actor.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?notice=signed-out', 303);
  });

  // ------------------------------------------------------------ password reset

  app.get('/forgot-password', open, (c) => c.html(ForgotPasswordPage({ actor: c.get('actor'), form: emptyForm() })));

  app.post('/forgot-password', open, async (c) => {
    const actor = c.get('actor');
    const f = await readForm(c, forgotPasswordForm);
    if (!f.ok) return c.html(ForgotPasswordPage({ actor, form: f.state }), 400);
    await requestPasswordReset(c.get('deps'), { email: f.data.email, address: clientAddress(c) });
    return c.html(ForgotPasswordPage({ actor, form: emptyForm({ email: f.data.email }), sent: true }));
  });

  app.get('/reset-password', open, async (c) => {
    const { db, clock } = c.get('deps');
    const q = tokenQuery.safeParse(c.req.query());
    const usable = q.success && (await checkResetToken(db, q.data.token, clock()));
    const token = usable && q.success ? q.data.token : null;
    return c.html(ResetPasswordPage({ actor: c.get('actor'), form: emptyForm(), token }), token ? 200 : 400);
  });

  app.post('/reset-password', open, async (c) => {
    const actor = c.get('actor');
    const f = await readForm(c, resetPasswordForm);
    if (!f.ok) {
      const token = tokenQuery.safeParse(await c.req.parseBody()).data?.token ?? null;
      return c.html(ResetPasswordPage({ actor, form: f.state, token }), 400);
    }
    let done: boolean;
    try {
      done = await resetPassword(c.get('deps'), f.data);
    } catch (err) {
      return c.html(ResetPasswordPage({ actor, form: formStateFrom(err, f.values), token: f.data.token }), 400);
    }
    if (!done) return c.html(ResetPasswordPage({ actor, form: emptyForm(), token: null }), 400);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?notice=password-reset', 303);
  });

  // ------------------------------------------------------------ account settings

  const accountPage = async (
    c: AppContext,
    forms: { profile?: FormState; password?: FormState } = {},
    status: 200 | 400 = 200,
  ) => {
    const actor = userActor(c);
    const { db } = c.get('deps');
    const [areas, saved] = await Promise.all([listAreas(db), profileOf(db, actor.user.id)]);
    const profile = forms.profile ?? emptyForm({ displayName: saved.displayName, areaCode: saved.areaCode ?? '' });
    return c.html(
      AccountPage({
        actor,
        areas,
        profile,
        password: forms.password ?? emptyForm(),
        notice: status === 200 ? noticeFrom(c, NOTICES) : undefined,
      }),
      status,
    );
  };

  app.get('/account', signedIn, (c) => accountPage(c));

  app.post('/account', signedIn, async (c) => {
    const actor = userActor(c);
    const f = await readForm(c, profileForm);
    if (!f.ok) return accountPage(c, { profile: f.state }, 400);
    try {
      await updateProfile(c.get('deps').db, actor.user.id, f.data);
    } catch (err) {
      return accountPage(c, { profile: formStateFrom(err, f.values) }, 400);
    }
    return c.redirect('/account?notice=details', 303);
  });

  app.post('/account/password', signedIn, async (c) => {
    const actor = userActor(c);
    const f = await readForm(c, changePasswordForm);
    if (!f.ok) return accountPage(c, { password: f.state }, 400);
    try {
      await changePassword(c.get('deps'), { userId: actor.user.id, ...f.data, keepSessionId: actor.sessionId });
    } catch (err) {
      return accountPage(c, { password: formStateFrom(err, {}) }, 400);
    }
    return c.redirect('/account?notice=password', 303);
  });

  app.post('/account/sign-out-everywhere', signedIn, async (c) => {
    await signOutEverywhere(c.get('deps'), userActor(c).user.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?notice=signed-out-everywhere', 303);
  });
}

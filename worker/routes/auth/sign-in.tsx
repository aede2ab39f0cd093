/** Signing up, confirming the email address, signing in and out. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { safeNext, signInForm, signUpForm, verifyEmailQuery } from '../../../schemas/accounts';
import { CheckEmailPage, EmailVerifiedPage, SignInPage, SignUpPage } from '../../../web/pages/auth';
import { emptyForm } from '../../../web/components/form-state';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { isSecureOrigin } from '../../config';
import { claimQuery } from '../../../schemas/passport';
import { AppError } from '../../errors';
import { claimLinkForVerifiedEmail } from '../../services/academy/claim-links';
import { findClaim } from '../../services/passport/claims';
import type { AppDeps, AppEnv, OrgMembership } from '../../context';
import { guard } from '../../policy';
import { GENERIC_SIGN_IN_ERROR, signIn } from '../../services/accounts/sign-in';
import { signUp, verifyEmail } from '../../services/accounts/sign-up';
import {
  invalidateSession,
  membershipsOf,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../../services/accounts/sessions';
import { landingFor } from '../../services/accounts/landing';
import { clientAddress } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';
import { issueContext } from '../../services/academy/issue-types';

/** Where to go after signing in when no `next` was given: where the person works (see landingFor). */
const homeAfterSignIn = (actor: { user: { isPlatformAdmin: boolean }; memberships: readonly OrgMembership[] }) =>
  landingFor(actor.user.isPlatformAdmin, actor.memberships);

const NOTICES = {
  'signed-out': 'auth.signedOut',
  'signed-out-everywhere': 'auth.signedOutEverywhere',
  'password-reset': 'auth.passwordChanged',
} as const satisfies Record<string, PlainMessageKey>;

/** The sign-in page's notices (after signing out or changing the password) in the page's language. */

const app = new Hono<AppEnv>();
const open = guard('public');

// ------------------------------------------------------------ sign-up and email confirmation

app.get('/sign-up', open, (c) => {
  const next = safeNext(c.req.query('next'));
  const actor = c.get('actor');
  if (actor.kind === 'user') return c.redirect(next ?? homeAfterSignIn(actor), 303);
  const lang = c.get('lang');
  return c.html(SignUpPage({ actor, form: emptyForm({ email: c.req.query('email') ?? '' }), next, lang }));
});

app.post('/sign-up', open, async (c) => {
  const actor = c.get('actor');
  const lang = c.get('lang');
  const f = await readForm(c, signUpForm);
  if (!f.ok) return c.html(SignUpPage({ actor, form: f.state, next: safeNext(f.state.values.next), lang }), 400);
  try {
    await signUp(c.get('deps'), { ...f.data, address: clientAddress(c) });
  } catch (err) {
    return c.html(SignUpPage({ actor, form: formStateFrom(err, f.values), next: f.data.next, lang }), 400);
  }
  return c.html(CheckEmailPage({ actor, email: f.data.email, lang }));
});

app.get('/verify-email', open, async (c) => {
  const actor = c.get('actor');
  const q = verifyEmailQuery.safeParse(c.req.query());
  const userId = q.success ? await verifyEmail(c.get('deps'), q.data.token) : null;
  const next = q.success ? q.data.next : undefined;
  const claimed = userId ? await claimFromJourney(c.get('deps'), userId, next) : null;
  return c.html(
    EmailVerifiedPage({ actor, ok: userId !== null, next: claimed ? '/passport' : next, claimed, lang: c.get('lang') }),
    userId ? 200 : 400,
  );
});

// ------------------------------------------------------------ sign-in and out

app.get('/sign-in', open, (c) => {
  const next = safeNext(c.req.query('next'));
  const actor = c.get('actor');
  if (actor.kind === 'user') return c.redirect(next ?? homeAfterSignIn(actor), 303);
  const lang = c.get('lang');
  return c.html(SignInPage({ actor, form: emptyForm(), next, notice: noticeFrom(c, NOTICES, lang), lang }));
});

app.post('/sign-in', open, async (c) => {
  const deps = c.get('deps');
  const actor = c.get('actor');
  const lang = c.get('lang');
  const f = await readForm(c, signInForm);
  if (!f.ok) return c.html(SignInPage({ actor, form: f.state, next: safeNext(f.state.values.next), lang }), 400);
  const result = await signIn(deps, { email: f.data.email, password: f.data.password, address: clientAddress(c) });
  if (!result.ok && result.reason === 'unverified') {
    return c.html(CheckEmailPage({ actor, email: f.data.email, resent: true, lang }), 403);
  }
  if (!result.ok) {
    return c.html(
      SignInPage({
        actor,
        form: { values: { email: f.data.email }, errors: { _form: GENERIC_SIGN_IN_ERROR } },
        next: f.data.next,
        lang,
      }),
      400,
    );
  }
  // A new sign-in replaces whatever session the browser had.
  if (actor.kind === 'user') await invalidateSession(deps.db, actor.sessionId);
  setCookie(c, SESSION_COOKIE, result.token, sessionCookieOptions(isSecureOrigin(deps.config), result.expiresAt));
  const landing =
    f.data.next ?? homeAfterSignIn({ user: result.user, memberships: await membershipsOf(deps.db, result.user.id) });
  return c.redirect(landing, 303);
});

app.post('/sign-out', open, async (c) => {
  const actor = c.get('actor');
  if (actor.kind === 'user') await invalidateSession(c.get('deps').db, actor.sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect('/sign-in?notice=signed-out', 303);
});

/**
 * Someone who signed up from a claim link has just proved the address the certificate was sent to: the claim is
 * completed in the same step (same checks as the link), so signing in later finds it in the passport.
 */
async function claimFromJourney(deps: AppDeps, userId: string, next: string | undefined): Promise<string | null> {
  const token = next ? claimTokenInPath(next) : null;
  if (!token) return null;
  const now = deps.clock();
  try {
    await claimLinkForVerifiedEmail(issueContext(deps, userId), token, userId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'gone') return null;
    throw err;
  }
  return (await findClaim(deps.db, token, now))?.achievementName ?? null;
}

/** The claim token in a `/claim?token=…` return path, when that is what the path is. */
function claimTokenInPath(next: string): string | null {
  const url = new URL(next, 'http://local');
  if (url.pathname !== '/claim') return null;
  const q = claimQuery.safeParse({ token: url.searchParams.get('token') ?? '' });
  return q.success ? q.data.token : null;
}

export default app;

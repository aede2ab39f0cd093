/** Forgotten passwords: asking for a reset link and setting a new password with it. */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { forgotPasswordForm, resetPasswordForm, tokenQuery } from '../../../schemas/accounts';
import { emptyForm } from '../../../web/components/form-state';
import { ForgotPasswordPage, ResetPasswordPage } from '../../../web/pages/auth';
import type { AppEnv } from '../../context';
import { guard } from '../../policy';
import { checkResetToken, requestPasswordReset, resetPassword } from '../../services/accounts/password-reset';
import { SESSION_COOKIE } from '../../services/accounts/sessions';
import { clientAddress } from '../../lib/http/actor';
import { formStateFrom, postedForm, readForm } from '../../lib/http/forms';

const app = new Hono<AppEnv>();
const open = guard('public');

app.get('/forgot-password', open, (c) =>
  c.html(ForgotPasswordPage({ actor: c.get('actor'), form: emptyForm(), lang: c.get('lang') })),
);

app.post('/forgot-password', open, async (c) => {
  const actor = c.get('actor');
  const lang = c.get('lang');
  const f = await readForm(c, forgotPasswordForm);
  if (!f.ok) return c.html(ForgotPasswordPage({ actor, form: f.state, lang }), 400);
  await requestPasswordReset(c.get('deps'), { email: f.data.email, address: clientAddress(c) });
  return c.html(ForgotPasswordPage({ actor, form: emptyForm({ email: f.data.email }), sent: true, lang }));
});

app.get('/reset-password', open, async (c) => {
  const { db, clock } = c.get('deps');
  const q = tokenQuery.safeParse(c.req.query());
  const usable = q.success && (await checkResetToken(db, q.data.token, clock()));
  const token = usable && q.success ? q.data.token : null;
  const page = ResetPasswordPage({ actor: c.get('actor'), form: emptyForm(), token, lang: c.get('lang') });
  return c.html(page, token ? 200 : 400);
});

app.post('/reset-password', open, async (c) => {
  const actor = c.get('actor');
  const lang = c.get('lang');
  const f = await readForm(c, resetPasswordForm);
  if (!f.ok) {
    const token = tokenQuery.safeParse(await postedForm(c)).data?.token ?? null;
    return c.html(ResetPasswordPage({ actor, form: f.state, token, lang }), 400);
  }
  let done: boolean;
  try {
    done = await resetPassword(c.get('deps'), f.data);
  } catch (err) {
    return c.html(ResetPasswordPage({ actor, form: formStateFrom(err, f.values), token: f.data.token, lang }), 400);
  }
  if (!done) return c.html(ResetPasswordPage({ actor, form: emptyForm(), token: null, lang }), 400);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect('/sign-in?notice=password-reset', 303);
});

export default app;

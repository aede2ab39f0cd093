/** The account page: personal details, changing the password, signing out everywhere. */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { changePasswordForm, profileForm } from '../../../schemas/accounts';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { AccountPage } from '../../../web/pages/account';
import { emptyForm, type FormState } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { changePassword } from '../../services/accounts/password-reset';
import { listAreas, profileOf, updateProfile } from '../../services/accounts/profile';
import { signOutEverywhere } from '../../services/accounts/accounts';
import { SESSION_COOKIE } from '../../services/accounts/sessions';
import { userActor } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';

const NOTICES = {
  details: 'account.noticeDetails',
  password: 'account.noticePassword',
} as const satisfies Record<string, PlainMessageKey>;

/** The account page's notices (after saving details or changing the password) in the page's language. */

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

const accountPage = async (
  c: AppContext,
  forms: { profile?: FormState; password?: FormState } = {},
  status: 200 | 400 = 200,
) => {
  const actor = userActor(c);
  const lang = c.get('lang');
  const { db } = c.get('deps');
  const [areas, saved] = await Promise.all([listAreas(db), profileOf(db, actor.user.id)]);
  const profile = forms.profile ?? emptyForm({ displayName: saved.displayName, areaCode: saved.areaCode ?? '' });
  return c.html(
    AccountPage({
      actor,
      areas,
      profile,
      password: forms.password ?? emptyForm(),
      notice: status === 200 ? noticeFrom(c, NOTICES, lang) : undefined,
      lang,
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

export default app;

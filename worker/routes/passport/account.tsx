/** Leaving and planning: the passport's export, deleting the account, and the career pathway. */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { deleteAccountForm, pathwayForm } from '../../../schemas/passport';
import { type FormState, emptyForm } from '../../../web/components/form-state';
import { AccountDeletedPage, DeleteAccountPage } from '../../../web/pages/passport-account';
import { PathwayPage } from '../../../web/pages/pathway';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { userActor } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';
import { guard } from '../../policy';
import { SESSION_COOKIE } from '../../services/accounts/sessions';
import { deleteAccount } from '../../services/passport/account';
import { exportPassport } from '../../services/passport/export';
import { loadPathway, savePathway } from '../../services/passport/pathway';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

/** The pathway page's notices after saving: plain, or with a word when the target is below the current role. */
const PATHWAY_NOTICES = {
  saved: 'pathway.saved',
  'saved-below': 'pathway.savedBelow',
  cleared: 'pathway.cleared',
} as const satisfies Record<string, PlainMessageKey>;

app.get('/passport/export', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, bodies, clock } = c.get('deps');
  const now = clock();
  const data = await exportPassport(db, bodies, actor.user.id, now);
  return c.body(JSON.stringify(data, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="care-passport-${now.toISOString().slice(0, 10)}.json"`,
  });
});

app.get('/account/delete', signedIn, (c) =>
  c.html(DeleteAccountPage({ actor: userActor(c), form: emptyForm(), lang: c.get('lang') })),
);

app.post('/account/delete', signedIn, async (c) => {
  const actor = userActor(c);
  const deps = c.get('deps');
  const lang = c.get('lang');
  const f = await readForm(c, deleteAccountForm);
  if (!f.ok) return c.html(DeleteAccountPage({ actor, form: f.state, lang }), 400);
  try {
    await deleteAccount(deps, actor.user.id, f.data.confirmEmail);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      return c.html(DeleteAccountPage({ actor, form: emptyForm(f.values), problem: err.message, lang }), 409);
    }
    return c.html(DeleteAccountPage({ actor, form: formStateFrom(err, f.values), lang }), 400);
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.html(AccountDeletedPage({ lang }));
});

// ------------------------------------------------------------ career pathway

app.get('/passport/pathway', signedIn, async (c) => {
  const actor = userActor(c);
  const deps = c.get('deps');
  const view = await loadPathway(deps, actor.user.id, deps.clock());
  const form = emptyForm({ currentRoleId: view.currentId ?? '', targetRoleId: view.targetId ?? '' });
  const lang = c.get('lang');
  const notice = noticeFrom(c, PATHWAY_NOTICES, lang);
  return c.html(PathwayPage({ actor, view, form, notice, lang }));
});

app.post('/passport/pathway', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const now = clock();
  const f = await readForm(c, pathwayForm);
  let form: FormState | null = f.ok ? null : f.state;
  if (f.ok) {
    try {
      const saved = await savePathway(db, actor.user.id, f.data, now);
      const notice = saved.cleared ? 'cleared' : saved.targetBelowCurrent ? 'saved-below' : 'saved';
      return c.redirect(`/passport/pathway?notice=${notice}`, 303);
    } catch (err) {
      form = formStateFrom(err, f.values);
    }
  }
  const view = await loadPathway(c.get('deps'), actor.user.id, now);
  return c.html(PathwayPage({ actor, view, form: form ?? emptyForm(), lang: c.get('lang') }), 400);
});

export default app;

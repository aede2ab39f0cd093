/** Sharing: choosing certificates for a link, the links made, withdrawing one. */
import { Hono } from 'hono';
import { shareForm } from '../../../schemas/passport';
import type { FormState } from '../../../web/components/form-state';
import {
  ShareCreatedPage,
  ShareFormPage,
  ShareLinkPage,
  SharesPage,
  shareable,
} from '../../../web/pages/passport-share';
import { emptyForm } from '../../../web/components/form-state';
import { type Lang, t } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { userActor } from '../../lib/http/actor';
import { formStateFrom, postedForm, readForm, tickedValues } from '../../lib/http/forms';
import { uuidFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { credentialNames, loadPassport } from '../../services/passport/passport';
import { createShare, listShares, liveShareLink, revokeShare } from '../../services/passport/shares';
import { listPassportAnswers } from '../../services/passport/wallet-answers';
import { listWalletIssuances } from '../../services/wallets/offers';
import { listWalletPresentations } from '../../services/wallets/presentation-requests';

/** The notice for a `?notice=` value on the shares list, if it is one of ours. */
const sharesNotice = (key: string | undefined, lang: Lang) =>
  key === 'revoked' ? t(lang, 'share.noticeRevoked') : undefined;

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/passport/share', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const entries = await loadPassport(db, actor.user.id, clock());
  const wanted = c.req.query('credential');
  const preselected = entries.find((e) => e.id === wanted && shareable(e));
  const checked = preselected
    ? [preselected.id]
    : entries.filter((e) => shareable(e) && e.status !== 'expired').map((e) => e.id);
  return c.html(ShareFormPage({ actor, entries, form: emptyForm({ days: '30' }), checked, lang: c.get('lang') }));
});

app.post('/passport/shares', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, config, clock } = c.get('deps');
  const now = clock();
  const entries = await loadPassport(db, actor.user.id, now);
  const f = await readForm(c, shareForm);
  const again = async (form: FormState) => {
    const checked = tickedValues(await postedForm(c), 'credentialIds');
    return c.html(ShareFormPage({ actor, entries, form, checked, lang: c.get('lang') }), 400);
  };
  if (!f.ok) return again(f.state);
  const mineButWithdrawn = f.data.credentialIds.filter((id) => entries.some((e) => e.id === id && !shareable(e)));
  if (mineButWithdrawn.length) {
    return again({
      values: f.values,
      errors: { credentialIds: t('en', 'share.withdrawnChosen') },
    });
  }
  let shareId: string;
  try {
    const created = await createShare(db, {
      userId: actor.user.id,
      credentialIds: f.data.credentialIds,
      days: f.data.days,
      label: f.data.label,
      now,
      masterKey: config.MASTER_KEY,
    });
    shareId = created.share.id;
  } catch (err) {
    return again(formStateFrom(err, f.values));
  }
  // Post/redirect/get: reloading the page that shows the new link must not make a second one. The address carries
  // the share's id only; the link itself is read back from its sealed copy by its owner, as "show it again" does.
  return c.redirect(`/passport/shares/${shareId}/link?made=1`, 303);
});

app.get('/passport/shares', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const [shares, names, wallets, presented, answered] = await Promise.all([
    listShares(db, actor.user.id),
    credentialNames(db, actor.user.id),
    listWalletIssuances(db, actor.user.id),
    listWalletPresentations(db, actor.user.id),
    listPassportAnswers(db, actor.user.id),
  ]);
  return c.html(
    SharesPage({
      actor,
      shares,
      names,
      wallets,
      presented,
      answered,
      now: clock(),
      notice: sharesNotice(c.req.query('notice'), c.get('lang')),
      lang: c.get('lang'),
    }),
  );
});

app.get('/passport/shares/:id/link', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, config, clock } = c.get('deps');
  const shareId = uuidFromPath(c, 'id', 'live share link');
  const found = await liveShareLink(db, config, { userId: actor.user.id, shareId, now: clock() });
  // Someone else's share, a stopped or an expired one: the same answer as no share at all.
  if (!found) throw new AppError('not_found', 'No such live share link');
  c.header('Cache-Control', 'no-store');
  const names = await credentialNames(db, actor.user.id);
  const lang = c.get('lang');
  const unnamed = t(lang, 'share.unnamedCertificate');
  const shareNames = (JSON.parse(found.share.credentialIds) as string[]).map((id) => names.get(id) ?? unnamed);
  const { url, share } = found;
  // Just made (the form's redirect): the same page under the heading that says the link is ready.
  if (url && c.req.query('made') === '1') {
    return c.html(ShareCreatedPage({ actor, url, share, names: shareNames, lang }));
  }
  return c.html(ShareLinkPage({ actor, url, share, names: shareNames, lang }));
});

app.post('/passport/shares/:id/revoke', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  await revokeShare(db, {
    userId: actor.user.id,
    shareId: uuidFromPath(c, 'id', 'item in your passport'),
    now: clock(),
  });
  return c.redirect('/passport/shares?notice=revoked', 303);
});

export default app;

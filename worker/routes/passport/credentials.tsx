/** The worker's passport: their certificates, one certificate (download, remove) and renewal reminders. */
import { Hono } from 'hono';
import { CredentialPage, PassportPage, RemindersPage, passportNotice } from '../../../web/pages/passport';
import { t } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { parseCompactJwt } from '../../credentials/jwt';
import { notFound } from '../../errors';
import { userActor } from '../../lib/http/actor';
import { uuidFromPath } from '../../lib/http/params';
import { slugify } from '../../lib/ids';
import { guard } from '../../policy';
import {
  competencyKinds,
  findPassportCredential,
  passportCredentialText,
  kindOf,
  loadPassport,
  remindersFrom,
  removeImported,
} from '../../services/passport/passport';
import { subjectIdOf } from '../../services/passport/imports';
import { waitingClaimsFor } from '../../services/passport/claims';
import { credentialDownloadHeaders } from '../../lib/http/credential-download';
import { verifyCredential } from '../../services/verification/verifier';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/passport', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const now = clock();
  const [entries, waiting] = await Promise.all([
    loadPassport(db, actor.user.id, now),
    waitingClaimsFor(db, actor.user.id, now),
  ]);
  return c.html(
    PassportPage({
      actor,
      entries,
      waiting,
      reminders: remindersFrom(entries, now).length,
      notice: passportNotice(c.req.query('notice'), c.get('lang')),
      lang: c.get('lang'),
    }),
  );
});

app.get('/passport/credentials/:id', signedIn, async (c) => {
  const actor = userActor(c);
  const deps = c.get('deps');
  const cred = await findPassportCredential(
    deps.db,
    actor.user.id,
    uuidFromPath(c, 'id', 'item in your passport'),
    deps.clock(),
  );
  if (!cred) throw notFound('No such certificate in your passport');
  const text = await passportCredentialText(deps, cred);
  const [result, kinds] = await Promise.all([verifyCredential(deps, text), competencyKinds(deps.db)]);
  const parsed = parseCompactJwt(text);
  const subject = subjectIdOf(result.credential) ?? (parsed.ok ? subjectIdOf(parsed.jwt.payload) : null);
  const alignedIds = JSON.parse(cred.row.alignedIds) as string[];
  const lang = c.get('lang');
  const kind = kindOf(alignedIds, kinds);
  return c.html(
    CredentialPage({
      actor,
      cred,
      result,
      subject,
      holderDid: actor.user.holderDid,
      kindLabel: t(lang, `kind.${kind}`),
      notice: passportNotice(c.req.query('notice'), lang),
      lang,
    }),
  );
});

app.get('/passport/credentials/:id/download', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, bodies, clock } = c.get('deps');
  const cred = await findPassportCredential(db, actor.user.id, uuidFromPath(c, 'id', 'item in your passport'), clock());
  if (!cred) throw notFound('No such certificate in your passport');
  const name = cred.source === 'issued' ? cred.name : cred.row.name;
  const text = await passportCredentialText({ db, bodies }, cred);
  return c.body(text, 200, credentialDownloadHeaders(text, slugify(name, 60, 'certificate')));
});

app.post('/passport/credentials/:id/remove', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  await removeImported(db, actor.user.id, uuidFromPath(c, 'id', 'item in your passport'), clock());
  return c.redirect('/passport?notice=removed', 303);
});

app.get('/passport/reminders', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const now = clock();
  const reminders = remindersFrom(await loadPassport(db, actor.user.id, now), now);
  return c.html(RemindersPage({ actor, reminders, lang: c.get('lang') }));
});

export default app;

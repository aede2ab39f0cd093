/** Bringing in a certificate from elsewhere: pasted or as a file, checked before it is added. */
import { Hono } from 'hono';
import { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES } from '../../../schemas/passport';
import { plainReason } from '../../../web/components/verification';
import { ImportPage, type ImportState } from '../../../web/pages/passport-import';
import { translator } from '../../../web/i18n/messages';
import type { AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { guard } from '../../policy';
import { importCredential } from '../../services/passport/imports';

/** Form refusals are written in English, like every form refusal (a Welsh page marks them so). */
const en = translator('en');

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/passport/import', signedIn, (c) =>
  c.html(ImportPage({ actor: userActor(c), state: { text: '' }, lang: c.get('lang') })),
);

app.post('/passport/import', signedIn, async (c) => {
  const actor = userActor(c);
  const deps = c.get('deps');
  const body = await readFormFields(c, BODY_LIMITS.importForm, {
    all: false,
    tooLarge: en('import.tooLarge'),
    unreadable: en('passport.formUnreadable'),
  });
  const text = typeof body.jwt === 'string' ? body.jwt : '';
  const kept = text.slice(0, MAX_IMPORT_BYTES);
  const refuse = (state: Omit<ImportState, 'text'>, status: 400 | 429 = 400) =>
    c.html(ImportPage({ actor, state: { text: kept, ...state }, lang: c.get('lang') }), status);
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  let input = text;
  if (file) {
    const lower = file.name.toLowerCase();
    if (!IMPORT_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
      return refuse({
        field: 'file',
        error: en('import.wrongFileType'),
      });
    }
    if (file.size > MAX_IMPORT_BYTES) {
      return refuse({
        field: 'file',
        error: en('import.fileTooLarge'),
      });
    }
    input = await file.text();
  } else if (text.length > MAX_IMPORT_BYTES) {
    return refuse({
      field: 'jwt',
      error: en('import.textTooLong'),
    });
  }
  const outcome = await importCredential(deps, actor.user.id, input);
  if (!outcome.ok) {
    const field = file ? 'file' : 'jwt';
    const error = outcome.result
      ? outcome.code === 'duplicate'
        ? outcome.reason
        : en('import.notAdded', { reason: plainReason(outcome.code, outcome.reason) })
      : outcome.reason;
    return refuse({ field, error, result: outcome.result }, outcome.code === 'rate_limited' ? 429 : 400);
  }
  return c.redirect(`/passport/credentials/${outcome.id}?notice=imported`, 303);
});

export default app;

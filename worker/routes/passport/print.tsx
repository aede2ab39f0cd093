/** Printing or saving the passport: the one-page summary and the readable text beside the JSON export. */
import { Hono } from 'hono';
import { PassportPrintPage } from '../../../web/pages/passport-print';
import type { AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { guard } from '../../policy';
import { loadPassport } from '../../services/passport/passport';
import { passportSummaryText } from '../../services/passport/summary';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/passport/print', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const entries = await loadPassport(db, actor.user.id, clock());
  return c.html(PassportPrintPage({ actor, holderName: actor.user.displayName, entries, lang: c.get('lang') }));
});

app.get('/passport/export/summary.txt', signedIn, async (c) => {
  const actor = userActor(c);
  const { db, clock } = c.get('deps');
  const now = clock();
  const text = passportSummaryText(actor.user.displayName, await loadPassport(db, actor.user.id, now), now);
  return c.body(text, 200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Disposition': `attachment; filename="care-passport-${now.toISOString().slice(0, 10)}.txt"`,
  });
});

export default app;

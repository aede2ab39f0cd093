/** Home page, health check and static assets. */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { appCss, appJs } from '../../web/assets';
import { HomePage } from '../../web/pages/home';
import { PrivacyPage } from '../../web/pages/privacy';
import { pickerJs } from '../../web/picker-script';
import type { AppEnv } from '../context';
import { guard } from '../policy';

/** Home page, health check and static assets. */
const app = new Hono<AppEnv>();
app.get('/', guard('public'), (c) => c.html(HomePage({ actor: c.get('actor'), lang: c.get('lang') })));

app.get('/privacy', guard('public'), (c) => c.html(PrivacyPage({ actor: c.get('actor') })));

app.get('/healthz', guard('public'), async (c) => {
  const { db, clock } = c.get('deps');
  let database = 'ok';
  try {
    await db.run(sql`select 1`);
  } catch {
    database = 'unreachable';
  }
  const ok = database === 'ok';
  return c.json({ status: ok ? 'ok' : 'degraded', database, time: clock().toISOString() }, ok ? 200 : 503);
});

const cached = { 'Cache-Control': 'public, max-age=3600' };
app.get('/static/app.css', guard('public'), (c) =>
  c.body(appCss, 200, { ...cached, 'Content-Type': 'text/css; charset=utf-8' }),
);
app.get('/static/app.js', guard('public'), (c) =>
  c.body(appJs, 200, { ...cached, 'Content-Type': 'text/javascript; charset=utf-8' }),
);
app.get('/static/picker.js', guard('public'), (c) =>
  c.body(pickerJs, 200, { ...cached, 'Content-Type': 'text/javascript; charset=utf-8' }),
);

export default app;

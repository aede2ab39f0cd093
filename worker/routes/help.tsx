/** Help pages per audience and the site icon. */
import { Hono } from 'hono';
import { faviconSvg } from '../../web/favicon';
import { HELP, HelpAudiencePage, HelpIndexPage } from '../../web/pages/help';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { guard } from '../policy';

const app = new Hono<AppEnv>();
const pub = guard('public');

app.get('/help', pub, (c) => c.html(HelpIndexPage({ actor: c.get('actor') })));

app.get('/help/:audience', pub, (c) => {
  const audience = HELP[c.req.param('audience')];
  if (!audience) throw notFound('No help for that audience');
  return c.html(HelpAudiencePage({ actor: c.get('actor'), audience }));
});

const icon = { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' };
app.get('/favicon.svg', pub, (c) => c.body(faviconSvg, 200, icon));
// Browsers ask for /favicon.ico by default; every current one draws an SVG sent there too.
app.get('/favicon.ico', pub, (c) => c.body(faviconSvg, 200, icon));

export default app;

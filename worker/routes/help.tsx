/** Help pages per audience, the contact page and the site icon. */
import { Hono } from 'hono';
import { contactForm } from '../../schemas/accounts';
import { emptyForm } from '../../web/components/form-state';
import { faviconSvg } from '../../web/favicon';
import { t } from '../../web/i18n/messages';
import { ContactPage } from '../../web/pages/contact';
import { HELP, HelpAudiencePage, HelpIndexPage } from '../../web/pages/help';
import type { AppEnv } from '../context';
import type { Config } from '../config';
import { notFound } from '../errors';
import { readForm } from '../lib/http/forms';
import { guard } from '../policy';

const app = new Hono<AppEnv>();
const pub = guard('public');

app.get('/help', pub, (c) => c.html(HelpIndexPage({ actor: c.get('actor'), lang: c.get('lang') })));

app.get('/help/:audience', pub, (c) => {
  const key = c.req.param('audience');
  // Own keys only: "toString" or "__proto__" in the path must not reach Object.prototype.
  const audience = Object.hasOwn(HELP, key) ? HELP[key] : undefined;
  if (!audience) throw notFound(t('en', 'errorPage.noHelp'));
  return c.html(HelpAudiencePage({ actor: c.get('actor'), audience, lang: c.get('lang') }));
});

/** The support address: from configuration, or support@ the service's own host. */
const supportEmail = (config: Config) => config.SUPPORT_EMAIL ?? `support@${new URL(config.PUBLIC_ORIGIN).hostname}`;

app.get('/contact', pub, (c) => {
  const lang = c.get('lang');
  return c.html(
    ContactPage({
      actor: c.get('actor'),
      supportEmail: supportEmail(c.get('deps').config),
      form: emptyForm(),
      notice: c.req.query('notice') === 'sent' ? t(lang, 'contact.sent') : undefined,
      lang,
    }),
  );
});

app.post('/contact', pub, async (c) => {
  const { config, mailer } = c.get('deps');
  const to = supportEmail(config);
  const f = await readForm(c, contactForm);
  const page = { actor: c.get('actor'), supportEmail: to, lang: c.get('lang') };
  if (!f.ok) return c.html(ContactPage({ ...page, form: f.state }), 400);
  await mailer.send({
    to,
    subject: t('en', 'email.contactSubject', { name: f.data.name }),
    body: t('en', 'email.contactBody', { name: f.data.name, email: f.data.email, message: f.data.message }),
  });
  return c.redirect('/contact?notice=sent', 303);
});

const icon = { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' };
app.get('/favicon.svg', pub, (c) => c.body(faviconSvg, 200, icon));
// Browsers ask for /favicon.ico by default; every current one draws an SVG sent there too.
app.get('/favicon.ico', pub, (c) => c.body(faviconSvg, 200, icon));

export default app;

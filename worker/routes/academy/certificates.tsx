/** A certificate's public page, its download, and its public verification (page or JSON). */
import { translator } from '../../../web/i18n/messages';
import { Hono } from 'hono';
import { uuid } from '../../../schemas/academy';
import { CertificatePage, VerifyCredentialPage } from '../../../web/pages/certificate';
import { ErrorPage } from '../../../web/pages/error';
import type { AppContext, AppEnv } from '../../context';
import { AppError, notFound } from '../../errors';
import { limitPublic } from '../../lib/http/public-limit';
import { guard } from '../../policy';
import { effectiveStatus, publicCredential } from '../../services/academy/register';
import { bodyOf } from '../../../db/credential-bodies';
import { credentialDownloadHeaders } from '../../lib/http/credential-download';
import { verifyCredential } from '../../services/verification/verifier';

const t = translator('en');

const app = new Hono<AppEnv>();
const publicPage = guard('public');

const publicHeaders = (c: AppContext) => {
  // Unguessable links: keep them out of search engines and caches; the status can change at any time.
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Cache-Control', 'no-store');
};
const missing = (c: AppContext) =>
  c.html(
    ErrorPage({
      actor: c.get('actor'),
      status: 404,
      message: t('academy.noCertificate'),
    }),
    404,
  );

app.get('/certificates/:id', publicPage, async (c) => {
  const { db, clock, config } = c.get('deps');
  const id = uuid.safeParse(c.req.param('id'));
  const cert = id.success ? await publicCredential(db, id.data.toLowerCase()) : null;
  publicHeaders(c);
  if (!cert) return missing(c);
  return c.html(
    CertificatePage({
      actor: c.get('actor'),
      cert,
      status: effectiveStatus(cert.c, clock()),
      verifyUrl: `${config.PUBLIC_ORIGIN}/credentials/${cert.c.id}/verify`,
      lang: c.get('lang'),
    }),
  );
});

app.get('/certificates/:id/credential.jwt', publicPage, async (c) => {
  const id = uuid.safeParse(c.req.param('id'));
  const deps = c.get('deps');
  const cert = id.success ? await publicCredential(deps.db, id.data.toLowerCase()) : null;
  publicHeaders(c);
  if (!cert) return missing(c);
  const body = await bodyOf(deps, cert.c);
  return c.body(body, 200, credentialDownloadHeaders(body, `credential-${cert.c.id}`));
});

app.get('/credentials/:id/verify', publicPage, async (c) => {
  const deps = c.get('deps');
  const id = uuid.safeParse(c.req.param('id'));
  publicHeaders(c);
  const wantsJson =
    (c.req.header('accept') ?? '').includes('application/json') &&
    !(c.req.header('accept') ?? '').includes('text/html');
  try {
    await limitPublic(c, 'verify');
  } catch (err) {
    if (wantsJson || !(err instanceof AppError)) throw err;
    return c.html(ErrorPage({ actor: c.get('actor'), status: 429, message: err.message }), 429);
  }
  const cert = id.success ? await publicCredential(deps.db, id.data.toLowerCase()) : null;
  if (!cert) {
    if (wantsJson) throw notFound('No credential at this address');
    return missing(c);
  }
  const result = await verifyCredential(deps, await bodyOf(deps, cert.c));
  if (wantsJson) return c.json(result);
  return c.html(
    VerifyCredentialPage({ actor: c.get('actor'), credentialId: cert.c.id, result, checkedAt: deps.clock() }),
  );
});

export default app;

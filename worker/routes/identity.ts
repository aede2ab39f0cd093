/** DID documents (did:web resolution paths) and signed status list credentials. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { parseWith } from '../lib/validate';
import { guard } from '../policy';
import { PLATFORM_SLUG, didDocumentForSlug } from '../services/organisations/issuers';
import { statusListJwt } from '../services/academy/status-lists';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const listParam = z.object({ id: z.string().uuid() });

/** The platform's public identity documents. */
const app = new Hono<AppEnv>();
const didHeaders = { 'Content-Type': 'application/did+json', 'Cache-Control': 'public, max-age=300' };

app.get('/.well-known/did.json', guard('public'), async (c) => {
  const { db, config } = c.get('deps');
  const doc = await didDocumentForSlug(db, config, PLATFORM_SLUG);
  if (!doc) throw notFound('The platform has no DID document yet');
  return c.body(JSON.stringify(doc), 200, didHeaders);
});

app.get('/orgs/:slug/did.json', guard('public'), async (c) => {
  const { slug } = parseWith(slugParam, c.req.param(), 'Organisation');
  const { db, config } = c.get('deps');
  const doc = slug === PLATFORM_SLUG ? null : await didDocumentForSlug(db, config, slug);
  if (!doc) throw notFound('No issuer with that identifier');
  return c.body(JSON.stringify(doc), 200, didHeaders);
});

app.get('/status-lists/:id', guard('public'), async (c) => {
  const { id } = parseWith(listParam, c.req.param(), 'Status list');
  const deps = c.get('deps');
  const jwt = await statusListJwt(deps, id, deps.clock());
  if (!jwt) throw notFound('No status list with that id');
  // Short cache: a revocation must reach verifiers within minutes.
  return c.body(jwt, 200, { 'Content-Type': 'application/vc+jwt', 'Cache-Control': 'public, max-age=60' });
});

export default app;

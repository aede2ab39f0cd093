/**
 * A "what if" Node server for the HTTP benchmark, to measure a proposed change before it is made: the real app
 * (worker/app.ts over a migrated, seeded libSQL file) serves everything, except POST /credentials/verify, which
 * answers with the same pipeline over proposedVerifierDeps (trust and own status lists cached, see proposed.ts)
 * and an in-memory per-address rate limit instead of a database write per request. Not the app: it skips the
 * app's middleware (security headers, actor, CSRF) on that one route. Started by servers.ts startWhatIfServer.
 * Env: PORT, DATABASE_URL (file:), PUBLIC_ORIGIN, MASTER_KEY.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { seedReference } from '../../db/seed/reference';
import { verifyCredentialRequest } from '../../schemas/vc-api';
import { createApp } from '../../worker/app';
import { parseConfig } from '../../worker/config';
import type { AppContext, AppDeps, AppEnv } from '../../worker/context';
import type { JsonObject } from '../../worker/credentials/jwt';
import { verifyCredentialDataIntegrity, verifyCredentialJwt } from '../../worker/credentials/verify';
import { errorBody } from '../../worker/errors';
import { jsonBody } from '../../worker/lib/http/body';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';
import { clientAddress } from '../../worker/lib/http/actor';
import { proposedVerifierDeps } from './proposed';

/** Fixed one-minute windows per key in memory (per process, as a Worker isolate would keep them). */
function memoryRateLimit(limit: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return (key: string): boolean => {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      if (windows.size > 10_000) windows.clear();
      w = { count: 0, resetAt: now + 60_000 };
      windows.set(key, w);
    }
    return ++w.count <= limit;
  };
}

async function main() {
  const config = parseConfig({ ...process.env, ENVIRONMENT: 'development', LOG_REQUESTS: 'false', SEED_DEMO: 'false' });
  mkdirSync(dirname(config.DATABASE_URL.slice(5)), { recursive: true });
  const { db } = await openLibsql(config.DATABASE_URL);
  await migrateLibsql(db);
  await seedReference(db);
  const clock = () => new Date();
  const logger = jsonLogger();
  const deps: AppDeps = runtimeDeps(db, config, clock, logger);
  const app = createApp(deps);
  const verifier = proposedVerifierDeps(deps);
  const allow = memoryRateLimit(config.VERIFY_RATE_PER_MINUTE);
  const outer = new Hono<AppEnv>();
  // The client address is read through the app's deps (trusted proxies), as in the app itself.
  outer.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  outer.post('/credentials/verify', async (c) => {
    if (!allow(`verify:${clientAddress(c)}`))
      return c.json(errorBody('rate_limited', 'Too many verification requests'), 429);
    const body = await jsonBody(c as unknown as AppContext, verifyCredentialRequest, 128 * 1024);
    const input = body.verifiableCredential;
    const result =
      typeof input === 'string'
        ? await verifyCredentialJwt(input, verifier)
        : await verifyCredentialDataIntegrity(input as JsonObject, verifier);
    return c.json(result, result.verified ? 200 : 400);
  });
  outer.all('*', (c) => app.fetch(c.req.raw));
  const server = serve({ fetch: outer.fetch, port: config.PORT, hostname: '127.0.0.1' }, (info) => {
    console.log(`what-if server listening on ${info.address}:${info.port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/** Node entry: migrate and seed a local libSQL file, then serve the app. Reads the environment; nothing else does. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { seedDemo } from '../db/seed/demo';
import { seedReference } from '../db/seed/reference';
import { createApp } from './app';
import { parseConfig } from './config';
import { jsonLogger, runtimeDeps } from './runtime/common';
import { assertNoDemoPasswords } from './runtime/demo-guard';
import { masterKeyFromEnv } from './runtime/master-key';
import { publicOnlyFetch } from './runtime/node-fetch';
import { nodeSigning } from './runtime/node-signing';
import { exitIfNodeTooOld } from './runtime/node-version';
import { migrateLibsql, openBodyDatabase, openLibsql } from './runtime/libsql';
import { ensurePlatformOrg } from './services/organisations/issuers';
import { allowedLocalOrigins } from './services/verification/fetch';

async function main() {
  exitIfNodeTooOld();
  const env: Record<string, string | undefined> = { ...process.env };
  env.MASTER_KEY = masterKeyFromEnv(env);
  const config = parseConfig(env);
  const logger = jsonLogger();
  for (const url of [config.DATABASE_URL, config.CREDENTIAL_BODIES_URL ?? '']) {
    if (url.startsWith('file:')) mkdirSync(dirname(url.slice(5)), { recursive: true });
  }
  const { db } = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(db);
  await seedReference(db);
  const clock = () => new Date();
  const bodies = config.CREDENTIAL_BODIES_URL
    ? (await openBodyDatabase(config.CREDENTIAL_BODIES_URL, db, config.CREDENTIAL_BODIES_AUTH_TOKEN)).bodies
    : undefined;
  // Outbound requests refuse private addresses when they connect, whatever a name resolves to.
  const fetch = publicOnlyFetch(allowedLocalOrigins(config));
  const deps = runtimeDeps(db, config, clock, logger, { signing: nodeSigning, fetch, ...(bodies ? { bodies } : {}) });
  await ensurePlatformOrg(db, clock());
  const demo = config.SEED_DEMO ? await seedDemo(deps) : null;
  await assertNoDemoPasswords(db, config);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
    console.log(`\nCare Passport is running at ${config.PUBLIC_ORIGIN} (listening on ${info.address}:${info.port})`);
    if (demo) {
      console.log('\nDemo sign-ins (password for all: %s):', demo.password);
      for (const u of demo.logins) console.log(`  ${u.email.padEnd(34)} ${u.what}`);
    }
    console.log('');
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

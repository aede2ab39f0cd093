/** Cloudflare Workers entry: the same app over D1 (or a remote libSQL). Reads the Worker env; nothing else does. */
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { createApp } from './app';
import { type Config, parseConfig } from './config';
import { BODY_TABLE, type CredentialBodies, tableBodies, withTableFallback } from '../db/credential-bodies';
import { r2Bodies } from './runtime/r2-bodies';
import type { AppDeps } from './context';
import { jsonLogger, runtimeDeps } from './runtime/common';
import { StartupRefusal, assertNoDemoPasswords } from './runtime/demo-guard';

export interface WorkerEnv {
  DB?: D1Database;
  /** Optional R2 bucket for signed credential bodies (national scale; see README "National scale"). */
  CREDENTIAL_BODIES?: R2Bucket;
  [key: string]: unknown;
}

/** A remote libSQL database over HTTP (the web client: no native code in a Worker). */
async function remoteLibsql(url: string, authToken: string | undefined) {
  const { createClient } = await import('@libsql/client/web');
  const { drizzle } = await import('drizzle-orm/libsql/web');
  const client = createClient({ url, authToken });
  return { client, db: drizzle(client, { schema }) as unknown as Database };
}

/** Where signed bodies go: an R2 bucket if one is bound, a second libSQL database if named, else the primary's table. */
async function bodyStore(env: WorkerEnv, config: Config, db: Database): Promise<CredentialBodies | undefined> {
  if (env.CREDENTIAL_BODIES) return withTableFallback(r2Bodies(env.CREDENTIAL_BODIES), db);
  if (!config.CREDENTIAL_BODIES_URL) return undefined;
  const bodies = await remoteLibsql(config.CREDENTIAL_BODIES_URL, config.CREDENTIAL_BODIES_AUTH_TOKEN);
  await bodies.client.execute(BODY_TABLE);
  return withTableFallback(tableBodies(bodies.db), db);
}

let app: ReturnType<typeof createApp> | null = null;
/** Why this isolate refuses to serve (a production check failed); kept so the check is not repeated per request. */
let refusal: string | null = null;

async function build(env: WorkerEnv): Promise<ReturnType<typeof createApp>> {
  const config = parseConfig(env as Record<string, unknown>);
  let db: Database;
  if (env.DB) {
    // Same query builder and batch() as libSQL; see db/client.ts for the D1 limits the code respects.
    db = drizzleD1(env.DB, { schema }) as unknown as Database;
  } else if (config.DATABASE_URL.startsWith('libsql:') || config.DATABASE_URL.startsWith('https:')) {
    ({ db } = await remoteLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN));
  } else {
    throw new Error('No database: bind D1 as DB in wrangler.toml or set DATABASE_URL to a libsql:// URL');
  }
  const clock = () => new Date();
  const deps: AppDeps = runtimeDeps(db, config, clock, jsonLogger(), { bodies: await bodyStore(env, config, db) });
  await assertNoDemoPasswords(db, config);
  return createApp(deps);
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    // Built on first request, not at module scope: workerd forbids randomness and I/O there.
    if (!app && !refusal) {
      try {
        app = await build(env);
      } catch (err) {
        if (!(err instanceof StartupRefusal)) throw err;
        refusal = err.message;
        console.error(refusal);
      }
    }
    if (!app)
      return new Response('This service is not configured to run yet; its operator has been told why.', {
        status: 503,
      });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<WorkerEnv>;

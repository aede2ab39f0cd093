/** Cloudflare Workers entry: the same app over D1 (or a remote libSQL). Reads the Worker env; nothing else does. */
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { createApp } from './app';
import { parseConfig } from './config';
import type { AppDeps } from './context';
import { jsonLogger, runtimeDeps } from './runtime/common';

export interface WorkerEnv {
  DB?: D1Database;
  [key: string]: unknown;
}

let app: ReturnType<typeof createApp> | null = null;

async function build(env: WorkerEnv): Promise<ReturnType<typeof createApp>> {
  const config = parseConfig(env as Record<string, unknown>);
  let db: Database;
  if (env.DB) {
    // Same query builder and batch() as libSQL; see db/client.ts for the D1 limits the code respects.
    db = drizzleD1(env.DB, { schema }) as unknown as Database;
  } else if (config.DATABASE_URL.startsWith('libsql:') || config.DATABASE_URL.startsWith('https:')) {
    const { createClient } = await import('@libsql/client/web');
    const { drizzle } = await import('drizzle-orm/libsql/web');
    db = drizzle(createClient({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN }), {
      schema,
    }) as unknown as Database;
  } else {
    throw new Error('No database: bind D1 as DB in wrangler.toml or set DATABASE_URL to a libsql:// URL');
  }
  const clock = () => new Date();
  const deps: AppDeps = runtimeDeps(db, config, clock, jsonLogger());
  return createApp(deps);
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    // Built on first request, not at module scope: workerd forbids randomness and I/O there.
    app ??= await build(env);
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<WorkerEnv>;

/** libSQL backend (Node and tests): open a file or remote database, tune it, apply migrations. */
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from '../../db/client';
import { BODY_TABLE, tableBodies, withTableFallback } from '../../db/credential-bodies';
import * as schema from '../../db/schema';

/** Where drizzle-kit writes migrations; the same folder serves wrangler's D1 migrations. */
export const MIGRATIONS_FOLDER = new URL('../../db/migrations', import.meta.url).pathname;

/**
 * Opens a libSQL database; local files get WAL and foreign keys. A local file gets one connection: the settings
 * below belong to a connection, and the client opens another whenever two calls overlap (any `Promise.all` over
 * queries, two requests at once), which would run with SQLite's defaults instead: no secure delete, no busy
 * timeout, a sync on every commit. Calls run one at a time on one thread either way, so nothing is lost.
 */
export async function openLibsql(url: string, authToken?: string) {
  const local = url.startsWith('file:') || url === ':memory:';
  const client = createClient(authToken ? { url, authToken } : local ? { url, concurrency: 1 } : { url });
  if (local) {
    // WAL + NORMAL: ~16x faster autocommit writes, still crash-safe (a crash loses at most the last commit's fsync).
    await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA synchronous=NORMAL');
    await client.execute('PRAGMA busy_timeout=5000');
    // Freed space is zeroed, so a deleted account's rows do not linger in the file's free pages.
    await client.execute('PRAGMA secure_delete=ON');
  }
  await client.execute('PRAGMA foreign_keys=ON');
  const db = drizzle(client, { schema }) as Database;
  return { client, db };
}

/** Applies every pending migration from db/migrations. */
export async function migrateLibsql(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * A second libSQL database that holds only signed credential bodies (CREDENTIAL_BODIES_URL), read through the primary
 * database's table for bodies stored before the switch.
 */
export async function openBodyDatabase(url: string, primary: Database, authToken?: string) {
  const { client, db } = await openLibsql(url, authToken);
  await client.execute(BODY_TABLE);
  return { client, bodies: withTableFallback(tableBodies(db), primary) };
}

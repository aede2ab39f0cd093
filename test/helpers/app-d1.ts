/**
 * Test harness on workerd: the same app and the same tests as test/helpers/app.ts, over a D1 database from the real
 * migrations. The workers test config swaps this module in for app.ts, so an integration test runs unchanged on both
 * engines. Each call starts from an empty database: D1 gives one database per test file, so the tables are dropped
 * and migrated again.
 */
import { applyD1Migrations, env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import type { Database } from '../../db/client';
import * as schema from '../../db/schema';
import { seedReference } from '../../db/seed/reference';
import { withTableFallback } from '../../db/credential-bodies';
import { r2Bodies } from '../../worker/runtime/r2-bodies';
import { type TestEnv, testEnvOver } from './harness';

export { Browser } from './browser';
export { ON_WORKERD, TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv } from './harness';

/** Drops every table, children before the tables they refer to (SQLite checks references when a table goes). */
async function emptyDatabase(d1: D1Database): Promise<void> {
  const { results } = await d1
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    )
    .all<{ name: string }>();
  const parents = new Map<string, Set<string>>();
  for (const { name } of results) {
    const refs = await d1
      .prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)')
      .bind(name)
      .all<{ parent: string }>();
    parents.set(name, new Set(refs.results.map((r) => r.parent).filter((p) => p !== name)));
  }
  const order: string[] = [];
  while (parents.size) {
    const referenced = new Set([...parents.values()].flatMap((s) => [...s]));
    const leaves = [...parents.keys()].filter((t) => !referenced.has(t));
    if (!leaves.length) throw new Error(`Tables refer to each other in a circle: ${[...parents.keys()].join(', ')}`);
    for (const t of leaves) {
      order.push(t);
      parents.delete(t);
    }
  }
  if (order.length) await d1.batch(order.map((t) => d1.prepare(`DROP TABLE "${t.replaceAll('"', '""')}"`)));
}

/** Empties the file's D1 database, migrates and seeds it, and returns the app over it. */
export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  await emptyDatabase(env.DB);
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const db = drizzle(env.DB, { schema }) as unknown as Database;
  await seedReference(db);
  // Bodies in R2, read through the D1 table for any written there first: the edge entry's national set-up.
  return testEnvOver(db, overrides, () => {}, { bodies: withTableFallback(r2Bodies(env.CREDENTIAL_BODIES), db) });
}

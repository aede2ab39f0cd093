/** Test harness: a real libSQL database from the real migrations, seeded, behind the real app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../../db/seed/reference';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';
import { nodeSigning } from '../../worker/runtime/node-signing';
import { type TestEnv, testEnvOver } from './harness';

export { Browser } from './browser';
export { ON_WORKERD, TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv } from './harness';

/** Builds a fresh database file, migrates and seeds it, and returns the app over it (with Node's Ed25519, as worker/node.ts). */
export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'cp-test-'));
  const { client, db } = await openLibsql(`file:${join(dir, 'test.db')}`);
  await migrateLibsql(db);
  await seedReference(db);
  return testEnvOver(
    db,
    overrides,
    () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { signing: nodeSigning },
  );
}

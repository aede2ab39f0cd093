/** Test harness: a real libSQL database from the real migrations, seeded, behind the real app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../../db/seed/reference';
import { createApp } from '../../worker/app';
import type { AppDeps } from '../../worker/context';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';

import { TEST_START, type TestEnv, testConfig } from './harness';

export { Browser } from './browser';
export { ON_WORKERD, TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv } from './harness';

/** Builds a fresh database file, migrates and seeds it, and returns the app over it. */
export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'cp-test-'));
  const { client, db } = await openLibsql(`file:${join(dir, 'test.db')}`);
  await migrateLibsql(db);
  await seedReference(db);
  let now = new Date(TEST_START);
  const clock = () => new Date(now);
  const logs: string[] = [];
  const logger = jsonLogger((l) => logs.push(l));
  const deps: AppDeps = runtimeDeps(db, testConfig(overrides), clock, logger);
  return {
    app: createApp(deps),
    deps,
    logs,
    setNow(d) {
      now = new Date(d);
    },
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

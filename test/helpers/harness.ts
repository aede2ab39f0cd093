/** What both test harnesses share (libSQL on Node, D1 on workerd): the test configuration and a cookie-keeping browser. */
import type { Database } from '../../db/client';
import type { CredentialBodies } from '../../db/credential-bodies';
import { createApp } from '../../worker/app';
import { parseConfig } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import type { Signing } from '../../worker/credentials/signing';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';

export const TEST_MASTER_KEY = 'test-master-key-0123456789-abcdefghijklmnop';
export const TEST_ORIGIN = 'http://localhost:8787';

export interface TestEnv {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  /** Moves the injected clock. */
  setNow(d: Date | string): void;
  /** Every line the app logged (for the secrets review). */
  logs: string[];
  close(): void;
}

/** The configuration every test app starts from, with a test's own settings on top. */
export function testConfig(overrides: Record<string, string> = {}) {
  return parseConfig({
    ENVIRONMENT: 'test',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    MASTER_KEY: TEST_MASTER_KEY,
    DATABASE_URL: 'file:unused',
    ...overrides,
  });
}

/** True inside workerd (the D1 run of the integration suite); a few tests need Node and say so with it.skipIf. */
export const ON_WORKERD =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

/** The clock every test starts at; tests move it with `setNow`. */
export const TEST_START = '2026-06-01T09:00:00.000Z';

/**
 * The app over a migrated, seeded database, on the test clock, keeping every log line; `close` frees the database.
 * `extra.bodies` is where signed credentials go (R2 in workerd); `extra.signing` is the runtime's Ed25519 as its entry point injects it (node:crypto under Node, WebCrypto in workerd).
 */
export function testEnvOver(
  db: Database,
  overrides: Record<string, string>,
  close: () => void,
  extra: { bodies?: CredentialBodies; signing?: Signing } = {},
): TestEnv {
  let now = new Date(TEST_START);
  const clock = () => new Date(now);
  const logs: string[] = [];
  const deps: AppDeps = runtimeDeps(
    db,
    testConfig(overrides),
    clock,
    jsonLogger((l) => logs.push(l)),
    extra,
  );
  return {
    app: createApp(deps),
    deps,
    logs,
    setNow(d) {
      now = new Date(d);
    },
    close,
  };
}

/**
 * The same app inside workerd with a D1 database: the edge tests, and every integration test that drives the app
 * through `app.request`, run unchanged with test/helpers/app-d1.ts in place of the libSQL harness. Files that cannot
 * run there are listed in test/workers/node-only.ts with the reason.
 */
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/** Integration test files that run on Node only, each with the reason it cannot run inside workerd with D1. */
export const NODE_ONLY: readonly { file: string; why: string }[] = [];

const root = new URL('.', import.meta.url).pathname;
const libsqlHarness = resolve(root, 'test/helpers/app.ts');
const d1Harness = resolve(root, 'test/helpers/app-d1.ts');

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ENVIRONMENT: 'test',
          PUBLIC_ORIGIN: 'http://localhost:8788',
          MASTER_KEY: 'workers-test-master-key-0123456789-abcdefghij',
          TEST_MIGRATIONS: await readD1Migrations(resolve(root, 'db/migrations')),
        },
      },
    })),
    {
      name: 'd1-test-harness',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        if (!importer || !/(^|\/)app(\.ts)?$/.test(source)) return null;
        const found = await this.resolve(source, importer, { ...options, skipSelf: true });
        return found?.id === libsqlHarness ? d1Harness : null;
      },
    },
  ],
  test: {
    include: ['test/workers/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: NODE_ONLY.map((n) => n.file),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

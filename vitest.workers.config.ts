/** The same app inside workerd with a D1 database: catches what differs between libSQL and D1 (batches, limits). */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ENVIRONMENT: 'test',
          PUBLIC_ORIGIN: 'http://localhost:8788',
          MASTER_KEY: 'workers-test-master-key-0123456789-abcdefghij',
          TEST_MIGRATIONS: await readD1Migrations(new URL('./db/migrations', import.meta.url).pathname),
        },
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

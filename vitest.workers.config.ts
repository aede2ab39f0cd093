/**
 * The same app inside workerd with a D1 database: the edge tests, and every integration test that drives the app
 * through `app.request`, run unchanged with test/helpers/app-d1.ts in place of the libSQL harness. Files that cannot
 * run there are listed in test/workers/node-only.ts with the reason.
 */
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests that run on Node only, each with the reason it cannot run inside workerd with D1. Whole files are
 * left out here; single tests are skipped in place with `it.skipIf(ON_WORKERD)` and listed for the record.
 */
export const NODE_ONLY: readonly { file: string; test?: string; why: string }[] = [
  {
    file: 'test/integration/seed-reference.test.ts',
    why: 'opens its own libSQL database files to compare seeding runs; on D1 every test seeds through the same code',
  },
  {
    file: 'test/integration/passport-answer.test.ts',
    test: 'posts to a verifier elsewhere under the fetch policy, signed for that verifier',
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/passport-answer.test.ts',
    test: 'answers a verifier elsewhere whose request is signed by its DID and passed by reference',
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/passport-answer.test.ts',
    test: 'sends nothing when a request by reference names another response address by the time she sends',
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/passport-answer.test.ts',
    test: 'reads a signed request passed by value (request) the same way',
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/passport-answer.test.ts',
    test: 'refuses a signed request whose request object was altered after signing, and sends nothing',
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/passport-wallet-offer.test.ts',
    test: "reads another issuer's metadata under the fetch policy and gives the same plain message for its refusal",
    why: 'needs a second HTTP server listening on a local port, which a test inside workerd cannot open',
  },
  {
    file: 'test/integration/body-limit.test.ts',
    test: 'reads a JSON body within its Content-Length and answers it',
    why: "serves the app through Node's own HTTP server on a local port, which a test inside workerd cannot open",
  },
  {
    file: 'test/integration/body-limit.test.ts',
    test: 'refuses a JSON body whose Content-Length is over the limit',
    why: "serves the app through Node's own HTTP server on a local port, which a test inside workerd cannot open",
  },
  {
    file: 'test/integration/body-limit.test.ts',
    test: 'counts a chunked JSON body without Content-Length and refuses it past the limit',
    why: "serves the app through Node's own HTTP server on a local port, which a test inside workerd cannot open",
  },
  {
    file: 'test/integration/body-limit.test.ts',
    test: 'is read without asking the request for its stream',
    why: "checks the read of a body framed by Node's own HTTP server, which only the Node runtime has",
  },
  {
    file: 'test/integration/production-mode.test.ts',
    test: 'is created by SQL that signs in with its own password and is a confirmed platform admin',
    why: "runs the first-admin SQL through a libSQL file as the command line does; workerd's libSQL client opens no files",
  },
];

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
        // Signed credential bodies go to R2 here, as a national deployment keeps them (README "National scale").
        r2Buckets: ['CREDENTIAL_BODIES'],
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
    exclude: NODE_ONLY.filter((n) => !n.test).map((n) => n.file),
    // The authorisation matrix drives every route as every actor: minutes on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});

export {};

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      MASTER_KEY: string;
      PUBLIC_ORIGIN: string;
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
      CREDENTIAL_BODIES: R2Bucket;
    }
  }
}

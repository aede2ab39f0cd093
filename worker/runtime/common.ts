/** Runtime-neutral pieces the two entry points share: a JSON logger and the outbox mailer. */
import type { Database } from '../../db/client';
import { type CredentialBodies, tableBodies } from '../../db/credential-bodies';
import { outbox } from '../../db/schema';
import type { Config } from '../config';
import type { AppDeps, Logger, Mailer } from '../context';
import { type Signing, webCryptoSigning } from '../credentials/signing';
import { createCacheKit } from '../lib/cache-kit';
import { newId } from '../lib/ids';

/** One JSON line per event; callers pass no personal data. */
export function jsonLogger(write: (line: string) => void = (l) => console.log(l)): Logger {
  const out =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
  return { info: out('info'), warn: out('warn'), error: out('error') };
}

/** The local mail transport: messages land in the outbox table (readable at /dev/outbox outside production). */
export function outboxMailer(db: Database, clock: () => Date): Mailer {
  return {
    async send(m) {
      await db
        .insert(outbox)
        .values({ id: newId(), to: m.to, subject: m.subject, body: m.body, createdAt: clock().toISOString() });
    },
  };
}

/**
 * The app's dependencies as every runtime builds them: mail goes to the outbox, and the caches run on `clock`.
 * Signed credential bodies stay in the primary database unless the runtime passes an outside store, and `signing` is
 * WebCrypto unless the entry point brings its runtime's own Ed25519 (the Node server does). Outbound requests use the
 * platform's fetch unless the entry point brings a stricter one (the Node server's refuses private addresses).
 */
export function runtimeDeps(
  db: Database,
  config: Config,
  clock: () => Date,
  logger: Logger,
  extra: {
    bodies?: CredentialBodies | undefined;
    signing?: Signing | undefined;
    fetch?: typeof fetch | undefined;
  } = {},
): AppDeps {
  const bodies = extra.bodies ?? tableBodies(db);
  const signing = extra.signing ?? webCryptoSigning;
  // The global fetch is looked up at each call, so a test that replaces it is heard.
  const outbound = extra.fetch ?? ((input, init) => fetch(input, init));
  const caches = createCacheKit(clock);
  return { db, bodies, config, clock, caches, mailer: outboxMailer(db, clock), logger, signing, fetch: outbound };
}

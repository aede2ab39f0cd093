/**
 * Where the signed credentials themselves are kept. A credential's row (`credentials`) is what every query reads:
 * passports, role fit, registers, status lists, workforce figures. Its body (the compact vc+jwt, or the vc+di JSON)
 * is only read when the credential itself is handed over: a share, a wallet answer, a download, a re-signing. Keeping
 * bodies apart lets them live in object storage (R2) or a second database at national scale, while the rows stay in
 * the primary database; see README "National scale".
 *
 * Write order is the crash-safety rule: bodies are written before the rows that point at them, so a row never points
 * at nothing. A failure between the two leaves a body no row names (unreachable: ids are random), never the reverse.
 */
import { inArray, sql } from 'drizzle-orm';
import { type Database, chunkForInsert, insertChunks } from './client';
import { credentialBodies, credentials } from './schema';

/** One signed credential's text under its key in the store. */
export interface CredentialBody {
  key: string;
  body: string;
}

/** The body table's definition (as in db/migrations/0011) for a second database that holds only bodies. */
export const BODY_TABLE =
  'CREATE TABLE IF NOT EXISTS `credential_bodies` (`key` text PRIMARY KEY NOT NULL, `body` text NOT NULL)';

/** A store of signed credential bodies, by key. */
export interface CredentialBodies {
  /** Stores bodies, replacing any already under the same key. */
  put(entries: readonly CredentialBody[]): Promise<void>;
  /** The bodies under these keys; a key with no body is absent from the map. */
  get(keys: readonly string[]): Promise<Map<string, string>>;
  /** Forgets bodies no row names any more (the earlier text of a re-signed credential). */
  delete(keys: readonly string[]): Promise<void>;
}

/** What a row says about where its body is: the credential's id, and `body_ref` once it was re-signed. */
export interface BodyRow {
  id: string;
  bodyRef: string | null;
}

/** The store key of a credential's current body. */
export function bodyKey(row: BodyRow): string {
  return row.bodyRef ?? row.id;
}

/**
 * A fresh key for a credential's re-signed body. It is written first and the row switched to it by the same
 * conditional write that makes the change, so a lost race or a crash leaves only an unnamed body behind, never a row
 * whose body says something else.
 */
export function freshBodyKey(id: string): string {
  return `${id}.${crypto.randomUUID().slice(0, 8)}`;
}

/** Bodies in the `credential_bodies` table of a database: the primary one by default, or a second one of its own. */
export function tableBodies(db: Database): CredentialBodies {
  return {
    async put(entries) {
      const statements = insertChunks(credentialBodies, entries).map((chunk) =>
        db
          .insert(credentialBodies)
          .values(chunk)
          .onConflictDoUpdate({ target: credentialBodies.key, set: { body: sql`excluded.body` } }),
      );
      if (statements.length === 1) await statements[0];
      else if (statements.length > 1) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
    },
    async get(keys) {
      const out = new Map<string, string>();
      for (const part of chunkForInsert([...new Set(keys)], 1)) {
        const rows = await db.select().from(credentialBodies).where(inArray(credentialBodies.key, part));
        for (const r of rows) out.set(r.key, r.body);
      }
      return out;
    },
    async delete(keys) {
      for (const part of chunkForInsert([...new Set(keys)], 1)) {
        await db.delete(credentialBodies).where(inArray(credentialBodies.key, part));
      }
    },
  };
}

/**
 * An outside store that falls back to the primary database's table for bodies written before the deployment moved
 * them out: new bodies go to `outside`; reads try `outside` first, then the table, so nothing already issued is lost
 * when an operator switches stores.
 */
export function withTableFallback(outside: CredentialBodies, primary: Database): CredentialBodies {
  const table = tableBodies(primary);
  return {
    put: (entries) => outside.put(entries),
    async get(keys) {
      const found = await outside.get(keys);
      const missing = keys.filter((k) => !found.has(k));
      if (missing.length) for (const [k, body] of await table.get(missing)) found.set(k, body);
      return found;
    },
    async delete(keys) {
      await Promise.all([outside.delete(keys), table.delete(keys)]);
    },
  };
}

/** Where signed texts are read from: the body store, and the primary database that says which text is current. */
export interface SignedTexts {
  db: Database;
  bodies: CredentialBodies;
}

/** The current body of a credential whose row exists; a missing body is a broken store, not a user error. */
export async function bodyOf(src: SignedTexts, row: BodyRow): Promise<string> {
  return (await bodiesOf(src, [row]))[0] as string;
}

/**
 * Current bodies of credentials whose rows exist, in the order given; throws like `bodyOf` when one is missing. A
 * row read just before a claim or a key retirement re-signed its credential names a text that has since been
 * removed: such rows are looked up again, and the text they name now is read.
 */
export async function bodiesOf(src: SignedTexts, rows: readonly BodyRow[]): Promise<string[]> {
  const found = await src.bodies.get(rows.map(bodyKey));
  const stale = rows.filter((row) => !found.has(bodyKey(row)));
  const current = new Map<string, string>();
  if (stale.length) {
    for (const part of chunkForInsert([...new Set(stale.map((r) => r.id))], 1)) {
      const now = await src.db
        .select({ id: credentials.id, bodyRef: credentials.bodyRef })
        .from(credentials)
        .where(inArray(credentials.id, part));
      for (const row of now) if (!found.has(bodyKey(row))) current.set(row.id, bodyKey(row));
    }
    for (const [key, body] of await src.bodies.get([...current.values()])) found.set(key, body);
  }
  return rows.map((row) => {
    const body = found.get(bodyKey(row)) ?? found.get(current.get(row.id) ?? '');
    if (body === undefined) throw new Error(`the signed body of credential ${row.id} is missing from the body store`);
    return body;
  });
}

/** Credential rows paired with their current signed text, for code that hands credentials over. */
export async function withSignedText<R extends BodyRow>(
  src: SignedTexts,
  rows: readonly R[],
): Promise<(R & { jwt: string })[]> {
  const texts = await bodiesOf(src, rows);
  return rows.map((row, i) => ({ ...row, jwt: texts[i] as string }));
}

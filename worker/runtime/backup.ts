/**
 * Whole-database backup and restore for libSQL (the Node entry's file database, or a remote libSQL such as Turso).
 *
 * A backup is one JSON Lines text: a header (format, the schema's migration list, row counts come at the end),
 * then for each table a `{"table","columns"}` line followed by one `{"r":[...]}` line per row, and a final
 * `{"end":true,...,"sha256"}` line whose checksum covers every byte before it. Every table is included, the
 * encrypted private keys too. The MASTER_KEY is NOT: without it the restored keys cannot sign and passwords
 * cannot be checked, so it must be kept separately (README, SECURITY.md).
 *
 * Export reads inside one read transaction, so a backup taken while the server runs is a consistent snapshot.
 * Restore checks the whole file (format, checksum, schema version) before writing anything, refuses a non-empty
 * target unless forced, and writes everything in one write transaction: a failed restore leaves nothing behind.
 * (D1 has its own `wrangler d1 export`; this module is for libSQL.)
 */
import type { Client, InArgs, InStatement, InValue, Transaction } from '@libsql/client';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export const BACKUP_FORMAT = 'care-passport-backup';
export const BACKUP_VERSION = 1;
/** Said loudly in every backup header and by the CLI. */
export const MASTER_KEY_NOTICE =
  'MASTER_KEY is NOT in this backup. Private keys inside are encrypted with it: keep the MASTER_KEY separately and safely, or this backup cannot sign credentials or check passwords after a restore.';

const MIGRATIONS_TABLE = '__drizzle_migrations';
const ROWS_PER_PAGE = 500;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Applied migrations (drizzle's hash and timestamp), oldest first: the schema version of the data. */
  migrations: { hash: string; createdAt: number | string | null }[];
  masterKey: string;
}

export interface BackupSummary {
  tables: Record<string, number>;
  rows: number;
  sha256: string;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Reader = Pick<Client, 'execute'> | Transaction;

async function rows<T>(db: Reader, sql: string, args: InArgs = []): Promise<T[]> {
  return (await db.execute({ sql, args })).rows as unknown as T[];
}

/** The application's tables (every table but SQLite's own and the migrations journal), parents before children. */
export async function dataTables(db: Reader): Promise<string[]> {
  const names = (
    await rows<{ name: string }>(
      db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  )
    .map((r) => r.name)
    .filter((n) => n !== MIGRATIONS_TABLE && !n.startsWith('_cf_'));
  const parents = new Map<string, Set<string>>();
  for (const name of names) {
    const fks = await rows<{ table: string }>(db, `SELECT "table" FROM pragma_foreign_key_list(?)`, [name]);
    parents.set(name, new Set(fks.map((f) => f.table).filter((t) => t !== name && names.includes(t))));
  }
  // Kahn's algorithm; anything left in a cycle goes last (restore defers foreign keys to commit anyway).
  const ordered: string[] = [];
  const pending = new Set(names);
  while (pending.size) {
    const ready = [...pending].filter((n) => [...(parents.get(n) ?? [])].every((p) => !pending.has(p)));
    const next = ready.length ? ready : [...pending];
    for (const n of next) {
      ordered.push(n);
      pending.delete(n);
    }
  }
  return ordered;
}

async function columnsOf(db: Reader, table: string): Promise<string[]> {
  return (await rows<{ name: string }>(db, 'SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])).map(
    (c) => c.name,
  );
}

async function migrationsOf(db: Reader): Promise<BackupHeader['migrations']> {
  const exists = await rows(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]);
  if (!exists.length) return [];
  return (
    await rows<{ hash: string; created_at: number | string | null }>(
      db,
      `SELECT hash, created_at FROM "${MIGRATIONS_TABLE}" ORDER BY id`,
    )
  ).map((m) => ({ hash: m.hash, createdAt: m.created_at }));
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** JSON-safe cell: blobs as {"$b64": ...}, bigints as strings tagged {"$int": ...}. */
function encodeCell(v: unknown): unknown {
  if (v instanceof ArrayBuffer) return { $b64: Buffer.from(v).toString('base64') };
  if (ArrayBuffer.isView(v)) return { $b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (typeof v === 'bigint') return { $int: v.toString() };
  return v;
}

function decodeCell(v: unknown): InValue {
  if (v && typeof v === 'object') {
    if ('$b64' in v) return new Uint8Array(Buffer.from(String((v as { $b64: string }).$b64), 'base64'));
    if ('$int' in v) return BigInt(String((v as { $int: string }).$int));
    throw new BackupError('A row holds a value of an unknown kind');
  }
  return v as InValue;
}

/**
 * Writes a backup of `client` line by line through `write` (each call gets one line, without the newline).
 * Reads in one read transaction, so concurrent writes do not tear the snapshot.
 */
export async function exportBackup(
  client: Client,
  write: (line: string) => void | Promise<void>,
  now = new Date(),
): Promise<BackupSummary> {
  const hash = new SHA256();
  const emit = async (value: unknown) => {
    const line = JSON.stringify(value);
    hash.update(new TextEncoder().encode(`${line}\n`));
    await write(line);
  };
  const tx = await client.transaction('read');
  try {
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      migrations: await migrationsOf(tx),
      masterKey: MASTER_KEY_NOTICE,
    };
    await emit(header);
    const tables: Record<string, number> = {};
    let total = 0;
    for (const table of await dataTables(tx)) {
      const columns = await columnsOf(tx, table);
      await emit({ table, columns });
      let count = 0;
      let after = -Infinity;
      const select = `SELECT rowid AS "__rowid", ${columns.map(quote).join(', ')} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_PAGE}`;
      for (;;) {
        const page = (await tx.execute({ sql: select, args: [after === -Infinity ? Number.MIN_SAFE_INTEGER : after] }))
          .rows;
        for (const row of page) {
          await emit({ r: columns.map((c) => encodeCell(row[c])) });
          after = Number(row.__rowid);
        }
        count += page.length;
        if (page.length < ROWS_PER_PAGE) break;
      }
      tables[table] = count;
      total += count;
    }
    const sha256 = encodeHexLowerCase(hash.digest());
    await write(JSON.stringify({ end: true, tables, rows: total, sha256 }));
    return { tables, rows: total, sha256 };
  } finally {
    tx.close();
  }
}

/** Parses and checks a whole backup (format, structure, counts, checksum) without touching any database. */
export async function verifyBackup(
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<{ header: BackupHeader; summary: BackupSummary }> {
  const hash = new SHA256();
  let header: BackupHeader | null = null;
  let end: BackupSummary | null = null;
  let table: string | null = null;
  let columns = 0;
  const counts: Record<string, number> = {};
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (end) {
      if (raw.trim() === '') continue;
      throw new BackupError(`Line ${n}: data after the end of the backup`);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new BackupError(`Line ${n} is not JSON: the file is damaged`);
    }
    if (parsed.end === true) {
      const digest = encodeHexLowerCase(hash.digest());
      if (parsed.sha256 !== digest)
        throw new BackupError('Checksum mismatch: the backup file is damaged or was altered');
      end = { tables: parsed.tables as Record<string, number>, rows: Number(parsed.rows), sha256: digest };
      continue;
    }
    hash.update(new TextEncoder().encode(`${raw}\n`));
    if (!header) {
      if (parsed.format !== BACKUP_FORMAT || parsed.version !== BACKUP_VERSION || !Array.isArray(parsed.migrations)) {
        throw new BackupError(`Not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} file`);
      }
      header = parsed as unknown as BackupHeader;
    } else if (typeof parsed.table === 'string' && Array.isArray(parsed.columns)) {
      table = parsed.table;
      columns = parsed.columns.length;
      counts[table] = 0;
    } else if (Array.isArray(parsed.r)) {
      if (!table || parsed.r.length !== columns) throw new BackupError(`Line ${n}: a row that does not fit its table`);
      counts[table] = (counts[table] ?? 0) + 1;
    } else {
      throw new BackupError(`Line ${n}: unexpected content`);
    }
  }
  if (!header) throw new BackupError('The backup is empty');
  if (!end) throw new BackupError('The backup is incomplete (no end line): it was cut short');
  for (const [t, c] of Object.entries(end.tables)) {
    if ((counts[t] ?? 0) !== c) throw new BackupError(`Table ${t}: ${counts[t] ?? 0} rows, the end line says ${c}`);
  }
  return { header, summary: end };
}

/** Row counts of the application's tables that hold any rows. */
export async function nonEmptyTables(db: Reader): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await dataTables(db)) {
    const [row] = await rows<{ n: number }>(db, `SELECT count(*) AS n FROM ${quote(t)}`);
    if (row && Number(row.n) > 0) out[t] = Number(row.n);
  }
  return out;
}

export interface RestoreOptions {
  /** Replace whatever the target holds (everything is deleted first, in the same transaction). */
  force?: boolean;
}

/** Refuses a target whose schema is not the backup's, or that holds data unless `force` is set. */
async function checkRestoreTarget(client: Client, header: BackupHeader, options: RestoreOptions): Promise<void> {
  const target = await migrationsOf(client);
  const same =
    target.length === header.migrations.length && target.every((m, i) => m.hash === header.migrations[i]?.hash);
  if (!same) {
    throw new BackupError(
      `Schema mismatch: the backup was taken at migration ${header.migrations.length}, this database is at ${target.length}. Restore into an instance running the same version.`,
    );
  }
  const occupied = await nonEmptyTables(client);
  if (Object.keys(occupied).length && !options.force) {
    throw new BackupError(
      `The target database is not empty (${Object.entries(occupied)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', ')}). Restore into a fresh database, or pass --force to replace its contents.`,
    );
  }
}

/** Inserts a page of a table's backed-up rows, several rows per statement (at most 900 bound values each). */
async function insertRows(tx: Transaction, table: string, columns: string[], pending: unknown[][]): Promise<void> {
  const perRow = `(${columns.map(() => '?').join(', ')})`;
  const chunk = Math.max(1, Math.floor(900 / columns.length));
  const stmts: InStatement[] = [];
  for (let i = 0; i < pending.length; i += chunk) {
    const part = pending.slice(i, i + chunk);
    stmts.push({
      sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${part.map(() => perRow).join(', ')}`,
      args: part.flatMap((r) => r.map(decodeCell)),
    });
  }
  await tx.batch(stmts);
}

/**
 * Restores a backup into `client`, whose schema must already be migrated to the backup's version.
 * `lines` is called twice: once to verify the whole file, once to load it.
 */
export async function restoreBackup(
  client: Client,
  lines: () => AsyncIterable<string> | Iterable<string>,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  const { header, summary } = await verifyBackup(lines());
  await checkRestoreTarget(client, header, options);
  const tx = await client.transaction('write');
  try {
    // Foreign keys are checked at commit, so rows can arrive in file order whatever their references.
    await tx.execute('PRAGMA defer_foreign_keys = ON');
    if (options.force) for (const t of (await dataTables(tx)).reverse()) await tx.execute(`DELETE FROM ${quote(t)}`);
    let table = '';
    let columns: string[] = [];
    let pending: unknown[][] = [];
    const flush = async () => {
      if (!pending.length) return;
      await insertRows(tx, table, columns, pending);
      pending = [];
    };
    let first = true;
    for await (const raw of lines()) {
      if (first) {
        first = false;
        continue;
      }
      if (!raw.trim()) continue;
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      if (parsed.end === true) break;
      if (typeof parsed.table === 'string') {
        await flush();
        table = parsed.table;
        columns = parsed.columns as string[];
        const existing = await columnsOf(tx, table);
        if (!existing.length || columns.some((c) => !existing.includes(c)))
          throw new BackupError(`Table ${table} does not match this schema`);
      } else {
        pending.push(parsed.r as unknown[]);
        if (pending.length >= ROWS_PER_PAGE) await flush();
      }
    }
    await flush();
    const broken = await rows(tx, 'PRAGMA foreign_key_check');
    if (broken.length)
      throw new BackupError(`The restored data breaks ${broken.length} foreign key reference(s); nothing was restored`);
    await tx.commit();
    return summary;
  } catch (err) {
    await tx.rollback().catch(() => {});
    throw err instanceof BackupError
      ? err
      : new BackupError(`Restore failed, nothing was written: ${(err as Error).message}`);
  } finally {
    tx.close();
  }
}

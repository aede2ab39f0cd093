/** The database handle type shared by the libSQL (Node, tests) and D1 (Workers) backends. */
import { getTableColumns } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

/**
 * Both drizzle-orm/libsql and drizzle-orm/d1 produce an async SQLite database with `batch()`.
 * Code is written to D1's limits: no interactive transactions (use `db.batch([...])` for atomic
 * multi-statement writes) and at most 100 bound parameters per statement.
 */
export type Database = LibSQLDatabase<typeof schema>;
export { schema };

/** Largest number of bound parameters D1 accepts in one statement. */
export const MAX_PARAMS = 100;

/** Splits values into chunks whose statements stay under D1's bound-parameter limit (`columnsPerRow` each). */
export function chunkForInsert<T>(rows: T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columnsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Splits rows for a multi-row insert into `table`: drizzle binds a value for every column of the table (a default or
 * null for those a row leaves out), so the chunk size follows the table's column count, not the row's keys.
 */
export function insertChunks<T>(table: SQLiteTable, rows: readonly T[]): T[][] {
  return chunkForInsert([...rows], Object.keys(getTableColumns(table)).length);
}

/**
 * How many rows a write changed, from either engine's result: libSQL reports `rowsAffected`, D1 reports
 * `meta.changes`. Conditional writes use it to tell "done" from "someone else got there first".
 */
export function rowsChanged(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number } } | null | undefined;
  return r?.rowsAffected ?? r?.meta?.changes ?? 0;
}

/** The database handle type shared by the libSQL (Node, tests) and D1 (Workers) backends. */
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
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

/** Splits rows into chunks whose inserts stay under D1's bound-parameter limit. */
export function chunkForInsert<T>(rows: T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columnsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

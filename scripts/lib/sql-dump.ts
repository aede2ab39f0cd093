/** Turns rows of a libSQL database into SQL INSERT statements, for seeding a D1 database with `wrangler d1 execute`. */
import type { Client } from '@libsql/client';

/** One value as a SQL literal. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

/**
 * Appends one INSERT per row of `table` to `out`; `conflict` is the ON CONFLICT clause (or ''), and
 * `skipCustomised` keeps rows of roles an admin has edited (customised_roles) out, as the seed does.
 */
export async function dumpTable(
  client: Client,
  table: string,
  conflict: string,
  out: string[],
  skipCustomised = false,
): Promise<string[]> {
  const rs = await client.execute(`SELECT * FROM ${table}`);
  const cols = rs.columns;
  for (const row of rs.rows) {
    const values = cols.map((c) => literal(row[c])).join(', ');
    out.push(
      skipCustomised
        ? `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${values} WHERE NOT EXISTS (SELECT 1 FROM customised_roles WHERE role_id = ${literal(row.role_id)}) ${conflict};`
        : `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values}) ${conflict};`,
    );
  }
  return cols;
}

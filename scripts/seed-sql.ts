/**
 * Prints SQL that seeds a D1 database with the reference catalogue (the same rows `npm start` seeds),
 * built by running the real seed code against an in-memory libSQL database and dumping its rows.
 * Usage: npx tsx scripts/seed-sql.ts > seed.sql && wrangler d1 execute care-passport [--local|--remote] --file seed.sql
 */
import { seedReference } from '../db/seed/reference';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';

/** Tables in FK order with their primary key. Upserts, never INSERT OR REPLACE: that deletes rows and cascades. */
const TABLES: [table: string, key: string][] = [
  ['frameworks', 'id'],
  ['bands', 'id'],
  ['pay_points', 'id'],
  ['roles', 'id'],
  ['competencies', 'id'],
  ['role_requirements', 'id'],
  ['equivalences', 'id'],
  ['progression_routes', 'id'],
  ['areas', 'code'],
];
/** Admin edits to role requirements survive a re-seed, as they do with seedReference. */
const KEEP_EXISTING = new Set(['role_requirements']);

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

async function main() {
  const { client, db } = await openLibsql(':memory:');
  await migrateLibsql(db);
  await seedReference(db);
  const out: string[] = [];
  for (const [t, key] of TABLES) {
    const rs = await client.execute(`SELECT * FROM ${t}`);
    const cols = rs.columns;
    const update = KEEP_EXISTING.has(t)
      ? 'DO NOTHING'
      : `DO UPDATE SET ${cols
          .filter((c) => c !== key)
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`;
    for (const row of rs.rows) {
      out.push(
        `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => literal(row[c])).join(', ')}) ON CONFLICT (${key}) ${update};`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  client.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

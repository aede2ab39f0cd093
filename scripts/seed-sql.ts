/**
 * Prints SQL that seeds a D1 database with the reference catalogue (the same rows `npm start` seeds), built by
 * running the real seed code against an in-memory libSQL database and dumping its rows.
 * Usage: npx tsx scripts/seed-sql.ts [--demo] > seed.sql && wrangler d1 execute care-passport [--local|--remote] --file seed.sql
 * With --demo it also dumps the demo organisations, people and credentials (for an empty database only); their
 * keys are encrypted with MASTER_KEY and their DIDs name PUBLIC_ORIGIN, so pass the values the Worker runs with.
 */
import { tableBodies } from '../db/credential-bodies';
import { webCryptoSigning } from '../worker/credentials/signing';
import { seedDemo } from '../db/seed/demo';
import { RELATION_DELETED, seedReference } from '../db/seed/reference';
import { ROLES } from '../db/seed/reference-data';
import { parseConfig } from '../worker/config';
import { outboxMailer } from '../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';
import { ensurePlatformOrg } from '../worker/services/organisations/issuers';
import { dumpTable } from './lib/sql-dump';
import { createCacheKit } from '../worker/lib/cache-kit';

/** Catalogue tables with their primary key. Upserts, never INSERT OR REPLACE: that deletes rows and cascades. */
const CATALOGUE: [table: string, key: string][] = [
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
/** Role requirements are not upserted: those of roles nobody edited are replaced first (below), as seedReference does. */
const KEEP_EXISTING = new Set(['role_requirements']);
/** Rows of these tables are skipped for a role an admin has edited (customised_roles), as seedReference does. */
const SKIP_CUSTOMISED = new Set(['role_requirements']);

/**
 * Removes the requirements of catalogue roles no admin has edited, so the rows dumped after it set them to exactly the
 * data file (a corrected requirement reaches an existing database); edited roles keep theirs.
 */
function followingRolesReset(): string {
  const ids = ROLES.map((r) => `'${r.id.replaceAll("'", "''")}'`).join(', ');
  return `DELETE FROM role_requirements WHERE role_id IN (${ids}) AND role_id NOT IN (SELECT role_id FROM customised_roles);`;
}

async function main() {
  const { client, db } = await openLibsql(':memory:');
  await migrateLibsql(db);
  await seedReference(db);
  const out: string[] = ['PRAGMA defer_foreign_keys = on;'];
  for (const [t, key] of CATALOGUE) {
    if (t === 'role_requirements') out.push(followingRolesReset());
    const rs = await client.execute(`SELECT * FROM ${t} LIMIT 1`);
    const set = rs.columns
      .filter((c) => c !== key)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    await dumpTable(
      client,
      t,
      KEEP_EXISTING.has(t) ? `ON CONFLICT (${key}) DO NOTHING` : `ON CONFLICT (${key}) DO UPDATE SET ${set}`,
      out,
      SKIP_CUSTOMISED.has(t),
    );
  }
  // Reference relations a platform admin deleted stay deleted, as seedReference does.
  out.push(
    `DELETE FROM equivalences WHERE id NOT LIKE 'eqa-%' AND id IN (SELECT target_id FROM audit_events WHERE action = '${RELATION_DELETED}' AND target_type = 'equivalence');`,
  );
  if (process.argv.includes('--demo')) {
    const config = parseConfig(process.env);
    const clock = () => new Date();
    await ensurePlatformOrg(db, clock());
    await seedDemo({
      db,
      bodies: tableBodies(db),
      config,
      caches: createCacheKit(clock),
      clock,
      mailer: outboxMailer(db, clock),
      signing: webCryptoSigning,
    });
    const skip = new Set(CATALOGUE.map(([t]) => t));
    const rs = await client.execute(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
    );
    for (const r of rs.rows) if (!skip.has(String(r.name))) await dumpTable(client, String(r.name), '', out);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  client.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Prints SQL that creates the first platform admin in a D1 database (the admin CLI needs a libSQL URL; D1 is
 * reached only through wrangler). The account is built by the real account code in an in-memory database, its
 * password peppered with PASSWORD_PEPPER, else MASTER_KEY (pass the values the Worker runs with), and its row dumped.
 * Usage: MASTER_KEY=... npx tsx scripts/first-admin-sql.ts --email you@example.org --name "Your Name" --password "..." > admin.sql
 *        npx wrangler d1 execute care-passport --remote --file admin.sql
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, parseConfig } from '../worker/config';
import { outboxMailer } from '../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';
import { createUser } from '../worker/services/accounts/accounts';
import { dumpTable } from './lib/sql-dump';

/** The SQL that inserts a confirmed platform admin (or makes an existing account admin, keeping its password). */
export async function firstAdminSql(
  config: Config,
  input: { email: string; name: string; password: string },
): Promise<string> {
  const { client, db } = await openLibsql(':memory:');
  try {
    await migrateLibsql(db);
    const clock = () => new Date();
    await createUser(
      { db, config, clock, mailer: outboxMailer(db, clock) },
      { email: input.email, displayName: input.name, password: input.password, verified: true, isPlatformAdmin: true },
    );
    const out: string[] = [];
    await dumpTable(client, 'users', 'ON CONFLICT (email) DO UPDATE SET is_platform_admin = 1', out);
    return `${out.join('\n')}\n`;
  } finally {
    client.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.email || !values.name || !values.password) {
    console.error(
      'Usage: MASTER_KEY=... npx tsx scripts/first-admin-sql.ts --email <email> --name <name> --password <password>',
    );
    process.exit(2);
  }
  const sql = await firstAdminSql(parseConfig(process.env), {
    email: values.email,
    name: values.name,
    password: values.password,
  });
  process.stdout.write(sql);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

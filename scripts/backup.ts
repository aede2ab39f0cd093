/**
 * Backup and restore of the whole database (libSQL file or remote libSQL) as one checksummed JSON Lines file.
 *
 *   npm run backup -- export  --out backup.jsonl [--database-url file:./data/care-passport.db]
 *   npm run backup -- verify  --in backup.jsonl
 *   npm run backup -- restore --in backup.jsonl [--database-url file:./data/restored.db] [--force]
 *
 * The database defaults to DATABASE_URL (then ./data/care-passport.db); DATABASE_AUTH_TOKEN is used for remote
 * libSQL. The backup holds every table, private keys encrypted, but NOT the MASTER_KEY: keep it separately.
 * Restore migrates the target to this code's schema, checks the file completely first, refuses a non-empty target
 * unless --force, and writes in one transaction (all or nothing). Exit code 0 on success, 1 on any error.
 */
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BackupError, MASTER_KEY_NOTICE, exportBackup, restoreBackup, verifyBackup } from '../worker/runtime/backup';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const command = process.argv[2];
const databaseUrl = arg('database-url') ?? process.env.DATABASE_URL ?? 'file:./data/care-passport.db';

function loud(message: string) {
  const bar = '!'.repeat(Math.min(100, message.length + 4));
  console.error(`\n${bar}\n! ${message}\n${bar}\n`);
}

function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
}

async function open() {
  if (databaseUrl.startsWith('file:')) mkdirSync(dirname(databaseUrl.slice(5)), { recursive: true });
  return openLibsql(databaseUrl, process.env.DATABASE_AUTH_TOKEN);
}

async function main() {
  if (command === 'export') {
    const out = arg('out');
    if (!out) throw new BackupError('Give the output file: --out <file>');
    const { client } = await open();
    mkdirSync(dirname(out), { recursive: true });
    const file = createWriteStream(out, { encoding: 'utf8', mode: 0o600 });
    const summary = await exportBackup(client, async (line) => {
      if (!file.write(`${line}\n`)) await once(file, 'drain');
    });
    file.end();
    await once(file, 'finish');
    client.close();
    console.log(
      `Exported ${summary.rows} rows from ${Object.keys(summary.tables).length} tables to ${out}\nsha256 ${summary.sha256}`,
    );
    loud(MASTER_KEY_NOTICE);
  } else if (command === 'verify') {
    const input = arg('in');
    if (!input) throw new BackupError('Give the backup file: --in <file>');
    const { header, summary } = await verifyBackup(lines(input));
    console.log(
      `OK: ${summary.rows} rows, ${Object.keys(summary.tables).length} tables, taken ${header.createdAt}, schema at migration ${header.migrations.length}`,
    );
  } else if (command === 'restore') {
    const input = arg('in');
    if (!input) throw new BackupError('Give the backup file: --in <file>');
    const { client, db } = await open();
    await migrateLibsql(db);
    const summary = await restoreBackup(client, () => lines(input), { force: process.argv.includes('--force') });
    client.close();
    console.log(
      `Restored ${summary.rows} rows into ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (sha256 ${summary.sha256})`,
    );
    loud('Start this instance with the SAME MASTER_KEY as the one the backup was taken from.');
  } else {
    console.error(
      'Usage: npm run backup -- export --out <file> | verify --in <file> | restore --in <file> [--database-url <url>] [--force]',
    );
    process.exit(2);
  }
}

main().catch((err) => {
  console.error(err instanceof BackupError ? `backup: ${err.message}` : err);
  process.exit(1);
});

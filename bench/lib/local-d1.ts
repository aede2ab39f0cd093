/**
 * A local D1 database for `wrangler dev` made from a libSQL file: miniflare keeps each D1 database as one SQLite
 * file under <persist>/v3/d1/miniflare-D1DatabaseObject/<hash>.sqlite (beside its own metadata.sqlite), so a
 * database built on Node can be served by workerd by putting the file in that place.
 */
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { wrangler } from './servers';

const D1_OBJECTS = join('v3', 'd1', 'miniflare-D1DatabaseObject');

/** The one database file of a D1 binding in `files` (the names in miniflare's D1 folder), or why there is none. */
export function pickD1File(files: readonly string[]): string {
  const found = files.filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (found.length !== 1)
    throw new Error(
      `expected one D1 database file in ${D1_OBJECTS}, found ${found.length ? `${found.length}: ${found.join(', ')}` : 'none'} (files: ${files.join(', ') || 'none'})`,
    );
  return found[0] as string;
}

/**
 * Makes miniflare create the D1 database of wrangler.toml in `persistDir` (a trivial query), then replaces its
 * file with `sqlitePath` (moved, so it must be on the same file system and in rollback-journal mode).
 * Returns the path the database now has.
 */
export async function installLocalD1(persistDir: string, sqlitePath: string): Promise<string> {
  await wrangler(['d1', 'execute', 'care-passport', '--local', '--persist-to', persistDir, '--command', 'select 1']);
  const folder = join(persistDir, D1_OBJECTS);
  const target = join(folder, pickD1File(readdirSync(folder)));
  // The empty database's write-ahead log would otherwise be replayed over the new file.
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(sqlitePath, target);
  return target;
}

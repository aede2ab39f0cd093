/**
 * A local libSQL file keeps the settings openLibsql gives it (secure delete, busy timeout, normal sync, foreign
 * keys) on every call, including calls that overlap: they are per connection, and a second connection would not
 * have them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../worker/runtime/libsql';

const dir = mkdtempSync(join(tmpdir(), 'cp-conn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETTINGS = ['secure_delete', 'busy_timeout', 'synchronous', 'foreign_keys'] as const;

describe('openLibsql on a local file', () => {
  it('answers overlapping calls with the same connection settings', async () => {
    const { client } = await openLibsql(`file:${join(dir, 'a.db')}`);
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          Promise.all(
            SETTINGS.map(async (name) => Object.values((await client.execute(`PRAGMA ${name}`)).rows[0]!)[0]),
          ),
        ),
      );
      // secure_delete on, 5 s busy timeout, synchronous NORMAL (1), foreign keys on: for every one of the 8 callers.
      for (const a of answers) expect(a).toEqual([1, 5000, 1, 1]);
    } finally {
      client.close();
    }
  });

  it('still serves other calls while one is waiting, in the order they came', async () => {
    const { client } = await openLibsql(`file:${join(dir, 'b.db')}`);
    try {
      await client.execute('CREATE TABLE t (n INTEGER)');
      await Promise.all(
        Array.from({ length: 20 }, (_, n) => client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [n] })),
      );
      const rows = (await client.execute('SELECT n FROM t ORDER BY rowid')).rows.map((r) => Number(r.n));
      expect(rows).toEqual(Array.from({ length: 20 }, (_, n) => n));
    } finally {
      client.close();
    }
  });
});

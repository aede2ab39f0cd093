/**
 * Node's national set-up: signed bodies in a second libSQL database (CREDENTIAL_BODIES_URL), the primary database
 * holding rows only; and the migration that moved bodies out of the credential rows keeps every existing text.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../db/seed/reference';
import { MIGRATIONS_FOLDER, migrateLibsql, openBodyDatabase, openLibsql } from '../../worker/runtime/libsql';
import { nodeSigning } from '../../worker/runtime/node-signing';
import { testEnvOver } from '../helpers/harness';
import { storedText } from '../helpers/bodies';
import { buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cp-bodies-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bodies in a second libSQL database', () => {
  it('issues into the second database; the primary keeps rows only; the text is handed out unchanged', async () => {
    const dir = tempDir();
    const primary = await openLibsql(`file:${join(dir, 'primary.db')}`);
    await migrateLibsql(primary.db);
    await seedReference(primary.db);
    const second = await openBodyDatabase(`file:${join(dir, 'bodies.db')}`, primary.db);
    const env = testEnvOver(primary.db, {}, () => {}, { bodies: second.bodies, signing: nodeSigning });
    try {
      const world = await buildWorld(env);
      const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
      const issued = await issueViaApi(env, world, { achievementId, email: world.worker.email });
      expect(await storedText(env.deps, issued.id)).toBe(issued.jwt);
      const inPrimary = await primary.client.execute('SELECT count(*) AS n FROM credential_bodies');
      expect(Number(inPrimary.rows[0]?.n)).toBe(0);
      const inSecond = await second.client.execute({
        sql: 'SELECT body FROM credential_bodies WHERE key = ?',
        args: [issued.id],
      });
      expect(inSecond.rows[0]?.body).toBe(issued.jwt);
      const file = await env.app.request(`/certificates/${issued.id}/credential.jwt`);
      expect(await file.text()).toBe(issued.jwt);
    } finally {
      second.client.close();
      primary.client.close();
    }
  });
});

describe('migration 0011: bodies out of the credential rows', () => {
  it('copies every stored text into credential_bodies under its credential id, then drops the column', async () => {
    // The migrations as they stood before bodies moved: everything up to 0010.
    const dir = tempDir();
    const older = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 10);
    writeFileSync(journalPath, JSON.stringify(journal));
    const { client, db } = await openLibsql(`file:${join(dir, 'old.db')}`);
    try {
      await migrate(db, { migrationsFolder: older });
      await client.execute('PRAGMA foreign_keys=OFF');
      const at = '2026-01-01T00:00:00.000Z';
      const earlier: [string, string][] = [
        ['c-1', 'eyJ.first.text'],
        ['c-2', '{"proof":{"type":"DataIntegrityProof"}}'],
      ];
      for (const [id, jwt] of earlier)
        await client.execute({
          sql: `INSERT INTO credentials (id, issuer_org_id, achievement_id, jwt, kid, valid_from, revocation_list_id,
                suspension_list_id, status_index, issued_at) VALUES (?, 'o', 'a', ?, 'k', ?, 'r', 's', ?, ?)`,
          args: [id, jwt, at, id === 'c-1' ? 1 : 2, at],
        });
      await client.execute('PRAGMA foreign_keys=ON');
      await migrateLibsql(db);
      const bodies = await client.execute('SELECT key, body FROM credential_bodies ORDER BY key');
      expect(bodies.rows.map((r) => [r.key, r.body])).toEqual(earlier);
      const columns = await client.execute("SELECT name FROM pragma_table_info('credentials')");
      const names = columns.rows.map((r) => String(r.name));
      expect(names).not.toContain('jwt');
      expect(names).toContain('body_ref');
    } finally {
      client.close();
    }
  });
});

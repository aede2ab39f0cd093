/**
 * Backup and restore: a backup taken from a working instance restores into a fresh database, where credentials
 * issued before the backup still verify (same MASTER_KEY), revocations and suspensions are preserved, the issuer
 * keys still sign and people can still sign in. A damaged, truncated or foreign file is refused before anything
 * is written; a restore that fails part-way leaves the target empty; a non-empty target needs --force.
 * The CLI (`npm run backup`) is exercised end to end once.
 */
import { spawnSync } from 'node:child_process';
import type { Client } from '@libsql/client';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test, read field by field
type Body = Record<string, any>;
import { createApp } from '../../worker/app';
import { KeyDecryptionError, decryptPrivateKey } from '../../worker/credentials/keys';
import { parseConfig } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';
import { BackupError, exportBackup, nonEmptyTables, restoreBackup, verifyBackup } from '../../worker/runtime/backup';
import { TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { startServer } from '../e2e/harness';
import { PASSWORD, type World, buildWorld, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let dir: string;
let backup: string[];
/** The test database's file, as SQLite reports it (the CLI test backs it up). */
let dbFile = '';
const issued: { jwt: string; id: string; status: 'active' | 'revoked' | 'suspended' }[] = [];

async function api(e: { app: TestEnv['app'] }, path: string, body: unknown, token?: string) {
  const res = await e.app.request(`${TEST_ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** A fresh, migrated, empty database and an app over it (no seeding: the backup brings everything). */
async function freshInstance(masterKey = TEST_MASTER_KEY) {
  const path = join(dir, `fresh-${crypto.randomUUID()}.db`);
  const { client, db } = await openLibsql(`file:${path}`);
  await migrateLibsql(db);
  const clock = () => env.deps.clock();
  const config = parseConfig({
    ENVIRONMENT: 'test',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    MASTER_KEY: masterKey,
    DATABASE_URL: `file:${path}`,
  });
  const logger = jsonLogger(() => {});
  const deps: AppDeps = runtimeDeps(db, config, clock, logger);
  return { client, db, path, app: createApp(deps), deps };
}

const codesOf = (b: Body) => (b.errors as { code: string }[]).map((e) => e.code);
const sha = (text: string) => {
  const h = new SHA256();
  h.update(new TextEncoder().encode(text));
  return encodeHexLowerCase(h.digest());
};
/** Re-seals a backup whose lines were edited, so only the edit (not the checksum) is wrong. */
function reseal(lines: string[]): string[] {
  const body = lines.slice(0, -1);
  const end = JSON.parse(lines.at(-1)!);
  end.sha256 = sha(body.map((l) => `${l}\n`).join(''));
  return [...body, JSON.stringify(end)];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-backup-'));
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievement = await makeAchievement(env, world.academy.id, world.academyStaff.id);
  for (const [i, status] of (['active', 'active', 'revoked', 'suspended', 'active'] as const).entries()) {
    const email = i % 2 ? world.worker.email : `learner${i}@example.test`;
    const r = await api(
      env,
      '/credentials/issue',
      { credential: { achievementId: achievement.id, credentialSubject: { email, name: `Learner ${i}` } } },
      world.apiToken,
    );
    expect(r.status).toBe(201);
    const jwt = String(r.body.verifiableCredential.id).slice('data:application/vc+jwt,'.length);
    if (status !== 'active') {
      expect(
        (
          await api(
            env,
            '/credentials/status',
            { credentialId: r.body.credentialId, credentialStatus: [{ status }], reason: 'backup test' },
            world.apiToken,
          )
        ).status,
      ).toBe(200);
    }
    issued.push({ jwt, id: r.body.credentialId, status });
  }
  const client = (env.deps.db as unknown as { $client: Client }).$client;
  dbFile = String(
    (await client.execute('PRAGMA database_list')).rows.find((r: Record<string, unknown>) => r.name === 'main')?.file ??
      '',
  );
  backup = [];
  await exportBackup(client, (line) => void backup.push(line), env.deps.clock());
}, 120_000);

afterAll(() => {
  env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes every table with a header (schema version, MASTER_KEY notice) and a checksum, and no master key', async () => {
    const header = JSON.parse(backup[0]!);
    expect(header).toMatchObject({ format: 'care-passport-backup', version: 1 });
    expect(header.migrations.length).toBeGreaterThan(0);
    expect(header.masterKey).toMatch(/NOT in this backup/);
    const tables = backup.filter((l) => l.startsWith('{"table"')).map((l) => JSON.parse(l).table);
    for (const t of [
      'users',
      'organisations',
      'issuer_keys',
      'credentials',
      'status_lists',
      'audit_events',
      'competencies',
    ])
      expect(tables).toContain(t);
    const text = backup.join('\n');
    expect(text).toContain('"v1.'); // encrypted private keys are in
    expect(text).not.toContain(TEST_MASTER_KEY);
    const { summary } = await verifyBackup(backup);
    expect(summary.rows).toBeGreaterThan(100);
    expect(summary.tables.credentials).toBe(issued.length);
  });

  it('restores into a fresh database where earlier credentials verify, statuses hold, keys sign and people sign in', async () => {
    const fresh = await freshInstance();
    try {
      await restoreBackup(fresh.client, () => backup);
      for (const c of issued) {
        const r = await api(fresh, '/credentials/verify', { verifiableCredential: c.jwt });
        if (c.status === 'active') expect(r.body.verified, JSON.stringify(r.body.errors)).toBe(true);
        else expect(codesOf(r.body)).toEqual([c.status]);
      }
      // The restored (encrypted) issuer key signs new credentials that verify, and the API token still works.
      const ach = (await fresh.client.execute('SELECT id FROM achievements LIMIT 1')).rows[0]!.id as string;
      const again = await api(
        fresh,
        '/credentials/issue',
        {
          credential: { achievementId: ach, credentialSubject: { email: 'after@example.test', name: 'After Restore' } },
        },
        world.apiToken,
      );
      expect(again.status).toBe(201);
      const jwt = String(again.body.verifiableCredential.id).slice('data:application/vc+jwt,'.length);
      expect((await api(fresh, '/credentials/verify', { verifiableCredential: jwt })).body.verified).toBe(true);
      // Password hashes are peppered with the master key: sign-in works with the same key.
      const signIn = await fresh.app.request(`${TEST_ORIGIN}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: world.worker.email, password: PASSWORD }),
      });
      expect(signIn.status).toBe(303);
      const check = await fresh.client.execute('PRAGMA integrity_check');
      expect(check.rows[0]![0]).toBe('ok');
      expect((await fresh.client.execute('PRAGMA foreign_key_check')).rows).toHaveLength(0);
    } finally {
      fresh.client.close();
    }
  });

  it('restored with another MASTER_KEY, the keys cannot be opened and nobody can sign in: keep the key', async () => {
    const other = await freshInstance('a-completely-different-master-key-0123456789');
    try {
      await restoreBackup(other.client, () => backup);
      const blobs = (await other.client.execute('SELECT private_key_enc FROM issuer_keys')).rows.map((r) =>
        String(r.private_key_enc),
      );
      expect(blobs.length).toBeGreaterThan(0);
      for (const blob of blobs)
        await expect(decryptPrivateKey(other.deps.config.MASTER_KEY, blob)).rejects.toBeInstanceOf(KeyDecryptionError);
      for (const blob of blobs)
        await expect(decryptPrivateKey(TEST_MASTER_KEY, blob)).resolves.toMatchObject({ kty: 'OKP' });
      const signIn = await other.app.request(`${TEST_ORIGIN}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: world.worker.email, password: PASSWORD }),
      });
      expect(signIn.status).toBe(400);
    } finally {
      other.client.close();
    }
  });

  it('refuses a damaged, truncated or foreign file before writing anything', async () => {
    const fresh = await freshInstance();
    try {
      const i = backup.findIndex((l) => l.includes('"r":') && l.includes('cstf'));
      const flipped = [...backup];
      flipped[i] = flipped[i]!.replace('cstf', 'cstg');
      await expect(restoreBackup(fresh.client, () => flipped)).rejects.toThrow(/Checksum mismatch/);
      await expect(restoreBackup(fresh.client, () => backup.slice(0, -1))).rejects.toThrow(/incomplete/);
      await expect(restoreBackup(fresh.client, () => backup.slice(0, 40))).rejects.toThrow(/incomplete/);
      await expect(
        restoreBackup(fresh.client, () => ['{"format":"something-else"}', ...backup.slice(1)]),
      ).rejects.toThrow(BackupError);
      await expect(restoreBackup(fresh.client, () => ['not json'])).rejects.toThrow(/not JSON/);
      const otherSchema = [...backup];
      otherSchema[0] = JSON.stringify({ ...JSON.parse(backup[0]!), migrations: [] });
      await expect(restoreBackup(fresh.client, () => reseal(otherSchema))).rejects.toThrow(/Schema mismatch/);
      expect(await nonEmptyTables(fresh.client)).toEqual({});
    } finally {
      fresh.client.close();
    }
  });

  it('leaves the target empty when a restore fails part-way (one transaction)', async () => {
    const fresh = await freshInstance();
    try {
      // Well formed and correctly sealed, but the last credential row names a status list that does not exist.
      const lines = [...backup];
      const start = lines.findIndex((l) => l.startsWith('{"table":"credentials"'));
      expect(start).toBeGreaterThan(0);
      const columns = JSON.parse(lines[start]!).columns as string[];
      const at = start + issued.length;
      const row = JSON.parse(lines[at]!).r as unknown[];
      row[columns.indexOf('revocation_list_id')] = '00000000-0000-4000-8000-00000000dead';
      lines[at] = JSON.stringify({ r: row });
      await expect(restoreBackup(fresh.client, () => reseal(lines))).rejects.toThrow(/foreign key|nothing was/);
      expect(await nonEmptyTables(fresh.client)).toEqual({});
    } finally {
      fresh.client.close();
    }
  });

  it('refuses a non-empty target unless forced, and a forced restore replaces its contents', async () => {
    const fresh = await freshInstance();
    try {
      await restoreBackup(fresh.client, () => backup);
      await fresh.client.execute("UPDATE credentials SET status = 'revoked'");
      await expect(restoreBackup(fresh.client, () => backup)).rejects.toThrow(/not empty/);
      await restoreBackup(fresh.client, () => backup, { force: true });
      const statuses = (
        await fresh.client.execute('SELECT status, count(*) AS n FROM credentials GROUP BY status ORDER BY status')
      ).rows.map((r) => `${r.status}:${r.n}`);
      expect(statuses).toEqual(['active:3', 'revoked:1', 'suspended:1']);
    } finally {
      fresh.client.close();
    }
  });

  it('npm run backup: export, restore into a new file that the real server then serves, refuse a corrupted file', async () => {
    const source = join(dir, 'cli.jsonl');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
        cwd: process.cwd(),
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, DATABASE_URL: '' },
      });
    const exp = run('export', '--out', source, '--database-url', `file:${dbFile}`);
    expect(exp.status, exp.stderr).toBe(0);
    expect(exp.stderr).toMatch(/MASTER_KEY is NOT in this backup/);
    const serverDir = mkdtempSync(join(dir, 'server-'));
    const res = run('restore', '--in', source, '--database-url', `file:${join(serverDir, 'e2e.db')}`);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Restored \d+ rows/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, readFileSync(source, 'utf8').replace('"users"', '"userz"'));
    const refused = run('restore', '--in', bad, '--database-url', `file:${join(dir, 'never.db')}`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Checksum mismatch/);

    // The restored file, served by the real server in its own process (no caches shared with this test).
    const server = await startServer(
      { PUBLIC_ORIGIN: TEST_ORIGIN, MASTER_KEY: TEST_MASTER_KEY, SEED_DEMO: 'false' },
      serverDir,
    );
    try {
      for (const c of issued) {
        const r = await fetch(`${server.origin}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: c.jwt }),
        });
        const body = (await r.json()) as Body;
        if (c.status === 'active') expect(body.verified, JSON.stringify(body.errors)).toBe(true);
        else expect(codesOf(body)).toEqual([c.status]);
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});

/**
 * Crash safety: the real Node server (worker/node.ts) is SIGKILLed in the middle of (a) cohort issuing through the
 * cohort API and a burst of concurrent single issues, (b) a burst of status changes, (c) a burst of sign-ups; then
 * restarted on the same data directory. After each restart the database must be consistent:
 * - PRAGMA integrity_check is ok and foreign_key_check is empty;
 * - every response the client received before the kill is in the database (a 201's credential exists, a 200's status
 *   change and sign-up are there), and every credential row verifies through the restarted server;
 * - nothing is duplicated (one credential per cohort row, one account per email);
 * - nothing is half-applied: each issue's audit event counts exactly the credentials stored with it; a revoked or
 *   suspended credential has its audit event and vice versa; status list bits served match the register; every
 *   account has its creation event;
 * and re-running the cohort finishes the remaining rows without a duplicate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../db/seed/reference';
import { parseConfig } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import { base64UrlDecode, fromUtf8 } from '../../worker/credentials/encoding';
import { decodeStatusList, isBitSet, readStatusValue } from '../../worker/credentials/status-list';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';
import { ensurePlatformOrg } from '../../worker/services/organisations/issuers';
import { type RunningServer, startServer } from '../e2e/harness';
import type { TestEnv } from '../helpers/app';
import { TEST_ORIGIN } from '../helpers/app';
import { type World, buildWorld, makeAchievement } from '../helpers/world';

const MASTER_KEY = 'crash-test-master-key-0123456789-abcdefghijkl';
const SERVER_ENV = {
  // Issuer DIDs name this origin; requests go to the real port (server.origin).
  PUBLIC_ORIGIN: TEST_ORIGIN,
  MASTER_KEY,
  SEED_DEMO: 'false',
  VERIFY_RATE_PER_MINUTE: '100000000',
  LOG_REQUESTS: 'false',
  // The test client stands in for a proxy in front of many clients: each request's X-Forwarded-For is its own
  // address, so per-address limits (60 sign-ups an hour) do not refuse the burst before the kill.
  TRUSTED_PROXIES: '127.0.0.1, ::1',
};
const COHORT_ROWS = Number(process.env.CRASH_COHORT_ROWS ?? 2000);

let dir: string;
let dbUrl: string;
let server: RunningServer;
let world: World;
let achievementId: string;
/** Credentials already verified, by id, with the state they were verified in. */
const verifiedAs = new Map<string, string>();

/** A deps object over the server's database file, for setting up the world before the server starts. */
async function openDeps() {
  const { client, db } = await openLibsql(dbUrl);
  const clock = () => new Date();
  const config = parseConfig({
    ENVIRONMENT: 'development',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    MASTER_KEY,
    DATABASE_URL: dbUrl,
  });
  const logger = jsonLogger(() => {});
  const deps: AppDeps = runtimeDeps(db, config, clock, logger);
  return { client, deps };
}

async function query<T = Record<string, unknown>>(sql: string, args: (string | number | null)[] = []): Promise<T[]> {
  const { client } = await openLibsql(dbUrl);
  try {
    return (await client.execute({ sql, args })).rows as unknown as T[];
  } finally {
    client.close();
  }
}

/** The first row of a query that always returns one (counts). */
async function one<T>(sql: string, args: (string | number | null)[] = []): Promise<T> {
  const [row] = await query<T>(sql, args);
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
}

/** Runs a command to its end (at most 5 minutes) without blocking the event loop. */
function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function http(path: string, init: RequestInit & { token?: boolean } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${world.apiToken}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const res = await fetch(`${server.origin}${path}`, { ...init, headers });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test, read field by field
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Kills the server with SIGKILL (no shutdown hooks, no flushing) and waits for it to be gone. */
async function kill() {
  const gone = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGKILL');
  await gone;
}

async function restart() {
  server = await startServer(SERVER_ENV, dir);
}

/** Fires `n` requests at once; kills the server once `killAfter` answers are in. Returns the answers that arrived. */
async function burstThenKill<T>(
  n: number,
  killAfter: number,
  send: (i: number) => Promise<T>,
): Promise<{ i: number; value: T }[]> {
  const got: { i: number; value: T }[] = [];
  let killing: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      send(i)
        .then((value) => {
          if (killing) return;
          got.push({ i, value });
          if (got.length >= killAfter) killing = kill();
        })
        .catch(() => {
          /* the connection died with the server: this request's fate is unknown to the client */
        }),
    ),
  );
  await (killing ?? kill());
  return got;
}

/** Every invariant that must hold after any crash. Returns a few counts for the report. */
async function assertConsistent(label: string) {
  expect((await query<{ integrity_check: string }>('PRAGMA integrity_check'))[0]?.integrity_check, label).toBe('ok');
  expect(await query('PRAGMA foreign_key_check'), label).toEqual([]);
  expect(
    await query(
      'SELECT batch_id, batch_row, count(*) AS n FROM credentials WHERE batch_id IS NOT NULL GROUP BY batch_id, batch_row HAVING n > 1',
    ),
    label,
  ).toEqual([]);
  expect(
    await query('SELECT lower(email) AS e, count(*) AS n FROM users GROUP BY lower(email) HAVING n > 1'),
    label,
  ).toEqual([]);

  // Issuing: the audit event written in the same batch counts exactly the credentials stored with it.
  const { audited } = await one<{ audited: number }>(
    "SELECT coalesce(sum(json_extract(details, '$.count')), 0) AS audited FROM audit_events WHERE action IN ('credential.issued', 'credential.issued_many', 'credential.renewed')",
  );
  const { stored } = await one<{ stored: number }>('SELECT count(*) AS stored FROM credentials');
  expect(Number(audited), `${label}: audited issues vs stored credentials`).toBe(Number(stored));

  // Status changes: the register and the audit trail agree both ways.
  const revokedWithoutEvent = await query(
    "SELECT id FROM credentials c WHERE status = 'revoked' AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.target_id = c.id AND a.action = 'credential.revoked')",
  );
  const eventWithoutRevoked = await query(
    "SELECT a.target_id FROM audit_events a JOIN credentials c ON c.id = a.target_id WHERE a.action = 'credential.revoked' AND c.status <> 'revoked'",
  );
  const suspendedMismatch = await query(`
    SELECT c.id, c.status, (SELECT a.action FROM audit_events a WHERE a.target_id = c.id AND a.action IN ('credential.suspended', 'credential.reinstated')
                            ORDER BY a.at DESC, a.rowid DESC LIMIT 1) AS last
    FROM credentials c WHERE c.status <> 'revoked'
    AND ((c.status = 'suspended') <> (coalesce(last, '') = 'credential.suspended'))`);
  expect(revokedWithoutEvent, `${label}: revoked without event`).toEqual([]);
  expect(eventWithoutRevoked, `${label}: revocation event without revocation`).toEqual([]);
  expect(suspendedMismatch, `${label}: suspension state vs events`).toEqual([]);

  // Accounts: each has the creation event written in the same batch.
  expect(
    await query(
      "SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.target_id = u.id AND a.action IN ('user.created', 'user.signed_up'))",
    ),
    `${label}: account without its creation event`,
  ).toEqual([]);

  // Status lists as served (decoded) match the register bit for bit.
  const lists = await query<{ id: string; purpose: string }>('SELECT id, purpose FROM status_lists');
  for (const list of lists) {
    const res = await fetch(`${server.origin}/status-lists/${list.id}`);
    expect(res.status).toBe(200);
    const payload = JSON.parse(fromUtf8(base64UrlDecode((await res.text()).split('.')[1]!)!));
    const bits = await decodeStatusList(payload.credentialSubject.encodedList);
    if (list.purpose === 'message') {
      // One 2-bit value per credential: 0x1 revoked, 0x2 suspended, 0x0 otherwise.
      const rows = await query<{ i: number; status: string }>(
        "SELECT status_index AS i, status FROM credentials WHERE revocation_list_id = ? AND status <> 'active'",
        [list.id],
      );
      const want = rows.map((r) => `${Number(r.i)}:${r.status === 'revoked' ? 1 : 2}`).sort();
      const served: string[] = [];
      for (let i = 0; i < (bits.length * 8) / 2; i++) {
        const value = readStatusValue(bits, i, 2);
        if (value) served.push(`${i}:${value}`);
      }
      expect(served.sort(), `${label}: list ${list.id}`).toEqual(want);
      continue;
    }
    const column = list.purpose === 'revocation' ? 'revocation_list_id' : 'suspension_list_id';
    const set = new Set(
      (
        await query<{ i: number }>(`SELECT status_index AS i FROM credentials WHERE ${column} = ? AND status = ?`, [
          list.id,
          list.purpose === 'revocation' ? 'revoked' : 'suspended',
        ])
      ).map((r) => Number(r.i)),
    );
    const served: number[] = [];
    for (let i = 0; i < bits.length * 8; i++) if (isBitSet(bits, i)) served.push(i);
    expect(served, `${label}: list ${list.id}`).toEqual([...set].sort((a, b) => a - b));
  }

  // Every credential row verifies through the restarted server (or fails only with its recorded status). A row
  // already verified in the same state is not sent again: its JWT is unchanged and the lists were compared above.
  // Each row's signed text is where the row says (its id, or body_ref after a re-signing): a row never points at nothing.
  const withText = await query<{ id: string; jwt: string | null; status: string }>(
    'SELECT c.id, b.body AS jwt, c.status FROM credentials c LEFT JOIN credential_bodies b ON b.key = coalesce(c.body_ref, c.id)',
  );
  expect(
    withText.filter((r) => r.jwt === null).map((r) => r.id),
    `${label}: credential rows without their signed text`,
  ).toEqual([]);
  const rows = withText as { id: string; jwt: string; status: string }[];
  const todo = rows.filter((r) => verifiedAs.get(r.id) !== `${r.status}:${r.jwt.length}:${r.jwt.slice(-16)}`);
  const failures: string[] = [];
  for (let i = 0; i < todo.length; i += 16) {
    await Promise.all(
      todo.slice(i, i + 16).map(async (row) => {
        const r = await http('/credentials/verify', {
          method: 'POST',
          body: JSON.stringify({ verifiableCredential: row.jwt }),
        });
        const codes = (r.body.errors as { code: string }[]).map((e) => e.code);
        const ok = row.status === 'active' ? r.body.verified === true : codes.length === 1 && codes[0] === row.status;
        if (!ok) failures.push(`${row.id} (${row.status}): ${codes.join(',')}`);
        else verifiedAs.set(row.id, `${row.status}:${row.jwt.length}:${row.jwt.slice(-16)}`);
      }),
    );
  }
  expect(failures, `${label}: credentials that do not verify`).toEqual([]);
  return { credentials: rows.length, verifiedNow: todo.length, lists: lists.length };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-crash-'));
  dbUrl = `file:${join(dir, 'e2e.db')}`;
  // Build the world in the server's database before it starts: an academy with an API token, people, an achievement.
  const { client, deps } = await openDeps();
  await migrateLibsql(deps.db);
  await seedReference(deps.db);
  await ensurePlatformOrg(deps.db, deps.clock());
  const env = { deps } as unknown as TestEnv;
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  client.close();
  await restart();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety (SIGKILL of the real server)', () => {
  it('(a) cohort issuing killed mid-progress: nothing lost or doubled, and the cohort finishes without duplicates', async () => {
    const rows = Array.from({ length: COHORT_ROWS }, (_, i) => ({
      name: `Cohort Learner ${i}`,
      email: `cohort${i}@example.test`,
      completion_date: '2026-05-01',
    }));
    const up = await http(`/api/v1/academies/${world.academy.slug}/cohorts`, {
      method: 'POST',
      token: true,
      body: JSON.stringify({ achievementId, fileName: 'big.csv', rows }),
    });
    expect(up.status, JSON.stringify(up.body).slice(0, 500)).toBe(201);
    const batchId: string = up.body.batchId ?? up.body.id ?? up.body.batch?.id;
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);
    // Confirming starts issuing at once (for a 2 s budget); the server is killed as soon as the first chunks are
    // stored, so it dies with a chunk in flight whatever the machine's speed.
    const confirming = http(`/api/v1/academies/${world.academy.slug}/cohorts/${batchId}/confirm`, {
      method: 'POST',
      token: true,
    }).catch(() => null);
    const deadline = Date.now() + 120_000;
    const issuedSoFar = async () =>
      Number((await one<{ n: number }>('SELECT count(*) AS n FROM credentials WHERE batch_id = ?', [batchId])).n);
    while ((await issuedSoFar()) < 100) {
      if (Date.now() > deadline) throw new Error('the cohort did not start issuing');
      await new Promise((r) => setTimeout(r, 50));
    }
    await kill();
    await confirming;
    const atKill = await issuedSoFar();
    expect(atKill, 'some, not all, rows were issued when the server died').toBeGreaterThan(0);
    expect(atKill).toBeLessThan(COHORT_ROWS);

    const { marked } = await one<{ marked: number }>(
      "SELECT count(*) AS marked FROM issue_batch_rows WHERE batch_id = ? AND state = 'issued'",
      [batchId],
    );
    await restart();
    const afterCrash = await assertConsistent('after the cohort crash');
    console.log(
      `crash (a) cohort: ${atKill} of ${COHORT_ROWS} rows stored when killed (${marked} marked issued, ${atKill - Number(marked)} stored but not yet marked); consistent after restart (${afterCrash.credentials} credentials verified)`,
    );

    // Re-run: the API carries on; rows stranded between "stored" and "marked" are left for a minute (a live run may
    // still be e-mailing them), so the operator's command takes them over.
    for (let i = 0; i < 40; i++) {
      const p = await http(`/api/v1/academies/${world.academy.slug}/cohorts/${batchId}/progress`, { token: true });
      expect(p.status).toBe(200);
      const { missing } = await one<{ missing: number }>(
        "SELECT count(*) AS missing FROM issue_batch_rows r WHERE r.batch_id = ? AND r.state = 'pending' AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.batch_id = r.batch_id AND c.batch_row = r.row_no)",
        [batchId],
      );
      if (p.body.finished || Number(missing) === 0) break;
    }
    // When the kill fell between chunks, nothing was stranded and the API calls above may already have finished
    // the batch; otherwise rows wait for the operator's command.
    const { status: beforeFinish } = await one<{ status: string }>('SELECT status FROM issue_batches WHERE id = ?', [
      batchId,
    ]);
    // What an operator runs after a crash: `npm run admin -- finish-batches` (takes over stranded rows at once).
    // Run without blocking this process: a blocked event loop leaves the HTTP client holding keep-alive
    // sockets the server has meanwhile closed, and the next request fails with "other side closed".
    const finish = await runCommand(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'finish-batches'], {
      ...process.env,
      DATABASE_URL: dbUrl,
      MASTER_KEY,
      PUBLIC_ORIGIN: TEST_ORIGIN,
    });
    expect(finish.status, finish.stderr).toBe(0);
    if (beforeFinish === 'done') expect(finish.stdout).toContain('No unfinished cohort batches.');
    else expect(finish.stdout).toContain(`Batch ${batchId}: ${COHORT_ROWS} of ${COHORT_ROWS} processed`);
    const { status } = await one<{ status: string }>('SELECT status FROM issue_batches WHERE id = ?', [batchId]);
    expect(status).toBe('done');
    const perRow = await query<{ n: number; rows: number }>(
      'SELECT count(*) AS n, count(DISTINCT batch_row) AS rows FROM credentials WHERE batch_id = ?',
      [batchId],
    );
    expect(Number(perRow[0]!.n)).toBe(COHORT_ROWS);
    expect(Number(perRow[0]!.rows)).toBe(COHORT_ROWS);
    expect(
      await query(
        "SELECT row_no FROM issue_batch_rows WHERE batch_id = ? AND (state <> 'issued' OR credential_id IS NULL)",
        [batchId],
      ),
    ).toEqual([]);
    const finished = await assertConsistent('after finishing the cohort');
    console.log(
      `crash (a) cohort: finished ${COHORT_ROWS}/${COHORT_ROWS} rows (${beforeFinish === 'done' ? 'by the API, nothing was stranded' : 'by finish-batches'}), one credential each; ${finished.credentials} credentials, all verify`,
    );
  }, 600_000);

  it('(a) concurrent single issues killed mid-stream: every 201 maps to a stored, verifying credential', async () => {
    const answers = await burstThenKill(120, 40, (i) =>
      http('/credentials/issue', {
        method: 'POST',
        token: true,
        body: JSON.stringify({
          credential: {
            achievementId,
            credentialSubject: { email: i % 3 ? `burst${i}@example.test` : world.worker.email, name: `Burst ${i}` },
          },
        }),
      }),
    );
    const created = answers
      .filter((a) => a.value.status === 201)
      .map((a) => String(a.value.body.credentialId).replace('urn:uuid:', ''));
    expect(created.length).toBeGreaterThanOrEqual(40);
    await restart();
    const found = new Set((await query<{ id: string }>('SELECT id FROM credentials')).map((r) => r.id));
    expect(
      created.filter((id) => !found.has(id)),
      'credentials answered 201 but lost',
    ).toEqual([]);
    // Each credential for someone without a passport has its claim link stored with it.
    expect(
      await query(
        'SELECT id FROM credentials c WHERE subject_user_id IS NULL AND NOT EXISTS (SELECT 1 FROM claims k WHERE k.credential_id = c.id)',
      ),
    ).toEqual([]);
    const c = await assertConsistent('after the issuing burst');
    console.log(
      `crash (a) burst: 120 concurrent issues, ${answers.length} answered before the kill (${created.length} x 201), all stored; ${c.credentials} credentials, all verify`,
    );
  }, 300_000);

  it('(b) a burst of status changes killed mid-way: every 200 applied, nothing half-applied, lists match', async () => {
    const targets = await query<{ id: string }>(
      "SELECT id FROM credentials WHERE status = 'active' AND batch_id IS NULL ORDER BY issued_at LIMIT 90",
    );
    expect(targets.length).toBeGreaterThanOrEqual(30);
    const want = (i: number) => (i % 2 ? 'revoked' : 'suspended');
    const killAfter = Math.floor(targets.length / 3);
    const answers = await burstThenKill(targets.length, killAfter, (i) =>
      http('/credentials/status', {
        method: 'POST',
        token: true,
        body: JSON.stringify({
          credentialId: targets[i]!.id,
          credentialStatus: [{ status: want(i) }],
          reason: 'crash test',
        }),
      }),
    );
    const ok = answers.filter((a) => a.value.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(killAfter);
    await restart();
    for (const a of ok) {
      const [row] = await query<{ status: string }>('SELECT status FROM credentials WHERE id = ?', [targets[a.i]!.id]);
      expect(row?.status, `change answered 200 for ${targets[a.i]!.id}`).toBe(want(a.i));
    }
    const c = await assertConsistent('after the status burst');
    console.log(
      `crash (b) status: ${targets.length} concurrent changes, ${ok.length} answered 200 before the kill, all applied; ${c.lists} status lists match the register`,
    );
  }, 300_000);

  it('(c) a burst of sign-ups killed mid-way: every answered sign-up exists, one account per email', async () => {
    // 20 of the 80 requests repeat an address already in the burst (a double click, two tabs).
    const email = (i: number) => `signup${i < 60 ? i : i - 60}@example.test`;
    const answers = await burstThenKill(80, 25, (i) =>
      fetch(`${server.origin}/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i}` },
        body: new URLSearchParams({
          email: email(i),
          password: 'crash test pass phrase 1',
          displayName: `Signup ${i}`,
        }),
      }).then(async (r) => ({ status: r.status, text: await r.text() })),
    );
    const ok = answers.filter((a) => a.value.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(25);
    await restart();
    const users = new Set((await query<{ email: string }>('SELECT email FROM users')).map((r) => r.email));
    expect(
      ok.map((a) => email(a.i)).filter((e) => !users.has(e)),
      'sign-ups answered 200 but lost',
    ).toEqual([]);
    const c = await assertConsistent('after the sign-up burst');
    const { n } = await one<{ n: number }>("SELECT count(*) AS n FROM users WHERE email LIKE 'signup%'");
    console.log(
      `crash (c) sign-up: 80 concurrent (20 repeats), ${ok.length} answered 200 before the kill, all stored; ${n} accounts, none duplicated; ${c.credentials} credentials, all verify`,
    );
  }, 300_000);
});

/**
 * Benchmark: the commissioner dashboard for one area with many consenting workers and credentials, rendered
 * through the real app (app.request, session cookie, HTML page), against a libSQL file.
 *
 *   npx tsx bench/commissioner.ts [--workers 100000] [--credentials-per-worker 10] [--iterations 15]
 *                                 [--db path] [--reuse] [--no-proposed-indexes]
 *
 * Figures: cutting the monthly release (every credential read once, every table of every role category
 * protected and stored), cold (first render after the cut), warm (median and p95 of renders that read the
 * stored release rows, after 3 uncounted warm-up renders), after a consent withdrawal and after 100 new
 * credentials (unchanged figures until the next release), and the JSON API. Wall and CPU time, and the load average: other processes share this machine's 2 cores. The proposed indexes (PROPOSED_INDEXES) are
 * added to this bench database only; the app's migrations do not have them yet.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedReference } from '../db/seed/reference';
import { createApp } from '../worker/app';
import { parseConfig } from '../worker/config';
import { jsonLogger, runtimeDeps } from '../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';
import { saveWorkforceProfile } from '../worker/services/workforce/consent';
import { cutRelease } from '../worker/services/workforce/releases';
import { SESSION_COOKIE, createSession } from '../worker/services/accounts/sessions';
import { generateDataset } from './generate-dataset';

/** Indexes the dashboard needs (see the report): both covering, so the per-worker stream reads no table rows. */
export const PROPOSED_INDEXES = [
  // Every credential of a worker, with what the summary needs, in one index range per worker.
  'CREATE INDEX IF NOT EXISTS credentials_workforce_idx ON credentials (subject_user_id, valid_from, valid_until, aligned_ids, issuer_org_id, status, replaced_by_id)',
  // An area's consenting workers in id order (chunked id ranges, merge-friendly joins); supersedes users_area_idx.
  'CREATE INDEX IF NOT EXISTS users_workforce_idx ON users (area_code, workforce_consent, id, current_role_id)',
];

export interface CommissionerBenchOptions {
  workers?: number;
  credentialsPerWorker?: number;
  iterations?: number;
  /** Database file; default a file in the OS temp folder named after the sizes. */
  dbPath?: string;
  /** Keep and reuse a database generated earlier with the same sizes (generation takes minutes at 1M). */
  reuse?: boolean;
  proposedIndexes?: boolean;
  log?: (line: string) => void;
}

export interface CommissionerBenchResult {
  name: string;
  workers: number;
  credentials: number;
  iterations: number;
  /** Warm renders of the HTML dashboard for the area (median and 95th percentile). */
  medianMs: number;
  p95Ms: number;
  /** CPU time of this process per warm render (median): less sensitive to other load on the machine. */
  medianCpuMs: number;
  /** First render after start: every credential read and summarised. */
  coldMs: number;
  coldCpuMs: number;
  /** Cutting the release the dashboard reads. */
  cutMs: number;
  cutCpuMs: number;
  /** The render right after a worker withdrew consent (the release is unchanged). */
  afterWithdrawalMs: number;
  /** The render right after 100 credentials were issued to counted workers. */
  afterIssueMs: number;
  jsonMedianMs: number;
  dbSizeBytes: number;
  generateMs: number | null;
  proposedIndexes: boolean;
  /** 1-minute load average when the run ended (other processes compete for the 2 cores). */
  loadAverage: number;
  /** JS heap in use after the warm renders (the cached summaries of the area live there). */
  heapUsedMb: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Runs the benchmark and returns its figures. */
export async function benchCommissioner(opts: CommissionerBenchOptions = {}): Promise<CommissionerBenchResult> {
  const workers = opts.workers ?? 100_000;
  const perWorker = opts.credentialsPerWorker ?? 10;
  const iterations = opts.iterations ?? 15;
  const log = opts.log ?? (() => {});
  const path = opts.dbPath ?? join(tmpdir(), `cp-bench-commissioner-${workers}x${perWorker}.db`);
  const marker = `${workers}x${perWorker}`;

  let generateMs: number | null = null;
  let ready = false;
  if (opts.reuse && existsSync(path)) {
    const probe = await openLibsql(`file:${path}`);
    try {
      const r = await probe.client.execute("SELECT value FROM platform_settings WHERE key = 'bench:commissioner'");
      ready = r.rows[0]?.value === marker;
    } catch {
      ready = false;
    }
    probe.client.close();
  }
  if (!ready) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    mkdirSync(dirname(path), { recursive: true });
  }
  const { client, db } = await openLibsql(`file:${path}`);
  let areaCode: string;
  let slug: string;
  let commissionerUser: string;
  if (!ready) {
    await migrateLibsql(db);
    await seedReference(db);
    log(`generating ${workers} workers x ${perWorker} credentials into ${path} ...`);
    const ds = await generateDataset(db, { workers, credentialsPerWorker: perWorker, areas: 1, log });
    generateMs = ds.ms;
    log(`generated in ${(ds.ms / 1000).toFixed(1)} s`);
    await client.execute({
      sql: "INSERT OR REPLACE INTO platform_settings (key, value) VALUES ('bench:commissioner', ?)",
      args: [marker],
    });
  }
  {
    const org = await client.execute(
      "SELECT o.id, o.slug, o.area_code FROM organisations o WHERE o.slug = 'bench-commissioner'",
    );
    const row = org.rows[0];
    if (!row) throw new Error('bench database has no commissioner');
    slug = String(row.slug);
    areaCode = String(row.area_code);
    const m = await client.execute({ sql: 'SELECT user_id FROM memberships WHERE org_id = ?', args: [String(row.id)] });
    commissionerUser = String(m.rows[0]?.user_id);
  }
  const useIndexes = opts.proposedIndexes !== false;
  for (const ix of PROPOSED_INDEXES) {
    const name = ix.match(/EXISTS (\w+)/)?.[1] ?? '';
    if (useIndexes) {
      const t = performance.now();
      await client.execute(ix);
      log(`index ${name}: ${Math.round(performance.now() - t)} ms`);
    } else await client.execute(`DROP INDEX IF EXISTS ${name}`);
  }
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');

  const config = parseConfig({
    ENVIRONMENT: 'test',
    MASTER_KEY: 'bench-master-key-0123456789-abcdefghijklmnop',
    DATABASE_URL: `file:${path}`,
    LOG_REQUESTS: 'false',
    SEED_DEMO: 'false',
  });
  const clock = () => new Date('2026-06-01T09:00:00Z');
  const logger = jsonLogger(() => {});
  const app = createApp(runtimeDeps(db, config, clock, logger));
  const { token } = await createSession(db, commissionerUser, clock(), 30);
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' };
  const page = `/commissioner/${slug}?area=${areaCode}`;
  const timed = async (path: string, accept = 'text/html') => {
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const res = await app.request(path, { headers: { ...headers, accept } });
    const body = await res.text();
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, body };
  };

  await client.execute('DELETE FROM workforce_releases'); // a reused database keeps earlier runs' releases
  const cutCpu0 = process.cpuUsage();
  const cutT0 = performance.now();
  await cutRelease(db, { now: clock(), cutBy: null });
  const cutMs = performance.now() - cutT0;
  const cutCpu = process.cpuUsage(cutCpu0);
  log(`release cut: ${Math.round(cutMs)} ms`);
  const cold = await timed(page);
  log(`cold render: ${Math.round(cold.ms)} ms, ${Math.round(cold.cpuMs)} ms CPU (${cold.body.length} bytes)`);
  // Warm-up renders (JIT, and the garbage the cold build left) are not counted.
  for (let i = 0; i < 3; i++) await timed(page);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const r = await timed(page);
    warm.push(r.ms);
    warmCpu.push(r.cpuMs);
  }
  const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  const json: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(iterations / 3)); i++)
    json.push((await timed(`/api/v1/commissioner/${slug}/dashboard?area=${areaCode}`, 'application/json')).ms);

  // A worker withdraws consent: the render still shows the release (the change waits for the next one).
  const someone = await client.execute({
    sql: 'SELECT id, current_role_id FROM users WHERE area_code = ? AND workforce_consent = 1 LIMIT 1',
    args: [areaCode],
  });
  const quitter = String(someone.rows[0]?.id);
  const role = (someone.rows[0]?.current_role_id as string | null) ?? null;
  await saveWorkforceProfile(db, { userId: quitter, areaCode, currentRoleId: role, consent: false, now: clock() });
  const afterWithdrawal = await timed(page);
  await saveWorkforceProfile(db, { userId: quitter, areaCode, currentRoleId: role, consent: true, now: clock() });
  await timed(page);

  // 100 new credentials for counted workers (copies of existing rows with new ids and status slots).
  await client.execute(`INSERT INTO credentials (id, issuer_org_id, achievement_id, subject_user_id, kid, valid_from, valid_until, status,
      revocation_list_id, suspension_list_id, status_index, aligned_ids, issued_at)
    SELECT 'bench-new-' || rowid, issuer_org_id, achievement_id, subject_user_id, kid, '2026-06-01T00:00:00.000Z', valid_until, 'active',
      revocation_list_id, suspension_list_id, status_index + 1000000000, aligned_ids, '2026-06-01T00:00:00.000Z'
    FROM credentials WHERE rowid IN (SELECT rowid FROM credentials ORDER BY rowid LIMIT 100)`);
  const afterIssue = await timed(page);
  await client.execute("DELETE FROM credentials WHERE id LIKE 'bench-new-%'");

  const size = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  const credentialCount = Number((await client.execute('SELECT max(rowid) AS n FROM credentials')).rows[0]?.n ?? 0);
  client.close();
  return {
    name: `commissioner dashboard, 1 area, ${workers.toLocaleString('en-GB')} workers / ${credentialCount.toLocaleString('en-GB')} credentials`,
    workers,
    credentials: credentialCount,
    iterations,
    medianMs: round(percentile(warm, 50)),
    p95Ms: round(percentile(warm, 95)),
    medianCpuMs: round(percentile(warmCpu, 50)),
    cutMs: round(cutMs),
    cutCpuMs: round((cutCpu.user + cutCpu.system) / 1000),
    coldMs: round(cold.ms),
    coldCpuMs: round(cold.cpuMs),
    afterWithdrawalMs: round(afterWithdrawal.ms),
    afterIssueMs: round(afterIssue.ms),
    jsonMedianMs: round(percentile(json, 50)),
    dbSizeBytes: size,
    generateMs,
    proposedIndexes: useIndexes,
    loadAverage: round(loadavg()[0] ?? 0),
    heapUsedMb: heapMb,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchCommissioner({
    workers: Number(arg('workers') ?? 100_000),
    credentialsPerWorker: Number(arg('credentials-per-worker') ?? 10),
    iterations: Number(arg('iterations') ?? 15),
    dbPath: arg('db'),
    reuse: process.argv.includes('--reuse'),
    proposedIndexes: !process.argv.includes('--no-proposed-indexes'),
    log: (l) => console.log(l),
  });
  console.log(JSON.stringify(result, null, 2));
}

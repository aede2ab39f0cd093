/**
 * Benchmark 5 — national scale in one libSQL file: a generated workforce of 100,000 workers with 1,000,000
 * credentials (bench/generate-dataset.ts), then the passport page query for random workers (loadPassport, the
 * loader behind GET /passport, and role fit's loadHoldings), the commissioner dashboard (bench/commissioner.ts),
 * the same dashboard served by workerd from a D1 copy (bench/edge-dashboard.ts) and the database size. --quick uses 10,000 workers / 100,000 credentials.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { seedReference } from '../db/seed/reference';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';
import { loadPassport } from '../worker/services/passport/passport';
import { loadHoldings } from '../worker/services/employer/role-fit';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import { trackDir } from './lib/processes';
import type { Figure } from './lib/report';
import { round, sampleLatencies, summarize } from './lib/stats';
import { generateDataset } from './generate-dataset';
import { runEdgeDashboard } from './edge-dashboard';
import { BODY_TABLE } from '../db/credential-bodies';
import { createCacheKit } from '../worker/lib/cache-kit';
import { roleFitFor } from '../worker/services/employer/role-fit';

export const CREDENTIALS_PER_WORKER = 10;
/** The whole UK care workforce: about 3 million workers with 30 million credentials (issue 18). */
const NATIONAL_CREDENTIALS = 30_000_000;
/**
 * Target for the primary database (README "National scale"): under 1,000 B a credential keeps the national primary
 * (one libSQL server) under 30 GB for 30 million credentials, so the rows and indexes every passport, role-fit and
 * register query reads stay in one server's memory; and it lets one 10 GB D1 database (its limit on the paid plan,
 * developers.cloudflare.com/d1/platform/limits) hold about 10 million credentials, a nation-sized deployment.
 */
const PRIMARY_BYTES_TARGET = 1000;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function run(ctx: BenchContext): Promise<BenchOutput> {
  const workers = ctx.scaleWorkers ?? (ctx.quick ? 10_000 : 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'cp-bench-scale-'));
  trackDir(dir);
  const path = join(dir, 'scale.db');
  const bodiesPath = join(dir, 'bodies.db');
  const { client, db } = await openLibsql(`file:${path}`);
  // The national set-up: signed texts in their own store (R2 on Workers; here a second libSQL file, as
  // CREDENTIAL_BODIES_URL sets up on Node), the primary database holding the rows every query reads.
  const bodies = await openLibsql(`file:${bodiesPath}`);
  try {
    await migrateLibsql(db);
    await seedReference(db);
    await bodies.client.execute(BODY_TABLE);
    ctx.log(`scale: generating ${workers.toLocaleString('en-GB')} workers x ${CREDENTIALS_PER_WORKER} credentials`);
    const t0 = performance.now();
    const dataset = await generateDataset(db, {
      workers,
      credentialsPerWorker: CREDENTIALS_PER_WORKER,
      areas: 1,
      files: { primary: path, bodies: ctx.scaleRowsOnly ? null : bodiesPath },
      log: (line) => ctx.log(`scale: ${line}`),
    });
    const generateS = (performance.now() - t0) / 1000;
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    await bodies.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const dbBytes = fileSize(path) + fileSize(`${path}-wal`);
    const bodyBytes = fileSize(bodiesPath) + fileSize(`${bodiesPath}-wal`);
    ctx.log(
      `scale: ${dataset.counts.credentials.toLocaleString('en-GB')} credentials in ${generateS.toFixed(0)} s, primary ${(dbBytes / 2 ** 30).toFixed(2)} GiB, bodies ${(bodyBytes / 2 ** 30).toFixed(2)} GiB`,
    );

    // Random consenting workers, a different one for every call, so no single worker's pages stay hot.
    const sampleCount = ctx.quick ? 300 : 1000;
    const ids = (
      await client.execute({
        sql: 'SELECT id FROM users WHERE workforce_consent = 1 ORDER BY random() LIMIT ?',
        args: [sampleCount + 100],
      })
    ).rows.map((r) => String(r.id));
    const now = new Date('2026-06-01T09:00:00Z');
    let i = 0;
    const nextId = () => ids[i++ % ids.length] as string;
    const passportMs = await sampleLatencies((id: string) => loadPassport(db, id, now), {
      warmup: 50,
      iterations: sampleCount,
      prepare: nextId,
    });
    const holdingsMs = await sampleLatencies((id: string) => loadHoldings(db, id, now), {
      warmup: 50,
      iterations: sampleCount,
      prepare: nextId,
    });
    // Role fit at hire for a worker from her stored passport: her holdings, then the verdict for a care worker role.
    const fitDeps = { db, caches: createCacheKit(() => now) };
    const roleFitMs = await sampleLatencies(
      async (id: string) =>
        roleFitFor(fitDeps, 'role:cwp-care-or-support-worker', await loadHoldings(db, id, now), now),
      { warmup: 50, iterations: sampleCount, prepare: nextId },
    );
    const sampleSize = (await loadPassport(db, ids[0] as string, now)).length;

    const figures: Figure[] = [
      { bench: 'scale', name: `dataset: workers`, value: dataset.counts.users, unit: 'rows' },
      { bench: 'scale', name: `dataset: credentials`, value: dataset.counts.credentials, unit: 'rows' },
      { bench: 'scale', name: 'database size (file + WAL)', value: dbBytes / 2 ** 20, unit: 'MiB' },
      {
        bench: 'scale',
        name: 'primary database bytes per credential (rows and indexes, no signed texts)',
        value: dbBytes / Math.max(1, dataset.counts.credentials),
        unit: 'B',
        target: { op: '<', value: PRIMARY_BYTES_TARGET },
      },
      ...(ctx.scaleRowsOnly
        ? []
        : [
            {
              bench: 'scale',
              name: 'body store bytes per credential (signed texts)',
              value: bodyBytes / Math.max(1, dataset.counts.credentials),
              unit: 'B',
            } satisfies Figure,
          ]),
      {
        bench: 'scale',
        name: 'primary database at 30 million credentials, projected',
        value: ((dbBytes / Math.max(1, dataset.counts.credentials)) * NATIONAL_CREDENTIALS) / 1e9,
        unit: 'GB',
      },
      { bench: 'scale', name: 'dataset generation', value: generateS, unit: 's' },
      {
        bench: 'scale',
        name: 'passport query (loadPassport) p50',
        value: summarize(passportMs).p50,
        unit: 'ms',
        target: { op: '<', value: 5 },
      },
      { bench: 'scale', name: 'passport query (loadPassport) p99', value: summarize(passportMs).p99, unit: 'ms' },
      {
        bench: 'scale',
        name: 'holdings query (loadHoldings) p50',
        value: summarize(holdingsMs).p50,
        unit: 'ms',
        target: { op: '<', value: 5 },
      },
      {
        bench: 'scale',
        name: 'role fit from the stored passport (loadHoldings + roleFitFor) p50',
        value: summarize(roleFitMs).p50,
        unit: 'ms',
        target: { op: '<', value: 20 },
      },
    ];
    const details: Record<string, unknown> = {
      dir,
      counts: dataset.counts,
      areas: dataset.areaCodes,
      generateS: round(generateS, 4),
      dbBytes,
      bodyBytes,
      credentialsPerSampledPassport: sampleSize,
      passportMs: Object.fromEntries(Object.entries(summarize(passportMs)).map(([k, v]) => [k, round(v, 4)])),
      holdingsMs: Object.fromEntries(Object.entries(summarize(holdingsMs)).map(([k, v]) => [k, round(v, 4)])),
      roleFitMs: Object.fromEntries(Object.entries(summarize(roleFitMs)).map(([k, v]) => [k, round(v, 4)])),
    };

    const commissioner = await runCommissioner(ctx, path, client, workers);
    figures.push(...commissioner.figures);
    details.commissioner = commissioner.details;
    // The same dashboard on Cloudflare's runtime, from a D1 copy of this database with the release just cut.
    const edge = await runEdgeDashboard(ctx, path, client);
    figures.push(...edge.figures);
    details.edgeDashboard = edge.details;
    return { figures, details };
  } finally {
    client.close();
    bodies.client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The commissioner dashboard, measured by bench/commissioner.ts (another developer's module) on this very
 * database: it is marked the way benchCommissioner marks the databases it generated, so `reuse` takes it
 * instead of generating the same 1M credentials a second time. It renders the real page through the app,
 * adds its proposed covering indexes to this bench database only, and reports cold, warm and after-change times.
 */
async function runCommissioner(ctx: BenchContext, path: string, client: Client, workers: number): Promise<BenchOutput> {
  let benchCommissioner: typeof import('./commissioner')['benchCommissioner'];
  try {
    ({ benchCommissioner } = await import('./commissioner'));
  } catch (error) {
    const note = `bench/commissioner.ts is not available (${(error as Error).message.split('\n')[0]})`;
    ctx.log(`scale: ${note}`);
    return {
      figures: [{ bench: 'scale', name: 'commissioner dashboard (not measured)', value: Number.NaN, unit: 'ms', note }],
      details: { error: note },
    };
  }
  await client.execute({
    sql: "INSERT OR REPLACE INTO platform_settings (key, value) VALUES ('bench:commissioner', ?)",
    args: [`${workers}x${CREDENTIALS_PER_WORKER}`],
  });
  let r: Awaited<ReturnType<typeof benchCommissioner>>;
  try {
    r = await benchCommissioner({
      workers,
      credentialsPerWorker: CREDENTIALS_PER_WORKER,
      iterations: ctx.quick ? 5 : 15,
      dbPath: path,
      reuse: true,
      log: (line) => ctx.log(`scale/commissioner: ${line}`),
    });
  } catch (error) {
    // The dashboard failing must not hide the passport and size figures measured before it.
    const note = (error as Error).message.slice(0, 2000);
    ctx.log(`scale: the commissioner dashboard failed: ${note.slice(0, 200)}`);
    return {
      figures: [
        {
          bench: 'scale',
          name: 'commissioner dashboard (failed, see details)',
          value: Number.NaN,
          unit: 'ms',
          target: { op: '<', value: 1000 },
          note,
        },
      ],
      details: { error: note },
    };
  }
  if (r.generateMs !== null) ctx.log('scale: benchCommissioner regenerated the dataset (its reuse marker changed?)');
  const f = (name: string, value: number, target?: Figure['target']): Figure => ({
    bench: 'scale',
    name,
    value,
    unit: 'ms',
    ...(target ? { target } : {}),
  });
  return {
    figures: [
      f('commissioner dashboard, warm render p50', r.medianMs, { op: '<', value: 1000 }),
      f('commissioner dashboard, warm render p95', r.p95Ms),
      f('commissioner dashboard, cold (first) render', r.coldMs),
      f('commissioner dashboard, after a consent withdrawal', r.afterWithdrawalMs),
      f('commissioner dashboard, after 100 new credentials', r.afterIssueMs),
      f('commissioner dashboard, JSON API p50', r.jsonMedianMs),
      // CPU figures are less sensitive to other work on the machine; optional in case the module drops them.
      f('commissioner dashboard, warm render CPU p50', (r as Partial<typeof r>).medianCpuMs ?? Number.NaN),
      f('commissioner dashboard, cold render CPU', (r as Partial<typeof r>).coldCpuMs ?? Number.NaN),
      {
        bench: 'scale',
        name: 'commissioner: JS heap after warm renders',
        value: (r as Partial<typeof r>).heapUsedMb ?? Number.NaN,
        unit: 'MB',
      },
    ],
    details: { result: r, reusedScaleDatabase: r.generateMs === null },
  };
}

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  description: '100k workers / 1M credentials in libSQL: passport query p50, commissioner dashboard, DB size',
  run,
};

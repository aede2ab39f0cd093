/**
 * The commissioner dashboard at national scale on Cloudflare's runtime: the scale benchmark's database (after
 * bench/commissioner.ts cut the monthly release in it) copied into a local D1 database and served by
 * `wrangler dev` (workerd). Measured over HTTP with a commissioner's session cookie: the first (cold) render of
 * the area's page, warm renders (p50, p95) and the JSON API, named like the Node figures "on workerd (D1)".
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { openLibsql } from '../worker/runtime/libsql';
import { SESSION_COOKIE, createSession } from '../worker/services/accounts/sessions';
import type { BenchContext, BenchOutput } from './lib/context';
import { installLocalD1 } from './lib/local-d1';
import { trackDir } from './lib/processes';
import type { Figure } from './lib/report';
import { type RunningBenchServer, startEdgeServer } from './lib/servers';
import { round, summarize } from './lib/stats';

const BENCH = 'scale';
const FIGURE = 'commissioner dashboard on workerd (D1)';

interface DashboardTarget {
  page: string;
  api: string;
  cookie: string;
}

/**
 * Copies the scale database to `dest` as a single rollback-journal file (what a D1 file is) and adds a session
 * for the bench commissioner's user, valid by the wall clock the Worker uses.
 */
async function copyForD1(source: { path: string; client: Client }, dest: string): Promise<DashboardTarget> {
  await source.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  copyFileSync(source.path, dest);
  const { client, db } = await openLibsql(`file:${dest}`);
  try {
    await client.execute('PRAGMA journal_mode=DELETE');
    const org = (
      await client.execute(
        "SELECT o.id, o.slug, o.area_code, m.user_id FROM organisations o JOIN memberships m ON m.org_id = o.id WHERE o.slug = 'bench-commissioner' LIMIT 1",
      )
    ).rows[0];
    if (!org) throw new Error('the scale database has no bench commissioner (did the commissioner step run?)');
    const { token } = await createSession(db, String(org.user_id), new Date(), 30);
    const [slug, area] = [String(org.slug), String(org.area_code)];
    return {
      page: `/commissioner/${slug}?area=${area}`,
      api: `/api/v1/commissioner/${slug}/dashboard?area=${area}`,
      cookie: `${SESSION_COOKIE}=${token}`,
    };
  } finally {
    client.close();
  }
}

async function timedGet(url: string, cookie: string, accept: string): Promise<{ ms: number; body: string }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie, accept }, redirect: 'manual' });
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

/** The JSON API's answer must be the area's published figures, and the page must show that release. */
function checkFigures(json: string, page: string): { period: string; population: unknown } {
  const d = JSON.parse(json) as { release?: { period: string } | null; gated?: boolean; population?: unknown };
  if (!d.release || d.gated) throw new Error(`workerd served no published figures for the area: ${json.slice(0, 300)}`);
  if (!page.includes(`Release ${d.release.period}`))
    throw new Error(`the page on workerd does not show release ${d.release.period}`);
  return { period: d.release.period, population: d.population };
}

/**
 * Cold render, 3 uncounted warm-ups, `iterations` warm renders, then the JSON API (as bench/commissioner.ts),
 * and the health check's round trip as the baseline of an HTTP request to `wrangler dev`.
 */
async function measure(server: RunningBenchServer, target: DashboardTarget, iterations: number) {
  const get = (path: string, accept = 'text/html') => timedGet(`${server.url}${path}`, target.cookie, accept);
  const cold = await get(target.page);
  for (let i = 0; i < 3; i++) await get(target.page);
  const warm: number[] = [];
  for (let i = 0; i < iterations; i++) warm.push((await get(target.page)).ms);
  const json: number[] = [];
  let lastJson = '';
  for (let i = 0; i < Math.max(3, Math.floor(iterations / 3)); i++) {
    const r = await get(target.api, 'application/json');
    json.push(r.ms);
    lastJson = r.body;
  }
  // The floor under every figure above: wrangler's dev proxy, workerd and one D1 query, no dashboard.
  const health: number[] = [];
  for (let i = 0; i < iterations; i++) health.push((await get('/healthz', 'application/json')).ms);
  const shown = checkFigures(lastJson, cold.body);
  return {
    coldMs: cold.ms,
    coldBytes: cold.body.length,
    warm: summarize(warm),
    json: summarize(json),
    health: summarize(health),
    shown,
  };
}

function failed(ctx: BenchContext, note: string): BenchOutput {
  ctx.log(`scale: ${FIGURE} failed: ${note.slice(0, 300)}`);
  return {
    figures: [
      {
        bench: BENCH,
        name: `${FIGURE} (failed, see note)`,
        value: Number.NaN,
        unit: 'ms',
        target: { op: '<', value: 1000 },
        note,
      },
    ],
    details: { error: note },
  };
}

/**
 * Serves a copy of the scale database (`path`, open as `client`) from `wrangler dev` and times the commissioner
 * dashboard over HTTP. Never throws: a failure is one NaN figure with the reason, so earlier figures stand.
 */
export async function runEdgeDashboard(ctx: BenchContext, path: string, client: Client): Promise<BenchOutput> {
  const persist = mkdtempSync(join(tmpdir(), 'cp-bench-edge-dashboard-'));
  trackDir(persist);
  let server: RunningBenchServer | undefined;
  try {
    let target: DashboardTarget;
    try {
      target = await copyForD1({ path, client }, join(persist, 'dashboard.db'));
      const file = await installLocalD1(persist, join(persist, 'dashboard.db'));
      ctx.log(`scale: the scale database is now the local D1 file ${file}`);
    } catch (error) {
      return failed(ctx, `could not make the local D1 database: ${(error as Error).message.slice(0, 1500)}`);
    }
    try {
      server = await startEdgeServer(ctx.log, { prepareDb: false, persistDir: persist, quiet: true });
    } catch (error) {
      return failed(
        ctx,
        `wrangler dev did not start on the scale database: ${(error as Error).message.slice(0, 1500)}`,
      );
    }
    ctx.log(`scale: wrangler dev serves the scale database (ready in ${Math.round(server.startupMs)} ms)`);
    let r: Awaited<ReturnType<typeof measure>>;
    try {
      r = await measure(server, target, ctx.quick ? 5 : 15);
    } catch (error) {
      const output = server.output().slice(-1500);
      return failed(ctx, `${(error as Error).message.slice(0, 1500)}${output ? `\nwrangler: ${output}` : ''}`);
    }
    ctx.log(
      `scale: on workerd, release ${r.shown.period}: cold ${Math.round(r.coldMs)} ms (${r.coldBytes} bytes), warm p50 ${Math.round(r.warm.p50)} ms`,
    );
    const f = (name: string, value: number, target?: Figure['target']): Figure => ({
      bench: BENCH,
      name: `${FIGURE}, ${name}`,
      value,
      unit: 'ms',
      ...(target ? { target } : {}),
    });
    return {
      figures: [
        f('warm render p50', r.warm.p50, { op: '<', value: 1000 }),
        f('warm render p95', r.warm.p95),
        f('cold (first) render', r.coldMs),
        f('JSON API p50', r.json.p50),
        f('GET /healthz p50 (dev proxy + one D1 query)', r.health.p50),
        f('wrangler dev start-up', server.startupMs),
      ],
      details: {
        coldMs: round(r.coldMs, 4),
        coldBytes: r.coldBytes,
        warmMs: r.warm,
        jsonMs: r.json,
        healthzMs: r.health,
        startupMs: round(server.startupMs, 4),
        release: r.shown,
        loadAverage: round(loadavg()[0] ?? 0),
      },
    };
  } finally {
    if (server) await server.stop();
    rmSync(persist, { recursive: true, force: true });
  }
}

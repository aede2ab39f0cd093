/**
 * Benchmark 4 — HTTP load on the public POST /credentials/verify endpoint, with autocannon's programmatic API,
 * against the Node server and against `wrangler dev` (workerd + local D1), each with a credential issued through
 * the API first. Traffic goes only to 127.0.0.1, for a fixed duration, and stops by itself.
 */
import autocannon, { type Result } from 'autocannon';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import { memoryPoller } from './lib/processes';
import type { Figure } from './lib/report';
import { oneCoreCeiling, rawVerifyRate } from './lib/ceiling';
import { ratio, round } from './lib/stats';
import {
  type RunningBenchServer,
  issueOverHttp,
  startEdgeServer,
  startNodeServer,
  startWhatIfServer,
  verifyOverHttp,
} from './lib/servers';

/** Runs of raw Ed25519 for R: round-robin medians, like the verify benchmark's. */
const RAW_QUICK = { warmupMs: 300, durationMs: 700, runs: 3 };
const RAW_FULL = { warmupMs: 1000, durationMs: 1500, runs: 5 };

export interface LoadOptions {
  connections: number;
  warmupS: number;
  durationS: number;
}

export interface LoadOutcome {
  verificationsPerSec: number;
  /** Median of autocannon's per-second request counts. */
  perSecondP50: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  completed: number;
  peakRssMiB: number;
  peakHwmMiB: number;
  enginePeakRssMiB: number;
  statusCodes: Record<string, number>;
}

/** Warm-up, then the measured run while sampling the server's memory; finally one more verify must still succeed. */
export async function loadVerify(server: RunningBenchServer, jwt: string, opts: LoadOptions): Promise<LoadOutcome> {
  const request = {
    url: `${server.url}/credentials/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
    connections: opts.connections,
    timeout: 10,
  };
  const memory = memoryPoller(server.pids);
  const engine = memoryPoller(server.enginePids);
  await autocannon({ ...request, duration: opts.warmupS });
  const result: Result = await autocannon({ ...request, duration: opts.durationS });
  const mem = memory.stop();
  const eng = engine.stop();
  await verifyOverHttp(server.url, jwt);
  return {
    verificationsPerSec: result['2xx'] / Math.max(result.duration, 1e-9),
    perSecondP50: result.requests.p50,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    completed: result.latency.totalCount,
    peakRssMiB: mem.peakRssMiB,
    peakHwmMiB: mem.peakHwmMiB,
    enginePeakRssMiB: eng.peakRssMiB,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

/** The server stack's own ceiling: a static asset (no database, no crypto) under the same load, briefly. */
export async function staticBaseline(
  server: RunningBenchServer,
  connections: number,
  durationS: number,
): Promise<{ perSec: number; p99: number }> {
  const r = await autocannon({ url: `${server.url}/static/app.css`, connections, duration: durationS, timeout: 10 });
  return { perSec: r['2xx'] / Math.max(r.duration, 1e-9), p99: r.latency.p99 };
}

function figuresFor(
  label: 'Node' | 'wrangler dev',
  o: LoadOutcome,
  withTargets: boolean,
  connections: number,
): Figure[] {
  const t = <T>(x: T) => (withTargets ? x : undefined);
  return [
    {
      bench: 'http-load',
      name: `${label}: verifications/s (x${connections} connections)`,
      value: o.verificationsPerSec,
      unit: 'req/s',
      target: t({ op: '>=', value: 1000 }),
    },
    { bench: 'http-load', name: `${label}: latency p50`, value: o.latencyP50, unit: 'ms' },
    {
      bench: 'http-load',
      name: `${label}: latency p99`,
      value: o.latencyP99,
      unit: 'ms',
      target: t({ op: '<', value: 50 }),
    },
    {
      bench: 'http-load',
      name: `${label}: errors + timeouts + non-2xx`,
      value: o.errors + o.timeouts + o.non2xx,
      unit: 'count',
      target: { op: '<=', value: 0 },
    },
    {
      bench: 'http-load',
      name: `${label}: peak RSS (sampled, all server processes)`,
      value: o.peakRssMiB,
      unit: 'MiB',
    },
  ];
}

/** R (raw Ed25519 on one core, same credential), the one-core ceiling with S, and the verifier's share of it. */
function ceilingFigures(
  label: 'Node' | 'wrangler dev',
  o: LoadOutcome,
  rawPerSec: number,
  stackPerSec: number,
  withTargets: boolean,
): Figure[] {
  const ceiling = oneCoreCeiling(rawPerSec, stackPerSec);
  return [
    { bench: 'http-load', name: `${label}: one-core ceiling 1/(1/R + 1/S)`, value: ceiling, unit: 'req/s' },
    {
      bench: 'http-load',
      name: `${label}: verifications/s / one-core ceiling`,
      value: ratio(o.verificationsPerSec, ceiling),
      unit: 'ratio',
      ...(withTargets ? { target: { op: '>=', value: 0.8 } as const } : {}),
    },
  ];
}

/**
 * The Node server: the load test, the stack's ceiling on a static file (S) and, in the same run, raw Ed25519 on
 * one core (R) for the credential under load; figures and details are added to the run's. Returns R.
 */
async function loadNode(
  ctx: BenchContext,
  opts: LoadOptions,
  baselineS: number,
  figures: Figure[],
  details: Record<string, unknown>,
): Promise<number> {
  ctx.log('http-load: starting the Node server');
  const node = await startNodeServer();
  try {
    const jwt = await issueOverHttp(node.url, node.issuer);
    await verifyOverHttp(node.url, jwt);
    ctx.log(`http-load: Node, ${opts.durationS} s at ${opts.connections} connections`);
    const o = await loadVerify(node, jwt, opts);
    figures.push(...figuresFor('Node', o, true, opts.connections));
    figures.push({ bench: 'http-load', name: 'Node: kernel peak RSS (VmHWM)', value: o.peakHwmMiB, unit: 'MiB' });
    const base = await staticBaseline(node, opts.connections, baselineS);
    figures.push({
      bench: 'http-load',
      name: 'Node: stack ceiling, GET /static/app.css',
      value: base.perSec,
      unit: 'req/s',
    });
    ctx.log('http-load: raw Ed25519 (node:crypto, one core) on the same credential');
    const raw = await rawVerifyRate(node.url, jwt, ctx.quick ? RAW_QUICK : RAW_FULL);
    figures.push(
      { bench: 'http-load', name: 'raw Ed25519 node:crypto.verify, one core (R)', value: raw, unit: 'ops/s' },
      ...ceilingFigures('Node', o, raw, base.perSec, true),
    );
    details.node = {
      startupMs: Math.round(node.startupMs),
      ...roundAll(o),
      staticBaseline: roundAll(base),
      rawEd25519PerSec: round(raw, 5),
      ceiling: round(oneCoreCeiling(raw, base.perSec), 5),
    };
    return raw;
  } finally {
    await node.stop();
  }
}

async function run(ctx: BenchContext): Promise<BenchOutput> {
  const opts: LoadOptions = ctx.quick
    ? { connections: 64, warmupS: 2, durationS: 10 }
    : { connections: 64, warmupS: 5, durationS: 60 };
  const whatIfOpts: LoadOptions = { ...opts, warmupS: 2, durationS: ctx.quick ? 5 : 20 };
  const baselineS = ctx.quick ? 3 : 5;
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { options: opts };

  const rawPerSec = await loadNode(ctx, opts, baselineS, figures, details);

  ctx.log('http-load: what-if server (trust/status caches, in-memory rate limit)');
  let whatIf: RunningBenchServer | undefined;
  try {
    whatIf = await startWhatIfServer();
    const jwt = await issueOverHttp(whatIf.url, whatIf.issuer);
    await verifyOverHttp(whatIf.url, jwt);
    const o = await loadVerify(whatIf, jwt, whatIfOpts);
    figures.push(
      {
        bench: 'http-load',
        name: 'what-if Node (caches, memory rate limit): verifications/s',
        value: o.verificationsPerSec,
        unit: 'req/s',
      },
      { bench: 'http-load', name: 'what-if Node: latency p99', value: o.latencyP99, unit: 'ms' },
      {
        bench: 'http-load',
        name: 'what-if Node: errors + timeouts + non-2xx',
        value: o.errors + o.timeouts + o.non2xx,
        unit: 'count',
      },
    );
    details.whatIf = { options: whatIfOpts, ...roundAll(o) };
  } catch (error) {
    details.whatIf = { error: (error as Error).message };
    figures.push({
      bench: 'http-load',
      name: 'what-if Node (could not run, see details)',
      value: Number.NaN,
      unit: 'req/s',
    });
  } finally {
    await whatIf?.stop();
  }

  ctx.log('http-load: starting wrangler dev');
  let edge: RunningBenchServer | undefined;
  try {
    edge = await startEdgeServer(ctx.log, { quiet: true });
    const jwt = await issueOverHttp(edge.url, edge.issuer);
    await verifyOverHttp(edge.url, jwt);
    ctx.log(`http-load: wrangler dev, ${opts.durationS} s at ${opts.connections} connections`);
    const o = await loadVerify(edge, jwt, opts);
    figures.push(...figuresFor('wrangler dev', o, false, opts.connections));
    figures.push({
      bench: 'http-load',
      name: 'wrangler dev: peak RSS of workerd alone',
      value: o.enginePeakRssMiB,
      unit: 'MiB',
    });
    const base = await staticBaseline(edge, opts.connections, baselineS);
    figures.push({
      bench: 'http-load',
      name: 'wrangler dev: stack ceiling, GET /static/app.css',
      value: base.perSec,
      unit: 'req/s',
    });
    figures.push(...ceilingFigures('wrangler dev', o, rawPerSec, base.perSec, false));
    details.edge = { startupMs: Math.round(edge.startupMs), ...roundAll(o), staticBaseline: roundAll(base) };
  } catch (error) {
    const message = (error as Error).message;
    ctx.log(`http-load: wrangler dev could not be driven: ${message.split('\n')[0]}`);
    figures.push({
      bench: 'http-load',
      name: 'wrangler dev: verifications/s (could not run, see details)',
      value: Number.NaN,
      unit: 'req/s',
      note: message,
    });
    details.edge = { error: message };
  } finally {
    await edge?.stop();
  }
  return { figures, details };
}

function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 5) : v])) as T;
}

export const httpLoadBenchmark: Benchmark = {
  name: 'http-load',
  description: 'autocannon on POST /credentials/verify: Node server and wrangler dev (req/s, p99, errors, RSS)',
  run,
};

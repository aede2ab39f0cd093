/**
 * Measurement helpers for the benchmarks: percentiles, latency sampling and throughput runs with warm-up,
 * repeated runs and a median across them. Pure where possible so test/unit/bench-stats.test.ts can pin them.
 */

export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The p-th percentile (0..100) of ascending-sorted values, linearly interpolated between closest ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** The median of unsorted values (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Count, extremes, mean and the percentiles the targets are written in. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, v) => s + v, 0) / n : Number.NaN;
  return {
    n,
    min: n ? (sorted[0] as number) : Number.NaN,
    max: n ? (sorted[n - 1] as number) : Number.NaN,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** a / b, or NaN when b is not a positive number (a ratio of nothing is not zero). */
export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(a) ? a / b : Number.NaN;
}

/** Rounds to `digits` significant digits (for tables and JSON; raw values are kept in details). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

export interface SampleOptions {
  /** Calls made and discarded first (JIT, caches, lazy imports). */
  warmup: number;
  /** Calls timed. */
  iterations: number;
  /** Stop sampling early after this many milliseconds (at least one timed call is always made). */
  maxMs?: number;
  /** Runs before each call, untimed (e.g. signing a fresh presentation). */
  prepare?: () => Promise<unknown> | unknown;
}

/** Times `fn` call by call, one at a time, after warm-up; returns milliseconds per call. */
export async function sampleLatencies<T>(
  fn: (prepared: T) => Promise<unknown> | unknown,
  opts: SampleOptions & { prepare?: () => Promise<T> | T },
): Promise<number[]> {
  const call = async () => {
    const prepared = (opts.prepare ? await opts.prepare() : undefined) as T;
    const t0 = performance.now();
    await fn(prepared);
    return performance.now() - t0;
  };
  for (let i = 0; i < opts.warmup; i++) await call();
  const out: number[] = [];
  const deadline = opts.maxMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + opts.maxMs;
  for (let i = 0; i < opts.iterations; i++) {
    out.push(await call());
    if (performance.now() > deadline) break;
  }
  return out;
}

export interface ThroughputRun {
  ops: number;
  ms: number;
  opsPerSec: number;
  /** CPU seconds (user + system, all threads of this process) per wall second: >1 means more than one core worked. */
  cores: number;
}

/**
 * Runs `op` back to back for `durationMs` with `concurrency` loops in flight and counts completions. A
 * synchronous op runs in one loop (concurrency would only interleave it). Returns the run's rate.
 */
export async function throughputRun(
  op: () => Promise<unknown> | unknown,
  durationMs: number,
  concurrency = 1,
): Promise<ThroughputRun> {
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + durationMs;
  const loop = async () => {
    // Reading the clock every call would cost as much as a fast op; every 8 calls is precise enough for >=100 ms runs.
    for (;;) {
      for (let k = 0; k < 8; k++) {
        const r = op();
        if (r && typeof (r as Promise<unknown>).then === 'function') await r;
        ops++;
      }
      if (performance.now() >= end) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ops, ms, opsPerSec: (ops * 1000) / ms, cores: (cpu.user + cpu.system) / 1000 / ms };
}

export interface Contender {
  name: string;
  op: () => Promise<unknown> | unknown;
  /** Loops in flight (default 1). */
  concurrency?: number;
}

export interface ThroughputOptions {
  warmupMs: number;
  durationMs: number;
  runs: number;
}

export interface ThroughputResult {
  name: string;
  concurrency: number;
  /** Median ops/s across runs: the figure. */
  opsPerSec: number;
  /** Median CPU cores used while running. */
  cores: number;
  runs: ThroughputRun[];
  /** (max - min) / median of the per-run rates: how noisy the figure is. */
  spread: number;
}

/**
 * Measures contenders round-robin (warm-up each, then run 1 of every contender, run 2 of every contender, ...)
 * so drift in machine speed hits all of them alike, and the ratios between them are fair.
 */
export async function compareThroughput(contenders: Contender[], opts: ThroughputOptions): Promise<ThroughputResult[]> {
  for (const c of contenders) await throughputRun(c.op, opts.warmupMs, c.concurrency ?? 1);
  const runs = new Map<string, ThroughputRun[]>(contenders.map((c) => [c.name, []]));
  for (let i = 0; i < opts.runs; i++) {
    for (const c of contenders) runs.get(c.name)?.push(await throughputRun(c.op, opts.durationMs, c.concurrency ?? 1));
  }
  return contenders.map((c) => {
    const rs = runs.get(c.name) ?? [];
    const rates = rs.map((r) => r.opsPerSec);
    const med = median(rates);
    return {
      name: c.name,
      concurrency: c.concurrency ?? 1,
      opsPerSec: med,
      cores: median(rs.map((r) => r.cores)),
      runs: rs,
      spread: ratio(Math.max(...rates) - Math.min(...rates), med),
    };
  });
}

/** Median over `runs` repetitions of an async measurement that returns one number (e.g. total ms of a batch). */
export async function repeatMedian(
  runs: number,
  measure: (run: number) => Promise<number>,
): Promise<{ median: number; values: number[] }> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await measure(i));
  return { median: median(values), values };
}

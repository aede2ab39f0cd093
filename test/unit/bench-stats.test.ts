/** The benchmark suite's measurement and reporting helpers (bench/lib): the maths and formats the figures rest on. */
import { describe, expect, it } from 'vitest';
import { oneCoreCeiling } from '../../bench/lib/ceiling';
import { pickD1File } from '../../bench/lib/local-d1';
import { parseArgs, selectBenchmarks } from '../../bench/lib/context';
import { parseProcStatus } from '../../bench/lib/processes';
import { figuresTable, finish, formatNumber, meets, renderTable, resultFileName } from '../../bench/lib/report';
import {
  compareThroughput,
  median,
  percentile,
  ratio,
  repeatMedian,
  round,
  sampleLatencies,
  summarize,
  throughputRun,
} from '../../bench/lib/stats';

describe('percentile', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('interpolates between closest ranks', () => {
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile(sorted, 50)).toBe(5.5);
    expect(percentile(sorted, 90)).toBeCloseTo(9.1, 10);
    expect(percentile(sorted, 99)).toBeCloseTo(9.91, 10);
  });

  it('is the value itself for a single sample and NaN for none', () => {
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile(sorted, 101)).toThrow(RangeError);
    expect(() => percentile(sorted, -1)).toThrow(RangeError);
  });
});

describe('median and summarize', () => {
  it('median sorts its input and averages the middle pair', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });

  it('summarize reports count, extremes, mean and the target percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    const s = summarize(values);
    expect(s).toMatchObject({ n: 100, min: 1, max: 100, mean: 50.5, p50: 50.5 });
    expect(s.p95).toBeCloseTo(95.05, 10);
    expect(s.p99).toBeCloseTo(99.01, 10);
  });

  it('summarize of nothing is NaN, not zero', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});

describe('ratio and round', () => {
  it('ratio of a positive denominator, NaN otherwise', () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });

  it('round keeps significant digits and passes non-finite values through', () => {
    expect(round(1234.5678, 3)).toBe(1230);
    expect(round(0.00123456, 2)).toBe(0.0012);
    expect(round(Number.NaN)).toBeNaN();
    expect(round(0)).toBe(0);
  });
});

describe('sampleLatencies', () => {
  it('discards warm-up calls and times each call, with an untimed prepare step', async () => {
    const seen: number[] = [];
    let n = 0;
    const samples = await sampleLatencies(
      async (x: number) => {
        seen.push(x);
      },
      { warmup: 3, iterations: 5, prepare: () => ++n },
    );
    expect(samples).toHaveLength(5);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of samples) expect(s).toBeGreaterThanOrEqual(0);
  });

  it('stops early at maxMs but always keeps at least one sample', async () => {
    const samples = await sampleLatencies(() => new Promise((r) => setTimeout(r, 20)), {
      warmup: 0,
      iterations: 100,
      maxMs: 1,
    });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toBeGreaterThanOrEqual(15);
  });
});

describe('throughput', () => {
  it('counts completed operations over the run and reports a rate', async () => {
    let calls = 0;
    const r = await throughputRun(() => {
      calls++;
    }, 30);
    expect(r.ops).toBe(calls);
    expect(r.ms).toBeGreaterThanOrEqual(30);
    expect(r.opsPerSec).toBeCloseTo((r.ops * 1000) / r.ms, 6);
  });

  it('keeps `concurrency` async operations in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await throughputRun(
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
      },
      30,
      4,
    );
    expect(peak).toBe(4);
  });

  it('compareThroughput warms every contender up, then runs them round-robin and reports the median run', async () => {
    const order: string[] = [];
    let current = '';
    const op = (name: string) => () => {
      if (current !== name) order.push(name);
      current = name;
    };
    const results = await compareThroughput(
      [
        { name: 'a', op: op('a') },
        { name: 'b', op: op('b') },
      ],
      { warmupMs: 5, durationMs: 10, runs: 3 },
    );
    // Warm-up a, b; then run 1 a, b; run 2 a, b; run 3 a, b.
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    for (const r of results) {
      expect(r.runs).toHaveLength(3);
      expect(r.opsPerSec).toBe(median(r.runs.map((x) => x.opsPerSec)));
      expect(r.spread).toBeGreaterThanOrEqual(0);
    }
  });

  it('repeatMedian returns the median of the measurements', async () => {
    const values = [30, 10, 20];
    const r = await repeatMedian(3, async (i) => values[i] as number);
    expect(r).toEqual({ median: 20, values: [30, 10, 20] });
  });
});

describe('targets and the table', () => {
  it('meets compares in the stated direction and never passes NaN', () => {
    expect(meets(5, { op: '<', value: 5 })).toBe(false);
    expect(meets(5, { op: '<=', value: 5 })).toBe(true);
    expect(meets(1000, { op: '>=', value: 1000 })).toBe(true);
    expect(meets(3, { op: '>', value: 3 })).toBe(false);
    expect(meets(Number.NaN, { op: '>=', value: 0 })).toBe(false);
  });

  it('finish marks pass, miss, informational and unmeasured figures', () => {
    const base = { bench: 'b', name: 'n', unit: 'ms' };
    expect(finish({ ...base, value: 3, target: { op: '<', value: 20 } }).result).toBe('pass');
    expect(finish({ ...base, value: 30, target: { op: '<', value: 20 } }).result).toBe('miss');
    expect(finish({ ...base, value: 30 }).result).toBe('info');
    expect(finish({ ...base, value: Number.NaN, target: { op: '<', value: 20 } }).result).toBe('n/a');
  });

  it('formats numbers for reading', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('renders aligned columns, numbers to the right', () => {
    const t = renderTable(
      ['name', 'value'],
      [
        ['a', '1'],
        ['longer', '1,000'],
      ],
      [false, true],
    );
    expect(t.split('\n')).toEqual(['name    value', '------  -----', 'a           1', 'longer  1,000']);
  });

  it('the figures table shows target and result', () => {
    const t = figuresTable([
      finish({ bench: 'verify', name: 'ratio', value: 0.75, unit: 'ratio', target: { op: '>=', value: 0.5 } }),
    ]);
    expect(t).toContain('>= 0.500');
    expect(t).toMatch(/verify\s+ratio\s+0\.750\s+ratio\s+>= 0\.500\s+pass/);
  });

  it('result files are named by start time without colons', () => {
    expect(resultFileName(new Date('2026-11-23T10:35:09.123Z'))).toBe('2026-11-23T10-35-09Z.json');
  });
});

describe('command line', () => {
  it('parses --quick, --only in both spellings, and --out', () => {
    expect(parseArgs([])).toEqual({
      quick: false,
      only: null,
      help: false,
      outDir: null,
      scaleWorkers: null,
      scaleRowsOnly: false,
    });
    expect(parseArgs(['--only', 'scale', '--scale-workers', '1000000'])).toMatchObject({ scaleWorkers: 1_000_000 });
    expect(parseArgs(['--quick', '--only', 'verify,issue'])).toMatchObject({ quick: true, only: ['verify', 'issue'] });
    expect(parseArgs(['--only=scale', '--only', 'bundle', '--out', '/tmp/x'])).toMatchObject({
      only: ['scale', 'bundle'],
      outDir: '/tmp/x',
    });
  });

  it('refuses unknown flags and a flag without its value', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/Unknown argument/);
    expect(() => parseArgs(['--only'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--only', '--quick'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--scale-workers', 'lots'])).toThrow(/whole number/);
  });

  it('selects benchmarks in suite order and names unknown ones', () => {
    const all = [{ name: 'verify' }, { name: 'issue' }, { name: 'scale' }];
    expect(selectBenchmarks(all, null).map((b) => b.name)).toEqual(['verify', 'issue', 'scale']);
    expect(selectBenchmarks(all, ['scale', 'verify']).map((b) => b.name)).toEqual(['verify', 'scale']);
    expect(() => selectBenchmarks(all, ['nope'])).toThrow(/Unknown benchmark nope/);
  });
});

describe('process memory', () => {
  it('reads VmRSS and VmHWM from /proc/<pid>/status', () => {
    const text = 'Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t7\n';
    expect(parseProcStatus(text)).toEqual({ rssKiB: 102400, hwmKiB: 204800 });
    expect(parseProcStatus('Name:\tzombie\nState:\tZ (zombie)\n')).toBeNull();
  });
});

describe('oneCoreCeiling', () => {
  it('adds the per-request costs of one signature check and one pass through the stack', () => {
    // 100 µs of crypto plus 100 µs of stack: 5,000 a second at best.
    expect(oneCoreCeiling(10_000, 10_000)).toBeCloseTo(5000, 6);
    expect(oneCoreCeiling(6000, 12_000)).toBeCloseTo(4000, 6);
    // Never above either part alone.
    expect(oneCoreCeiling(20_000, 1000)).toBeLessThan(1000);
  });

  it('is NaN when either rate is missing or not positive', () => {
    expect(oneCoreCeiling(Number.NaN, 1000)).toBeNaN();
    expect(oneCoreCeiling(1000, 0)).toBeNaN();
  });
});

describe('pickD1File (the local D1 database file wrangler dev serves)', () => {
  const hash = '9ba2b04bf514d9facfd57ed57d849e77241a7adc99d1c1545d06688b43d84248.sqlite';

  it('takes the one database file beside miniflare metadata and write-ahead files', () => {
    expect(pickD1File(['metadata.sqlite', 'metadata.sqlite-wal', hash, `${hash}-wal`, `${hash}-shm`])).toBe(hash);
  });

  it('refuses a folder with no database, or with two (it could replace the wrong one)', () => {
    expect(() => pickD1File(['metadata.sqlite'])).toThrow(/found none/);
    expect(() => pickD1File([])).toThrow(/files: none/);
    expect(() => pickD1File([hash, `other-${hash}`, 'metadata.sqlite'])).toThrow(/found 2/);
  });
});

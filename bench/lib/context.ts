/** What every benchmark receives and returns, and the command-line flags of `npm run bench`. */
import type { Figure } from './report';

export interface BenchContext {
  /** --quick: shorter runs and smaller datasets, for a smoke run. */
  quick: boolean;
  /** --scale-workers N: the scale benchmark's workforce (10 credentials each) instead of its default. */
  scaleWorkers?: number;
  /** --scale-rows-only: the scale benchmark leaves the signed texts out (primary database only). */
  scaleRowsOnly?: boolean;
  /** Progress line on stderr (the table and JSON stay clean). */
  log(message: string): void;
}

export interface BenchOutput {
  figures: Figure[];
  /** Raw data for the JSON file. */
  details: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  /** One line for --help and the README. */
  description: string;
  run(ctx: BenchContext): Promise<BenchOutput>;
}

export interface Args {
  quick: boolean;
  only: string[] | null;
  help: boolean;
  /** Where the JSON goes (default bench/results). */
  outDir: string | null;
  scaleWorkers: number | null;
  scaleRowsOnly: boolean;
}

/**
 * Parses `--quick`, `--only a,b` (or `--only=a,b`), `--out <dir>`, `--scale-workers <n>`, `--scale-rows-only`,
 * `--help`; throws on
 * anything else.
 */
export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, only: null, help: false, outDir: null, scaleWorkers: null, scaleRowsOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--full') args.quick = false;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--only') {
      const names = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      args.only = [...(args.only ?? []), ...names];
    } else if (flag === '--out') args.outDir = value();
    else if (flag === '--scale-rows-only') args.scaleRowsOnly = true;
    else if (flag === '--scale-workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1000) throw new Error('--scale-workers needs a whole number of at least 1000');
      args.scaleWorkers = n;
    } else throw new Error(`Unknown argument ${a} (try --help)`);
  }
  return args;
}

/** The benchmarks to run, in suite order; throws naming any unknown name. */
export function selectBenchmarks<T extends { name: string }>(all: readonly T[], only: string[] | null): T[] {
  if (!only) return [...all];
  const unknown = only.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${all.map((b) => b.name).join(', ')}`);
  return all.filter((b) => only.includes(b.name));
}

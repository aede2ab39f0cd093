/**
 * Benchmark 6 — the Worker bundle: size of what `wrangler deploy --dry-run --outdir` builds, gzip-compressed with
 * node:zlib (Workers' size limit is on the compressed upload), and start-up of `wrangler dev` on it: spawn to
 * "Ready", and spawn to the first successful response (which includes building the app on first request).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import { trackDir } from './lib/processes';
import type { Figure } from './lib/report';
import { median, round } from './lib/stats';
import { OFFLINE_WRANGLER_ENV, startEdgeServer } from './lib/servers';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

/** Every file under `dir`, recursively, with its path relative to `dir`. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Files that are uploaded as the Worker's code (source maps and notes are not). */
export function isUploadedModule(name: string): boolean {
  return !name.endsWith('.map') && !/(^|\/)README(\.md)?$/i.test(name);
}

async function measureBundle(ctx: BenchContext) {
  const out = mkdtempSync(join(tmpdir(), 'cp-bench-bundle-'));
  trackDir(out);
  try {
    const t0 = performance.now();
    const { stdout, stderr } = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true' },
      maxBuffer: 32 * 1024 * 1024,
      timeout: 300_000,
    });
    const buildMs = performance.now() - t0;
    const files = listFiles(out).filter(isUploadedModule);
    let raw = 0;
    let gz = 0;
    const perFile: Record<string, { bytes: number; gzipBytes: number }> = {};
    for (const f of files) {
      const bytes = readFileSync(join(out, f));
      const g = gzipSync(bytes, { level: 9 }).length;
      raw += bytes.length;
      gz += g;
      perFile[f] = { bytes: bytes.length, gzipBytes: g };
    }
    // wrangler prints its own figure, e.g. "Total Upload: 1234.56 KiB / gzip: 287.65 KiB".
    const printed = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(`${stdout}\n${stderr}`);
    ctx.log(`bundle: ${files.length} module(s), ${(raw / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB`);
    return {
      raw,
      gz,
      buildMs,
      perFile,
      wranglerKiB: printed ? { upload: Number(printed[1]), gzip: Number(printed[2]) } : null,
      sourceMapBytes: listFiles(out)
        .filter((f) => f.endsWith('.map'))
        .reduce((s, f) => s + statSync(join(out, f)).size, 0),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function run_(ctx: BenchContext): Promise<BenchOutput> {
  const bundle = await measureBundle(ctx);
  const starts = ctx.quick ? 1 : 3;
  const startup: { firstResponseMs: number; readyMs: number }[] = [];
  const errors: string[] = [];
  for (let i = 0; i < starts; i++) {
    try {
      // No database preparation: /healthz only runs `select 1`, so this times wrangler + workerd + the app's first build.
      const edge = await startEdgeServer(ctx.log, { prepareDb: false });
      startup.push({ firstResponseMs: edge.startupMs, readyMs: edge.readyMs ?? Number.NaN });
      await edge.stop();
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  const firstResponse = median(startup.map((s) => s.firstResponseMs));
  const ready = median(startup.map((s) => s.readyMs).filter((x) => !Number.isNaN(x)));
  const figures: Figure[] = [
    {
      bench: 'bundle',
      name: 'Worker bundle, gzip (node:zlib level 9)',
      value: bundle.gz / 1024,
      unit: 'KiB',
      target: { op: '<', value: 1024 },
    },
    { bench: 'bundle', name: 'Worker bundle, uncompressed', value: bundle.raw / 1024, unit: 'KiB' },
    ...(bundle.wranglerKiB
      ? [{ bench: 'bundle', name: "wrangler's own gzip figure", value: bundle.wranglerKiB.gzip, unit: 'KiB' }]
      : []),
    { bench: 'bundle', name: 'wrangler dev: spawn to "Ready"', value: ready, unit: 'ms' },
    { bench: 'bundle', name: 'wrangler dev: spawn to first 2xx response', value: firstResponse, unit: 'ms' },
    {
      bench: 'bundle',
      name: 'wrangler dev: "Ready" to first 2xx (app build + request)',
      value: firstResponse - ready,
      unit: 'ms',
    },
  ];
  return {
    figures,
    details: {
      buildMs: Math.round(bundle.buildMs),
      files: bundle.perFile,
      wranglerKiB: bundle.wranglerKiB,
      sourceMapBytes: bundle.sourceMapBytes,
      starts: startup.map((s) => ({ firstResponseMs: round(s.firstResponseMs, 4), readyMs: round(s.readyMs, 4) })),
      ...(errors.length ? { errors } : {}),
    },
  };
}

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  description: 'Worker bundle size gzip (wrangler deploy --dry-run) and wrangler dev start-up',
  run: run_,
};

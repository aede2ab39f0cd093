/**
 * `npm run fuzz`: the dedicated, longer endpoint fuzz (default 100,000 inputs) over every route in `app.routes`.
 *
 *   npm run fuzz                                   # 100,000 inputs, fixed seed
 *   npm run fuzz -- --inputs 250000 --seed 7       # or FUZZ_INPUTS / FUZZ_SEED
 *   npm run fuzz -- --only '/credentials|/passport' # routes whose "METHOD /path" matches a regex
 *
 * Prints inputs per second, per-route counts and status mix, and every failure with its shrunk (minimal)
 * counterexample and the seed/path to replay it; exits 1 on any failure. Everything runs in-process against a
 * fresh temporary database; no network.
 */
import { performance } from 'node:perf_hooks';
import { type TargetReport, budget, fuzzTarget, setupFuzz, trapEscapes, unhandledLogLines } from './lib';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const total = Number(arg('inputs') ?? process.env.FUZZ_INPUTS ?? 100_000);
const seed = Number(arg('seed') ?? process.env.FUZZ_SEED ?? 20261123);
const only = arg('only') ? new RegExp(arg('only')!) : null;

async function main() {
  if (!Number.isFinite(total) || total < 1) throw new Error('--inputs must be a positive number');
  const ctx = await setupFuzz();
  const release = trapEscapes(ctx);
  const targets = ctx.targets.filter((t) => !only || only.test(`${t.method} ${t.path}`));
  const shares = budget(targets, total);
  console.log(`Fuzzing ${targets.length} routes with ${total} inputs (seed ${seed})\n`);
  const started = performance.now();
  const reports: TargetReport[] = [];
  for (const [i, target] of targets.entries()) {
    const t0 = performance.now();
    const r = await fuzzTarget(ctx, target, shares[i]!, seed + i);
    reports.push(r);
    const mix = Object.entries(r.statuses)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
    const rate = Math.round(r.inputs / ((performance.now() - t0) / 1000));
    console.log(
      `${r.failure ? 'FAIL' : ' ok '} ${r.route.padEnd(58)} ${String(r.inputs).padStart(7)} inputs ${String(rate).padStart(6)}/s  ${mix}`,
    );
  }
  release();
  const seconds = (performance.now() - started) / 1000;
  const inputs = reports.reduce((s, r) => s + r.inputs, 0);
  const failures = reports.filter((r) => r.failure);
  const logged = unhandledLogLines(ctx);
  console.log(
    `\n${inputs} inputs in ${seconds.toFixed(1)} s = ${Math.round(inputs / seconds)} inputs/s over ${reports.length} routes`,
  );
  console.log(
    `failures: ${failures.length}; escaped exceptions: ${ctx.escaped.length}; unhandled errors logged: ${logged.length}`,
  );
  for (const r of failures) {
    console.log(
      `\n--- ${r.route}\n  problem: ${r.failure!.problem}\n  minimal input: ${r.failure!.counterexample}\n  replay: --only '^${r.route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$' --seed ${r.failure!.seed} (path ${r.failure!.path})`,
    );
  }
  for (const e of ctx.escaped.slice(0, 10)) console.log(`\nescaped: ${e}`);
  for (const l of logged.slice(0, 10)) console.log(`\nlogged: ${l}`);
  ctx.close();
  process.exit(failures.length || ctx.escaped.length || logged.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

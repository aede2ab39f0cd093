/**
 * The `npm test` share of the endpoint fuzzer: FUZZ_TEST_INPUTS (default 10,000) generated requests spread over
 * every route in `app.routes`, as every kind of actor. `npm run fuzz` runs the same engine with 100,000+ inputs.
 * Property: no 5xx, no exception escaping the app, JSON errors in the one error shape (see test/fuzz/lib.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzContext,
  type TargetReport,
  budget,
  fuzzTarget,
  setupFuzz,
  trapEscapes,
  unhandledLogLines,
} from './lib';

const TOTAL = Number(process.env.FUZZ_TEST_INPUTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let ctx: FuzzContext;
let release: () => void;

beforeAll(async () => {
  ctx = await setupFuzz();
  release = trapEscapes(ctx);
}, 60_000);

afterAll(() => {
  release?.();
  ctx?.close();
});

describe('endpoint fuzzing (npm test share)', () => {
  it(`sends ${TOTAL} generated inputs over every route without a 5xx or an escaped exception`, async () => {
    expect(ctx.targets.length).toBeGreaterThan(20);
    const shares = budget(ctx.targets, TOTAL);
    const reports: TargetReport[] = [];
    for (const [i, target] of ctx.targets.entries()) reports.push(await fuzzTarget(ctx, target, shares[i]!, SEED + i));
    const failures = reports.filter((r) => r.failure).map((r) => ({ route: r.route, ...r.failure }));
    expect(failures).toEqual([]);
    expect(ctx.escaped).toEqual([]);
    expect(unhandledLogLines(ctx)).toEqual([]);
    const inputs = reports.reduce((s, r) => s + r.inputs, 0);
    expect(inputs).toBeGreaterThanOrEqual(TOTAL * 0.95);
    // The fuzz must mostly get past the guards, not bounce off them: nearly every route answered at least one
    // input with something other than 401/403/404 (a few only answer 404 without a record the fuzzer cannot guess).
    const neverBeyondGuard = reports.filter((r) =>
      Object.keys(r.statuses).every((s) => ['401', '403', '404'].includes(s)),
    );
    expect(neverBeyondGuard.length, neverBeyondGuard.map((r) => r.route).join(', ')).toBeLessThanOrEqual(
      Math.ceil(reports.length * 0.1),
    );
  }, 600_000);
});

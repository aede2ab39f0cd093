import { describe, expect, it } from 'vitest';
import {
  KEY_RANGE,
  MAX_OFFSET,
  MINIMUM,
  OFFSET_WEIGHTS,
  ROUND_TO,
  cellKey,
  newKey,
  outcomeDistribution,
  ptable,
  publish,
} from '../../worker/services/workforce/perturbation';

/** Error a published figure adds to a true count of n, over every key: mean, root mean square, largest. */
function errorAt(n: number) {
  let mean = 0;
  let square = 0;
  let largest = 0;
  let protectedShare = 0;
  for (const [o, p] of outcomeDistribution(n)) {
    if (o < 0) {
      protectedShare += p;
      continue;
    }
    mean += p * (o - n);
    square += p * (o - n) ** 2;
    largest = Math.max(largest, Math.abs(o - n));
  }
  return { mean, rms: Math.sqrt(square), largest, protectedShare };
}

describe('the perturbation table', () => {
  it('holds the same distribution of offsets -14..14 in every row, the empty cell’s included', () => {
    expect(OFFSET_WEIGHTS.reduce((a, b) => a + b, 0)).toBe(KEY_RANGE);
    expect(OFFSET_WEIGHTS).toHaveLength(2 * MAX_OFFSET + 1);
    for (const value of [0, 1, 7, 12, 500, 19_999]) {
      const seen = new Array<number>(2 * MAX_OFFSET + 1).fill(0);
      for (let k = 0; k < KEY_RANGE; k++) {
        const i = ptable(value, k) + MAX_OFFSET;
        seen[i] = (seen[i] ?? 0) + 1;
      }
      expect(seen).toEqual(OFFSET_WEIGHTS);
    }
    // Neighbouring rows order the offsets differently: one more member does not keep a related offset.
    let same = 0;
    for (let k = 0; k < KEY_RANGE; k++) if (ptable(40, k) === ptable(41, k)) same++;
    expect(same / KEY_RANGE).toBeLessThan(0.2);
  });

  it('publishes the same figure for the same people in the same release, a multiple of 5, or "protected"', () => {
    for (let i = 0; i < 2000; i++) {
      const n = i % 300;
      const key = newKey();
      const release = newKey();
      const p = publish(n, key, release);
      expect(publish(n, key, release)).toBe(p);
      if (p === null) {
        expect(n).toBeLessThan(MINIMUM + MAX_OFFSET);
        continue;
      }
      expect(p % ROUND_TO).toBe(0);
      expect(p).toBeGreaterThanOrEqual(MINIMUM);
      expect(Math.abs(p - n)).toBeLessThanOrEqual(MAX_OFFSET + ROUND_TO / 2);
    }
    expect(cellKey(-1)).toBe(KEY_RANGE - 1);
    expect(cellKey(KEY_RANGE + 3)).toBe(3);
  });

  it('adds the error the README states at the sizes commissioners see (areas of 500 to 20,000 workers)', () => {
    // Every remainder mod 5 of every size from 500 to 20,000 behaves like one of these.
    const sizes = [500, 501, 502, 503, 504, 1_000, 5_000, 20_000];
    const errors = sizes.map(errorAt);
    for (const e of errors) {
      expect(Math.abs(e.mean)).toBeLessThan(0.05); // unbiased
      expect(e.rms).toBeGreaterThan(3.5);
      expect(e.rms).toBeLessThan(3.62); // README: about 3.6 workers
      expect(e.largest).toBeLessThanOrEqual(16); // README: never more than 16
      expect(e.protectedShare).toBe(0);
    }
    // Relative to the area: under 0.75% at 500 workers, under 0.02% at 20,000.
    expect((errors[0]?.rms ?? 0) / 500).toBeLessThan(0.0075);
    expect((errors.at(-1)?.rms ?? 0) / 20_000).toBeLessThan(0.0002);
    // Small cells: 8 workers are protected 43% of the time, 20 almost never.
    expect(errorAt(8).protectedShare).toBeCloseTo(0.43, 2);
    expect(errorAt(20).protectedShare).toBeLessThan(0.001);
  });

  it('bounds what one figure says about one person: odds move at most 2x, except rarely', () => {
    // For every true count, how much more likely each published outcome is with one more person in the cell.
    let worstBeyond2 = 0;
    let worstBeyond3 = 0;
    let worstBeyond10 = 0;
    for (let n = 1; n <= 400; n++) {
      // n = 1 against 0 included: a published figure never proves that a cell holds someone.
      const withP = outcomeDistribution(n);
      const without = outcomeDistribution(n - 1);
      let beyond2 = 0;
      let beyond3 = 0;
      let beyond10 = 0;
      for (const [o, p] of withP) {
        const q = without.get(o) ?? 0;
        for (const [ratio, add] of [
          [q ? p / q : Number.POSITIVE_INFINITY, p],
          [p ? q / p : Number.POSITIVE_INFINITY, q],
        ] as const) {
          if (ratio > 2) beyond2 += add / 2;
          if (ratio > 3) beyond3 += add / 2;
          if (ratio > 10) beyond10 += add / 2;
        }
      }
      worstBeyond2 = Math.max(worstBeyond2, beyond2);
      worstBeyond3 = Math.max(worstBeyond3, beyond3);
      worstBeyond10 = Math.max(worstBeyond10, beyond10);
    }
    // README: the factor exceeds 2 in under 2% of cases, 3 in under 0.05%, 10 in under 1 in 100,000.
    expect(worstBeyond2).toBeLessThan(0.02);
    expect(worstBeyond3).toBeLessThan(0.0005);
    expect(worstBeyond10).toBeLessThan(0.00001);
  });
});

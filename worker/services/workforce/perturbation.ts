/**
 * Cell-key perturbation for published workforce figures (the method the Office for National Statistics uses
 * for census tables), with rounding and a minimum. Pure: a true count and its cell key in, a published figure
 * (or "protected") out.
 *
 * - Every counted worker has a random record key in 0..65535, stored with them (workforce_record_keys) and
 *   never changed. A cell's key is the sum of its contributors' record keys mod 65536: the same set of people
 *   always has the same key, however the view was filtered and whoever asks.
 * - The offset added to a count is read from one fixed perturbation table indexed by (true count, cell key
 *   plus the release's secret key). Within a release the same set of people always gets the same offset, so
 *   asking again never averages it away. Each release has a new release key, so every cell gets a fresh
 *   offset at every release: which cells moved between two releases says nothing about which cells one
 *   person's change touched (keying by the set alone would show exactly that; see the attack tests).
 * - The perturbed count is rounded to the nearest multiple of ROUND_TO; anything that rounds below MINIMUM,
 *   zero included, is published as the one word "protected".
 */

/** Record keys, cell keys and release keys lie in 0 .. KEY_RANGE - 1. */
export const KEY_RANGE = 65_536;
/** Published figures are multiples of this. */
export const ROUND_TO = 5;
/** Figures that would be published below this are shown only as PROTECTED. */
export const MINIMUM = 10;
/** The one word shown for every protected figure, whatever its size, in pages, CSV and JSON. */
export const PROTECTED = 'protected';
/** Names the method in stored releases, so a later change of method is visible and explained. */
export const METHOD = 'cell-key-v1';

/**
 * The two halves of an offset: each of the 256 values of a key byte gives -7..+7 this many times, a discrete
 * Laplace shape (neighbouring offsets differ in probability by at most 1.8 times, 3 times at the very ends).
 */
export const HALF_WEIGHTS: readonly number[] = [1, 3, 5, 9, 14, 24, 39, 66, 39, 24, 14, 9, 5, 3, 1];
const HALF_MAX = (HALF_WEIGHTS.length - 1) / 2;
/** The largest offset the table can add or take away. */
export const MAX_OFFSET = 2 * HALF_MAX;
const SORTED_HALF = HALF_WEIGHTS.flatMap((w, i) => Array<number>(w).fill(i - HALF_MAX));
/** The 256 half-offsets, spread (97 is odd, so i * 97 mod 256 is a permutation) so neighbouring columns differ. */
const HALF: readonly number[] = SORTED_HALF.map((_, i) => SORTED_HALF[(i * 97) & 255] as number);

/**
 * How many of the 65,536 columns of a table row hold each offset -14..+14 (the two halves convolved):
 * mean 0, variance 10.7 (standard deviation 3.3).
 */
export const OFFSET_WEIGHTS: readonly number[] = Array.from({ length: 2 * MAX_OFFSET + 1 }, (_, i) =>
  HALF_WEIGHTS.reduce((sum, w, a) => sum + w * (HALF_WEIGHTS[i - a] ?? 0), 0),
);

/**
 * The perturbation table: the offset for a cell of true count `value` and key `key`. Every row, the empty
 * cell's included (so a published figure never proves that a cell holds someone), holds the same
 * distribution in its own column order (multiplying by an odd number mod 65536 is a permutation), so a cell that gains a member does
 * not keep a related offset. The high and low bytes of the permuted column each give half of the offset.
 */
export function ptable(value: number, key: number): number {
  const column = (((cellKey(key) * 40_503 + value * 7_919) % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
  return (HALF[column >> 8] as number) + (HALF[column & 255] as number);
}

/** A new random record key (a worker's) or release key. */
export function newKey(random: () => number = Math.random): number {
  return Math.floor(random() * KEY_RANGE) % KEY_RANGE;
}

/** A cell's key from the sum of its contributors' record keys (each counted as often as they count). */
export function cellKey(recordKeySum: number): number {
  return ((recordKeySum % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
}

/** A perturbed count rounded to ROUND_TO; null ("protected") when that is under MINIMUM. */
function rounded(noisy: number): number | null {
  const r = ROUND_TO * Math.floor(noisy / ROUND_TO + 0.5);
  return r < MINIMUM ? null : r;
}

/** The published figure for a true count, its cell key and the release key; null means "protected". */
export function publish(value: number, key: number, releaseKey: number): number | null {
  return rounded(Math.max(0, value) + ptable(value, key + releaseKey));
}

/**
 * The probability of each published outcome for a true count, over a random key (what someone who does not
 * know the keys can say): figure -> probability, with -1 standing for protected.
 */
export function outcomeDistribution(value: number): Map<number, number> {
  const out = new Map<number, number>();
  const total = OFFSET_WEIGHTS.reduce((a, b) => a + b, 0);
  OFFSET_WEIGHTS.forEach((w, i) => {
    if (!w) return;
    const o = rounded(Math.max(0, value) + i - MAX_OFFSET) ?? -1;
    out.set(o, (out.get(o) ?? 0) + w / total);
  });
  return out;
}

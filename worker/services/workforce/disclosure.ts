/**
 * Statistical disclosure control for workforce aggregates. Pure: raw counts in, publishable cells out.
 *
 * Rules, applied to every table of every filter combination independently (so any two views are
 * protected the same way, whoever asks):
 *  1. Population gate: a view whose population is under the threshold T shows no figures (see workforce.ts).
 *  2. Primary suppression: every count under T, zero included, is shown as "fewer than T". Zeros are not
 *     shown as 0 because a reader who knows which suppressed cells are at least 1 can pin them: four
 *     "fewer than 5" quarters under a total of "fewer than 5" would each have to be exactly 1.
 *  3. Secondary suppression: in every published relation (a row or column with a published total) that
 *     holds exactly one suppressed cell, the smallest other cell is hidden too, repeatedly.
 *  4. Rounding: every other count, and every total, is rounded to the nearest multiple of B = 2T
 *     (half up). Totals are rounded from the true figures, never summed from rounded cells.
 *  5. Shares are computed from the rounded figures only.
 *
 * Why B = 2T with T odd: every published figure is then an interval, never an exact value - a rounded P
 * stands for [P - T, P + T - 1] (width 2T), a suppressed cell for [0, T - 1], a hidden one for [0, inf).
 * In a relation total = sum of parts, what the other terms imply about one term is an interval at least
 * T - 1 wide, so it can only pin that term where it meets the edge of the term's own range: at 0 (not a
 * disclosure) or at T - 1. Reaching T - 1 from below needs (P - sum P_i) = 2T - 1 + (k + m)(T - 1), with
 * k rounded and m suppressed other terms: the left side is a multiple of 2T (even), the right side odd.
 * Working up from the parts needs sum(P_i - T) = T - 1, impossible as the left side is a multiple of T.
 * So neither "total minus visible parts" nor "one total minus another" (views that differ by one group)
 * reveals a count under T. An even configured threshold is raised to the next odd number.
 */

export interface DisclosurePolicy {
  /** Counts below this are suppressed (odd, at least 3). */
  threshold: number;
  /** Published counts are rounded to the nearest multiple of this (2 x threshold). */
  base: number;
}

/** The policy for a configured threshold (SUPPRESSION_THRESHOLD). */
export function disclosurePolicy(configured: number): DisclosurePolicy {
  const t = Math.max(3, Math.floor(configured));
  const threshold = t % 2 === 1 ? t : t + 1;
  return { threshold, base: 2 * threshold };
}

/** Rounds a count to the nearest multiple of `base`, halves up; 0 stays 0. */
export function roundCount(value: number, base: number): number {
  if (value <= 0) return 0;
  return base * Math.floor(value / base + 0.5);
}

/**
 * shown: a rounded count (at least T); small: primary suppression (0..T-1);
 * hidden: secondary suppression (any value, hidden so a small count cannot be worked out).
 */
export type CellState = 'shown' | 'small' | 'hidden';

export interface Cell {
  state: CellState;
  /** The published number: rounded for `shown`, null when suppressed. */
  value: number | null;
  /** Text for pages. */
  display: string;
  /** Text for CSV exports. */
  csv: string;
}

export interface RawTable {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  /** cells[row][col], true counts. */
  cells: number[][];
  /** Published totals of each row (e.g. every training subject row sums to the population). */
  rowTotals?: number[];
  /** Published totals of each column (e.g. a count column sums to the population). */
  colTotals?: number[];
}

export interface ProtectedTable {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  cells: Cell[][];
  rowTotals?: Cell[];
  colTotals?: Cell[];
}

const number = new Intl.NumberFormat('en-GB');

/** The published form of one count. */
export function publishCount(value: number, policy: DisclosurePolicy, hidden = false): Cell {
  if (hidden) return { state: 'hidden', value: null, display: 'hidden', csv: 'hidden' };
  if (value < policy.threshold) {
    return { state: 'small', value: null, display: `fewer than ${policy.threshold}`, csv: `<${policy.threshold}` };
  }
  const rounded = roundCount(value, policy.base);
  return { state: 'shown', value: rounded, display: number.format(rounded), csv: String(rounded) };
}

type Ref = [row: number, col: number];

/** Relations whose totals are published: each is a list of cell positions plus the true total. */
function relationsOf(t: RawTable): { parts: Ref[]; total: number }[] {
  const out: { parts: Ref[]; total: number }[] = [];
  if (t.rowTotals) {
    for (let r = 0; r < t.rows.length; r++)
      out.push({ parts: t.cols.map((_, c): Ref => [r, c]), total: t.rowTotals[r] ?? 0 });
  }
  if (t.colTotals) {
    for (let c = 0; c < t.cols.length; c++)
      out.push({ parts: t.rows.map((_, r): Ref => [r, c]), total: t.colTotals[c] ?? 0 });
  }
  return out;
}

/**
 * Which cells need secondary suppression: repeats until no published relation holds exactly one
 * suppressed cell, each time hiding the smallest unsuppressed cell of that relation.
 */
export function secondarySuppression(t: RawTable, policy: DisclosurePolicy): boolean[][] {
  const value = (r: number, c: number) => t.cells[r]?.[c] ?? 0;
  const primary = (r: number, c: number) => value(r, c) < policy.threshold;
  const hidden = t.rows.map(() => t.cols.map(() => false));
  const suppressed = (r: number, c: number) => primary(r, c) || (hidden[r]?.[c] ?? false);
  const relations = relationsOf(t).filter((rel) => rel.total >= policy.threshold);
  for (let changed = true; changed; ) {
    changed = false;
    for (const rel of relations) {
      const down = rel.parts.filter(([r, c]) => suppressed(r, c));
      if (down.length !== 1) continue;
      const candidates = rel.parts
        .filter(([r, c]) => !suppressed(r, c))
        .sort((a, b) => value(a[0], a[1]) - value(b[0], b[1]));
      const pick = candidates[0];
      if (!pick) continue;
      const row = hidden[pick[0]];
      if (row) row[pick[1]] = true;
      changed = true;
    }
  }
  return hidden;
}

/** Applies primary and secondary suppression and rounding to one table. */
export function protectTable(t: RawTable, policy: DisclosurePolicy): ProtectedTable {
  const hidden = secondarySuppression(t, policy);
  const out: ProtectedTable = {
    rows: t.rows,
    cols: t.cols,
    cells: t.rows.map((_, r) =>
      t.cols.map((_, c) => publishCount(t.cells[r]?.[c] ?? 0, policy, hidden[r]?.[c] ?? false)),
    ),
  };
  if (t.rowTotals) out.rowTotals = t.rowTotals.map((v) => publishCount(v, policy));
  if (t.colTotals) out.colTotals = t.colTotals.map((v) => publishCount(v, policy));
  return out;
}

/** A whole-percent share from published figures only; null when either is suppressed or the total is 0. */
export function shareOf(part: Cell, total: Cell): number | null {
  if (part.value === null || total.value === null || total.value === 0) return null;
  return Math.round((100 * part.value) / total.value);
}

/** The feasible range of a published cell's true value, as someone who knows these rules would work it out. */
export function plausibleRange(
  cell: Cell,
  policy: DisclosurePolicy,
  maxKnown = Number.POSITIVE_INFINITY,
): [number, number] {
  switch (cell.state) {
    case 'small':
      return [0, policy.threshold - 1];
    case 'hidden':
      return [0, maxKnown];
    case 'shown': {
      // Half-up rounding to base b maps [P - floor(b/2), P + ceil(b/2) - 1] to P.
      const v = cell.value ?? 0;
      return [Math.max(policy.threshold, v - Math.floor(policy.base / 2)), v + Math.ceil(policy.base / 2) - 1];
    }
  }
}

/**
 * The protected tables of one release: each area's true counts and cell keys, perturbed once when the
 * release is cut (perturbation.ts), stored; and every view a commissioner opens (one area, several areas,
 * a role category) derived only from those stored area figures. Pure.
 *
 * One consistent table per release: a view over several areas is the sum of the published area figures,
 * never a fresh count, so no view can be subtracted from another to reveal a sub-area.
 */
import { WORKFORCE_TABLES, type WorkforceTable } from '../../../schemas/workforce';
import { OTHER_ACADEMIES, type ProgressionRow, type RawDashboard, rawDashboard } from './dashboard';
import type { WorkforceCatalogue } from './catalogue';
import { KEY_RANGE, MINIMUM, PROTECTED, cellKey, publish } from './perturbation';
import type { PackedWorkers } from './summaries';

export type Label = { key: string; label: string };

/** One stored table: published figures, null where protected. */
export interface StoredTable {
  rows: Label[];
  cols: Label[];
  cells: (number | null)[][];
}

/** One area's protected figures for one role category, as stored with a release. */
export interface StoredArea {
  population: number | null;
  /** Empty when the population itself is protected (nothing else is published then). */
  tables: Partial<Record<WorkforceTable, StoredTable>>;
}

/** A true count and its cell key (sum of the contributors' record keys). */
interface Keyed {
  n: number;
  key: number;
}

/** Number of bits of a record key: a cell key is rebuilt from one count per bit. */
const KEY_BITS = Math.log2(KEY_RANGE);

/** A band-up move for progression, with the mover's record key. */
export interface KeyedMove extends ProgressionRow {
  recordKey: number;
}

export interface AreaInput {
  cat: WorkforceCatalogue;
  /** The area's counted workers, packed; `recordKeys[i]` belongs to the pack's worker i. */
  pack: PackedWorkers;
  recordKeys: readonly number[];
  moves: readonly KeyedMove[];
  issuerNames: ReadonlyMap<string, string>;
  now: Date;
}

/** A copy of a pack counting only the workers `keep` accepts (its `alive` mask). */
function masked(pack: PackedWorkers, keep: (i: number) => boolean): PackedWorkers {
  const alive = new Uint8Array(pack.n);
  for (let i = 0; i < pack.n; i++) alive[i] = pack.alive[i] && keep(i) ? 1 : 0;
  return { ...pack, alive };
}

/**
 * True counts and cell keys of every table for one role category. A cell key is the sum of its
 * contributors' record keys: counting again only the workers whose key has bit b set, for each b, gives
 * it as sum(2^b x count_b) through the very same table definitions (rawDashboard), so counts and keys
 * cannot disagree.
 */
export function keyedTables(input: AreaInput, category: string) {
  const run = (keep: (i: number) => boolean, moves: readonly ProgressionRow[]): RawDashboard =>
    rawDashboard({
      cat: input.cat,
      packs: [masked(input.pack, keep)],
      category,
      now: input.now,
      progression: moves,
      issuerNames: input.issuerNames,
      // Every academy gets its own row here; small ones are folded into "Other academies" after perturbation.
      threshold: 0,
    });
  const all = run(() => true, input.moves);
  const bits = Array.from({ length: KEY_BITS }, (_, b) =>
    run(
      (i) => (((input.recordKeys[i] ?? 0) >> b) & 1) === 1,
      input.moves.filter((m) => ((m.recordKey >> b) & 1) === 1),
    ),
  );
  const keyOf = (pick: (d: RawDashboard) => number) => cellKey(bits.reduce((sum, d, b) => sum + (1 << b) * pick(d), 0));
  const population: Keyed = { n: all.population, key: keyOf((d) => d.population) };
  const tables = {} as Record<WorkforceTable, { rows: Label[]; cols: Label[]; cells: Keyed[][] }>;
  for (const name of WORKFORCE_TABLES) {
    const t = all.tables[name];
    const at = (d: RawDashboard, row: string, c: number) => {
      const r = d.tables[name].rows.findIndex((x) => x.key === row);
      return r < 0 ? 0 : (d.tables[name].cells[r]?.[c] ?? 0);
    };
    tables[name] = {
      rows: t.rows,
      cols: t.cols,
      cells: t.rows.map((row, r) =>
        t.cols.map((_, c) => ({ n: t.cells[r]?.[c] ?? 0, key: keyOf((d) => at(d, row.key, c)) })),
      ),
    };
  }
  return { population, tables };
}

/**
 * Academies whose own figure would be protected are counted together under "Other academies" (their
 * counts and keys added), so a row's presence never says more than its published figure does.
 */
function foldSmallAcademies(t: { rows: Label[]; cols: Label[]; cells: Keyed[][] }, releaseKey: number) {
  const rows: Label[] = [];
  const cells: Keyed[][] = [];
  const other: Keyed = { n: 0, key: 0 };
  t.rows.forEach((row, r) => {
    const cell = t.cells[r]?.[0] ?? { n: 0, key: 0 };
    if (row.key !== OTHER_ACADEMIES && publish(cell.n, cell.key, releaseKey) !== null) {
      rows.push(row);
      cells.push([cell]);
    } else {
      other.n += cell.n;
      other.key = cellKey(other.key + cell.key);
    }
  });
  rows.push({ key: OTHER_ACADEMIES, label: 'Other academies' });
  cells.push([other]);
  return { rows, cols: t.cols, cells };
}

/** One area's stored figures for a role category: every count perturbed, rounded, protected below the minimum. */
export function protectArea(input: AreaInput, category: string, releaseKey: number): StoredArea {
  const keyed = keyedTables(input, category);
  const population = publish(keyed.population.n, keyed.population.key, releaseKey);
  if (population === null) return { population, tables: {} };
  const tables: StoredArea['tables'] = {};
  for (const name of WORKFORCE_TABLES) {
    const t = name === 'issuers' ? foldSmallAcademies(keyed.tables[name], releaseKey) : keyed.tables[name];
    tables[name] = {
      rows: t.rows,
      cols: t.cols,
      cells: t.cells.map((row) => row.map((c) => publish(c.n, c.key, releaseKey))),
    };
  }
  return { population, tables };
}

// ---------------------------------------------------------------- views derived from stored area figures

/** A published figure in a view: a number, or the one word for protected. */
export interface ViewCell {
  state: 'shown' | 'protected';
  value: number | null;
  /** Text for pages ("1,230" or "protected"). */
  display: string;
  /** Text for CSV ("1230" or "protected"). */
  csv: string;
}

const number = new Intl.NumberFormat('en-GB');

/** A view figure from published area figures: their sum, or protected when every one is protected. */
export function viewCell(parts: readonly (number | null)[]): ViewCell {
  const shown = parts.filter((p): p is number => p !== null);
  if (!shown.length) return { state: 'protected', value: null, display: PROTECTED, csv: PROTECTED };
  const value = shown.reduce((a, b) => a + b, 0);
  return { state: 'shown', value, display: number.format(value), csv: String(value) };
}

export interface ViewTable {
  name: WorkforceTable;
  rows: Label[];
  cols: Label[];
  cells: ViewCell[][];
}

/** Sums one table over areas by row key (academies named in one area may be folded in another). */
function combineTable(name: WorkforceTable, parts: readonly StoredTable[]): ViewTable {
  const rows: Label[] = [];
  const byKey = new Map<string, (number | null)[][]>();
  const cols = parts[0]?.cols ?? [];
  for (const t of parts) {
    t.rows.forEach((row, r) => {
      let acc = byKey.get(row.key);
      if (!acc) {
        acc = cols.map(() => []);
        byKey.set(row.key, acc);
        rows.push(row);
      }
      for (let c = 0; c < cols.length; c++) acc[c]?.push(t.cells[r]?.[c] ?? null);
    });
  }
  const cells = rows.map((row) => (byKey.get(row.key) ?? []).map((vals) => viewCell(vals)));
  if (name === 'issuers') {
    // By published figure, then name; "Other academies" last.
    const order = rows
      .map((r, i) => ({ i, v: r.key === OTHER_ACADEMIES ? -2 : (cells[i]?.[0]?.value ?? -1), label: r.label }))
      .sort((a, b) => b.v - a.v || a.label.localeCompare(b.label));
    return {
      name,
      rows: order.map((o) => rows[o.i] as Label),
      cols,
      cells: order.map((o) => cells[o.i] as ViewCell[]),
    };
  }
  return { name, rows, cols, cells };
}

export interface ReleaseView {
  /** True when the view's population is protected: nothing else is shown. */
  gated: boolean;
  population: ViewCell;
  tables: ViewTable[];
}

/** A commissioner's view (one or several areas, one role category) from the stored area figures only. */
export function combineAreas(areas: readonly StoredArea[]): ReleaseView {
  const population = viewCell(areas.map((a) => a.population));
  if (population.state === 'protected' || (population.value ?? 0) < MINIMUM)
    return { gated: true, population, tables: [] };
  const published = areas.filter((a) => a.population !== null);
  const tables = WORKFORCE_TABLES.map((name) =>
    combineTable(
      name,
      published.map((a) => a.tables[name]).filter((t): t is StoredTable => t !== undefined),
    ),
  );
  return { gated: false, population, tables };
}

/** Totals shown under a view table: sums of the row's or column's published figures (never fresh counts). */
export function totalsOf(t: ViewTable): { rows: ViewCell[]; cols: ViewCell[] } {
  return {
    rows: t.cells.map((row) => viewCell(row.map((c) => c.value))),
    cols: t.cols.map((_, c) => viewCell(t.cells.map((row) => row[c]?.value ?? null))),
  };
}

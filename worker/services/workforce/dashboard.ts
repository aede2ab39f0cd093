/**
 * The commissioner's dashboard tables, computed purely: every table's true counts over packed worker summaries.
 * True counts never leave the service: a release cut protects them (release-tables.ts, perturbation.ts).
 */
import { WORKFORCE_TABLES, type WorkforceTable } from '../../../schemas/workforce';
import { type WorkforceCatalogue, bandOf, categoryOf } from './catalogue';
import type { PackedWorkers } from './summaries';

/** One table's true counts. */
export interface RawTable {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  /** cells[row][col], true counts. */
  cells: number[][];
  /** Totals of each row (e.g. every training subject row sums to the population). */
  rowTotals?: number[];
  /** Totals of each column (e.g. a count column sums to the population). */
  colTotals?: number[];
}

export const TABLE_NAMES = WORKFORCE_TABLES;
export type TableName = WorkforceTable;

export const TABLE_TITLES: Record<TableName, string> = {
  categories: 'Workers by role category',
  bands: 'Workers by band',
  qualifications: 'Highest qualification level',
  training: 'Mandatory training currency',
  delegated: 'Delegated healthcare activities held',
  progression: 'Progression: moves up a band',
  issuers: 'Credentials issued by academy',
};

/** Row key of the academies each issuing fewer credentials than the threshold, counted together. */
export const OTHER_ACADEMIES = 'other-academies';

/** Days ahead in which training counts as "expiring". */
export const EXPIRING_WITHIN_DAYS = 90;

/** Quarters of progression shown, the current one last. */
export const PROGRESSION_QUARTERS = 8;

export interface ProgressionRow {
  /** 'YYYY-MM' of the move. */
  month: string;
  /** The worker's current role (for the role category filter). */
  roleId: string | null;
  n: number;
}

export interface RawDashboard {
  population: number;
  tables: Record<TableName, RawTable>;
}

/** The last `n` quarters up to the one holding `now`, oldest first, as 'YYYY Qn'. */
export function quartersUpTo(now: Date, n = PROGRESSION_QUARTERS): string[] {
  const out: string[] = [];
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let i = 0; i < n; i++) {
    out.unshift(`${y} Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** The quarter ('YYYY Qn') a month ('YYYY-MM') falls in. */
export function quarterOfMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y} Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

const count = (key: string, label: string) => ({ key, label });

/** What rawDashboard is given: the workers of some packed areas in a role category, and what the tables name. */
export interface DashboardInput {
  cat: WorkforceCatalogue;
  packs: readonly PackedWorkers[];
  /** A role category key, or 'all'. */
  category: string;
  now: Date;
  progression: readonly ProgressionRow[];
  /** Display names of issuing organisations by id. */
  issuerNames: ReadonlyMap<string, string>;
  /**
   * Academies issuing fewer credentials than this are counted together under "Other academies": a row
   * that appears only when its academy issued something would tell a reader its count is at least 1.
   */
  threshold: number;
}

/** Running totals over the workers in view, filled pack by pack. */
interface Tally {
  n: number;
  byCategory: number[];
  byBand: number[];
  /** Level 2, 3, 4, 5 or above, none. */
  levels: number[];
  /** Per subject: in date, expiring, expired, no record. */
  training: Float64Array;
  delegated: Float64Array;
  /** Credentials issued per organisation id. */
  issued: Map<string, number>;
}

/** Position of each role category and band key in the catalogue's lists. */
interface KeyIndex {
  category: ReadonlyMap<string, number>;
  band: ReadonlyMap<string, number>;
}

/** Adds the workers of one pack that are in view to the tally (the hot loop of a dashboard). */
function tallyPack(input: DashboardInput, index: KeyIndex, pack: PackedWorkers, tally: Tally): void {
  const { cat, now } = input;
  const { byCategory, byBand, levels, training, delegated } = tally;
  const S = cat.subjects.length;
  const T = cat.tasks.length;
  const t0 = now.getTime();
  const soon = t0 + EXPIRING_WITHIN_DAYS * 86_400_000;
  // Per role, once: whether it is in the view, and where it counts.
  const roleCategory = pack.roleIds.map((r) => index.category.get(categoryOf(cat, r)) ?? cat.categories.length - 1);
  const roleBand = pack.roleIds.map((r) => index.band.get(bandOf(cat, r)) ?? cat.bands.length - 1);
  const roleIn = pack.roleIds.map((r) => input.category === 'all' || categoryOf(cat, r) === input.category);
  const issuerTotals = new Float64Array(pack.issuerIds.length);
  for (let i = 0; i < pack.n; i++) {
    const role = pack.role[i] as number;
    if (!roleIn[role] || !pack.alive[i]) continue;
    tally.n++;
    const c = roleCategory[role] as number;
    byCategory[c] = (byCategory[c] ?? 0) + 1;
    const b = roleBand[role] as number;
    byBand[b] = (byBand[b] ?? 0) + 1;
    const level = pack.level[i] as number;
    const li = level >= 5 ? 3 : level >= 2 ? level - 2 : 4;
    levels[li] = (levels[li] ?? 0) + 1;
    for (let s = 0, at = i * S; s < S; s++, at++) {
      const end = pack.subjects[at] as number;
      // Same buckets as currency(): NaN (no record) fails every comparison and lands in column 3.
      const k = s * 4 + (end > soon ? 0 : end > t0 ? 1 : end <= t0 ? 2 : 3);
      training[k] = (training[k] ?? 0) + 1;
    }
    for (let t = 0, at = i * T; t < T; t++, at++)
      if ((pack.tasks[at] as number) > t0) delegated[t] = (delegated[t] ?? 0) + 1;
    for (let k = pack.issuerStart[i] as number, e = pack.issuerStart[i + 1] as number; k < e; k++) {
      const x = pack.issuerIdx[k] as number;
      issuerTotals[x] = (issuerTotals[x] ?? 0) + (pack.issuerCount[k] as number);
    }
  }
  pack.issuerIds.forEach((id, x) => {
    const v = issuerTotals[x] ?? 0;
    if (v) tally.issued.set(id, (tally.issued.get(id) ?? 0) + v);
  });
}

/** Band-up moves per quarter shown, oldest quarter first. */
function movesPerQuarter(now: Date, progression: readonly ProgressionRow[]) {
  const quarters = quartersUpTo(now);
  const perQuarter = new Map(quarters.map((q) => [q, 0]));
  for (const p of progression) {
    const q = quarterOfMonth(p.month);
    if (perQuarter.has(q)) perQuarter.set(q, (perQuarter.get(q) ?? 0) + p.n);
  }
  return { quarters, perQuarter };
}

/** One row per academy at or over the threshold, then "Other academies" holding the rest. */
function issuerRowsOf(input: DashboardInput, issued: ReadonlyMap<string, number>) {
  const named = [...issued].filter(([, k]) => k >= input.threshold);
  return [
    ...named.map(([id, k]) => ({ key: id, label: input.issuerNames.get(id) ?? 'Organisation no longer listed', k })),
    {
      key: OTHER_ACADEMIES,
      label: 'Other academies',
      k: [...issued].reduce((a, [, k]) => (k < input.threshold ? a + k : a), 0),
    },
  ];
}

/** A table with one column of counts, and its total when the rows add up to one. */
function single(rows: { key: string; label: string }[], values: number[], colLabel: string, total?: number): RawTable {
  return {
    rows,
    cols: [count('count', colLabel)],
    cells: values.map((v) => [v]),
    ...(total === undefined ? {} : { colTotals: [total] }),
  };
}

/** Every table's true counts for one view: the workers of some packed areas in a role category. Pure. */
export function rawDashboard(input: DashboardInput): RawDashboard {
  const { cat, now } = input;
  const tally: Tally = {
    n: 0,
    byCategory: new Array<number>(cat.categories.length).fill(0),
    byBand: new Array<number>(cat.bands.length).fill(0),
    levels: [0, 0, 0, 0, 0],
    training: new Float64Array(cat.subjects.length * 4),
    delegated: new Float64Array(cat.tasks.length),
    issued: new Map<string, number>(),
  };
  const index: KeyIndex = {
    category: new Map(cat.categories.map((c, i) => [c.key, i])),
    band: new Map(cat.bands.map((b, i) => [b.key, i])),
  };
  for (const pack of input.packs) tallyPack(input, index, pack, tally);
  const { n } = tally;
  const { quarters, perQuarter } = movesPerQuarter(now, input.progression);
  const issuerRows = issuerRowsOf(input, tally.issued);
  return {
    population: n,
    tables: {
      categories: single(cat.categories, tally.byCategory, 'Workers', n),
      bands: single(cat.bands, tally.byBand, 'Workers', n),
      qualifications: single(
        [
          count('2', 'Level 2'),
          count('3', 'Level 3'),
          count('4', 'Level 4'),
          count('5', 'Level 5 or above'),
          count('0', 'No qualification recorded'),
        ],
        tally.levels,
        'Workers (highest level)',
        n,
      ),
      training: {
        rows: cat.subjects.map((s) => count(s.id, s.name)),
        cols: [
          count('in', 'In date'),
          count('expiring', `Expiring within ${EXPIRING_WITHIN_DAYS} days`),
          count('expired', 'Expired'),
          count('none', 'No record'),
        ],
        cells: cat.subjects.map((_, i) => Array.from(tally.training.subarray(i * 4, i * 4 + 4))),
        rowTotals: cat.subjects.map(() => n),
      },
      delegated: single(
        cat.tasks.map((t) => count(t.id, t.name)),
        Array.from(tally.delegated),
        'Workers holding (in date)',
      ),
      progression: single(
        quarters.map((q) => count(q, q)),
        quarters.map((q) => perQuarter.get(q) ?? 0),
        'Moves up a band',
        quarters.reduce((a, q) => a + (perQuarter.get(q) ?? 0), 0),
      ),
      issuers: single(
        issuerRows.map((r) => count(r.key, r.label)),
        issuerRows.map((r) => r.k),
        'Credentials issued',
        issuerRows.reduce((a, r) => a + r.k, 0),
      ),
    },
  };
}

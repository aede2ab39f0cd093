/**
 * Workforce intelligence for commissioners: aggregate tables over the consenting workers of the areas a
 * commissioner covers, with disclosure control applied (workforce-disclosure.ts). Only counts leave here:
 * no names, emails or identifiers of people.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { WORKFORCE_TABLES, type WorkforceTable } from '../../../schemas/workforce';
import { areas, organisationAreas, organisations } from '../../../db/schema';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { type CacheOptions, areaWorkers } from './cache';
import {
  type Cell,
  type DisclosurePolicy,
  type ProtectedTable,
  type RawTable,
  disclosurePolicy,
  protectTable,
  publishCount,
  shareOf,
} from './disclosure';
import { type WorkforceCatalogue, bandOf, categoryOf, workforceCatalogue } from './catalogue';
import type { PackedWorkers, WorkerSummary } from './summaries';

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

export interface Area {
  code: string;
  name: string;
}

/** Areas a commissioner covers: its organisation_areas rows, else its own area_code. */
export async function commissionerAreas(db: Database, orgId: string): Promise<Area[]> {
  const linked = await db
    .select({ code: areas.code, name: areas.name })
    .from(organisationAreas)
    .innerJoin(areas, eq(areas.code, organisationAreas.areaCode))
    .where(eq(organisationAreas.orgId, orgId))
    .orderBy(areas.name);
  if (linked.length) return linked;
  const own = await db
    .select({ code: areas.code, name: areas.name })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(eq(organisations.id, orgId));
  return own;
}

// ---------------------------------------------------------------- raw tables (pure)

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

export function quarterOfMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y} Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/** Workers in a role category ('all' keeps everyone). */
export function inCategory<W extends { roleId: string | null }>(
  cat: WorkforceCatalogue,
  workers: Iterable<W>,
  category: string,
): W[] {
  return category === 'all' ? [...workers] : [...workers].filter((w) => categoryOf(cat, w.roleId) === category);
}

const count = (key: string, label: string) => ({ key, label });

/** Every table's true counts for one view: the workers of some packed areas in a role category. Pure. */
export function rawDashboard(input: {
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
}): RawDashboard {
  const { cat, now } = input;
  const categoryIndex = new Map(cat.categories.map((c, i) => [c.key, i]));
  const bandIndex = new Map(cat.bands.map((b, i) => [b.key, i]));
  const byCategory = new Array<number>(cat.categories.length).fill(0);
  const byBand = new Array<number>(cat.bands.length).fill(0);
  const levels = [0, 0, 0, 0, 0]; // Level 2, 3, 4, 5 or above, none
  const S = cat.subjects.length;
  const T = cat.tasks.length;
  const training = new Float64Array(S * 4); // per subject: in date, expiring, expired, no record
  const delegated = new Float64Array(T);
  const issued = new Map<string, number>();
  const t0 = now.getTime();
  const soon = t0 + EXPIRING_WITHIN_DAYS * 86_400_000;
  let n = 0;
  for (const pack of input.packs) {
    // Per role, once: whether it is in the view, and where it counts.
    const roleCategory = pack.roleIds.map((r) => categoryIndex.get(categoryOf(cat, r)) ?? cat.categories.length - 1);
    const roleBand = pack.roleIds.map((r) => bandIndex.get(bandOf(cat, r)) ?? cat.bands.length - 1);
    const roleIn = pack.roleIds.map((r) => input.category === 'all' || categoryOf(cat, r) === input.category);
    const issuerTotals = new Float64Array(pack.issuerIds.length);
    for (let i = 0; i < pack.n; i++) {
      const role = pack.role[i] as number;
      if (!roleIn[role] || !pack.alive[i]) continue;
      n++;
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
      if (v) issued.set(id, (issued.get(id) ?? 0) + v);
    });
  }
  const quarters = quartersUpTo(now);
  const perQuarter = new Map(quarters.map((q) => [q, 0]));
  for (const p of input.progression) {
    const q = quarterOfMonth(p.month);
    if (perQuarter.has(q)) perQuarter.set(q, (perQuarter.get(q) ?? 0) + p.n);
  }
  const named = [...issued].filter(([, k]) => k >= input.threshold);
  const issuerRows = [
    ...named.map(([id, k]) => ({ key: id, label: input.issuerNames.get(id) ?? 'Organisation no longer listed', k })),
    {
      key: OTHER_ACADEMIES,
      label: 'Other academies',
      k: [...issued].reduce((a, [, k]) => (k < input.threshold ? a + k : a), 0),
    },
  ];
  const single = (
    rows: { key: string; label: string }[],
    values: number[],
    colLabel: string,
    total?: number,
  ): RawTable => ({
    rows,
    cols: [count('count', colLabel)],
    cells: values.map((v) => [v]),
    ...(total === undefined ? {} : { colTotals: [total] }),
  });
  return {
    population: n,
    tables: {
      categories: single(cat.categories, byCategory, 'Workers', n),
      bands: single(cat.bands, byBand, 'Workers', n),
      qualifications: single(
        [
          count('2', 'Level 2'),
          count('3', 'Level 3'),
          count('4', 'Level 4'),
          count('5', 'Level 5 or above'),
          count('0', 'No qualification recorded'),
        ],
        levels,
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
        cells: cat.subjects.map((_, i) => Array.from(training.subarray(i * 4, i * 4 + 4))),
        rowTotals: cat.subjects.map(() => n),
      },
      delegated: single(
        cat.tasks.map((t) => count(t.id, t.name)),
        Array.from(delegated),
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

// ---------------------------------------------------------------- protected tables (pure)

export interface DashboardTable extends ProtectedTable {
  name: TableName;
  title: string;
  /** Whole-percent shares of the population per row (first column), where the table has them. */
  shares?: (number | null)[];
}

export interface Dashboard {
  /** True when the view's population is under the threshold: nothing else is shown. */
  gated: boolean;
  population: Cell;
  policy: DisclosurePolicy;
  tables: DashboardTable[];
}

/** Applies the disclosure rules to a view. Pure. */
export function protectDashboard(raw: RawDashboard, policy: DisclosurePolicy): Dashboard {
  const population = publishCount(raw.population, policy);
  if (raw.population < policy.threshold) return { gated: true, population, policy, tables: [] };
  const tables = TABLE_NAMES.map((name): DashboardTable => {
    const t = protectTable(raw.tables[name], policy);
    const out: DashboardTable = { ...t, name, title: TABLE_TITLES[name] };
    if (name === 'qualifications' || name === 'delegated' || name === 'categories' || name === 'bands') {
      out.shares = t.cells.map((row) => (row[0] ? shareOf(row[0], population) : null));
    }
    if (name === 'issuers') {
      // Order by published figure then name (ordering by true counts would rank hidden cells); "Other" last.
      const order = t.rows
        .map((r, i) => ({ i, v: r.key === OTHER_ACADEMIES ? -2 : (t.cells[i]?.[0]?.value ?? -1), label: r.label }))
        .sort((a, b) => b.v - a.v || a.label.localeCompare(b.label));
      out.rows = order.map((o) => t.rows[o.i] as { key: string; label: string });
      out.cells = order.map((o) => t.cells[o.i] as Cell[]);
    }
    return out;
  });
  return { gated: false, population, policy, tables };
}

// ---------------------------------------------------------------- loading a commissioner's view

/**
 * Band-up moves recorded in some areas since a month ('YYYY-MM'): user id and month of each, as one string per
 * query (ids stay in the service; the caller keeps only the moves of workers it counts).
 */
export async function loadBandUps(
  db: Database,
  areaCodes: string[],
  since: string,
): Promise<{ userId: string; month: string }[]> {
  if (!areaCodes.length) return [];
  const rows = await db.all<{ s: string | null }>(sql`
    SELECT group_concat(user_id || ' ' || substr(at, 1, 7), ',') AS s FROM role_history
    WHERE area_code IN (${sql.join(
      areaCodes.map((a) => sql`${a}`),
      sql`, `,
    )}) AND at >= ${since} AND band_up = 1 AND user_id IS NOT NULL`);
  const s = rows[0]?.s;
  if (!s) return [];
  return s.split(',').map((pair) => {
    const cut = pair.indexOf(' ');
    return { userId: pair.slice(0, cut), month: pair.slice(cut + 1) };
  });
}

async function organisationNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, ids.slice(i, i + 90)));
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

export interface DashboardFilter {
  /** An area code the commissioner covers, or 'all'. */
  area: string;
  /** A role category key, or 'all'. */
  category: string;
}

export interface CommissionerView {
  areas: Area[];
  categories: { key: string; label: string }[];
  filter: DashboardFilter;
  dashboard: Dashboard;
  /** Background work (a large area's rebuild) the caller should keep alive; never needed for correctness. */
  pending: Promise<void>[];
}

/** Everything a commissioner's dashboard, export and API show, for one filter combination. */
export async function loadCommissionerView(
  db: Database,
  config: Pick<Config, 'SUPPRESSION_THRESHOLD'>,
  input: { orgId: string; filter: DashboardFilter; now: Date; cache?: Partial<CacheOptions> },
): Promise<CommissionerView> {
  const [covered, cat] = await Promise.all([commissionerAreas(db, input.orgId), workforceCatalogue(db)]);
  const { area, category } = input.filter;
  if (area !== 'all' && !covered.some((a) => a.code === area)) {
    throw new AppError('validation_failed', 'Choose one of your areas', [
      { path: 'area', message: 'Choose one of your areas' },
    ]);
  }
  if (category !== 'all' && !cat.categories.some((c) => c.key === category)) {
    throw new AppError('validation_failed', 'Choose a role category from the list', [
      { path: 'category', message: 'Choose a role category from the list' },
    ]);
  }
  const codes = area === 'all' ? covered.map((a) => a.code) : [area];
  const pending: Promise<void>[] = [];
  const counted: ReadonlyMap<string, WorkerSummary>[] = [];
  const packs: PackedWorkers[] = [];
  for (const code of codes) {
    const r = await areaWorkers(db, cat, code, input.now, input.cache);
    counted.push(r.workers);
    packs.push(...r.packs);
    if (r.pending) pending.push(r.pending);
  }
  const quarters = quartersUpTo(input.now);
  const first = quarters[0] ?? '';
  const since = `${first.slice(0, 4)}-${String((Number(first.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}`;
  // Moves of the workers counted in this view only (consenting, in the area now, in the category).
  const progression: ProgressionRow[] = [];
  for (const move of await loadBandUps(db, codes, since)) {
    const w = counted.map((m) => m.get(move.userId)).find((x) => x !== undefined);
    if (w && (category === 'all' || categoryOf(cat, w.roleId) === category))
      progression.push({ month: move.month, roleId: w.roleId, n: 1 });
  }
  const issuerIds = new Set<string>();
  for (const pack of packs) for (const id of pack.issuerIds) issuerIds.add(id);
  const issuerNames = await organisationNames(db, [...issuerIds]);
  const policy = disclosurePolicy(config.SUPPRESSION_THRESHOLD);
  const raw = rawDashboard({
    cat,
    packs,
    category,
    now: input.now,
    progression,
    issuerNames,
    threshold: policy.threshold,
  });
  return {
    areas: covered,
    categories: cat.categories.map((c) => ({ key: c.key, label: c.label })),
    filter: input.filter,
    dashboard: protectDashboard(raw, policy),
    pending,
  };
}

/**
 * Builds the cached summaries of every area a commissioner covers, so the first dashboard after a start does
 * not pay for reading every credential (about 4 s of CPU for 100,000 workers and 1,000,000 credentials). Meant
 * to be started, not awaited, by the Node entry after it begins serving.
 */
export async function warmWorkforceCaches(db: Database, now: Date): Promise<number> {
  const rows = await db.all<{ code: string }>(sql`
    SELECT area_code AS code FROM organisation_areas
    UNION SELECT area_code FROM organisations WHERE kind = 'commissioner' AND area_code IS NOT NULL`);
  const cat = await workforceCatalogue(db);
  for (const r of rows) await areaWorkers(db, cat, r.code, now);
  return rows.length;
}

// ---------------------------------------------------------------- CSV

/** A CSV field: quoted when needed; text a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One dashboard table as CSV, with exactly the page's published (rounded or suppressed) figures. */
export function tableCsv(t: DashboardTable, population: Cell): string {
  const header = ['', ...t.cols.map((c) => c.label)];
  if (t.rowTotals) header.push('Total');
  if (t.shares) header.push('Share of workers (%)');
  const lines = [header];
  t.rows.forEach((r, i) => {
    const line = [r.label, ...(t.cells[i] ?? []).map((c) => c.csv)];
    if (t.rowTotals) line.push(t.rowTotals[i]?.csv ?? '');
    if (t.shares) line.push(t.shares[i] === null || t.shares[i] === undefined ? '' : String(t.shares[i]));
    lines.push(line);
  });
  if (t.colTotals) lines.push(['Total', ...t.colTotals.map((c) => c.csv)]);
  else if (t.name === 'delegated') lines.push(['Consenting workers', population.csv]);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

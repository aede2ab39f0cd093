/**
 * What a commissioner's dashboard, CSV exports and JSON show: the latest workforce release's stored figures
 * for the areas they cover and a role category. Per request this reads a few stored rows and adds them up,
 * whatever the number of workers.
 */
import type { Database } from '../../../db/client';
import { type Area, commissionerAreas } from './aggregates';
import { TABLE_NAMES, TABLE_TITLES, type TableName } from './dashboard';
import { workforceCatalogue } from './catalogue';
import { AppError } from '../../errors';
import { MINIMUM, PROTECTED, ROUND_TO } from './perturbation';
import { type ReleaseView, type ViewCell, type ViewTable, totalsOf } from './release-tables';
import { type Release, publishedView } from './releases';
import type { CacheKit } from '../../lib/cache-kit';

export interface DashboardFilter {
  /** An area code the commissioner covers, or 'all'. */
  area: string;
  /** A role category key, or 'all'. */
  category: string;
}

/** One table as pages show it: title, figures, totals summed from the figures, shares of the population. */
export interface DashboardTable extends ViewTable {
  title: string;
  rowTotals?: ViewCell[];
  colTotals?: ViewCell[];
  /** Whole-percent shares of the population per row (first column), where the table has them. */
  shares?: (number | null)[];
}

export interface ReleaseDashboard {
  areas: Area[];
  categories: { key: string; label: string }[];
  filter: DashboardFilter;
  /** The release shown; null before the first one is cut. */
  release: Release | null;
  /** What the release's method changed, when it is the first release with it. */
  change: string | null;
  gated: boolean;
  population: ViewCell;
  tables: DashboardTable[];
}

const SHARES: readonly TableName[] = ['categories', 'bands', 'qualifications', 'delegated'];
/** Tables where each counted worker is in exactly one row (their category, band, highest qualification). */
const ONE_ROW_EACH: readonly TableName[] = ['categories', 'bands', 'qualifications'];
const ROW_TOTALS: readonly TableName[] = ['training'];
const COL_TOTALS: readonly TableName[] = ['categories', 'bands', 'qualifications', 'progression', 'issuers'];

/** A whole-percent share from published figures only; null when either is protected. */
function shareOf(part: ViewCell | undefined, total: ViewCell): number | null {
  if (!part?.value || !total.value) return null;
  return Math.round((100 * part.value) / total.value);
}

/**
 * What a table's shares are of. Each figure is adjusted on its own, so the rows of a table where every worker has one
 * row need not add up to the counted workers: their shares are of the table's own total, so they add up to about
 * 100%. That total is used only when every row is published (a hidden row would leave it short). Other tables (a
 * worker may hold several delegated tasks) take the counted workers.
 */
function shareBase(name: TableName, firstColumnTotal: ViewCell | undefined, t: ViewTable, population: ViewCell) {
  const allShown = t.cells.every((row) => row[0]?.state === 'shown');
  return ONE_ROW_EACH.includes(name) && allShown && firstColumnTotal ? firstColumnTotal : population;
}

/** The page's tables of a release view, in page order, with totals and shares derived from published figures. */
export function dashboardTables(view: ReleaseView): DashboardTable[] {
  return TABLE_NAMES.map((name) => {
    const t = view.tables.find((x) => x.name === name) ?? { name, rows: [], cols: [], cells: [] };
    const totals = totalsOf(t);
    const base = shareBase(name, totals.cols[0], t, view.population);
    return {
      ...t,
      title: TABLE_TITLES[name],
      ...(ROW_TOTALS.includes(name) ? { rowTotals: totals.rows } : {}),
      ...(COL_TOTALS.includes(name) ? { colTotals: totals.cols } : {}),
      ...(SHARES.includes(name) ? { shares: t.cells.map((row) => shareOf(row[0], base)) } : {}),
    };
  });
}

const NONE: ViewCell = { state: 'protected', value: null, display: PROTECTED, csv: PROTECTED };

/** Everything a commissioner's dashboard, export and API show, for one filter combination. */
export async function loadReleaseDashboard(
  deps: { db: Database; caches: CacheKit },
  input: { orgId: string; filter: DashboardFilter },
): Promise<ReleaseDashboard> {
  const { db } = deps;
  const [covered, cat] = await Promise.all([commissionerAreas(db, input.orgId), workforceCatalogue(deps)]);
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
  const published = await publishedView(db, codes, category);
  const view = published.view;
  return {
    areas: covered,
    categories: cat.categories.map((c) => ({ key: c.key, label: c.label })),
    filter: input.filter,
    release: published.release,
    change: published.change,
    gated: !view || view.gated,
    population: view?.population ?? NONE,
    tables: view && !view.gated ? dashboardTables(view) : [],
  };
}

/** The release line of pages and CSV headers: which release, cut when. */
export function releaseLine(release: Release | null): string {
  if (!release) return 'No release has been published yet.';
  return `Release ${release.period}, figures as at ${release.cutAt.slice(0, 10)}.`;
}

/** How the figures are protected, in one sentence (pages and CSV headers). */
export const METHOD_LINE = `Each figure has a small random adjustment, is rounded to the nearest ${ROUND_TO}, and shows as "${PROTECTED}" under ${MINIMUM}; totals are sums of the figures shown, so a table need not add up to the counted workers. Where each worker is in one row of a table, shares are of that table's total.`;

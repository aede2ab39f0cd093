/**
 * Workforce intelligence for commissioners: loads the view of the areas a commissioner covers (cached worker
 * summaries, band-up moves, issuer names) and turns it into the protected dashboard (dashboard.ts). Only counts
 * leave here: no names, emails or identifiers of people.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { areas, organisationAreas, organisations } from '../../../db/schema';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { type CacheOptions, areaWorkers } from './cache';
import { disclosurePolicy } from './disclosure';
import { categoryOf, workforceCatalogue } from './catalogue';
import type { PackedWorkers, WorkerSummary } from './summaries';
import { type Dashboard, type ProgressionRow, protectDashboard, quartersUpTo, rawDashboard } from './dashboard';

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

/**
 * What the catalogue says each role and credential counts as in workforce figures: Care Workforce Pathway
 * categories and bands for roles (directly, or through the catalogue's indicative role equivalences),
 * mandatory-training subjects, delegated healthcare activities and qualification levels. Built from the
 * catalogue by framework kind and competency kind, not from fixed ids.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { bands, competencies, equivalences, frameworks, roles } from '../../../db/schema';
import { roleTitle } from '../catalogue/catalogue';
import type { CacheKit, KitCacheSpec } from '../../lib/cache-kit';

export interface Category {
  key: string;
  label: string;
}

export interface WorkforceCatalogue {
  /** Care Workforce Pathway categories in ladder order, then 'other' and 'none'. */
  categories: Category[];
  categoryOfRole: Map<string, string>;
  /** Bands (every band framework, in order), then 'none'. */
  bands: Category[];
  bandOfRole: Map<string, string>;
  /** Mandatory-training subjects and delegated healthcare activities, each indexed into a summary's arrays. */
  subjects: { id: string; name: string }[];
  tasks: { id: string; name: string }[];
  subjectIndex: Map<string, number>;
  taskIndex: Map<string, number>;
  /** Qualification competencies with a level or a range of levels (a legacy award's level is on the credential). */
  qualLevels: Map<string, { min: number; max: number }>;
  /** Changes whenever the classification would (ids and levels), so cached summaries are rebuilt. */
  key: string;
}

export const OTHER_CATEGORY = 'other';
export const NO_CATEGORY = 'none';
export const NO_BAND = 'none';

/** Levels as written in the catalogue ('3', '2-4', 'Level 3'): the range they cover, or null. */
export function parseLevelRange(level: string | null): { min: number; max: number } | null {
  if (!level) return null;
  const m = level.match(/([2-8])(?:\s*-\s*([2-8]))?/);
  if (!m?.[1]) return null;
  const min = Number(m[1]);
  return { min, max: m[2] ? Number(m[2]) : min };
}

type RoleRow = typeof roles.$inferSelect;

/**
 * The nearest roles (breadth first over indicative role equivalences, both directions, up to `hops`)
 * that satisfy `accept`; the closest wins, ties by `better`.
 */
function nearest(
  start: string,
  neighbours: Map<string, string[]>,
  accept: (id: string) => boolean,
  better: (a: string, b: string) => number,
  hops = 3,
): string | null {
  let frontier = [start];
  const seen = new Set(frontier);
  for (let hop = 0; hop <= hops && frontier.length; hop++) {
    const found = frontier.filter(accept).sort(better);
    if (found[0]) return found[0];
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of neighbours.get(id) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return null;
}

/** Every band in catalogue order, and each role's band: its own, else that of the nearest equivalent role with one. */
function bandClassification(
  fws: (typeof frameworks.$inferSelect)[],
  bandRows: (typeof bands.$inferSelect)[],
  roleById: ReadonlyMap<string, RoleRow>,
  neighbours: Map<string, string[]>,
) {
  const fwOrder = new Map(fws.map((f, i) => [f.id, i]));
  const bandById = new Map(bandRows.map((b) => [b.id, b]));
  const shortName = (fwId: string) => (fws.find((f) => f.id === fwId)?.name ?? fwId).replace(/\s*\(.*$/, '');
  const orderedBands = [...bandRows].sort(
    (a, b) => (fwOrder.get(a.frameworkId) ?? 0) - (fwOrder.get(b.frameworkId) ?? 0) || a.rank - b.rank,
  );
  const bandList: Category[] = [
    ...orderedBands.map((b) => ({ key: b.id, label: `${shortName(b.frameworkId)}: ${b.label}` })),
    { key: NO_BAND, label: 'No band (role not mapped to a band)' },
  ];
  const hasBand = (id: string) => !!roleById.get(id)?.bandId;
  const byBandRank = (a: string, b: string) => {
    const ra = bandById.get(roleById.get(a)?.bandId ?? '')?.rank ?? 0;
    const rb = bandById.get(roleById.get(b)?.bandId ?? '')?.rank ?? 0;
    return ra - rb || a.localeCompare(b);
  };
  const bandOfRole = new Map<string, string>();
  for (const r of roleById.values()) {
    const via = nearest(r.id, neighbours, hasBand, byBandRank);
    bandOfRole.set(r.id, (via ? (roleById.get(via) as RoleRow).bandId : null) ?? NO_BAND);
  }
  return { bandList, bandOfRole };
}

/** Builds the classification from the catalogue (by framework kind and competency kind, not by fixed ids). */
export async function loadWorkforceCatalogue(db: Database): Promise<WorkforceCatalogue> {
  const [fws, roleRows, bandRows, compRows, eqRows] = await Promise.all([
    db.select().from(frameworks).orderBy(asc(frameworks.sortOrder), asc(frameworks.id)),
    db.select().from(roles).orderBy(asc(roles.rank), asc(roles.id)),
    db.select().from(bands).orderBy(asc(bands.rank), asc(bands.id)),
    db.select().from(competencies).orderBy(asc(competencies.frameworkId), asc(competencies.sortOrder)),
    db
      .select({ fromId: equivalences.fromId, toId: equivalences.toId })
      .from(equivalences)
      .where(eq(equivalences.kind, 'role')),
  ]);
  const ladders = fws.filter((f) => f.kind === 'ladder');
  // England's Care Workforce Pathway is the category ladder; else the first ladder in catalogue order.
  const cwp = ladders.find((f) => /care workforce pathway/i.test(f.name)) ?? ladders[0];
  const roleById = new Map(roleRows.map((r) => [r.id, r]));
  const neighbours = new Map<string, string[]>();
  for (const e of eqRows) {
    neighbours.set(e.fromId, [...(neighbours.get(e.fromId) ?? []), e.toId]);
    neighbours.set(e.toId, [...(neighbours.get(e.toId) ?? []), e.fromId]);
  }

  const cwpRoles = roleRows.filter((r) => r.frameworkId === cwp?.id);
  const categories: Category[] = [
    ...cwpRoles.map((r) => ({ key: r.id, label: roleTitle(r) })),
    { key: OTHER_CATEGORY, label: 'Other roles (no pathway equivalent)' },
    { key: NO_CATEGORY, label: 'Role not recorded' },
  ];
  const isCwp = (id: string) => roleById.get(id)?.frameworkId === cwp?.id;
  const byRank = (a: string, b: string) =>
    (roleById.get(a)?.rank ?? 0) - (roleById.get(b)?.rank ?? 0) || a.localeCompare(b);
  const categoryOfRole = new Map<string, string>();
  for (const r of roleRows) categoryOfRole.set(r.id, nearest(r.id, neighbours, isCwp, byRank) ?? OTHER_CATEGORY);

  const { bandList, bandOfRole } = bandClassification(fws, bandRows, roleById, neighbours);

  const subjects = compRows.filter((c) => c.kind === 'mandatory_training').map((c) => ({ id: c.id, name: c.name }));
  const tasks = compRows.filter((c) => c.kind === 'delegated_task').map((c) => ({ id: c.id, name: c.name }));
  const qualLevels = new Map<string, { min: number; max: number }>();
  for (const c of compRows) {
    const range = c.kind === 'qualification' ? parseLevelRange(c.level) : null;
    if (range) qualLevels.set(c.id, range);
  }
  const key = [
    cwp?.id,
    roleRows.map((r) => `${r.id}:${r.bandId}:${categoryOfRole.get(r.id)}`).join(','),
    subjects.map((s) => s.id).join(','),
    tasks.map((t) => t.id).join(','),
    [...qualLevels].map(([id, l]) => `${id}:${l.min}-${l.max}`).join(','),
  ].join('|');
  return {
    categories,
    categoryOfRole,
    bands: bandList,
    bandOfRole,
    subjects,
    tasks,
    subjectIndex: new Map(subjects.map((s, i) => [s.id, i])),
    taskIndex: new Map(tasks.map((t, i) => [t.id, i])),
    qualLevels,
    key,
  };
}

/**
 * The classification, rebuilt at most once a minute: it is reference data (an admin's catalogue edit here shows at
 * once through the catalogue epoch, one made elsewhere within a minute), and rebuilding it per request would cost
 * more than the rest of a warm dashboard. One entry: there is one catalogue per database.
 */
const CLASSIFICATION: KitCacheSpec = { ttlMs: 60_000, max: 1, epoch: 'catalogue' };

/** The cached classification for dashboards; a release cut reads it afresh with loadWorkforceCatalogue. */
export function workforceCatalogue(deps: { db: Database; caches: CacheKit }): Promise<WorkforceCatalogue> {
  return deps.caches
    .named<Promise<WorkforceCatalogue>>('workforce-classification', CLASSIFICATION)
    .through('catalogue', () => loadWorkforceCatalogue(deps.db));
}

/** The category of a (possibly unknown or missing) role. */
export function categoryOf(cat: WorkforceCatalogue, roleId: string | null): string {
  if (!roleId) return NO_CATEGORY;
  return cat.categoryOfRole.get(roleId) ?? OTHER_CATEGORY;
}

/** The band of a (possibly unknown or missing) role. */
export function bandOf(cat: WorkforceCatalogue, roleId: string | null): string {
  if (!roleId) return NO_BAND;
  return cat.bandOfRole.get(roleId) ?? NO_BAND;
}

/**
 * Keeps each area's worker summaries in memory and brings them up to date on every read, so a dashboard
 * for 100,000 workers does not re-read a million credentials per request.
 *
 * On every read, cheap fingerprints say what changed since the summaries were built:
 *  - who is counted (count and rowid sum of the area's consenting workers): synced at once, always. A worker
 *    who withdraws consent, deletes their account or moves area is gone before any figure is computed.
 *    Only the id buckets whose own fingerprint changed are re-listed.
 *  - new credentials, role changes (role_history), imports, and credential events in the audit log
 *    (revoked, suspended, reinstated, claimed, imports removed) since the last read: those workers are
 *    re-read at once. Every service records such changes in the audit log in the same batch as the change.
 *  - the catalogue, too many changes at once, or age over the TTL (a safety net for changes made without an
 *    audit event): the area is rebuilt. Small areas are rebuilt before answering; large ones answer from the
 *    current summaries while a rebuild runs in the background (who is counted is always synced first).
 *
 * Aggregation reads packed copies (workforce-summaries.ts PackedWorkers): one for the area as built, with a
 * mask of workers since changed, and a small one of the changed and new workers, repacked as they change.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import type { WorkforceCatalogue } from './catalogue';
import { type PackedWorkers, type WorkerSummary, packWorkers } from './summaries';
import { idRanges, loadSummaries } from './summary-loader';

export interface CacheOptions {
  /** Rebuild an area's summaries when older than this. */
  ttlMs: number;
  /** Areas with more consenting workers than this rebuild in the background (stale-while-revalidate). */
  syncRebuildMax: number;
  /** Workers per streamed chunk (keeps each chunk's string far under D1's 2 MB value limit). */
  chunkWorkers: number;
  /** More changed workers than this in one read means a rebuild rather than a patch. */
  maxIncremental: number;
}

export const CACHE_DEFAULTS: CacheOptions = {
  ttlMs: 60 * 60_000,
  syncRebuildMax: 20_000,
  chunkWorkers: 600,
  maxIncremental: 5_000,
};

interface Global {
  credMax: number;
  historyMax: number;
  importMax: number;
  auditMax: number;
}

interface AreaEntry {
  area: string;
  workers: Map<string, WorkerSummary>;
  /** Count and rowid sum of the consenting workers, overall and per id bucket (first two characters). */
  usersKey: string;
  buckets: Map<string, string>;
  global: Global;
  catalogueKey: string;
  builtAt: number;
  rebuilding: Promise<void> | null;
  /** Packed copy as built, with workers changed since masked out; its slot per worker id. */
  main: { pack: PackedWorkers; slots: Map<string, number> } | null;
  /** Workers changed or added since `main` was packed, and their packed copy (null when stale). */
  delta: Map<string, WorkerSummary>;
  deltaPack: PackedWorkers | null;
}

export type CacheOutcome = 'built' | 'fresh' | 'patched' | 'rebuilt' | 'stale-rebuilding';

const caches = new WeakMap<Database, Map<string, Promise<AreaEntry>>>();

/** Forgets every cached area of a database (tests and benchmarks). */
export function clearWorkforceCache(db: Database): void {
  caches.delete(db);
}

async function globalFingerprint(db: Database): Promise<Global> {
  const rows = await db.all<{ c: number; h: number; i: number; a: number }>(sql`SELECT
    (SELECT coalesce(max(rowid), 0) FROM credentials) AS c,
    (SELECT coalesce(max(rowid), 0) FROM role_history) AS h,
    (SELECT coalesce(max(rowid), 0) FROM imported_credentials) AS i,
    (SELECT coalesce(max(rowid), 0) FROM audit_events) AS a`);
  const r = rows[0];
  return {
    credMax: Number(r?.c ?? 0),
    historyMax: Number(r?.h ?? 0),
    importMax: Number(r?.i ?? 0),
    auditMax: Number(r?.a ?? 0),
  };
}

/** Count and rowid sum of an area's consenting workers: any join, leave or swap changes it. */
async function usersFingerprint(db: Database, area: string): Promise<{ count: number; key: string }> {
  const rows = await db.all<{ n: number; s: number }>(
    sql`SELECT count(*) AS n, total(rowid) AS s FROM users WHERE area_code = ${area} AND workforce_consent = 1`,
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: n, key: `${n}:${rows[0]?.s ?? 0}` };
}

/** The same per id bucket (ids are random UUIDs: 256 buckets of about equal size). */
async function bucketFingerprints(db: Database, area: string): Promise<Map<string, string>> {
  const rows = await db.all<{ s: string | null }>(sql`
    SELECT group_concat(k || ' ' || n || ':' || s, ',') AS s FROM (
      SELECT substr(id, 1, 2) AS k, count(*) AS n, total(rowid) AS s FROM users
      WHERE area_code = ${area} AND workforce_consent = 1 GROUP BY k)`);
  const out = new Map<string, string>();
  for (const item of (rows[0]?.s ?? '').split(',')) {
    const cut = item.lastIndexOf(' ');
    if (cut > 0) out.set(item.slice(0, cut), item.slice(cut + 1));
  }
  return out;
}

const bucketOf = (id: string) => id.slice(0, 2);

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Loads an id range; on a "too big" error (D1's value limit) splits the range and tries again. */
async function loadRange(
  db: Database,
  cat: WorkforceCatalogue,
  area: string,
  fromId: string,
  toId: string,
  depth = 0,
): Promise<WorkerSummary[]> {
  try {
    return await loadSummaries(db, cat, { area, fromId, toId });
  } catch (err) {
    if (depth > 8 || !/too big|toobig/i.test(String(err))) throw err;
    const mid = midpoint(fromId, toId);
    if (mid === null) throw err;
    return [
      ...(await loadRange(db, cat, area, fromId, mid, depth + 1)),
      ...(await loadRange(db, cat, area, mid, toId, depth + 1)),
    ];
  }
}

/** A hex id between two range bounds ('' is the start, a non-hex bound the end), or null. */
function midpoint(from: string, to: string): string | null {
  const width = 8;
  const lo = from === '' ? 0 : Number.parseInt(from.padEnd(width, '0').slice(0, width), 16);
  const hi = /^[0-9a-f]+$/.test(to) ? Number.parseInt(to.padEnd(width, '0').slice(0, width), 16) : 16 ** width;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo < 2) return null;
  return Math.floor((lo + hi) / 2)
    .toString(16)
    .padStart(width, '0');
}

async function build(
  db: Database,
  cat: WorkforceCatalogue,
  area: string,
  now: Date,
  opts: CacheOptions,
  background: boolean,
): Promise<AreaEntry> {
  // Fingerprints first: anything that changes while the build reads is seen as a change on the next read.
  const [users, buckets, global] = await Promise.all([
    usersFingerprint(db, area),
    bucketFingerprints(db, area),
    globalFingerprint(db),
  ]);
  const workers = new Map<string, WorkerSummary>();
  for (const r of idRanges(Math.ceil(users.count / opts.chunkWorkers))) {
    for (const w of await loadRange(db, cat, area, r.fromId, r.toId)) workers.set(w.id, w);
    if (background) await yieldToEventLoop();
  }
  return {
    area,
    workers,
    usersKey: users.key,
    buckets,
    global,
    catalogueKey: cat.key,
    builtAt: now.getTime(),
    rebuilding: null,
    main: null,
    delta: new Map(),
    deltaPack: null,
  };
}

/** Records one worker's new summary (null: no longer counted) in the map and the packed copies. */
function put(entry: AreaEntry, id: string, summary: WorkerSummary | null) {
  if (summary) entry.workers.set(id, summary);
  else entry.workers.delete(id);
  const slot = entry.main?.slots.get(id);
  if (slot !== undefined && entry.main?.pack.alive) entry.main.pack.alive[slot] = 0;
  if (summary) entry.delta.set(id, summary);
  else entry.delta.delete(id);
  entry.deltaPack = null;
}

/** Re-reads some workers (those still consenting in the area come back; the others are dropped). */
async function refresh(db: Database, cat: WorkforceCatalogue, entry: AreaEntry, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const fresh = new Map((await loadSummaries(db, cat, { area: entry.area, ids: chunk })).map((w) => [w.id, w]));
    for (const id of chunk) put(entry, id, fresh.get(id) ?? null);
  }
}

/** Distinct user ids in rows of a table added after a rowid; null when more rows than `limit` were added. */
async function idsAddedSince(
  db: Database,
  table: 'credentials' | 'role_history' | 'imported_credentials',
  after: number,
  limit: number,
): Promise<string[] | null> {
  const column = sql.raw(table === 'credentials' ? 'subject_user_id' : 'user_id');
  const from = sql.raw(table);
  const counted = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${from} WHERE rowid > ${after}`);
  if (Number(counted[0]?.n ?? 0) > limit) return null;
  const rows = await db.all<{ s: string | null }>(
    sql`SELECT group_concat(DISTINCT ${column}) AS s FROM ${from} WHERE rowid > ${after} AND ${column} IS NOT NULL`,
  );
  return (rows[0]?.s ?? '').split(',').filter(Boolean);
}

/** Workers whose credentials changed according to the audit log since a rowid; null when too many did. */
async function idsFromAudit(db: Database, after: number, limit: number): Promise<string[] | null> {
  const relevant = sql`e.rowid > ${after} AND (e.action LIKE 'credential.%' OR e.action LIKE 'imported_credential.%')`;
  const counted = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events e WHERE ${relevant}`);
  if (Number(counted[0]?.n ?? 0) > limit) return null;
  const rows = await db.all<{ s: string | null }>(sql`
    SELECT group_concat(DISTINCT u) AS s FROM (
      SELECT CASE WHEN e.target_type = 'credential'
        THEN (SELECT c.subject_user_id FROM credentials c WHERE c.id = e.target_id)
        ELSE e.actor_user_id END AS u
      FROM audit_events e WHERE ${relevant}) WHERE u IS NOT NULL`);
  return (rows[0]?.s ?? '').split(',').filter(Boolean);
}

/**
 * Brings the set of counted workers in line with the database, re-listing only id buckets whose fingerprint
 * changed. Leavers always go at once; joiners are read when `loadJoiners` and there are not too many
 * (false then: the caller rebuilds; leaving someone out until then is safe).
 */
async function syncMembership(
  db: Database,
  cat: WorkforceCatalogue,
  entry: AreaEntry,
  users: { count: number; key: string },
  opts: CacheOptions,
  loadJoiners: boolean,
): Promise<boolean> {
  const buckets = await bucketFingerprints(db, entry.area);
  const changed = new Set<string>();
  for (const [k, v] of buckets) if (entry.buckets.get(k) !== v) changed.add(k);
  for (const k of entry.buckets.keys()) if (!buckets.has(k)) changed.add(k);
  const current = new Set<string>();
  for (const k of changed) {
    const rows = await db.all<{ s: string | null }>(sql`
      SELECT group_concat(id, ',') AS s FROM users
      WHERE area_code = ${entry.area} AND workforce_consent = 1 AND id >= ${k} AND id < ${`${k}\u{10FFFF}`}`);
    for (const id of (rows[0]?.s ?? '').split(',')) if (id && bucketOf(id) === k) current.add(id);
  }
  const leavers = [...entry.workers.keys()].filter((id) => changed.has(bucketOf(id)) && !current.has(id));
  for (const id of leavers) put(entry, id, null);
  const joiners = [...current].filter((id) => !entry.workers.has(id));
  if (joiners.length && (!loadJoiners || joiners.length > opts.maxIncremental)) return false;
  await refresh(db, cat, entry, joiners);
  entry.usersKey = users.key;
  entry.buckets = buckets;
  return true;
}

export interface AreaWorkers {
  /** Counted workers by user id (kept inside the service: ids never reach a response). */
  workers: ReadonlyMap<string, WorkerSummary>;
  /** The same, packed for aggregation (masked: read `alive`). */
  packs: PackedWorkers[];
  outcome: CacheOutcome;
  /** A background rebuild the caller should keep alive (Workers: executionCtx.waitUntil); never needed for consent. */
  pending: Promise<void> | null;
}

function answer(
  cat: WorkforceCatalogue,
  entry: AreaEntry,
  outcome: CacheOutcome,
  pending: Promise<void> | null,
): AreaWorkers {
  if (!entry.main || entry.delta.size > Math.max(2_000, entry.workers.size / 20)) {
    const ids = [...entry.workers.keys()];
    entry.main = { pack: packWorkers(cat, entry.workers.values()), slots: new Map(ids.map((id, i) => [id, i])) };
    entry.delta.clear();
    entry.deltaPack = null;
  }
  entry.deltaPack ??= packWorkers(cat, entry.delta.values());
  return { workers: entry.workers, packs: [entry.main.pack, entry.deltaPack], outcome, pending };
}

/** The current summaries of an area's consenting workers, brought up to date first (see the module comment). */
export async function areaWorkers(
  db: Database,
  cat: WorkforceCatalogue,
  area: string,
  now: Date,
  options: Partial<CacheOptions> = {},
): Promise<AreaWorkers> {
  const opts = { ...CACHE_DEFAULTS, ...options };
  let areas = caches.get(db);
  if (!areas) {
    areas = new Map();
    caches.set(db, areas);
  }
  const cached = areas.get(area);
  if (!cached) {
    const building = build(db, cat, area, now, opts, false);
    areas.set(area, building);
    try {
      return answer(cat, await building, 'built', null);
    } catch (err) {
      areas.delete(area);
      throw err;
    }
  }
  const entry = await cached;
  const [users, global] = await Promise.all([usersFingerprint(db, area), globalFingerprint(db)]);
  let outcome: CacheOutcome = 'fresh';
  let rebuild = entry.catalogueKey !== cat.key || now.getTime() - entry.builtAt > opts.ttlMs;

  if (!rebuild && users.key !== entry.usersKey) {
    outcome = 'patched';
    if (!(await syncMembership(db, cat, entry, users, opts, true))) rebuild = true;
  }
  const sources = [
    ['credentials', 'credMax'],
    ['role_history', 'historyMax'],
    ['imported_credentials', 'importMax'],
    ['audit_events', 'auditMax'],
  ] as const;
  for (const [table, field] of sources) {
    if (rebuild || global[field] === entry.global[field]) continue;
    const ids =
      table === 'audit_events'
        ? await idsFromAudit(db, entry.global[field], opts.maxIncremental * 4)
        : await idsAddedSince(db, table, entry.global[field], opts.maxIncremental * 4);
    if (!ids || ids.length > opts.maxIncremental) {
      rebuild = true;
      break;
    }
    const mine = ids.filter((id) => entry.workers.has(id));
    if (mine.length) {
      await refresh(db, cat, entry, mine);
      outcome = 'patched';
    }
    entry.global[field] = global[field];
  }

  if (rebuild) {
    if (users.count <= opts.syncRebuildMax || entry.catalogueKey !== cat.key) {
      const fresh = await build(db, cat, area, now, opts, false);
      areas.set(area, Promise.resolve(fresh));
      return answer(cat, fresh, 'rebuilt', null);
    }
    // Large area: who is counted must be right now, even while the rest catches up in the background.
    if (users.key !== entry.usersKey) await syncMembership(db, cat, entry, users, opts, false);
    if (!entry.rebuilding) {
      entry.rebuilding = build(db, cat, area, now, opts, true)
        .then((fresh) => {
          areas.set(area, Promise.resolve(fresh));
        })
        .catch(() => {
          entry.rebuilding = null;
        });
    }
    return answer(cat, entry, 'stale-rebuilding', entry.rebuilding);
  }
  return answer(cat, entry, outcome, null);
}

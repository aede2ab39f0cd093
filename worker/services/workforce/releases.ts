/**
 * Workforce releases: commissioners see figures published at fixed release points (monthly), computed from a
 * snapshot of the database taken when the release is cut, never live figures. A single consent, role or
 * credential change is therefore never visible on its own: it shows, if at all, in the next release, among
 * every other change of the month and under fresh release noise.
 *
 * Only verified people count: a consenting worker with at least one live credential from an approved
 * organisation (issued here, or brought in and verified against a recognised issuer), or on the staff of an
 * approved employer. Accounts that only declare an area, a role and consent never move a figure.
 *
 * Everything lives in database tables (workforce_record_keys, workforce_releases, workforce_release_cells),
 * so releases behave the same on Node and D1; writes go through db.batch with few bound parameters each.
 */
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { organisations, workforceReleaseCells, workforceReleases } from '../../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { loadBandUps } from './aggregates';
import { quartersUpTo } from './dashboard';
import { loadWorkforceCatalogue, type WorkforceCatalogue } from './catalogue';
import { METHOD, newKey } from './perturbation';
import {
  type AreaInput,
  type KeyedMove,
  type ReleaseView,
  type StoredArea,
  combineAreas,
  protectArea,
} from './release-tables';
import { type WorkerSummary, packWorkers } from './summaries';
import { idRanges, loadSummaries } from './summary-loader';

/** Workers per streamed chunk when reading an area's credentials (well under D1's 2 MB value limit). */
const CHUNK_WORKERS = 600;
/** Stored area rows per insert statement (4 bound parameters each: under D1's 100). */
const ROWS_PER_INSERT = 20;
/** Statements per db.batch call. */
const STATEMENTS_PER_BATCH = 50;

/** Gives every consenting worker without one a random record key (0..65535), kept for good. One statement. */
export async function assignRecordKeys(db: Database): Promise<void> {
  await db.run(sql`INSERT OR IGNORE INTO workforce_record_keys (user_id, record_key)
    SELECT id, random() & 65535 FROM users
    WHERE workforce_consent = 1 AND area_code IS NOT NULL
      AND id NOT IN (SELECT user_id FROM workforce_record_keys)`);
}

/** SQL true when a worker (alias u) is backed by a credential from a recognised issuer or an approved employer. */
const VERIFIED = sql`(
  EXISTS (SELECT 1 FROM credentials c JOIN organisations o ON o.id = c.issuer_org_id
          WHERE c.subject_user_id = u.id AND c.status = 'active' AND o.status = 'approved')
  OR EXISTS (SELECT 1 FROM imported_credentials i WHERE i.user_id = u.id
          AND json_extract(i.verification, '$.verified') = 1
          AND json_extract(i.verification, '$.trust.recognised') = 1)
  OR EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.org_id
          WHERE m.user_id = u.id AND o.kind = 'employer' AND o.status = 'approved'))`;

/** The verified consenting workers of an area in an id range, with their record keys (ids stay in the service). */
export async function countedWorkers(
  db: Database,
  area: string,
  range: { fromId: string; toId: string } = { fromId: '', toId: '\u{10FFFF}' },
): Promise<Map<string, number>> {
  const rows = await db.all<{ s: string | null }>(sql`
    SELECT group_concat(u.id || ':' || k.record_key, ',') AS s
    FROM users u JOIN workforce_record_keys k ON k.user_id = u.id
    WHERE u.area_code = ${area} AND u.workforce_consent = 1 AND u.id >= ${range.fromId} AND u.id < ${range.toId}
      AND ${VERIFIED}`);
  const out = new Map<string, number>();
  for (const pair of (rows[0]?.s ?? '').split(',')) {
    const cut = pair.lastIndexOf(':');
    if (cut > 0) out.set(pair.slice(0, cut), Number(pair.slice(cut + 1)));
  }
  return out;
}

/** Consenting workers of an area, and how many of them are verified (for coverage, never published). */
export async function coverage(db: Database, area?: string): Promise<{ consenting: number; verified: number }> {
  const where = area ? sql`u.area_code = ${area}` : sql`u.area_code IS NOT NULL`;
  const rows = await db.all<{ c: number; v: number }>(sql`
    SELECT count(*) AS c, coalesce(sum(CASE WHEN ${VERIFIED} THEN 1 ELSE 0 END), 0) AS v
    FROM users u WHERE ${where} AND u.workforce_consent = 1`);
  return { consenting: Number(rows[0]?.c ?? 0), verified: Number(rows[0]?.v ?? 0) };
}

/** First month ('YYYY-MM') of the progression quarters shown for a date. */
function progressionSince(now: Date): string {
  const first = quartersUpTo(now)[0] ?? '';
  return `${first.slice(0, 4)}-${String((Number(first.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}`;
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

/** Everything the protected tables of one area need, read from the database now (the release's snapshot). */
async function areaInput(db: Database, cat: WorkforceCatalogue, area: string, now: Date): Promise<AreaInput | null> {
  const counted = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM users WHERE area_code = ${area} AND workforce_consent = 1`,
  );
  const consenting = Number(counted[0]?.n ?? 0);
  const keys = new Map<string, number>();
  const summaries: WorkerSummary[] = [];
  // Chunks of about CHUNK_WORKERS by id range, so no single value read gets near D1's 2 MB limit.
  for (const range of idRanges(Math.ceil(consenting / CHUNK_WORKERS))) {
    const chunk = await countedWorkers(db, area, range);
    if (!chunk.size) continue;
    for (const [id, key] of chunk) keys.set(id, key);
    for (const w of await loadSummaries(db, cat, { area, ...range })) if (chunk.has(w.id)) summaries.push(w);
  }
  if (!summaries.length) return null;
  const byId = new Map(summaries.map((w) => [w.id, w]));
  const moves: KeyedMove[] = [];
  for (const move of await loadBandUps(db, [area], progressionSince(now))) {
    const w = byId.get(move.userId);
    if (w) moves.push({ month: move.month, roleId: w.roleId, n: 1, recordKey: keys.get(w.id) ?? 0 });
  }
  const issuerIds = [...new Set(summaries.flatMap((w) => w.issuerIds))];
  return {
    cat,
    pack: packWorkers(cat, summaries),
    recordKeys: summaries.map((w) => keys.get(w.id) ?? 0),
    moves,
    issuerNames: await organisationNames(db, issuerIds),
    now,
  };
}

export interface Release {
  id: string;
  cutAt: string;
  period: string;
  method: string;
}

/**
 * Cuts a release: freezes the figures of every area with consenting workers, for all role categories and
 * each one. The release becomes visible only once every area is stored (published_at is set last). One
 * release a month: cutting again within a month would let a single change show on its own.
 */
export async function cutRelease(
  db: Database,
  input: { now: Date; cutBy: string | null; random?: () => number },
): Promise<Release & { areas: number }> {
  const period = input.now.toISOString().slice(0, 7);
  const [latest] = await latestReleases(db);
  if (latest && latest.period >= period) {
    throw new AppError(
      'conflict',
      `The release for ${latest.period} is already published; the next can be cut next month.`,
    );
  }
  await assignRecordKeys(db);
  const cat = await loadWorkforceCatalogue(db);
  const release: Release = {
    id: newId(),
    cutAt: input.now.toISOString(),
    period,
    method: METHOD,
  };
  await db.insert(workforceReleases).values({
    ...release,
    releaseKey: newKey(input.random),
    cutBy: input.cutBy,
  });
  const stored = await db
    .select({ releaseKey: workforceReleases.releaseKey })
    .from(workforceReleases)
    .where(eq(workforceReleases.id, release.id));
  const releaseKey = stored[0]?.releaseKey ?? 0;
  const areaRows = await db.all<{ code: string }>(
    sql`SELECT DISTINCT area_code AS code FROM users WHERE workforce_consent = 1 AND area_code IS NOT NULL`,
  );
  const rows: { releaseId: string; areaCode: string; category: string; tables: string }[] = [];
  for (const { code } of areaRows) {
    const inputs = await areaInput(db, cat, code, input.now);
    if (!inputs) continue;
    for (const category of ['all', ...cat.categories.map((c) => c.key)]) {
      const area = protectArea(inputs, category, releaseKey);
      rows.push({ releaseId: release.id, areaCode: code, category, tables: JSON.stringify(area) });
    }
  }
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    statements.push(db.insert(workforceReleaseCells).values(rows.slice(i, i + ROWS_PER_INSERT)));
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const chunk = statements.slice(i, i + STATEMENTS_PER_BATCH);
    await db.batch(chunk as [(typeof chunk)[number], ...typeof chunk]);
  }
  await db.batch([
    db
      .update(workforceReleases)
      .set({ publishedAt: input.now.toISOString() })
      .where(eq(workforceReleases.id, release.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.cutBy,
      action: 'workforce.release_cut',
      targetType: 'workforce_release',
      targetId: release.id,
      details: { period: release.period, method: METHOD, areas: areaRows.length },
    }),
  ]);
  return { ...release, areas: new Set(rows.map((r) => r.areaCode)).size };
}

/** Published releases, newest first (at most `limit`). */
export async function listReleases(db: Database, limit = 24): Promise<Release[]> {
  return db
    .select({
      id: workforceReleases.id,
      cutAt: workforceReleases.cutAt,
      period: workforceReleases.period,
      method: workforceReleases.method,
    })
    .from(workforceReleases)
    .where(isNotNull(workforceReleases.publishedAt))
    .orderBy(desc(workforceReleases.cutAt))
    .limit(limit);
}

/** The latest published release and the one before it (to explain a change of method), newest first. */
export function latestReleases(db: Database): Promise<Release[]> {
  return listReleases(db, 2);
}

/** The stored figures of some areas for one role category in a release (missing areas have no counted workers). */
export async function storedAreas(
  db: Database,
  releaseId: string,
  areaCodes: string[],
  category: string,
): Promise<StoredArea[]> {
  const out: StoredArea[] = [];
  for (let i = 0; i < areaCodes.length; i += 90) {
    const rows = await db
      .select({ tables: workforceReleaseCells.tables })
      .from(workforceReleaseCells)
      .where(
        and(
          eq(workforceReleaseCells.releaseId, releaseId),
          eq(workforceReleaseCells.category, category),
          inArray(workforceReleaseCells.areaCode, areaCodes.slice(i, i + 90)),
        ),
      );
    for (const r of rows) out.push(JSON.parse(r.tables) as StoredArea);
  }
  return out;
}

/** What a release's method changed compared with what commissioners saw before it, in plain words. */
export const METHOD_CHANGES: Record<string, string> = {
  [METHOD]:
    'From this release, figures are published monthly from a frozen snapshot instead of live. Each figure has a small random adjustment (the same for the same people within a release), is rounded to the nearest 5, and any figure under 10 shows as "protected". Only workers backed by a credential from a recognised issuer or by an approved employer are counted. Totals and "all your areas" are sums of the area figures shown. Earlier figures (live, rounded to the nearest 10, "fewer than 5") are not comparable with these.',
};

export interface PublishedView {
  /** The release shown; null before the first release is cut. */
  release: Release | null;
  /** Set when this release changed the method: what changed, for the dashboard and the CSV header. */
  change: string | null;
  view: ReleaseView | null;
}

/** A commissioner's view (some areas, one role category) in the latest release, from its stored figures only. */
export async function publishedView(db: Database, areaCodes: string[], category: string): Promise<PublishedView> {
  const [release, previous] = await latestReleases(db);
  if (!release) return { release: null, change: null, view: null };
  const change = previous?.method === release.method ? null : (METHOD_CHANGES[release.method] ?? null);
  return { release, change, view: combineAreas(await storedAreas(db, release.id, areaCodes, category)) };
}

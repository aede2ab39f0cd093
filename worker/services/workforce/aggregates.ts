/**
 * Workforce intelligence for commissioners: the areas a commissioner covers, and the band-up moves recorded
 * in areas (read when a release is cut, releases.ts). User ids stay inside the service.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { areas, organisationAreas, organisations } from '../../../db/schema';

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

/** The local authority areas a commissioner oversees, set by the platform admin. */
import { eq, inArray } from 'drizzle-orm';
import { type Database, insertChunks } from '../../../db/client';
import { areas, organisationAreas } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { requireOrg } from './organisations';

/** The areas each commissioner organisation plans for (organisation_areas), by organisation id. */
export async function commissionerAreasByOrg(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.select().from(organisationAreas);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.areaCode]);
  return out;
}

/** Sets the areas a commissioner plans for (platform admin): every code must be a known area; audited. */
export async function setCommissionerAreas(
  db: Database,
  input: { orgId: string; areaCodes: string[]; adminUserId: string | null; now: Date },
): Promise<string[]> {
  const org = await requireOrg(db, input.orgId);
  if (org.kind !== 'commissioner') throw new AppError('bad_request', 'Only commissioners plan for areas');
  const codes = [...new Set(input.areaCodes)];
  const known = await db.select({ code: areas.code }).from(areas).where(inArray(areas.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) {
    throw new AppError('validation_failed', 'Unknown areas', [
      { path: 'areas', message: `Not a known area: ${unknown.join(', ')}` },
    ]);
  }
  const before = (await commissionerAreasByOrg(db)).get(org.id) ?? [];
  await db.batch([
    db.delete(organisationAreas).where(eq(organisationAreas.orgId, org.id)),
    ...insertChunks(
      organisationAreas,
      codes.map((areaCode) => ({ orgId: org.id, areaCode })),
    ).map((chunk) => db.insert(organisationAreas).values(chunk)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.areas_changed',
      targetType: 'organisation',
      targetId: org.id,
      details: { from: before, to: codes },
    }),
  ]);
  return codes;
}

/**
 * Workforce consent: a worker's area, current role and their agreement to be counted in anonymous area
 * statistics; and an employer's area. On withdrawal the worker's recorded role moves are deleted at once,
 * since progression figures no longer have their agreement, and they are not counted from the next monthly
 * release (releases.ts): figures never change between releases.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { areas, organisations, roleHistory, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { roleWithBand } from '../catalogue/catalogue';
import { isStepUp } from '../passport/pathway';

export interface WorkforceProfile {
  areaCode: string | null;
  currentRoleId: string | null;
  consent: boolean;
  /** When the current consent was given; null without consent. */
  consentAt: string | null;
}

/** A worker's area, current role and workforce-data consent, as the settings page shows them. */
export async function workforceProfileOf(db: Database, userId: string): Promise<WorkforceProfile> {
  const rows = await db
    .select({
      areaCode: users.areaCode,
      currentRoleId: users.currentRoleId,
      consent: users.workforceConsent,
      consentAt: users.workforceConsentAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'Account not found');
  return row;
}

function invalid(path: string, message: string) {
  return new AppError('validation_failed', message, [{ path, message }]);
}

export interface SaveOutcome {
  consent: 'given' | 'withdrawn' | 'kept' | 'none';
  /** A band-up or other role move recorded for progression figures. */
  roleMoveRecorded: boolean;
}

/**
 * Saves area, current role and consent. A role change is recorded in role_history (with band_up when the
 * new role is a step up) only while the worker consents; withdrawing deletes their recorded moves.
 */
export async function saveWorkforceProfile(
  db: Database,
  input: { userId: string; areaCode: string | null; currentRoleId: string | null; consent: boolean; now: Date },
): Promise<SaveOutcome> {
  const before = await workforceProfileOf(db, input.userId);
  if (input.consent && !input.areaCode)
    throw invalid('areaCode', 'Choose the area you work in, so you can be counted there');
  if (input.areaCode) {
    const found = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, input.areaCode)).limit(1);
    if (!found[0]) throw invalid('areaCode', 'Choose an area from the list');
  }
  const to = input.currentRoleId ? await roleWithBand(db, input.currentRoleId) : null;
  if (input.currentRoleId && !to) throw invalid('currentRoleId', 'Choose a role from the list');

  const at = input.now.toISOString();
  const consent: SaveOutcome['consent'] =
    input.consent && !before.consent
      ? 'given'
      : !input.consent && before.consent
        ? 'withdrawn'
        : input.consent
          ? 'kept'
          : 'none';
  const update = db
    .update(users)
    .set({
      areaCode: input.areaCode,
      currentRoleId: input.currentRoleId,
      workforceConsent: input.consent,
      workforceConsentAt: input.consent ? (before.consent ? before.consentAt : at) : null,
    })
    .where(eq(users.id, input.userId));
  const audit = auditInsert(db, {
    at: input.now,
    actorUserId: input.userId,
    action:
      consent === 'given'
        ? 'workforce.consent_given'
        : consent === 'withdrawn'
          ? 'workforce.consent_withdrawn'
          : 'workforce.profile_saved',
    targetType: 'user',
    targetId: input.userId,
    details: { areaCode: input.areaCode, roleChanged: input.currentRoleId !== before.currentRoleId },
  });

  const roleMoved = input.consent && !!to && input.currentRoleId !== before.currentRoleId;
  if (roleMoved && to) {
    const from = before.currentRoleId ? await roleWithBand(db, before.currentRoleId) : null;
    const history = db.insert(roleHistory).values({
      id: newId(),
      userId: input.userId,
      areaCode: input.areaCode,
      fromRoleId: before.currentRoleId,
      toRoleId: to.id,
      bandUp: isStepUp(from, to),
      at,
    });
    await db.batch([update, history, audit]);
  } else if (consent === 'withdrawn') {
    await db.batch([update, db.delete(roleHistory).where(eq(roleHistory.userId, input.userId)), audit]);
  } else {
    await db.batch([update, audit]);
  }
  return { consent, roleMoveRecorded: roleMoved };
}

/** An organisation's own area (employers record where they operate). */
export async function organisationArea(db: Database, orgId: string): Promise<string | null> {
  const rows = await db
    .select({ areaCode: organisations.areaCode })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .limit(1);
  return rows[0]?.areaCode ?? null;
}

/** Sets an organisation's area; an unknown code is a 400 on the area field. */
export async function setOrganisationArea(
  db: Database,
  input: { orgId: string; areaCode: string; actorUserId: string; now: Date },
): Promise<void> {
  const found = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, input.areaCode)).limit(1);
  if (!found[0]) throw invalid('areaCode', 'Choose an area from the list');
  await db.batch([
    db
      .update(organisations)
      .set({ areaCode: input.areaCode })
      .where(and(eq(organisations.id, input.orgId))),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.actorUserId,
      actorOrgId: input.orgId,
      action: 'organisation.area_set',
      targetType: 'organisation',
      targetId: input.orgId,
      details: { areaCode: input.areaCode },
    }),
  ]);
}

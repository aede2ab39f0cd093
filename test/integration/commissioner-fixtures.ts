/**
 * Fixtures for the workforce-intelligence tests (integration and browser): consenting workers, commissioners
 * covering areas, and credentials issued through the real issuing service. Each takes the database and
 * config directly, so the browser test can use them on the server's database file.
 */
import { eq } from 'drizzle-orm';
import { webCryptoSigning } from '../../worker/credentials/signing';
import type { Database } from '../../db/client';
import { frameworks, organisationAreas, users, workforceRecordKeys } from '../../db/schema';
import type { AchievementInput } from '../../schemas/achievement';
import type { Config } from '../../worker/config';
import { newId } from '../../worker/lib/ids';
import { createAchievement } from '../../worker/services/academy/achievements';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { addMonths } from '../../worker/lib/dates';
import { addMember } from '../../worker/services/organisations/memberships';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { MAX_OFFSET, MINIMUM, ROUND_TO } from '../../worker/services/workforce/perturbation';
import { cutRelease } from '../../worker/services/workforce/releases';
import { createCacheKit } from '../../worker/lib/cache-kit';
import { tableBodies } from '../../db/credential-bodies';

export const LEEDS = 'E08000035';
export const YORK = 'E06000014';
export const WAKEFIELD = 'E08000036';

export interface WorkerSpec {
  area: string | null;
  roleId?: string | null;
  consent?: boolean;
  /** Distinctive, so tests can assert it never reaches a commissioner. */
  name: string;
  email: string;
}

/** Inserts people directly (they never sign in, so no password hashing); returns their ids in order. */
export async function insertWorkers(db: Database, now: Date, specs: WorkerSpec[]): Promise<string[]> {
  const rows = specs.map((s) => ({
    id: newId(),
    email: s.email.toLowerCase(),
    displayName: s.name,
    passwordHash: 'fixture-no-sign-in',
    emailVerifiedAt: now.toISOString(),
    areaCode: s.area,
    currentRoleId: s.roleId ?? null,
    workforceConsent: s.consent ?? true,
    workforceConsentAt: (s.consent ?? true) ? now.toISOString() : null,
    createdAt: now.toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 8) await db.insert(users).values(rows.slice(i, i + 8));
  return rows.map((r) => r.id);
}

/** Sets a user's workforce fields directly (as if saved on the consent page earlier). */
export async function setWorkforce(
  db: Database,
  userId: string,
  v: { area: string | null; roleId?: string | null; consent: boolean },
  now: Date,
) {
  await db
    .update(users)
    .set({
      areaCode: v.area,
      currentRoleId: v.roleId ?? null,
      workforceConsent: v.consent,
      workforceConsentAt: v.consent ? now.toISOString() : null,
    })
    .where(eq(users.id, userId));
}

/** An approved organisation of a kind, with an owner, covering areas (commissioners) when given. */
export async function makeOrganisation(
  db: Database,
  now: Date,
  o: { name: string; kind: 'academy' | 'employer' | 'commissioner'; ownerId: string; areas?: string[] },
) {
  const org = await createOrganisation(db, { name: o.name, kind: o.kind, ownerUserId: o.ownerId, now });
  const scopes =
    o.kind === 'academy'
      ? (await db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.kind, 'competency'))).map(
          (f) => f.id,
        )
      : [];
  await approveOrganisation(db, { orgId: org.id, frameworkIds: scopes, adminUserId: null, now });
  if (o.areas?.length)
    await db.insert(organisationAreas).values(o.areas.map((areaCode) => ({ orgId: org.id, areaCode })));
  return org;
}

export async function addStaff(db: Database, orgId: string, userId: string, now: Date) {
  await addMember(db, { orgId, userId, role: 'staff', now });
}

/** An achievement of an academy aligned to catalogue items. */
export async function makeAchievementFor(
  db: Database,
  now: Date,
  academyId: string,
  createdBy: string,
  over: Partial<AchievementInput>,
) {
  return createAchievement(db, {
    name: 'Fixture training',
    description: 'Training used by the workforce tests.',
    criteria: 'Attended and passed the assessment.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'classroom',
    alignedIds: ['cstf-fire'],
    ...over,
    orgId: academyId,
    createdBy,
    now,
  });
}

/** Issues one credential of an achievement to each person, completed on a date (real signatures). */
export async function issue(
  db: Database,
  config: Config,
  now: Date,
  academyId: string,
  achievementId: string,
  people: { email: string; name: string }[],
  completedOn = now.toISOString().slice(0, 10),
) {
  const loaded = await loadAchievement(db, academyId, achievementId);
  const out = [];
  for (let i = 0; i < people.length; i += 50) {
    out.push(
      ...(await issueCredentials(
        {
          db,
          bodies: tableBodies(db),
          config,
          caches: createCacheKit(() => now),
          signing: webCryptoSigning,
          now,
          actorUserId: null,
        },
        loaded,
        people.slice(i, i + 50).map((p) => ({ email: p.email, name: p.name, completedOn })),
      )),
    );
  }
  return out;
}

/** Gives people fixed record keys (a release otherwise draws them at random), so a test's figures repeat. */
export async function fixRecordKeys(db: Database, userIds: string[]) {
  const rows = userIds.map((userId, i) => ({ userId, recordKey: (i * 7_919 + 17) % 65_536 }));
  for (let i = 0; i < rows.length; i += 40) await db.insert(workforceRecordKeys).values(rows.slice(i, i + 40));
}

/** Cuts the workforce release of the month `months` after now, with a fixed release key. */
export function cutTestRelease(db: Database, now: Date, months = 0) {
  return cutRelease(db, { now: addMonths(now, months), cutBy: null, random: () => 0.25 });
}

/** True when a published figure is consistent with a true count under the release method. */
export function consistent(cell: { state: string; value: number | null }, truth: number): boolean {
  if (cell.state === 'protected') return truth < MINIMUM + MAX_OFFSET;
  const v = cell.value ?? -1;
  return v % ROUND_TO === 0 && v >= MINIMUM && Math.abs(v - truth) <= MAX_OFFSET + ROUND_TO / 2;
}

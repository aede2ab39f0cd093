/**
 * Fixtures for the workforce-intelligence tests (integration and browser): consenting workers, commissioners
 * covering areas, and credentials issued through the real issuing service. Each takes the database and
 * config directly, so the browser test can use them on the server's database file.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { frameworks, organisationAreas, users } from '../../db/schema';
import type { AchievementInput } from '../../schemas/achievement';
import type { Config } from '../../worker/config';
import { newId } from '../../worker/lib/ids';
import { createAchievement } from '../../worker/services/academy/achievements';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { addMember } from '../../worker/services/organisations/memberships';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';

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
        { db, config, now, actorUserId: null },
        loaded,
        people.slice(i, i + 50).map((p) => ({ email: p.email, name: p.name, completedOn })),
      )),
    );
  }
  return out;
}

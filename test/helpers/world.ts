/** A small world of actors for integration tests: orgs of every kind, their staff, workers and an API token. */
import { eq } from 'drizzle-orm';
import { frameworks } from '../../db/schema';
import type { AchievementInput } from '../../schemas/achievement';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createUser } from '../../worker/services/accounts/accounts';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { ensurePlatformOrg } from '../../worker/services/organisations/issuers';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { createSession } from '../../worker/services/accounts/sessions';
import { browserAs } from './accounts';
import { type TestEnv, makeTestEnv } from './app';

export const PASSWORD = 'correct horse battery staple';

export interface Person {
  id: string;
  email: string;
  /** Session cookie value for this person. */
  cookie: string;
}

async function person(env: TestEnv, email: string, name: string, opts: { admin?: boolean } = {}): Promise<Person> {
  const u = await createUser(env.deps, {
    email,
    password: PASSWORD,
    displayName: name,
    verified: true,
    isPlatformAdmin: opts.admin ?? false,
  });
  const s = await createSession(env.deps.db, u.id, env.deps.clock(), env.deps.config.SESSION_DAYS);
  return { id: u.id, email, cookie: `cp_session=${s.token}` };
}

async function org(
  env: TestEnv,
  name: string,
  kind: 'academy' | 'employer' | 'commissioner',
  staff: Person,
  scopes: string[] = [],
) {
  const now = env.deps.clock();
  const o = await createOrganisation(env.deps.db, { name, kind, ownerUserId: staff.id, now });
  await approveOrganisation(env.deps.db, { orgId: o.id, frameworkIds: scopes, adminUserId: null, now });
  return { ...o, status: 'approved' as const };
}

/** Builds the world: academy A (approved for every competency framework), academy B (CSTF only), employer, commissioner, two workers. */
export async function buildWorld(env: TestEnv) {
  const db = env.deps.db;
  const now = env.deps.clock();
  await ensurePlatformOrg(db, now);
  const allScopes = (
    await db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.kind, 'competency'))
  ).map((f) => f.id);
  const [admin, academyStaff, otherAcademyStaff, employerStaff, commissionerStaff, worker, otherWorker] =
    await Promise.all([
      person(env, 'admin@platform.test', 'Platform Admin', { admin: true }),
      person(env, 'trainer@academy-a.test', 'Asha Trainer'),
      person(env, 'trainer@academy-b.test', 'Ben Trainer'),
      person(env, 'manager@employer.test', 'Erin Manager'),
      person(env, 'analyst@council.test', 'Cal Analyst'),
      person(env, 'worker@example.test', 'Wendy Worker'),
      person(env, 'other@example.test', 'Oscar Other'),
    ]);
  const academy = await org(env, 'Northern Care Academy', 'academy', academyStaff, allScopes);
  const otherAcademy = await org(env, 'Southern Skills Ltd', 'academy', otherAcademyStaff, ['cstf']);
  const employer = await org(env, 'Sunrise Care Homes', 'employer', employerStaff);
  const commissioner = await org(env, 'Leeds City Council', 'commissioner', commissionerStaff);
  const token = await createApiToken(db, {
    orgId: academy.id,
    name: 'test',
    scopes: ['issue', 'verify', 'read'],
    createdBy: academyStaff.id,
    now,
  });
  return {
    admin,
    academyStaff,
    otherAcademyStaff,
    employerStaff,
    commissionerStaff,
    worker,
    otherWorker,
    academy,
    otherAcademy,
    employer,
    commissioner,
    apiToken: token.token,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** A fresh achievement input (fixtures are functions returning fresh copies). */
export function achievementFixture(over: Partial<AchievementInput> = {}): AchievementInput {
  return {
    name: 'Moving and handling (level 2)',
    description: 'Safe moving and handling of people, with practical assessment.',
    criteria: 'Completed the classroom session and passed an observed practical assessment.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'observed-practice',
    alignedIds: ['cstf-mh-l2'],
    ...over,
  };
}

/** Creates an achievement for an academy. */
export function makeAchievement(
  env: TestEnv,
  academyId: string,
  createdBy: string,
  over: Partial<AchievementInput> = {},
) {
  return createAchievement(env.deps.db, {
    ...achievementFixture(over),
    orgId: academyId,
    createdBy,
    now: env.deps.clock(),
  });
}

export interface IssueViaApi {
  achievementId: string;
  email: string;
  name?: string;
  /** The completion date, taken as given: a date long enough ago gives an expired credential (options.allowExpired). */
  validFrom?: string;
  /** false: no email to the learner (the default is the API's: notify). */
  notify?: boolean;
}

/** Issues one credential through the VC-API with the academy's token, as an academy's own system would. */
export async function issueViaApi(env: TestEnv, world: World, o: IssueViaApi) {
  const res = await env.app.request('/credentials/issue', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
    body: JSON.stringify({
      credential: {
        achievementId: o.achievementId,
        credentialSubject: { email: o.email, name: o.name ?? 'Wendy Worker' },
        ...(o.validFrom ? { validFrom: o.validFrom } : {}),
      },
      ...(o.notify === undefined && !o.validFrom
        ? {}
        : {
            options: {
              ...(o.notify === undefined ? {} : { notify: o.notify }),
              ...(o.validFrom ? { allowExpired: true } : {}),
            },
          }),
    }),
  });
  if (res.status !== 201) throw new Error(`issue answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { credentialId: string; verifiableCredential: { id: string }; claimUrl?: string };
  return {
    id: body.credentialId.replace('urn:uuid:', ''),
    jwt: body.verifiableCredential.id.slice('data:application/vc+jwt,'.length),
    claimUrl: body.claimUrl,
    body,
  };
}

/** The academy pages' set-up: a world, its academy staff member signed in, and an achievement to issue. */
export async function academyWorld() {
  const env = await makeTestEnv();
  const world = await buildWorld(env);
  const staff = await browserAs(env, world.academyStaff.id);
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  return { env, world, staff, A: `/academy/${world.academy.slug}`, achievementId };
}

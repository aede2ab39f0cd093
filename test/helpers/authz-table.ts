/**
 * The authorisation matrix: for every route the app serves, a sample path and the status each actor must get.
 * test/integration/authz-matrix.test.ts sends every row as every actor; a route without a row fails it.
 * When you add a route, add its row here (the helpers below keep rows to one line each).
 */
import { eq } from 'drizzle-orm';
import { competencies, invitations, issuerKeys, roles } from '../../db/schema';
import { hashToken, newId } from '../../worker/lib/ids';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { ensureIssuerKey, ensurePlatformOrg } from '../../worker/services/organisations/issuers';
import { addMember } from '../../worker/services/organisations/memberships';
import { allocateStatusSlots } from '../../worker/services/academy/status-lists';
import { createAchievement } from '../../worker/services/academy/achievements';
import { checkRows } from '../../worker/services/academy/cohort-csv';
import { storeBatch } from '../../worker/services/academy/cohort-batches';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { createEmployerRole } from '../../worker/services/employer/employer-roles';
import { saveVerification } from '../../worker/services/employer/saved-verifications';
import { createPresentationRequest } from '../../worker/services/wallets/presentation-requests';
import type { TestEnv } from './app';
import { makeOrg, makeUser } from './accounts';

/** Who sends each request. `academyToken` is an API token of academy A with every scope. */
export const ACTORS = [
  'anonymous',
  'worker',
  'worker2',
  'academyAdmin',
  'academyStaff',
  'otherAcademy',
  'employer',
  'commissioner',
  'admin',
  'academyToken',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type UserActorName = Exclude<ActorName, 'anonymous' | 'academyToken'>;

/**
 * A status, a set of acceptable statuses, or 'signin': "not signed in", which is a 303 to
 * /sign-in?next=... for a browser GET of a page and a 401 otherwise (API paths, posts, API tokens).
 */
export type Expected = number | readonly number[] | 'signin';
export type Expectation = Record<ActorName, Expected>;

export interface AuthzRow {
  /** `METHOD /pattern` exactly as in app.routes. */
  route: string;
  /** A concrete path (with query) to request. */
  path: (f: AuthzFixtures) => string;
  expect: Expectation;
  /** Form fields to post (the CSRF token is added for signed-in actors). Default: an empty form. */
  form?: Record<string, string>;
  /** Send this as a JSON body instead of a form. */
  json?: unknown;
}

type OrgKey = 'academyA' | 'academyB' | 'employer' | 'commissioner';
type Role = 'owner' | 'admin' | 'staff';

/** Which actor holds which role in which organisation. */
export const MEMBERS: Record<OrgKey, Partial<Record<UserActorName, Role>>> = {
  academyA: { academyAdmin: 'owner', academyStaff: 'staff' },
  academyB: { otherAcademy: 'owner' },
  employer: { employer: 'owner' },
  commissioner: { commissioner: 'owner' },
};

export interface AuthzFixtures {
  users: Record<UserActorName, { id: string; email: string }>;
  orgs: Record<OrgKey | 'pending' | 'spareAcademy', { id: string; slug: string }>;
  /** Bearer token of the academyToken actor. */
  academyToken: string;
  /** A staff member of academy A that its admin may remove. */
  victimId: string;
  /** A pending invitation and an API token of academy A, to withdraw and revoke. */
  invitationId: string;
  spareTokenId: string;
  roleId: string;
  competencyId: string;
  statusListId: string;
  /** Academy A's records for the academy rows: achievements (one to archive), a cohort upload with only bad rows, a credential. */
  academy: AcademyFixtures;
  /** The authz employer's records: an own role to view and edit, a spare one to delete, and a saved check. */
  employer: EmployerFixtures;
}

/** Builds the actors and records the rows point at, through the real services. */
export async function buildAuthzFixtures(env: TestEnv): Promise<AuthzFixtures> {
  const { db, config, clock } = env.deps;
  const now = clock();
  const mk = async (name: UserActorName) => {
    const u = await makeUser(env, { email: `${name.toLowerCase()}@authz.test`, name, admin: name === 'admin' });
    return { id: u.id, email: u.email };
  };
  const users = {} as AuthzFixtures['users'];
  for (const a of ACTORS) if (a !== 'anonymous' && a !== 'academyToken') users[a] = await mk(a);

  const competencyFrameworks = ['care-certificate-2025', 'cstf'];
  const academyA = await makeOrg(env, {
    name: 'Authz Academy A',
    kind: 'academy',
    approve: true,
    scopes: competencyFrameworks,
  });
  const academyB = await makeOrg(env, { name: 'Authz Academy B', kind: 'academy', approve: true, scopes: ['cstf'] });
  const employer = await makeOrg(env, { name: 'Authz Employer', kind: 'employer', approve: true });
  const commissioner = await makeOrg(env, { name: 'Authz Council', kind: 'commissioner', approve: true });
  const pending = await makeOrg(env, { name: 'Authz Pending', kind: 'employer' });
  const spareAcademy = await makeOrg(env, { name: 'Authz Spare Academy', kind: 'academy', approve: true });
  const orgs = { academyA, academyB, employer, commissioner };
  for (const [key, members] of Object.entries(MEMBERS) as [OrgKey, Partial<Record<UserActorName, Role>>][]) {
    for (const [actor, role] of Object.entries(members) as [UserActorName, Role][]) {
      await addMember(db, { orgId: orgs[key].id, userId: users[actor].id, role, now });
    }
  }
  const victim = await makeUser(env, { email: 'victim@authz.test' });
  await addMember(db, { orgId: academyA.id, userId: victim.id, role: 'staff', now });
  const invitationId = newId();
  await db.insert(invitations).values({
    id: invitationId,
    orgId: academyA.id,
    email: 'invitee@authz.test',
    role: 'staff',
    tokenHash: hashToken(invitationId),
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  const scopes = ['issue', 'verify', 'read'] as const;
  const token = await createApiToken(db, {
    orgId: academyA.id,
    name: 'authz',
    scopes: [...scopes],
    createdBy: null,
    now,
  });
  const spare = await createApiToken(db, { orgId: academyA.id, name: 'spare', scopes: ['read'], createdBy: null, now });

  const platform = await ensurePlatformOrg(db, now);
  await ensureIssuerKey(db, config, platform, now);
  await ensureIssuerKey(db, config, academyA, now);
  const [slot] = await allocateStatusSlots(db, academyA.id, 1, now);

  const role = (await db.select({ id: roles.id }).from(roles).limit(1))[0];
  const competency = (
    await db.select({ id: competencies.id }).from(competencies).where(eq(competencies.frameworkId, 'cstf')).limit(1)
  )[0];
  return {
    users,
    orgs: { ...orgs, pending, spareAcademy },
    academyToken: token.token,
    victimId: victim.id,
    invitationId,
    spareTokenId: spare.id,
    roleId: role?.id ?? 'missing',
    competencyId: competency?.id ?? 'missing',
    statusListId: slot?.revocationListId ?? 'missing',
    academy: await buildAcademyFixtures(env, academyA.id),
    employer: await buildEmployerFixtures(env, employer.id, users.employer.id),
  };
}

export interface AcademyFixtures {
  achievementId: string;
  spareAchievementId: string;
  batchId: string;
  credentialId: string;
  /** The academy's signing key (made by the first issue). */
  kid: string;
}

/** An achievement, a spare one to archive, a cohort upload whose rows are all invalid (so confirming is a 409) and a credential. */
async function buildAcademyFixtures(env: TestEnv, orgId: string): Promise<AcademyFixtures> {
  const { db, clock } = env.deps;
  const now = clock();
  const input = {
    description: 'Safe moving and handling of people.',
    criteria: 'Passed an observed practical assessment.',
    achievementType: 'Certificate' as const,
    assessmentMethod: 'observed-practice' as const,
    alignedIds: ['cstf-mh-l2'],
    orgId,
    createdBy: null,
    now,
  };
  const achievement = await createAchievement(db, { ...input, name: 'Authz moving and handling' });
  const spare = await createAchievement(db, { ...input, name: 'Authz spare achievement' });
  const loaded = await loadAchievement(db, orgId, achievement.id);
  const [issued] = await issueCredentials({ ...issueContext(env.deps, null), now }, loaded, [
    { email: 'learner@authz.test', name: 'Authz Learner' },
  ]);
  const { batch } = await storeBatch(db, {
    orgId,
    achievementId: achievement.id,
    fileName: 'bad.csv',
    rows: checkRows([{ rowNo: 2, values: { name: 'No Email', email: 'nope', completion_date: '2026-05-01' } }], now),
    createdBy: null,
    now,
  });
  const key = await db.select({ kid: issuerKeys.kid }).from(issuerKeys).where(eq(issuerKeys.orgId, orgId)).limit(1);
  return {
    achievementId: achievement.id,
    spareAchievementId: spare.id,
    batchId: batch.id,
    credentialId: issued?.credentialId ?? 'missing',
    kid: key[0]?.kid ?? 'missing',
  };
}

export interface EmployerFixtures {
  roleId: string;
  spareRoleId: string;
  savedId: string;
  /** A request to a wallet app for proof, still waiting. */
  walletRequestId: string;
}

/** An employer role, a spare one to delete, and a saved check (of no credentials) to open and re-check. */
async function buildEmployerFixtures(env: TestEnv, orgId: string, userId: string): Promise<EmployerFixtures> {
  const { db, clock } = env.deps;
  const now = clock();
  const role = {
    catalogueRoleId: null,
    bandLabel: null,
    payText: null,
    requirements: [{ competencyId: 'cstf-fire', requirement: 'required' as const, maxAgeMonths: null }],
  };
  const kept = await createEmployerRole(db, { orgId, userId, role: { ...role, title: 'Authz carer' }, now });
  const spare = await createEmployerRole(db, { orgId, userId, role: { ...role, title: 'Authz spare role' }, now });
  const checkedAt = now.toISOString();
  const savedId = await saveVerification(db, {
    orgId,
    userId,
    candidateName: 'Authz Candidate',
    outcome: {
      report: {
        checkedAt,
        source: 'credentials',
        verified: true,
        holder: null,
        sharedBy: null,
        presentation: null,
        credentials: [],
        notes: [],
      },
      input: { v: 1, source: 'credentials', credentials: [], holder: null, shareId: null },
    },
    roleFit: null,
    now,
  });
  const walletRequestId = await createPresentationRequest(env.deps, { orgId, userId, roleRef: null, now });
  return { roleId: kept.id, spareRoleId: spare.id, savedId, walletRequestId };
}

// ---------------------------------------------------------------- expectation helpers

function every(status: Expected): Expectation {
  return Object.fromEntries(ACTORS.map((a) => [a, status])) as Expectation;
}

/** Anyone, signed in or not, gets `status`. */
export const anyone = (status: Expected, over: Partial<Expectation> = {}): Expectation => ({
  ...every(status),
  ...over,
});

/** Signed-in people get `status`; anonymous callers and API tokens are told to sign in. */
export const signedIn = (status: Expected, over: Partial<Expectation> = {}): Expectation => ({
  ...every(status),
  anonymous: 'signin',
  academyToken: 'signin',
  ...over,
});

function membersOf(org: OrgKey, status: (role: Role) => Expected): Partial<Expectation> {
  return Object.fromEntries(Object.entries(MEMBERS[org]).map(([a, role]) => [a, status(role as Role)]));
}

/** guard('orgMember') on `org`: its members get `status`, everyone else signed in 404 (existence not leaked). */
export const orgMember = (org: OrgKey, status: Expected, over: Partial<Expectation> = {}): Expectation => ({
  ...signedIn(404),
  ...membersOf(org, () => status),
  ...over,
});

/** guard('orgAdmin') on `org`: owners and admins get `status`, its staff 403, everyone else signed in 404. */
export const orgAdmin = (org: OrgKey, status: Expected, over: Partial<Expectation> = {}): Expectation => ({
  ...signedIn(404),
  ...membersOf(org, (role) => (role === 'staff' ? 403 : status)),
  ...over,
});

/** guard('platformAdmin'): platform admins get `status`, every other signed-in person 404. */
export const platformAdmin = (status: Expected, over: Partial<Expectation> = {}): Expectation => ({
  ...signedIn(404),
  admin: status,
  ...over,
});

/**
 * guard('apiToken', { kind }): the academy token and signed-in members of an approved org of that kind get
 * `status`; other signed-in people 403; anonymous 401.
 */
export const apiToken = (
  kind: 'academy' | 'employer' | 'commissioner',
  status: Expected,
  over: Partial<Expectation> = {},
): Expectation => {
  const orgsOfKind = (Object.keys(MEMBERS) as OrgKey[]).filter((k) => k.toLowerCase().startsWith(kind));
  return {
    ...every(403),
    anonymous: 401,
    academyToken: kind === 'academy' ? status : 403,
    ...Object.assign({}, ...orgsOfKind.map((o) => membersOf(o, () => status))),
    ...over,
  };
};

const row = (
  route: string,
  path: AuthzRow['path'] | string,
  expect: Expectation,
  extra: Partial<AuthzRow> = {},
): AuthzRow => ({
  route,
  path: typeof path === 'string' ? () => path : path,
  expect,
  ...extra,
});

/** Statuses of pages that send signed-in people elsewhere (sign-in and sign-up redirect them on). */
const signedOutPage = anyone(303, { anonymous: 200, academyToken: 200 });
const A = (f: AuthzFixtures) => `/org/${f.orgs.academyA.slug}`;
const EMP = (f: AuthzFixtures) => `/employer/${f.orgs.employer.slug}`;
const AC = (f: AuthzFixtures) => `/academy/${f.orgs.academyA.slug}`;
const API = (f: AuthzFixtures) => `/api/v1/academies/${f.orgs.academyA.slug}`;
/** A well-formed id that names no row. */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// ---------------------------------------------------------------- the table

export const AUTHZ_TABLE: AuthzRow[] = [
  // home and static
  row('GET /', '/', anyone(200)),
  row('GET /healthz', '/healthz', anyone(200)),
  row('GET /help', '/help', anyone(200)),
  row('GET /help/:audience', '/help/employers', anyone(200)),
  row('GET /contact', '/contact', anyone(200)),
  row('POST /contact', '/contact', anyone(400)),
  row('GET /favicon.svg', '/favicon.svg', anyone(200)),
  row('GET /favicon.ico', '/favicon.ico', anyone(200)),
  row('GET /static/app.css', '/static/app.css', anyone(200)),
  row('GET /static/app.js', '/static/app.js', anyone(200)),
  row('GET /static/picker.js', '/static/picker.js', anyone(200)),

  // catalogue
  row('GET /api/v1/catalogue/frameworks', '/api/v1/catalogue/frameworks', anyone(200)),
  row('GET /api/v1/catalogue/ladders', '/api/v1/catalogue/ladders', anyone(200)),
  row('GET /api/v1/catalogue/roles', '/api/v1/catalogue/roles', anyone(200)),
  row('GET /api/v1/catalogue/roles/:id', (f) => `/api/v1/catalogue/roles/${f.roleId}`, anyone(200)),
  row('GET /api/v1/catalogue/bands', '/api/v1/catalogue/bands', anyone(200)),
  row('GET /api/v1/catalogue/competencies', '/api/v1/catalogue/competencies', anyone(200)),
  row('GET /api/v1/catalogue/competencies/:id', (f) => `/api/v1/catalogue/competencies/${f.competencyId}`, anyone(200)),
  row('GET /catalogue', '/catalogue', anyone(200)),
  row('GET /catalogue/roles/:id', (f) => `/catalogue/roles/${f.roleId}`, anyone(200)),
  row('GET /catalogue/competencies', '/catalogue/competencies', anyone(200)),
  row('GET /catalogue/sources', '/catalogue/sources', anyone(200)),
  row('GET /privacy', '/privacy', anyone(200)),

  // sign-up, sign-in, password reset
  row('GET /sign-up', '/sign-up', signedOutPage),
  row('POST /sign-up', '/sign-up', anyone(400)),
  row('GET /verify-email', '/verify-email?token=nope', anyone(400)),
  row('GET /sign-in', '/sign-in', signedOutPage),
  row('POST /sign-in', '/sign-in', anyone(400)),
  row('POST /sign-out', '/sign-out', anyone(303)),
  row('GET /forgot-password', '/forgot-password', anyone(200)),
  row('POST /forgot-password', '/forgot-password', anyone(400)),
  row('GET /reset-password', '/reset-password?token=nope', anyone(400)),
  row('POST /reset-password', '/reset-password', anyone(400)),

  // account
  row('GET /account', '/account', signedIn(200)),
  row('POST /account', '/account', signedIn(400)),
  row('POST /account/password', '/account/password', signedIn(400)),
  row('POST /account/sign-out-everywhere', '/account/sign-out-everywhere', signedIn(303)),

  // organisations
  row('GET /organisations/new', '/organisations/new', signedIn(200)),
  row('POST /organisations/new', '/organisations/new', signedIn(400)),
  row('GET /org/:org', A, orgMember('academyA', 200)),
  row('GET /org/:org/members', (f) => `${A(f)}/members`, orgMember('academyA', 200)),
  row('POST /org/:org/invitations', (f) => `${A(f)}/invitations`, orgAdmin('academyA', 400)),
  row(
    'POST /org/:org/invitations/:id/revoke',
    (f) => `${A(f)}/invitations/${f.invitationId}/revoke`,
    orgAdmin('academyA', 303),
  ),
  row('POST /org/:org/members/:userId/role', (f) => `${A(f)}/members/${f.victimId}/role`, orgAdmin('academyA', 400)),
  row(
    'POST /org/:org/members/:userId/remove',
    (f) => `${A(f)}/members/${f.victimId}/remove`,
    orgAdmin('academyA', 303),
  ),
  row('GET /invitations/accept', '/invitations/accept?token=nope', anyone(400)),
  row('POST /invitations/accept', '/invitations/accept', signedIn(400)),
  row('GET /org/:org/tokens', (f) => `${A(f)}/tokens`, orgAdmin('academyA', 200)),
  row('POST /org/:org/tokens', (f) => `${A(f)}/tokens`, orgAdmin('academyA', 400)),
  row('POST /org/:org/tokens/:id/revoke', (f) => `${A(f)}/tokens/${f.spareTokenId}/revoke`, orgAdmin('academyA', 303)),

  // platform admin
  row('GET /admin', '/admin', platformAdmin(200)),
  row('GET /admin/roles', '/admin/roles', platformAdmin(200)),
  row('GET /admin/releases', '/admin/releases', platformAdmin(200)),
  row('POST /admin/releases', '/admin/releases', platformAdmin(303)),
  row('GET /admin/roles/:id', '/admin/roles/cwp-new-to-care', platformAdmin(200)),
  row('POST /admin/roles/:id', '/admin/roles/cwp-new-to-care', platformAdmin(400)),
  row('POST /admin/roles/:id/reset', '/admin/roles/cwp-new-to-care/reset', platformAdmin(303)),
  row('POST /admin/roles/:id/rules', '/admin/roles/cwp-new-to-care/rules', platformAdmin(400)),
  row('POST /admin/roles/:id/relations', '/admin/roles/cwp-new-to-care/relations', platformAdmin(400)),
  row('POST /admin/roles/:id/levels', '/admin/roles/cwp-new-to-care/levels', platformAdmin(400)),
  row(
    'POST /admin/roles/:id/relations/:relationId/delete',
    '/admin/roles/cwp-new-to-care/relations/eqc-cstf-sga-l2--cstf-sga-l1/delete',
    platformAdmin(200),
  ),
  row(
    'POST /admin/organisations/:id/approve',
    (f) => `/admin/organisations/${f.orgs.pending.id}/approve`,
    platformAdmin(303),
  ),
  row(
    'POST /admin/organisations/:id/refuse',
    (f) => `/admin/organisations/${f.orgs.pending.id}/refuse`,
    platformAdmin(400),
  ),
  row(
    'POST /admin/organisations/:id/suspend',
    (f) => `/admin/organisations/${f.orgs.spareAcademy.id}/suspend`,
    platformAdmin(303),
  ),
  row(
    'POST /admin/organisations/:id/areas',
    (f) => `/admin/organisations/${f.orgs.commissioner.id}/areas`,
    platformAdmin(400),
  ),
  row(
    'POST /admin/organisations/:id/provider',
    (f) => `/admin/organisations/${f.orgs.spareAcademy.id}/provider`,
    platformAdmin(400),
  ),
  row(
    'POST /admin/organisations/:id/scopes',
    (f) => `/admin/organisations/${f.orgs.spareAcademy.id}/scopes`,
    platformAdmin(303),
  ),

  // development
  row('GET /dev/outbox', '/dev/outbox', anyone(200)),

  // issuer identities and status lists
  row('GET /.well-known/did.json', '/.well-known/did.json', anyone(200)),
  row('GET /orgs/:slug/did.json', (f) => `/orgs/${f.orgs.academyA.slug}/did.json`, anyone(200)),
  row('GET /status-lists/:id', (f) => `/status-lists/${f.statusListId}`, anyone(200)),
  // Wallet issuance (OpenID4VCI): public metadata; the endpoints' own credentials are the code, PIN and access token.
  row('GET /.well-known/openid-credential-issuer', '/.well-known/openid-credential-issuer', anyone(200)),
  row('GET /.well-known/oauth-authorization-server', '/.well-known/oauth-authorization-server', anyone(200)),
  ...(['', '/issuers/:slug'] as const).flatMap((base) => {
    const at = (f: AuthzFixtures) => (base ? `/issuers/${f.orgs.academyA.slug}` : '');
    return [
      row(`POST ${base}/oid4vci/token`, (f) => `${at(f)}/oid4vci/token`, anyone(400)),
      row(`POST ${base}/oid4vci/nonce`, (f) => `${at(f)}/oid4vci/nonce`, anyone(200)),
      row(`POST ${base}/oid4vci/credential`, (f) => `${at(f)}/oid4vci/credential`, anyone(400)),
    ];
  }),
  // Wallet presentations (OpenID4VP): wallets answer anonymously; the state names the request.
  row('POST /oid4vp/response', '/oid4vp/response', anyone(400)),
  // The signed request object (by reference): anyone holding the QR code may fetch it; an unknown state is 404.
  row('GET /oid4vp/requests/:state', '/oid4vp/requests/no-such-state', anyone(404)),
  row(
    'GET /.well-known/openid-credential-issuer/issuers/:slug',
    (f) => `/.well-known/openid-credential-issuer/issuers/${f.orgs.academyA.slug}`,
    anyone(200),
  ),
  row(
    'GET /.well-known/oauth-authorization-server/issuers/:slug',
    (f) => `/.well-known/oauth-authorization-server/issuers/${f.orgs.academyA.slug}`,
    anyone(200),
  ),

  // VC-API
  row('POST /credentials/issue', '/credentials/issue', apiToken('academy', 400), { json: {} }),
  row('POST /credentials/verify', '/credentials/verify', anyone(400), { json: {} }),
  row('POST /presentations/challenges', '/presentations/challenges', anyone(201), { json: {} }),
  row('POST /presentations/verify', '/presentations/verify', anyone(400), { json: {} }),
  row('POST /credentials/status', '/credentials/status', apiToken('academy', 400), { json: {} }),
  row('GET /api/openapi.json', '/api/openapi.json', anyone(200)),

  // academy workflows (worker/routes/academy.tsx)
  row('GET /academy/:org', AC, orgMember('academyA', 200)),
  row('GET /academy/:org/achievements/new', (f) => `${AC(f)}/achievements/new`, orgMember('academyA', 200)),
  row('POST /academy/:org/achievements/new', (f) => `${AC(f)}/achievements/new`, orgMember('academyA', 400)),
  row(
    'GET /academy/:org/achievements/:id',
    (f) => `${AC(f)}/achievements/${f.academy.achievementId}`,
    orgMember('academyA', 200),
  ),
  row(
    'POST /academy/:org/achievements/:id/archive',
    (f) => `${AC(f)}/achievements/${f.academy.spareAchievementId}/archive`,
    orgMember('academyA', 303),
  ),
  row(
    'GET /academy/:org/achievements/:id/issue',
    (f) => `${AC(f)}/achievements/${f.academy.achievementId}/issue`,
    orgMember('academyA', 200),
  ),
  row(
    'POST /academy/:org/achievements/:id/issue',
    (f) => `${AC(f)}/achievements/${f.academy.achievementId}/issue`,
    orgMember('academyA', 400),
  ),
  row(
    'POST /academy/:org/achievements/:id/cohorts',
    (f) => `${AC(f)}/achievements/${f.academy.achievementId}/cohorts`,
    orgMember('academyA', 400),
  ),
  row('GET /academy/:org/batches/:batchId', (f) => `${AC(f)}/batches/${f.academy.batchId}`, orgMember('academyA', 200)),
  row(
    'POST /academy/:org/batches/:batchId/confirm',
    (f) => `${AC(f)}/batches/${f.academy.batchId}/confirm`,
    orgMember('academyA', 409),
  ),
  row(
    'POST /academy/:org/batches/:batchId/continue',
    (f) => `${AC(f)}/batches/${f.academy.batchId}/continue`,
    orgMember('academyA', 303),
  ),
  row(
    'GET /academy/:org/batches/:batchId/progress',
    (f) => `${AC(f)}/batches/${f.academy.batchId}/progress`,
    orgMember('academyA', 200),
  ),
  row('GET /academy/:org/cohorts/template.csv', (f) => `${AC(f)}/cohorts/template.csv`, orgMember('academyA', 200)),
  row('GET /academy/:org/cohorts/template.xlsx', (f) => `${AC(f)}/cohorts/template.xlsx`, orgMember('academyA', 200)),
  row(
    'GET /academy/:org/batches/:batchId/result.csv',
    (f) => `${AC(f)}/batches/${f.academy.batchId}/result.csv`,
    orgMember('academyA', 200),
  ),
  row('GET /academy/:org/register', (f) => `${AC(f)}/register`, orgMember('academyA', 200)),
  row('GET /academy/:org/register/export.csv', (f) => `${AC(f)}/register/export.csv`, orgMember('academyA', 200)),
  row('POST /academy/:org/register/bulk', (f) => `${AC(f)}/register/bulk`, orgMember('academyA', 400)),
  row('POST /academy/:org/register/claim-links', (f) => `${AC(f)}/register/claim-links`, orgMember('academyA', 400)),
  row('GET /academy/:org/keys', (f) => `${AC(f)}/keys`, orgAdmin('academyA', 200)),
  row('POST /academy/:org/keys/:kid/retire', (f) => `${AC(f)}/keys/${f.academy.kid}/retire`, orgAdmin('academyA', 400)),
  row(
    'GET /academy/:org/credentials/:id',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}`,
    orgMember('academyA', 200),
  ),
  row(
    'POST /academy/:org/credentials/:id/revoke',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}/revoke`,
    orgMember('academyA', 400),
  ),
  row(
    'POST /academy/:org/credentials/:id/suspend',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}/suspend`,
    orgMember('academyA', 400),
    {
      form: { reason: 'x'.repeat(501) },
    },
  ),
  row(
    'POST /academy/:org/credentials/:id/claim-link',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}/claim-link`,
    orgMember('academyA', 303),
  ),
  row(
    'POST /academy/:org/credentials/:id/reinstate',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}/reinstate`,
    orgMember('academyA', 409),
  ),
  row(
    'POST /academy/:org/credentials/:id/renew',
    (f) => `${AC(f)}/credentials/${f.academy.credentialId}/renew`,
    orgMember('academyA', 400),
  ),
  row('GET /certificates/:id', (f) => `/certificates/${f.academy.credentialId}`, anyone(200)),
  row(
    'GET /certificates/:id/credential.jwt',
    (f) => `/certificates/${f.academy.credentialId}/credential.jwt`,
    anyone(200),
  ),
  row('GET /credentials/:id/verify', (f) => `/credentials/${f.academy.credentialId}/verify`, anyone(200)),
  row(
    'POST /api/v1/academies/:org/cohorts',
    (f) => `${API(f)}/cohorts`,
    apiToken('academy', 400, { otherAcademy: 404 }),
    { json: {} },
  ),
  row(
    'POST /api/v1/academies/:org/cohorts/:batchId/confirm',
    (f) => `${API(f)}/cohorts/${f.academy.batchId}/confirm`,
    apiToken('academy', 409, { otherAcademy: 404 }),
    {
      json: {},
    },
  ),
  row(
    'GET /api/v1/academies/:org/cohorts/:batchId/progress',
    (f) => `${API(f)}/cohorts/${f.academy.batchId}/progress`,
    apiToken('academy', 200, { otherAcademy: 404 }),
  ),
  row(
    'GET /api/v1/academies/:org/cohorts/:batchId/result',
    (f) => `${API(f)}/cohorts/${f.academy.batchId}/result`,
    apiToken('academy', 200, { otherAcademy: 404 }),
  ),

  // the care worker's passport (a random id names nothing of the caller's: 404, like someone else's)
  row('GET /passport', '/passport', signedIn(200)),
  row('GET /passport/credentials/:id', `/passport/credentials/${NO_SUCH_ID}`, signedIn(404)),
  row('GET /passport/credentials/:id/download', `/passport/credentials/${NO_SUCH_ID}/download`, signedIn(404)),
  row('POST /passport/credentials/:id/remove', `/passport/credentials/${NO_SUCH_ID}/remove`, signedIn(404)),
  row('POST /passport/credentials/:id/wallet-offer', `/passport/credentials/${NO_SUCH_ID}/wallet-offer`, signedIn(404)),
  row('GET /passport/reminders', '/passport/reminders', signedIn(200)),
  row('GET /language', '/language?lang=cy&next=%2Fverify', anyone(303)),
  row('GET /claim', '/claim?token=nope', anyone(400)),
  row('POST /claim', '/claim', signedIn(400)),
  row('POST /passport/waiting/:id', `/passport/waiting/${NO_SUCH_ID}`, signedIn(410)),
  row('GET /start', '/start', signedIn(200)),
  row('GET /passport/import', '/passport/import', signedIn(200)),
  row('POST /passport/import', '/passport/import', signedIn(400)),
  row('GET /passport/share', '/passport/share', signedIn(200)),
  row('POST /passport/shares', '/passport/shares', signedIn(400)),
  row('GET /passport/shares', '/passport/shares', signedIn(200)),
  row('POST /passport/shares/:id/revoke', `/passport/shares/${NO_SUCH_ID}/revoke`, signedIn(404)),
  row('GET /passport/answer-request', '/passport/answer-request', signedIn(200)),
  row('POST /passport/answer-request', '/passport/answer-request', signedIn(400)),
  row('GET /passport/wallet-offer', '/passport/wallet-offer', signedIn(200)),
  row('POST /passport/wallet-offer', '/passport/wallet-offer', signedIn(400)),
  row('GET /passport/shares/:id/link', `/passport/shares/${NO_SUCH_ID}/link`, signedIn(404)),
  row('GET /passport/export', '/passport/export', signedIn(200)),
  row('GET /passport/export/summary.txt', '/passport/export/summary.txt', signedIn(200)),
  row('GET /passport/print', '/passport/print', signedIn(200)),
  row('GET /account/delete', '/account/delete', signedIn(200)),
  row('POST /account/delete', '/account/delete', signedIn(400)),
  row('GET /passport/pathway', '/passport/pathway', signedIn(200)),
  row('POST /passport/pathway', '/passport/pathway', signedIn(303)),

  // public verifier and share page (an unknown share token is a 404 for everyone)
  row('GET /verify', '/verify', anyone(200)),
  row('POST /verify', '/verify', anyone(400)),
  row('GET /s/:token', '/s/abcdefghijklmnopqrstuvwxyz234567', anyone(404)),

  // employers: dashboard, role fit, their own roles, saved checks, and the role-fit API
  row('GET /employer/:org', (f) => EMP(f), orgMember('employer', 200)),
  row('GET /employer/:org/role-fit', (f) => `${EMP(f)}/role-fit`, orgMember('employer', 200)),
  row('POST /employer/:org/role-fit', (f) => `${EMP(f)}/role-fit`, orgMember('employer', 400)),
  row('POST /employer/:org/saved', (f) => `${EMP(f)}/saved`, orgMember('employer', 400)),
  row('GET /employer/:org/saved', (f) => `${EMP(f)}/saved`, orgMember('employer', 200)),
  row('GET /employer/:org/saved/:id', (f) => `${EMP(f)}/saved/${f.employer.savedId}`, orgMember('employer', 200)),
  row(
    'POST /employer/:org/saved/:id/recheck',
    (f) => `${EMP(f)}/saved/${f.employer.savedId}/recheck`,
    orgMember('employer', 303),
  ),
  row('GET /employer/:org/wallet-requests', (f) => `${EMP(f)}/wallet-requests`, orgMember('employer', 200)),
  row('POST /employer/:org/wallet-requests', (f) => `${EMP(f)}/wallet-requests`, orgMember('employer', 303)),
  row(
    'GET /employer/:org/wallet-requests/:id',
    (f) => `${EMP(f)}/wallet-requests/${f.employer.walletRequestId}`,
    orgMember('employer', 200),
  ),
  row(
    'GET /employer/:org/wallet-requests/:id/status',
    (f) => `${EMP(f)}/wallet-requests/${f.employer.walletRequestId}/status`,
    orgMember('employer', 200),
  ),
  row('GET /employer/:org/roles', (f) => `${EMP(f)}/roles`, orgMember('employer', 200)),
  row('GET /employer/:org/roles/new', (f) => `${EMP(f)}/roles/new`, orgMember('employer', 200)),
  row('POST /employer/:org/roles/new', (f) => `${EMP(f)}/roles/new`, orgMember('employer', 400)),
  row('GET /employer/:org/roles/:id', (f) => `${EMP(f)}/roles/${f.employer.roleId}`, orgMember('employer', 200)),
  row('POST /employer/:org/roles/:id', (f) => `${EMP(f)}/roles/${f.employer.roleId}`, orgMember('employer', 400)),
  row(
    'POST /employer/:org/roles/:id/rules',
    (f) => `${EMP(f)}/roles/${f.employer.roleId}/rules`,
    orgAdmin('employer', 400),
  ),
  row(
    'POST /employer/:org/roles/:id/delete',
    (f) => `${EMP(f)}/roles/${f.employer.spareRoleId}/delete`,
    orgMember('employer', 303),
  ),
  row(
    'POST /api/v1/employers/:org/role-fit',
    (f) => `/api/v1/employers/${f.orgs.employer.slug}/role-fit`,
    apiToken('employer', 400),
    { json: {} },
  ),

  // workforce intelligence: a worker's consent, an employer's area, the commissioner's dashboard, CSV export and JSON
  row('GET /account/workforce', '/account/workforce', signedIn(200)),
  row('POST /account/workforce', '/account/workforce', signedIn(303)),
  row('GET /org/:org/area', (f) => `/org/${f.orgs.employer.slug}/area`, orgAdmin('employer', 200)),
  row('POST /org/:org/area', (f) => `/org/${f.orgs.employer.slug}/area`, orgAdmin('employer', 400)),
  row('GET /commissioner/:org', (f) => `/commissioner/${f.orgs.commissioner.slug}`, orgMember('commissioner', 200)),
  row(
    'GET /commissioner/:org/export.csv',
    (f) => `/commissioner/${f.orgs.commissioner.slug}/export.csv?table=categories`,
    orgMember('commissioner', 200),
  ),
  row(
    'GET /api/v1/commissioner/:org/dashboard',
    (f) => `/api/v1/commissioner/${f.orgs.commissioner.slug}/dashboard`,
    orgMember('commissioner', 200),
  ),
];

/**
 * Employer pages and API through the real app: dashboard, role fit (share link or pasted credentials), their own
 * roles, saved checks with re-check, the role-fit API, cross-employer access (404) and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { employerRoleRequirements, employerRoles, savedVerifications, shareViews } from '../../db/schema';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { holderSigner } from '../../worker/services/passport/holders';
import { createShare, revokeShare } from '../../worker/services/passport/shares';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, join, makeOrg, makeUser, sessionFor } from '../helpers/accounts';
import { type World, buildWorld, makeAchievement, issueViaApi } from '../helpers/world';

let env: TestEnv;
let world: World;
let employerB: { id: string; slug: string };
let staffB: Browser;
let staffA: Browser;
let ownerBId: string;
let employerToken: string;
let readOnlyToken: string;
const ach: Record<string, string> = {};

const NOW = '2026-06-01T09:00:00.000Z';
const E = () => `/employer/${world.employer.slug}`;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const mk = (name: string, alignedIds: string[]) =>
    makeAchievement(env, world.academy.id, world.academyStaff.id, { name, alignedIds });
  ach.cc15 = (
    await mk(
      'Care Certificate (2015 standards)',
      Array.from({ length: 15 }, (_, i) => `cc15-${String(i + 1).padStart(2, '0')}`),
    )
  ).id;
  ach.fire = (await mk('Fire safety', ['cstf-fire'])).id;
  ach.ig = (await mk('Information governance', ['cstf-ig'])).id;
  ach.sga = (await mk('Safeguarding adults', ['cstf-sga'])).id;
  ach.mh = (await mk('Moving and handling level 2', ['cstf-mh-l2'])).id;
  const owner = await makeUser(env, { email: 'owner@employer-b.test', name: 'Bea Owner' });
  employerB = await makeOrg(env, { name: 'Moorside Homecare', kind: 'employer', approve: true, ownerId: owner.id });
  ownerBId = owner.id;
  staffB = await browserAs(env, owner.id);
  staffA = signedInAs(world.employerStaff.cookie);
  employerToken = (
    await createApiToken(env.deps.db, {
      orgId: world.employer.id,
      name: 'hr',
      scopes: ['verify'],
      createdBy: null,
      now: env.deps.clock(),
    })
  ).token;
  readOnlyToken = (
    await createApiToken(env.deps.db, {
      orgId: world.employer.id,
      name: 'ro',
      scopes: ['read'],
      createdBy: null,
      now: env.deps.clock(),
    })
  ).token;
});
afterAll(() => env.close());

function signedInAs(cookie: string) {
  const b = new Browser(env);
  const [k, v] = cookie.split('=');
  b.cookies.set(k!, v!);
  return b;
}

const issue = (achievementId: string, validFrom: string, email = world.worker.email) =>
  issueViaApi(env, world, { achievementId, email, validFrom, notify: false });

/** Wendy's passport: a 2015 Care Certificate, fire safety and moving and handling in date, safeguarding expiring, information governance lapsed. */
async function passport(email = world.worker.email) {
  return {
    cc: await issue(ach.cc15!, '2025-11-01', email),
    fire: await issue(ach.fire!, '2026-01-10', email),
    ig: await issue(ach.ig!, '2025-05-01', email),
    sga: await issue(ach.sga!, '2023-07-01', email),
    mh: await issue(ach.mh!, '2026-02-01', email),
  };
}

async function shareOf(ids: string[], days = 7) {
  return createShare(env.deps.db, { userId: world.worker.id, credentialIds: ids, days, now: env.deps.clock() });
}

/** Posts a form with the page's CSRF token (multipart when a file is given, as the page sends it). */
async function post(
  b: Browser,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; content: string },
) {
  const csrfPage = await (await b.get('/verify')).text();
  const csrf = csrfPage.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  if (file) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('_csrf', csrf);
    form.set('file', new File([file.content], file.name));
    return b.request(path, { method: 'POST', headers: { origin: TEST_ORIGIN }, body: form });
  }
  const body = new URLSearchParams(fields);
  body.set('_csrf', csrf);
  return b.request(path, {
    method: 'POST',
    headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

const html = async (r: Response) => (await r.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** Statuses of the rows of the role-fit tables: requirement code -> status label. */
/** Each requirement's status, by code: the tag in the row's status cell. */
function statuses(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of page.matchAll(
    /<span class="small muted">\(([A-Z0-9-]+)\)<\/span>.*?<td><span class="tag (?:ok|warn|bad)">([^<]+)<\/span>/gs,
  ))
    out[m[1]!] = m[2]!;
  return out;
}

describe('employer dashboard', () => {
  it('shows the organisation to its members only (others: 404, not signed in: sign in)', async () => {
    const res = await staffA.get(E());
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain('Sunrise Care Homes');
    expect(page).toContain(`href="${E()}/role-fit"`);
    expect((await staffB.get(E())).status).toBe(404);
    expect((await signedInAs(world.worker.cookie).get(E())).status).toBe(404);
    expect((await signedInAs(world.academyStaff.cookie).get(`/employer/${world.academy.slug}`)).status).toBe(404);
    const anon = await new Browser(env).get(E());
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(E())}`);
  });
});

describe('role fit', () => {
  it('assesses a share against "Senior care worker": met, expiring, expired, missing, equivalences labelled indicative', async () => {
    const p = await passport();
    const { token, share } = await shareOf(Object.values(p).map((c) => c.id));
    const res = await post(staffA, `${E()}/role-fit`, {
      input: `${TEST_ORIGIN}/s/${token}`,
      role: 'role:dhsc-senior-care-worker',
    });
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain('Role fit: Senior care worker');
    // The first sentence answers "can they start?"; the counts follow.
    expect(page).toContain('Ready to start as Senior care worker after 8 short courses and 1 refresher.');
    expect(page).toContain(
      'Can skip 10 of 19 required items; 1 needs a refresher; 1 valid but not accepted here; 7 missing; 0 of 3 recommended items held.',
    );
    const s = statuses(page);
    expect(s['CSTF-FIRE']).toBe('Met and in date');
    expect(s['CSTF-MH-L2']).toBe('Met and in date');
    // An older "safeguarding adults levels 1-3" certificate without a stated level counts as level 1 only.
    expect(s['CSTF-SGA-L2']).toBe('Valid, not accepted here');
    expect(page).toContain(
      'Counted as level 1 only: the certificate is aligned to "levels 1-3" and does not state its level.',
    );
    expect(s['CSTF-IG']).toBe('Expired');
    expect(s['CSTF-RESUS-BLS-ADULT']).toBe('Missing');
    expect(page).toContain('Short training still needed (8)');
    expect(s['CC25-01']).toBe('Met and in date');
    expect(page).toContain(
      'Through an equivalence: Care Certificate standard 1: 2015 and 2025 versions are equivalent',
    );
    expect(page).toContain('<span class="tag warn">indicative</span>');
    expect(page).toContain('Mappings between frameworks are indicative, not contractual');
    expect(page).toContain('Refresh Information governance and data security');
    // The verification is shown too, and the save form carries the share link.
    expect(page).toContain('Who is sharing');
    expect(page).toContain('Wendy Worker');
    const views = await env.deps.db.select().from(shareViews).where(eq(shareViews.shareId, share.id));
    expect(views.map((v) => [v.kind, v.viewerOrgId])).toEqual([['verified', world.employer.id]]);
  });

  it('against an NHS role, CSTF training from an academy not recorded as CSTF-aligned is valid but not accepted', async () => {
    const p = await passport();
    const { token } = await shareOf(Object.values(p).map((c) => c.id));
    const res = await post(staffA, `${E()}/role-fit`, {
      input: `${TEST_ORIGIN}/s/${token}`,
      role: 'role:nhs-healthcare-assistant',
    });
    const page = await html(res);
    expect(page).toContain('Role fit: Healthcare assistant');
    expect(page).toMatch(/Ready to start as Healthcare assistant \(AfC band 2\) after \d+ short courses/);
    expect(statuses(page)['CSTF-FIRE']).toBe('Valid, not accepted here');
    expect(page).toContain(
      'Valid but not accepted here: accepted here only from an NHS body or a CSTF-aligned provider (indicative: the common NHS trust rule).',
    );
    // The Care Certificate carries no trust rule and still counts.
    expect(statuses(page)['CC25-01']).toBe('Met and in date');
  });

  it('assesses pasted credentials and an uploaded file the same way', async () => {
    const p = await passport();
    const pasted = await post(staffA, `${E()}/role-fit`, {
      input: [p.fire.jwt, p.ig.jwt].join('\n'),
      role: 'role:dhsc-senior-care-worker',
    });
    expect(pasted.status).toBe(200);
    const page = await html(pasted);
    expect(page).toContain('Can skip 1 of 19 required items; 1 needs a refresher; 17 missing');
    expect(page).toContain('they show what was issued, not that the person in front of you is who it was issued to');
    const uploaded = await post(
      staffA,
      `${E()}/role-fit`,
      { role: 'role:dhsc-senior-care-worker' },
      { name: 'passport.json', content: JSON.stringify([p.fire.jwt, p.mh.jwt]) },
    );
    expect(uploaded.status).toBe(200);
    expect(await html(uploaded)).toContain('Can skip 2 of 19 required items');
  });

  it('never counts a revoked or suspended credential', async () => {
    const fire = await issue(ach.fire!, '2026-01-10');
    await env.app.request('/credentials/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({ credentialId: fire.id, credentialStatus: [{ status: 'suspended' }] }),
    });
    const page = await html(
      await post(staffA, `${E()}/role-fit`, { input: fire.jwt, role: 'role:dhsc-senior-care-worker' }),
    );
    expect(statuses(page)['CSTF-FIRE']).toBe('Missing');
    expect(page).toContain('the issuer has suspended it');
  });

  it('answers bad input and bad roles clearly, without opening the share for a bad role', async () => {
    const p = await passport();
    const { token, share } = await shareOf([p.fire.id]);
    const noRole = await post(staffA, `${E()}/role-fit`, { input: `${TEST_ORIGIN}/s/${token}` });
    expect(noRole.status).toBe(400);
    expect(await html(noRole)).toContain('Choose the role you are hiring for');
    const otherEmployersRole = (
      await env.deps.db
        .insert(employerRoles)
        .values({ id: crypto.randomUUID(), orgId: employerB.id, title: 'B role' })
        .returning()
    )[0]!;
    const foreign = await post(staffA, `${E()}/role-fit`, {
      input: p.fire.jwt,
      role: `employer-role:${otherEmployersRole.id}`,
    });
    expect(foreign.status).toBe(400);
    expect(await html(foreign)).not.toContain('B role');
    expect((await post(staffA, `${E()}/role-fit`, { input: p.fire.jwt, role: 'role:no-such-role' })).status).toBe(400);
    expect(await env.deps.db.select().from(shareViews).where(eq(shareViews.shareId, share.id))).toEqual([]);
    for (const input of ['', 'not a credential', p.fire.jwt.slice(0, 40)]) {
      const r = await post(staffA, `${E()}/role-fit`, { input, role: 'role:dhsc-senior-care-worker' });
      expect(r.status).toBe(400);
      expect(await html(r)).toContain('We could not check that');
    }
  });

  it('says when the share link has expired (410), was withdrawn (410) or is unknown (404)', async () => {
    const p = await passport();
    const expired = await shareOf([p.fire.id], 7);
    env.setNow('2026-06-20T09:00:00.000Z');
    const r1 = await post(staffA, `${E()}/role-fit`, {
      input: `${TEST_ORIGIN}/s/${expired.token}`,
      role: 'role:dhsc-care-worker',
    });
    env.setNow(NOW);
    expect(r1.status).toBe(410);
    expect(await html(r1)).toContain('That share link has expired');
    const revoked = await shareOf([p.fire.id]);
    await revokeShare(env.deps.db, { userId: world.worker.id, shareId: revoked.share.id, now: env.deps.clock() });
    const r2 = await post(staffA, `${E()}/role-fit`, { input: revoked.token, role: 'role:dhsc-care-worker' });
    expect(r2.status).toBe(410);
    expect(await html(r2)).toContain('withdrawn');
    const r3 = await post(staffA, `${E()}/role-fit`, {
      input: `${TEST_ORIGIN}/s/abcdefghijklmnopqrstuvwxyz234567`,
      role: 'role:dhsc-care-worker',
    });
    expect(r3.status).toBe(404);
  });

  it('is for members only: another employer gets 404 and nothing is opened', async () => {
    const r = await post(staffB, `${E()}/role-fit`, { input: 'x', role: 'role:dhsc-care-worker' });
    expect(r.status).toBe(404);
    expect((await staffB.get(`${E()}/role-fit`)).status).toBe(404);
  });
});

describe('employer roles', () => {
  let roleId: string;

  it('starts a role from a catalogue role with its requirements copied', async () => {
    const res = await staffA.get(`${E()}/roles/new?from=dhsc-senior-care-worker`);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain('Started from "Senior care worker"');
    expect(page).toContain('value="Senior care worker"');
    expect((page.match(/name="req" value="[^"]+" checked/g) ?? []).length).toBe(22);
    expect(page).toMatch(/<option value="recommended" selected="">Recommended<\/option>/);
    // An unknown starting role is not an error: the form starts empty.
    const unknown = await html(await staffA.get(`${E()}/roles/new?from=nope`));
    expect(unknown).toContain('start from scratch');
  });

  it('adds a role with its own title, band, pay and requirements', async () => {
    const res = await post(staffA, `${E()}/roles/new`, {
      title: 'Senior carer (nights)',
      catalogueRoleId: 'dhsc-senior-care-worker',
      bandLabel: 'Band 3',
      payText: '£13.10 an hour from April 2026',
      req: 'cstf-fire',
      'strength-cstf-fire': 'required',
      'maxAge-cstf-fire': '12',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${E()}/roles?notice=created`);
    const rows = await env.deps.db.select().from(employerRoles).where(eq(employerRoles.orgId, world.employer.id));
    const role = rows.find((r) => r.title === 'Senior carer (nights)')!;
    roleId = role.id;
    expect(role).toMatchObject({
      catalogueRoleId: 'dhsc-senior-care-worker',
      bandLabel: 'Band 3',
      payText: '£13.10 an hour from April 2026',
    });
    const list = await html(await staffA.get(`${E()}/roles?notice=created`));
    expect(list).toContain('Senior carer (nights)');
    expect(list).toContain('Role added.');
  });

  it('posts repeated checkboxes as several requirements and edits them', async () => {
    const body = new URLSearchParams({
      title: 'Senior carer (nights)',
      catalogueRoleId: '',
      bandLabel: '',
      payText: '',
    });
    for (const id of ['cstf-fire', 'cstf-ig', 'rqf-l3-dip-adult-care']) body.append('req', id);
    body.set('strength-rqf-l3-dip-adult-care', 'recommended');
    body.set('maxAge-cstf-ig', '6');
    const csrf = (await (await staffA.get('/verify')).text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    body.set('_csrf', csrf);
    const res = await staffA.request(`${E()}/roles/${roleId}`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(303);
    const reqs = await env.deps.db
      .select()
      .from(employerRoleRequirements)
      .where(eq(employerRoleRequirements.employerRoleId, roleId));
    expect(reqs.map((r) => [r.competencyId, r.requirement, r.maxAgeMonths]).sort()).toEqual([
      ['cstf-fire', 'required', null],
      ['cstf-ig', 'required', 6],
      ['rqf-l3-dip-adult-care', 'recommended', null],
    ]);
    const edit = await html(await staffA.get(`${E()}/roles/${roleId}`));
    expect(edit).toContain('Edit Senior carer (nights)');
    expect(edit).toMatch(/id="maxAge-cstf-ig" name="maxAge-cstf-ig" value="6"/);
  });

  it('is used in role fit as employer-role:<id>, with its own maximum age', async () => {
    const ig = await issue(ach.ig!, '2025-11-01'); // 12-month credential, in date; this role wants 6 months.
    const fire = await issue(ach.fire!, '2026-01-10');
    const page = await html(
      await post(staffA, `${E()}/role-fit`, { input: `${ig.jwt}\n${fire.jwt}`, role: `employer-role:${roleId}` }),
    );
    expect(page).toContain('Role fit: Senior carer (nights)');
    expect(page).toContain('Can skip 1 of 2 required items; 1 needs a refresher; 0 of 1 recommended item held.');
    expect(statuses(page)['CSTF-IG']).toBe('Expired');
    // The picker lists the employer's own roles first.
    const form = await html(await staffA.get(`${E()}/role-fit`));
    expect(form.indexOf('<optgroup label="Your roles">')).toBeGreaterThan(-1);
    expect(form.indexOf('<optgroup label="Your roles">')).toBeLessThan(form.indexOf('Senior care worker'));
  });

  const INVALID: { name: string; fields: Record<string, string>; says: string }[] = [
    { name: 'no title', fields: { title: '', req: 'cstf-fire' }, says: 'Enter the job title' },
    { name: 'no requirements', fields: { title: 'Carer' }, says: 'Choose at least one requirement' },
    {
      name: 'a maximum age that is not whole months',
      fields: { title: 'Carer', req: 'cstf-fire', 'maxAge-cstf-fire': '1.5' },
      says: 'Enter whole months from 1 to 240',
    },
    {
      name: 'a maximum age of 0',
      fields: { title: 'Carer', req: 'cstf-fire', 'maxAge-cstf-fire': '0' },
      says: 'Enter whole months from 1 to 240',
    },
    {
      name: 'an unknown catalogue item',
      fields: { title: 'Carer', req: 'no-such-item' },
      says: 'Not in the catalogue: no-such-item',
    },
    {
      name: 'an unknown catalogue role',
      fields: { title: 'Carer', req: 'cstf-fire', catalogueRoleId: 'no-such-role' },
      says: 'Choose a role from the list',
    },
  ];
  it.each(INVALID)('refuses $name with the form again (400), keeping what was typed', async (tc) => {
    const res = await post(staffA, `${E()}/roles/new`, tc.fields);
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('There is a problem');
    expect(page).toContain(tc.says);
    if (tc.fields.title) expect(page).toContain(`value="${tc.fields.title}"`);
  });

  it("keeps each employer's roles to itself: 404 for another employer on view, edit and delete", async () => {
    expect((await staffB.get(`${E()}/roles/${roleId}`)).status).toBe(404);
    expect((await staffB.get(`/employer/${employerB.slug}/roles/${roleId}`)).status).toBe(404);
    expect(
      (await post(staffB, `/employer/${employerB.slug}/roles/${roleId}`, { title: 'Hijack', req: 'cstf-fire' })).status,
    ).toBe(404);
    expect((await post(staffB, `/employer/${employerB.slug}/roles/${roleId}/delete`, {})).status).toBe(404);
    expect((await staffA.get(`${E()}/roles/not-a-uuid`)).status).toBe(404);
    const still = await env.deps.db.select().from(employerRoles).where(eq(employerRoles.id, roleId));
    expect(still[0]?.title).toBe('Senior carer (nights)');
    expect(await html(await staffB.get(`/employer/${employerB.slug}/roles`))).not.toContain('Senior carer (nights)');
  });

  it('deletes a role', async () => {
    const res = await post(staffA, `${E()}/roles/${roleId}/delete`, {});
    expect(res.status).toBe(303);
    expect(await env.deps.db.select().from(employerRoles).where(eq(employerRoles.id, roleId))).toEqual([]);
    expect(
      await env.deps.db
        .select()
        .from(employerRoleRequirements)
        .where(eq(employerRoleRequirements.employerRoleId, roleId)),
    ).toEqual([]);
    expect((await post(staffA, `${E()}/roles/${roleId}/delete`, {})).status).toBe(404);
  });
});

/** The role-fit API's answer, as much of it as the tests read. */
interface ApiBody {
  verified: boolean;
  holder: string | null;
  role: { ref: string; title: string };
  summary: { text: string; requiredMet: number };
  notCounted: string | null;
  presentation: { errors: { code: string }[] } | null;
  credentials: { belongsToHolder: boolean | null; errors: { code: string }[] }[];
  lines: {
    code: string;
    status: string;
    via: { indicative: boolean } | null;
    metBy: { name: string } | null;
    action: string | null;
  }[];
  notes: string[];
}

describe('POST /api/v1/employers/:org/role-fit', () => {
  const api = (slug: string, body: unknown, headers: Record<string, string>) =>
    env.app.request(`/api/v1/employers/${slug}/role-fit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('returns the report for credentials, with an API token of the employer', async () => {
    const p = await passport();
    const res = await api(
      world.employer.slug,
      {
        verifiableCredentials: [
          p.fire.jwt,
          { type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${p.ig.jwt}` },
        ],
        role: 'role:dhsc-senior-care-worker',
      },
      bearer(employerToken),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApiBody;
    expect(body.verified).toBe(false);
    expect(body.role).toMatchObject({ ref: 'role:dhsc-senior-care-worker', title: 'Senior care worker' });
    expect(body.summary.text).toBe(
      'Can skip 1 of 19 required items; 1 needs a refresher; 17 missing; 0 of 3 recommended items held.',
    );
    const line = (code: string) => body.lines.find((l) => l.code === code);
    expect(line('CSTF-FIRE')).toMatchObject({ status: 'met', metBy: { name: 'Fire safety', recognised: true } });
    expect(line('CSTF-IG')).toMatchObject({ status: 'expired', action: expect.stringMatching(/^Refresh /) });
    expect(body.credentials.map((c) => c.errors.map((e) => e.code))).toEqual([[], ['expired']]);
    expect(body.notes).toContain('Equivalences between frameworks are indicative, not contractual.');
  });

  it('checks a presentation answering a challenge we issued for the caller’s domain, and refuses its replay', async () => {
    const p = await passport();
    const signer = (await holderSigner(env.deps.db, env.deps.config, world.worker.id))!;
    const issued = await env.app.request(`${TEST_ORIGIN}/presentations/challenges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'https://hr.sunrise.example', holder: signer.did }),
    });
    expect(issued.status).toBe(201);
    const { challenge } = (await issued.json()) as { challenge: string };
    const vp = await signPresentationJwt({
      holderDid: signer.did,
      kid: signer.kid,
      privateKey: signer.privateKey,
      credentialJwts: [p.cc.jwt, p.mh.jwt],
      audience: 'https://hr.sunrise.example',
      nonce: challenge,
      validSeconds: 300,
      now: env.deps.clock(),
    });
    const body = {
      verifiablePresentation: vp,
      role: 'role:dhsc-senior-care-worker',
      options: { challenge, domain: 'https://hr.sunrise.example' },
    };
    const first = await api(world.employer.slug, body, bearer(employerToken));
    expect(first.status).toBe(200);
    const r1 = (await first.json()) as ApiBody;
    expect(r1.verified).toBe(true);
    expect(r1.holder).toBe(signer.did);
    expect(r1.credentials.every((c) => c.belongsToHolder)).toBe(true);
    // The equivalence comes with its strength and source, and the requirement with its basis and verification.
    expect(r1.lines.find((l) => l.code === 'CC25-01')).toMatchObject({
      status: 'met',
      verified: true,
      basis: expect.stringMatching(/Care Certificate/),
      via: { indicative: true, strength: 'indicative', source: expect.stringMatching(/Skills for Care/) },
    });
    const again = (await (await api(world.employer.slug, body, bearer(employerToken))).json()) as ApiBody;
    expect(again.presentation?.errors.map((e) => e.code)).toContain('replayed_presentation');
    expect(again.notCounted).toMatch(/presentation itself did not verify/);
    expect(again.summary.requiredMet).toBe(0);
  });

  it("does not count another person's credential inside a presentation (holder_mismatch)", async () => {
    const theirs = await issue(ach.fire!, '2026-01-10', world.otherWorker.email);
    const signer = (await holderSigner(env.deps.db, env.deps.config, world.worker.id))!;
    const vp = await signPresentationJwt({
      holderDid: signer.did,
      kid: signer.kid,
      privateKey: signer.privateKey,
      credentialJwts: [theirs.jwt],
      audience: 'x',
      nonce: 'n-mismatch',
      validSeconds: 300,
      now: env.deps.clock(),
    });
    const body = (await (
      await api(
        world.employer.slug,
        { verifiablePresentation: vp, role: 'role:dhsc-care-worker' },
        bearer(employerToken),
      )
    ).json()) as ApiBody;
    expect(body.verified).toBe(false);
    expect(body.presentation?.errors.map((e) => e.code)).toContain('holder_mismatch');
    expect(body.credentials[0]?.belongsToHolder).toBe(false);
    expect(body.lines.find((l) => l.code === 'CSTF-FIRE')?.status).toBe('missing');
  });

  it('works for a signed-in member (with the CSRF header)', async () => {
    const p = await passport();
    const s = await sessionFor(env, world.employerStaff.id);
    const res = await api(
      world.employer.slug,
      { verifiableCredentials: [p.fire.jwt], role: 'role:dhsc-care-worker' },
      { cookie: `cp_session=${s.token}`, 'x-csrf-token': s.csrf, origin: TEST_ORIGIN },
    );
    expect(res.status).toBe(200);
  });

  it('refuses other organisations, missing scopes and anonymous callers', async () => {
    const body = { verifiableCredentials: ['x.y.z'], role: 'role:dhsc-care-worker' };
    expect((await api(employerB.slug, body, bearer(employerToken))).status).toBe(404);
    expect((await api(world.employer.slug, body, bearer(readOnlyToken))).status).toBe(403);
    expect((await api(world.employer.slug, body, bearer(world.apiToken))).status).toBe(403);
    expect((await api(world.employer.slug, body, {})).status).toBe(401);
    const s = await sessionFor(env, (await makeUser(env)).id);
    expect(
      (await api(world.employer.slug, body, { cookie: `cp_session=${s.token}`, 'x-csrf-token': s.csrf })).status,
    ).toBe(403);
  });

  const BAD: { name: string; body: () => Promise<unknown>; path?: string }[] = [
    { name: 'an empty body', body: async () => ({}) },
    {
      name: 'both a presentation and credentials',
      body: async () => ({
        verifiablePresentation: 'a.b.c',
        verifiableCredentials: ['a.b.c'],
        role: 'role:dhsc-care-worker',
      }),
    },
    { name: 'no role', body: async () => ({ verifiableCredentials: ['a.b.c'] }) },
    {
      name: 'an unknown role',
      body: async () => ({ verifiableCredentials: [(await issue(ach.fire!, '2026-01-10')).jwt], role: 'role:nope' }),
      path: 'role',
    },
    {
      name: 'a truncated credential',
      body: async () => ({
        verifiableCredentials: [(await issue(ach.fire!, '2026-01-10')).jwt.slice(0, 50)],
        role: 'role:dhsc-care-worker',
      }),
      path: 'verifiableCredentials.0',
    },
    {
      name: 'garbage',
      body: async () => ({ verifiableCredentials: ['%%%.%%%.%%%'], role: 'role:dhsc-care-worker' }),
      path: 'verifiableCredentials.0',
    },
    {
      name: 'a credential as the presentation',
      body: async () => ({
        verifiablePresentation: (await issue(ach.fire!, '2026-01-10')).jwt,
        role: 'role:dhsc-care-worker',
      }),
      path: 'verifiablePresentation',
    },
    {
      name: 'too many credentials',
      body: async () => ({
        verifiableCredentials: Array.from({ length: 21 }, () => 'a.b.c'),
        role: 'role:dhsc-care-worker',
      }),
    },
  ];
  it.each(BAD)('answers $name with 400 and the problem', async (tc) => {
    const res = await api(world.employer.slug, await tc.body(), bearer(employerToken));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details?: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    if (tc.path) expect(body.error.details?.map((d) => d.path)).toContain(tc.path);
  });

  it('refuses malformed JSON and oversized bodies', async () => {
    const r1 = await env.app.request(`/api/v1/employers/${world.employer.slug}/role-fit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(employerToken) },
      body: '{"verifiableCredentials": [',
    });
    expect(r1.status).toBe(400);
    const r2 = await api(
      world.employer.slug,
      { verifiableCredentials: ['a'.repeat(1600 * 1024)], role: 'role:dhsc-care-worker' },
      bearer(employerToken),
    );
    expect(r2.status).toBe(413);
  });
});

describe('saved checks', () => {
  let savedId: string;
  let fireId: string;

  it('saves a share check with the role fit; stores the credential JWTs, never the share token', async () => {
    const p = await passport();
    fireId = p.fire.id;
    const { token } = await shareOf(Object.values(p).map((c) => c.id));
    const res = await post(staffA, `${E()}/saved`, {
      input: `${TEST_ORIGIN}/s/${token}`,
      role: 'role:dhsc-senior-care-worker',
      candidateName: 'Wendy Worker',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${E()}/saved/[0-9a-f-]{36}\\?notice=saved$`));
    savedId = location.split('/').pop()!.split('?')[0]!;
    const row = (await env.deps.db.select().from(savedVerifications).where(eq(savedVerifications.id, savedId)))[0]!;
    expect(row.inputKind).toBe('share');
    expect(row.input).not.toContain(token);
    expect(row.input).toContain(p.fire.jwt);
    expect(row.roleRef).toBe('role:dhsc-senior-care-worker');
    expect(row.createdAt).toBe(NOW);
    expect(row.checkedAt).toBe(NOW);
  });

  it('shows the saved check as a printable record, and lists it', async () => {
    const page = await html(await staffA.get(`${E()}/saved/${savedId}`));
    expect(page).toContain('Verification record: Wendy Worker');
    expect(page).toContain('First checked</dt><dd>2026-06-01 at 09:00 UTC');
    expect(page).toContain('Not re-checked since');
    expect(page).toContain('Role fit: Senior care worker');
    expect(page).toContain('Can skip 10 of 19 required items');
    expect(page).toContain('Ready to start as Senior care worker after 8 short courses and 1 refresher.');
    expect(page).toContain('Erin Manager');
    expect(page).toContain('class="no-print"');
    const list = await html(await staffA.get(`${E()}/saved`));
    expect(list).toContain('Wendy Worker');
    expect(list).toContain(`href="${E()}/saved/${savedId}"`);
    expect(await html(await staffA.get(E()))).toContain('Wendy Worker');
  });

  it('re-checks after the share has expired and a credential was revoked: both times kept, the change named', async () => {
    await env.app.request('/credentials/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        credentialId: fireId,
        credentialStatus: [{ status: 'revoked' }],
        reason: 'Assessment not completed',
      }),
    });
    // Time only moves forward from here (status lists signed later must not be read earlier).
    env.setNow('2026-07-15T10:30:00.000Z');
    const res = await post(staffA, `${E()}/saved/${savedId}/recheck`, {});
    expect(res.status).toBe(303);
    const page = await html(await staffA.get(`${E()}/saved/${savedId}`));
    expect(page).toContain('First checked</dt><dd>2026-06-01 at 09:00 UTC');
    expect(page).toContain('Last checked</dt><dd>2026-07-15 at 10:30 UTC');
    expect(page).toContain('Changed since the first check');
    expect(page).toContain('Fire safety: was valid, now not valid (revoked)');
    expect(page).toContain("The holder's signature on the presentation was checked on 2026-06-01");
    // Fire safety is now missing (revoked). The level-less safeguarding certificate lapsed on 2026-07-01: it no
    // longer even counts at level 1, so level 2 is simply missing.
    expect(statuses(page)['CSTF-FIRE']).toBe('Missing');
    expect(statuses(page)['CSTF-SGA-L2']).toBe('Missing');
    const row = (await env.deps.db.select().from(savedVerifications).where(eq(savedVerifications.id, savedId)))[0]!;
    expect([row.createdAt, row.checkedAt]).toEqual([NOW, '2026-07-15T10:30:00.000Z']);
  });

  it('saves pasted credentials without a role', async () => {
    const a = await issue(ach.mh!, '2026-02-01');
    const res = await post(staffA, `${E()}/saved`, { input: a.jwt, candidateName: 'Pat Pasted' });
    expect(res.status).toBe(303);
    const page = await html(await staffA.get(res.headers.get('location')!));
    expect(page).toContain('Verification record: Pat Pasted');
    expect(page).toContain('Credentials (pasted or uploaded)');
    expect(page).not.toContain('Role fit:');
  });

  it('refuses to save without a candidate name, or with bad input', async () => {
    const a = await issue(ach.mh!, '2026-02-01');
    const r1 = await post(staffA, `${E()}/saved`, { input: a.jwt, candidateName: '  ' });
    expect(r1.status).toBe(400);
    expect(await html(r1)).toContain("Enter the candidate's name");
    const r2 = await post(staffA, `${E()}/saved`, { input: 'garbage', candidateName: 'X' });
    expect(r2.status).toBe(400);
    const r3 = await post(staffA, `${E()}/saved`, {
      input: `${TEST_ORIGIN}/s/abcdefghijklmnopqrstuvwxyz234567`,
      candidateName: 'X',
    });
    expect(r3.status).toBe(404);
  });

  it('keeps saved checks to their organisation: another employer gets 404', async () => {
    // The clock moved on past the first sessions' lifetime: sign in again.
    staffA = await browserAs(env, world.employerStaff.id);
    staffB = await browserAs(env, ownerBId);
    expect((await staffB.get(`${E()}/saved/${savedId}`)).status).toBe(404);
    expect((await staffB.get(`/employer/${employerB.slug}/saved/${savedId}`)).status).toBe(404);
    expect((await post(staffB, `/employer/${employerB.slug}/saved/${savedId}/recheck`, {})).status).toBe(404);
    expect(await html(await staffB.get(`/employer/${employerB.slug}/saved`))).not.toContain('Wendy Worker');
    expect((await staffA.get(`${E()}/saved/not-a-uuid`)).status).toBe(404);
    expect((await post(staffA, `${E()}/saved/${crypto.randomUUID()}/recheck`, {})).status).toBe(404);
  });

  it('lets any member of the employer see the saved check', async () => {
    const colleague = await makeUser(env, { name: 'Colin Colleague' });
    await join(env, world.employer.id, colleague.id, 'staff');
    const b = await browserAs(env, colleague.id);
    expect((await b.get(`${E()}/saved/${savedId}`)).status).toBe(200);
  });
});

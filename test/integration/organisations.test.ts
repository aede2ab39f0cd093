import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invitations, issuerScopes, memberships, organisations, users } from '../../db/schema';
import { Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, browserAs, join, latestMail, linkIn, makeOrg, makeUser, postForm } from '../helpers/accounts';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

async function roleOf(orgId: string, userId: string) {
  const rows = await env.deps.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return rows[0]?.role ?? null;
}

describe('registering an organisation', () => {
  it('creates a pending organisation with the creator as owner and a unique slug', async () => {
    const u = await makeUser(env);
    const b = await browserAs(env, u.id);
    expect((await b.get('/organisations/new')).status).toBe(200);
    const bad = await b.postForm('/organisations/new', { name: 'Bramble Care', kind: 'platform' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('value="Bramble Care"');
    const first = await b.postForm('/organisations/new', { name: 'Bramble Care', kind: 'employer' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/org/bramble-care?notice=created');
    const second = await b.postForm('/organisations/new', { name: 'Bramble  Care!', kind: 'academy' });
    expect(second.headers.get('location')).toBe('/org/bramble-care-2?notice=created');
    const org = (await env.deps.db.select().from(organisations).where(eq(organisations.slug, 'bramble-care')))[0];
    expect(org?.status).toBe('pending');
    expect(await roleOf(org?.id ?? '', u.id)).toBe('owner');
    const page = await (await b.get('/org/bramble-care')).text();
    expect(page).toContain('awaiting approval');
  });

  it('hides other organisations behind 404 and sends anonymous browsers to sign in', async () => {
    const owner = await makeUser(env);
    const stranger = await makeUser(env);
    const org = await makeOrg(env, { name: 'Private Academy', kind: 'academy', ownerId: owner.id });
    const s = await browserAs(env, stranger.id);
    expect((await s.get(`/org/${org.slug}`)).status).toBe(404);
    expect((await s.get('/org/no-such-org')).status).toBe(404);
    const anon = await new Browser(env).get(`/org/${org.slug}/members`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/org/${org.slug}/members`)}`);
  });
});

describe('invitations', () => {
  it('invites by email; the invited person accepts once and becomes a member', async () => {
    const owner = await makeUser(env);
    const org = await makeOrg(env, { name: 'Harbour Academy', kind: 'academy', ownerId: owner.id, approve: true });
    const ob = await browserAs(env, owner.id);
    const invalid = await ob.postForm(`/org/${org.slug}/invitations`, { email: 'nope', role: 'staff' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('value="nope"');
    const res = await ob.postForm(`/org/${org.slug}/invitations`, { email: ' Trainer@Example.org ', role: 'admin' });
    expect(res.status).toBe(303);
    const members = await (await ob.get(`/org/${org.slug}/members`)).text();
    expect(members).toContain('trainer@example.org');

    const mail = await latestMail(env, 'trainer@example.org');
    expect(mail?.subject).toContain('Harbour Academy');
    const link = linkIn(mail?.body ?? '', '/invitations/accept');
    const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
    // Only the hash of the link token is stored.
    const stored = await env.deps.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(stored[0]?.tokenHash).not.toBe(token);
    expect(stored[0]?.expiresAt).toBe(new Date(env.deps.clock().getTime() + 7 * 86_400_000).toISOString());

    // Not signed in: the link offers sign-in and sign-up that come back to it.
    const anon = await (await new Browser(env).get(link)).text();
    expect(anon).toContain(`/sign-in?next=${encodeURIComponent(link)}`);
    expect(anon).toContain('/sign-up?next=');

    // Signed in with another email: refused, invitation still usable.
    const other = await makeUser(env);
    const wrong = await browserAs(env, other.id);
    expect(await (await wrong.get(link)).text()).toContain('sent to trainer@example.org');
    expect((await wrong.postForm('/invitations/accept', { token }, link)).status).toBe(403);
    expect(await roleOf(org.id, other.id)).toBeNull();

    const trainer = await makeUser(env, { email: 'trainer@example.org' });
    const tb = await browserAs(env, trainer.id);
    expect((await tb.get(link)).status).toBe(200);
    const accept = await tb.postForm('/invitations/accept', { token }, link);
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe(`/org/${org.slug}?notice=joined`);
    expect(await roleOf(org.id, trainer.id)).toBe('admin');
    expect((await tb.get(`/org/${org.slug}/members`)).status).toBe(200);

    // Used once: a second accept and a second visit are refused.
    expect((await tb.postForm('/invitations/accept', { token }, '/account')).status).toBe(410);
    expect((await tb.get(link)).status).toBe(410);
  });

  it('brings a newcomer back to the invitation through sign-up, confirmation and sign-in', async () => {
    const owner = await makeUser(env);
    const org = await makeOrg(env, { name: 'Welcome Homes', kind: 'employer', ownerId: owner.id, approve: true });
    await (await browserAs(env, owner.id)).postForm(`/org/${org.slug}/invitations`, {
      email: 'newcomer@example.org',
      role: 'staff',
    });
    const link = linkIn((await latestMail(env, 'newcomer@example.org'))?.body ?? '', '/invitations/accept');
    const token = new URL(link, 'http://x').searchParams.get('token') ?? '';

    const b = new Browser(env);
    const invite = await (await b.get(link)).text();
    const signUp = /href="(\/sign-up\?[^"]+)"/.exec(invite)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const form = await (await b.get(signUp)).text();
    expect(form).toContain('value="newcomer@example.org"');
    expect(form).toContain(`name="next" value="${link}"`);
    await postForm(b, '/sign-up', {
      displayName: 'Nia Newcomer',
      email: 'newcomer@example.org',
      password: PASSWORD,
      next: link,
    });
    const verify = linkIn((await latestMail(env, 'newcomer@example.org', 'Confirm'))?.body ?? '', '/verify-email');
    const confirmed = await (await b.get(verify)).text();
    expect(confirmed).toContain(`/sign-in?next=${encodeURIComponent(link)}`);
    const signIn = await postForm(b, '/sign-in', { email: 'newcomer@example.org', password: PASSWORD, next: link });
    expect(signIn.headers.get('location')).toBe(link);
    expect((await b.postForm('/invitations/accept', { token }, link)).status).toBe(303);
    const me = (await env.deps.db.select().from(users).where(eq(users.email, 'newcomer@example.org')))[0];
    expect(await roleOf(org.id, me?.id ?? '')).toBe('staff');
  });

  it('refuses an expired invitation', async () => {
    const owner = await makeUser(env);
    const org = await makeOrg(env, { name: 'Slow Care', kind: 'employer', ownerId: owner.id });
    await (await browserAs(env, owner.id)).postForm(`/org/${org.slug}/invitations`, {
      email: 'late@example.org',
      role: 'staff',
    });
    const link = linkIn((await latestMail(env, 'late@example.org'))?.body ?? '', '/invitations/accept');
    const late = await makeUser(env, { email: 'late@example.org' });
    const start = env.deps.clock();
    env.setNow(new Date(start.getTime() + 8 * 86_400_000));
    try {
      const b = await browserAs(env, late.id);
      expect((await b.get(link)).status).toBe(410);
      const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
      expect((await b.postForm('/invitations/accept', { token })).status).toBe(410);
    } finally {
      env.setNow(start);
    }
  });
});

describe('members and roles', () => {
  it('lets admins manage staff, keeps owners to owners, and never removes the last owner', async () => {
    const owner = await makeUser(env);
    const admin = await makeUser(env);
    const staff = await makeUser(env);
    const org = await makeOrg(env, { name: 'Roles Ltd', kind: 'employer', ownerId: owner.id });
    await join(env, org.id, admin.id, 'admin');
    await join(env, org.id, staff.id, 'staff');
    const sb = await browserAs(env, staff.id);
    const ab = await browserAs(env, admin.id);
    const ob = await browserAs(env, owner.id);
    const base = `/org/${org.slug}/members`;

    // Staff can see members but not manage them.
    expect((await sb.get(base)).status).toBe(200);
    expect((await sb.postForm(`${base}/${admin.id}/role`, { role: 'staff' })).status).toBe(403);
    expect((await sb.postForm(`/org/${org.slug}/invitations`, { email: 'x@example.org', role: 'staff' })).status).toBe(
      403,
    );

    // Admins manage staff but cannot make or touch owners.
    expect((await ab.postForm(`${base}/${staff.id}/role`, { role: 'admin' })).status).toBe(303);
    expect(await roleOf(org.id, staff.id)).toBe('admin');
    expect((await ab.postForm(`${base}/${staff.id}/role`, { role: 'owner' })).status).toBe(403);
    expect((await ab.postForm(`${base}/${owner.id}/remove`, {})).status).toBe(403);
    expect((await ab.postForm(`${base}/${staff.id}/role`, { role: 'wizard' })).status).toBe(400);
    expect((await ab.postForm(`${base}/00000000-0000-4000-8000-000000000000/role`, { role: 'staff' })).status).toBe(
      404,
    );

    // The last owner can neither step down nor be removed.
    expect((await ob.postForm(`${base}/${owner.id}/role`, { role: 'admin' })).status).toBe(409);
    expect((await ob.postForm(`${base}/${owner.id}/remove`, {})).status).toBe(409);
    expect(await roleOf(org.id, owner.id)).toBe('owner');
    // With a second owner, the first may leave.
    expect((await ob.postForm(`${base}/${admin.id}/role`, { role: 'owner' })).status).toBe(303);
    expect((await ob.postForm(`${base}/${owner.id}/remove`, {})).status).toBe(303);
    expect(await roleOf(org.id, owner.id)).toBeNull();
    expect((await ob.get(base)).status).toBe(404);

    const audit = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.actorOrgId, org.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['membership.role_changed', 'membership.removed']),
    );
  });
});

describe('platform admin', () => {
  it('answers 404 to everyone but platform admins', async () => {
    const u = await makeUser(env);
    expect((await (await browserAs(env, u.id)).get('/admin')).status).toBe(404);
    const orgId = (await makeOrg(env, { name: 'Nosy Org', kind: 'employer', ownerId: u.id })).id;
    expect((await (await browserAs(env, u.id)).postForm(`/admin/organisations/${orgId}/approve`, {})).status).toBe(404);
    expect((await new Browser(env).get('/admin')).status).toBe(303);
  });

  it('approves an academy into the trust registry, with an audit event in the same change', async () => {
    const admin = await makeUser(env, { admin: true });
    const owner = await makeUser(env);
    const org = await makeOrg(env, { name: 'Trusted Academy', kind: 'academy', ownerId: owner.id });
    const b = await browserAs(env, admin.id);
    const page = await (await b.get('/admin')).text();
    expect(page).toContain('Trusted Academy');
    expect(page).toContain('value="care-certificate-2025"');

    const unknown = await b.postForm(`/admin/organisations/${org.id}/approve`, { frameworks: 'england-cwp' });
    expect(unknown.status).toBe(400); // a ladder, not a competency framework
    expect((await env.deps.db.select().from(organisations).where(eq(organisations.id, org.id)))[0]?.status).toBe(
      'pending',
    );

    // Checkboxes: the same field repeated.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await b.request(`/admin/organisations/${org.id}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787' },
      body: new URLSearchParams([
        ['_csrf', csrf],
        ['frameworks', 'care-certificate-2025'],
        ['frameworks', 'cstf'],
      ]),
    });
    expect(res.status).toBe(303);

    const row = (await env.deps.db.select().from(organisations).where(eq(organisations.id, org.id)))[0];
    expect(row?.status).toBe('approved');
    expect(row?.approvedBy).toBe(admin.id);
    expect(row?.approvedAt).not.toBeNull();
    const scopes = await env.deps.db.select().from(issuerScopes).where(eq(issuerScopes.orgId, org.id));
    expect(scopes.map((s) => s.frameworkId).sort()).toEqual(['care-certificate-2025', 'cstf']);
    const audit = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, org.id), eq(auditEvents.action, 'organisation.approved')));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]?.actorUserId).toBe(admin.id);

    // The academy's own page lists what it may issue.
    expect(await (await (await browserAs(env, owner.id)).get(`/org/${org.slug}`)).text()).toContain('Core Skills');

    // Changing scopes replaces the set and is audited too.
    const change = await b.postForm(`/admin/organisations/${org.id}/scopes`, { frameworks: 'dha' });
    expect(change.status).toBe(303);
    const after = await env.deps.db.select().from(issuerScopes).where(eq(issuerScopes.orgId, org.id));
    expect(after.map((s) => s.frameworkId)).toEqual(['dha']);
    expect(
      await env.deps.db.$count(
        auditEvents,
        and(eq(auditEvents.targetId, org.id), eq(auditEvents.action, 'organisation.scopes_changed')),
      ),
    ).toBe(1);

    // Suspension.
    expect((await b.postForm(`/admin/organisations/${org.id}/suspend`, {})).status).toBe(303);
    expect((await env.deps.db.select().from(organisations).where(eq(organisations.id, org.id)))[0]?.status).toBe(
      'suspended',
    );
    expect(
      await env.deps.db.$count(
        auditEvents,
        and(eq(auditEvents.targetId, org.id), eq(auditEvents.action, 'organisation.suspended')),
      ),
    ).toBe(1);
    expect((await b.postForm('/admin/organisations/00000000-0000-4000-8000-000000000000/suspend', {})).status).toBe(
      404,
    );

    // Re-approval sets the frameworks to exactly those posted.
    expect((await b.postForm(`/admin/organisations/${org.id}/approve`, { frameworks: 'cstf' })).status).toBe(303);
    const reapproved = await env.deps.db.select().from(issuerScopes).where(eq(issuerScopes.orgId, org.id));
    expect(reapproved.map((s) => s.frameworkId)).toEqual(['cstf']);
  });
});

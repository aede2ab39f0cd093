/** Organisations finding registration from the home page, and the applicant told of the platform's decision. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '../../db/schema';
import { Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, latestMail, makeOrg, makeUser } from '../helpers/accounts';
import { textOf } from '../fixtures/academy';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await makeTestEnv();
  admin = await browserAs(env, (await makeUser(env, { admin: true })).id);
});
afterAll(() => env.close());

const statusOf = async (id: string) =>
  (await env.deps.db.select().from(organisations).where(eq(organisations.id, id)))[0];

describe('organisation applications', () => {
  it('offers organisations registration from the home page', async () => {
    const html = await (await new Browser(env).get('/')).text();
    expect(html).toMatch(/<a class="button" href="\/organisations\/new">\s*Register your academy, employer or council/);
    expect(html).toContain('<h2 id="organisations-title">For organisations</h2>');
  });

  it('refuses an application with a reason: stored, audited, emailed and shown to the applicant', async () => {
    const owner = await makeUser(env, { email: 'applicant@example.org' });
    const org = await makeOrg(env, { name: 'Doubtful Training', kind: 'academy', ownerId: owner.id });
    const page = await (await admin.get('/admin')).text();
    expect(page).toContain(`action="/admin/organisations/${org.id}/refuse"`);
    expect(page).toContain(`<label for="refuse-${org.id}">Reason for refusing Doubtful Training</label>`);

    const empty = await admin.postForm(`/admin/organisations/${org.id}/refuse`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain('Enter the reason for refusing');
    expect((await statusOf(org.id))?.status).toBe('pending');

    const reason = 'We could not confirm the UKPRN you gave; register again with your UK provider number.';
    const res = await admin.postForm(`/admin/organisations/${org.id}/refuse`, { reason });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?notice=refused');
    expect(await statusOf(org.id)).toMatchObject({ status: 'refused', refusalReason: reason });
    const audit = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, org.id), eq(auditEvents.action, 'organisation.refused')));
    expect(audit).toHaveLength(1);

    const mail = await latestMail(env, 'applicant@example.org');
    expect(mail?.subject).toBe('Doubtful Training was not approved on Care Passport');
    expect(mail?.body).toContain(reason);
    expect(mail?.body).toContain(`/org/${org.slug}`);

    const own = textOf(await (await browserAs(env, owner.id)).get(`/org/${org.slug}`).then((r) => r.text()));
    expect(own).toContain('did not approve this organisation');
    expect(own).toContain(`Reason: ${reason}`);

    // Only a pending application can be refused.
    expect((await admin.postForm(`/admin/organisations/${org.id}/refuse`, { reason })).status).toBe(409);
  });

  it('emails the applicant when the application is approved', async () => {
    const owner = await makeUser(env, { email: 'welcome@example.org' });
    const org = await makeOrg(env, { name: 'Harbour Homes', kind: 'employer', ownerId: owner.id });
    expect((await admin.postForm(`/admin/organisations/${org.id}/approve`, {})).status).toBe(303);
    const mail = await latestMail(env, 'welcome@example.org');
    expect(mail?.subject).toBe('Harbour Homes is approved on Care Passport');
    expect(mail?.body).toContain(`/org/${org.slug}`);
  });
});

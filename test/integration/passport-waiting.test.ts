/**
 * A certificate waiting for a worker follows her verified email address: the passport offers it however she
 * signed in, one click adds it through the claim checks, and confirming the email from a claim link claims it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, users } from '../../db/schema';
import { browserAs, latestMail, linkIn, makeUser, postForm } from '../helpers/accounts';
import { Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let mh: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  mh = (await makeAchievement(env, world.academy.id, world.academyStaff.id, {})).id;
});
afterAll(() => env.close());

const holderOf = async (id: string) =>
  (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]?.subjectUserId ?? null;

describe('certificates waiting for a verified email address', () => {
  it('shows "1 certificate waiting from" the academy after an ordinary sign-in, and one click adds it', async () => {
    const { id } = await issueViaApi(env, world, { achievementId: mh, email: 'later@example.test' });
    const user = await makeUser(env, { email: 'later@example.test' });
    const b = await browserAs(env, user.id);
    const page = await (await b.get('/passport')).text();
    expect(page).toContain('1 certificate waiting from Northern Care Academy: add it');
    expect(page).toContain(`action="/passport/waiting/${id}"`);
    // Without the CSRF token nothing happens.
    const forged = await postForm(b, `/passport/waiting/${id}`, {});
    expect(forged.status).toBe(403);
    expect(await holderOf(id)).toBeNull();
    const res = await b.postForm(`/passport/waiting/${id}`, {}, '/passport');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/passport/credentials/${id}?notice=claimed`);
    expect(await holderOf(id)).toBe(user.id);
    const after = await (await b.get('/passport')).text();
    expect(after).not.toContain('waiting from');
    expect(after).toContain('You have 1 certificate.');
    // A second press is a plain message, not an error page.
    expect((await b.postForm(`/passport/waiting/${id}`, {}, '/passport')).status).toBe(410);
  });

  it('never shows or claims a certificate for an unverified address, nor for someone else', async () => {
    const { id } = await issueViaApi(env, world, { achievementId: mh, email: 'unconfirmed@example.test' });
    const user = await makeUser(env, { email: 'unconfirmed@example.test', verified: false });
    const b = await browserAs(env, user.id);
    expect(await (await b.get('/passport')).text()).not.toContain('waiting from');
    expect((await b.postForm(`/passport/waiting/${id}`, {}, '/passport')).status).toBe(410);
    const stranger = await browserAs(env, world.otherWorker.id);
    expect((await stranger.postForm(`/passport/waiting/${id}`, {}, '/passport')).status).toBe(410);
    expect(await holderOf(id)).toBeNull();
  });

  it('does not offer a revoked certificate', async () => {
    const { id } = await issueViaApi(env, world, { achievementId: mh, email: 'revoked@example.test' });
    await env.deps.db.update(credentials).set({ status: 'revoked' }).where(eq(credentials.id, id));
    const user = await makeUser(env, { email: 'revoked@example.test' });
    const b = await browserAs(env, user.id);
    expect(await (await b.get('/passport')).text()).not.toContain('waiting from');
    expect((await b.postForm(`/passport/waiting/${id}`, {}, '/passport')).status).toBe(410);
    expect(await holderOf(id)).toBeNull();
  });

  it('confirming the email from the claim journey adds the certificate in the same step', async () => {
    const { id, claimUrl } = await issueViaApi(env, world, { achievementId: mh, email: 'journey@example.test' });
    const claimPath = new URL(claimUrl as string).pathname + new URL(claimUrl as string).search;
    const b = new Browser(env);
    const signUp = await postForm(b, '/sign-up', {
      displayName: 'Journey Person',
      email: 'journey@example.test',
      password: PASSWORD,
      next: claimPath,
    });
    expect(signUp.status).toBe(200);
    const verify = linkIn((await latestMail(env, 'journey@example.test', 'Confirm'))?.body ?? '', '/verify-email');
    const res = await b.get(verify);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('“Moving and handling (level 2)” is now in your passport.');
    const user = (await env.deps.db.select().from(users).where(eq(users.email, 'journey@example.test')))[0];
    expect(await holderOf(id)).toBe(user?.id);
    // Signing in later, without the link, finds it there.
    const signIn = await postForm(b, '/sign-in', { email: 'journey@example.test', password: PASSWORD });
    expect(signIn.status).toBe(303);
    expect(await (await b.get('/passport')).text()).toContain('You have 1 certificate.');
  });

  it("confirming a different address from someone else's claim link claims nothing", async () => {
    const { id, claimUrl } = await issueViaApi(env, world, { achievementId: mh, email: 'owner@example.test' });
    const claimPath = new URL(claimUrl as string).pathname + new URL(claimUrl as string).search;
    const b = new Browser(env);
    await postForm(b, '/sign-up', {
      displayName: 'Other Person',
      email: 'bystander@example.test',
      password: PASSWORD,
      next: claimPath,
    });
    const verify = linkIn((await latestMail(env, 'bystander@example.test', 'Confirm'))?.body ?? '', '/verify-email');
    const res = await b.get(`${verify}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('is now in your passport');
    expect(await holderOf(id)).toBeNull();
  });
});

/** Sharing a passport through app.request: create a link, see who viewed it, revoke it. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shares } from '../../db/schema';
import { hashToken } from '../../worker/lib/ids';
import { openShare } from '../../worker/services/passport/shares';
import { verifyPresentation } from '../../worker/services/verification/verifier';
import { browserAs } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, makeAchievement, issueViaApi } from '../helpers/world';

let env: TestEnv;
let world: World;
let first: string;
let second: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const mh = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  const fire = (
    await makeAchievement(env, world.academy.id, world.academyStaff.id, {
      name: 'Fire safety',
      alignedIds: ['cstf-fire'],
    })
  ).id;
  first = await issue(mh);
  second = await issue(fire);
});
afterAll(() => env.close());

const issue = async (achievementId: string) =>
  (await issueViaApi(env, world, { achievementId, email: world.worker.email })).id;

const worker = () => browserAs(env, world.worker.id);
const tokenIn = (html: string) => html.match(/id="share-link" value="[^"]*\/s\/([a-z2-7]+)"/)?.[1] ?? '';

describe('sharing', () => {
  it('offers my certificates, all ticked, with how long and an optional label', async () => {
    const html = await (await (await worker()).get('/passport/share')).text();
    expect(html).toContain('<legend>Which certificates?</legend>');
    expect(html).toMatch(new RegExp(`id="c-${first}" name="credentialIds" value="${first}" checked`));
    expect(html).toMatch(new RegExp(`id="c-${second}" name="credentialIds" value="${second}" checked`));
    expect(html).toMatch(/id="days-30" name="days" value="30" checked/);
    // Coming from one certificate's page ticks only that one.
    const one = await (await (await worker()).get(`/passport/share?credential=${second}`)).text();
    expect(one).toMatch(new RegExp(`value="${second}" checked`));
    expect(one).not.toMatch(new RegExp(`value="${first}" checked`));
  });

  it('creates a link with a copy button and QR code; views are listed with the employer; revoking stops it', async () => {
    const b = await worker();
    const res = await b.postForm(
      '/passport/shares',
      { credentialIds: first, days: '30', label: 'Sunrise interview' },
      '/passport/share',
    );
    expect(res.status).toBe(303);
    const shown = await b.get(res.headers.get('location') ?? '');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toContain('no-store');
    const html = await shown.text();
    expect(html).toContain('<h1>Your share link is ready</h1>');
    expect(html).toContain('While it works you can find it again under');
    expect(html).toContain('data-copy="share-link"');
    expect(html).toMatch(/<svg[^>]+role="img" aria-label="QR code of your share link"/);
    const token = tokenIn(html);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(html).toContain(`value="${TEST_ORIGIN}/s/${token}"`);
    const share = (
      await env.deps.db
        .select()
        .from(shares)
        .where(eq(shares.tokenHash, hashToken(token)))
    )[0];
    expect(share).toMatchObject({ userId: world.worker.id, label: 'Sunrise interview', revokedAt: null });
    expect(JSON.parse(share?.credentialIds ?? '[]')).toEqual([first]);
    expect(share?.expiresAt).toBe('2026-07-01T09:00:00.000Z');
    expect(html).toContain(`action="/passport/shares/${share?.id}/revoke"`);
    // The address the form sends the browser to names the share, never its secret link.
    expect(res.headers.get('location')).toBe(`/passport/shares/${share?.id}/link?made=1`);

    // An employer opens it (as the public share page does) and checks the presentation; someone else just opens it.
    const now = env.deps.clock();
    const opened = await openShare(env.deps.db, env.deps.bodies, env.deps.config, {
      token,
      now,
      viewerOrgId: world.employer.id,
      kind: 'verified',
    });
    if (!opened.ok) throw new Error(opened.reason);
    const vp = await verifyPresentation(env.deps, opened.presentationJwt, {
      audience: opened.audience,
      nonce: opened.nonce,
    });
    expect(vp.verified).toBe(true);
    await openShare(env.deps.db, env.deps.bodies, env.deps.config, { token, now, viewerOrgId: null, kind: 'opened' });

    const list = await (await b.get('/passport/shares')).text();
    expect(list).toContain('Sunrise interview');
    expect(list).toContain('Active until 1 July 2026');
    expect(list).toContain('<h3>Who viewed</h3>');
    expect(list).toContain('<strong>Sunrise Care Homes</strong> checked the certificates');
    expect(list).toContain('someone who was not signed in opened the link');
    expect(list).toContain('Moving and handling (level 2)');
    expect(list).not.toContain(token);

    // Nobody else can revoke it, or see it.
    const other = await browserAs(env, world.otherWorker.id);
    expect((await other.postForm(`/passport/shares/${share?.id}/revoke`, {}, '/passport/shares')).status).toBe(404);
    expect(await (await other.get('/passport/shares')).text()).not.toContain('Sunrise interview');

    const revoked = await b.postForm(`/passport/shares/${share?.id}/revoke`, {}, '/passport/shares');
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/passport/shares?notice=revoked');
    expect(
      await openShare(env.deps.db, env.deps.bodies, env.deps.config, { token, now, viewerOrgId: null, kind: 'opened' }),
    ).toEqual({
      ok: false,
      reason: 'revoked',
    });
    const after = await (await b.get('/passport/shares?notice=revoked')).text();
    expect(after).toContain('The link has stopped working');
    expect(after).toContain('Stopped on 1 June 2026');
    expect(after).not.toContain(`action="/passport/shares/${share?.id}/revoke"`);
    expect((await b.postForm(`/passport/shares/${share?.id}/revoke`, {}, '/passport/shares')).status).toBe(404);

    // Where the public share page exists, the revoked link shows no credentials.
    if (env.app.routes.some((r) => r.path === '/s/:token')) {
      const page = await env.app.request(`${TEST_ORIGIN}/s/${token}`);
      expect(await page.text()).not.toContain('Moving and handling');
    }
  });

  it('answers the form with a redirect, so reloading the page that shows the link makes no second link', async () => {
    const b = await worker();
    const before = await env.deps.db.$count(shares, eq(shares.userId, world.worker.id));
    const res = await b.postForm('/passport/shares', { credentialIds: first, days: '7' }, '/passport/share');
    expect(res.status).toBe(303);
    const made = res.headers.get('location') ?? '';
    const once = await (await b.get(made)).text();
    const again = await (await b.get(made)).text();
    expect(await env.deps.db.$count(shares, eq(shares.userId, world.worker.id))).toBe(before + 1);
    expect(tokenIn(once)).toMatch(/^[a-z2-7]{32}$/);
    expect(tokenIn(again)).toBe(tokenIn(once));
    expect(again).toContain('<h1>Your share link is ready</h1>');
    // Nobody else gets the page, even with its address.
    expect((await (await browserAs(env, world.otherWorker.id)).get(made)).status).toBe(404);
  });

  it("refuses an empty choice or an odd expiry with the form again, and someone else's certificate with 404", async () => {
    const b = await worker();
    const none = await b.postForm('/passport/shares', { days: '30' }, '/passport/share');
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one certificate to share');
    const odd = await b.postForm('/passport/shares', { credentialIds: first, days: '45' }, '/passport/share');
    expect(odd.status).toBe(400);
    const oddHtml = await odd.text();
    expect(oddHtml).toContain('Choose how long the link works');
    expect(oddHtml).toMatch(new RegExp(`value="${first}" checked`));
    expect(oddHtml).not.toMatch(new RegExp(`value="${second}" checked`));
    const other = await browserAs(env, world.otherWorker.id);
    expect(
      (await other.postForm('/passport/shares', { credentialIds: first, days: '7' }, '/passport/share')).status,
    ).toBe(404);
    expect(await env.deps.db.select().from(shares).where(eq(shares.userId, world.otherWorker.id))).toEqual([]);
  });
});

describe('telling two certificates of the same name apart', () => {
  it('names each choice with its issuer and completion date, and marks the expired one', async () => {
    const refresher = (
      await makeAchievement(env, world.academy.id, world.academyStaff.id, {
        name: 'Fire safety refresher',
        alignedIds: ['cstf-fire'],
        validityMonths: 12,
      })
    ).id;
    const lapsed = (
      await issueViaApi(env, world, {
        achievementId: refresher,
        email: world.worker.email,
        validFrom: '2024-12-02',
      })
    ).id;
    const current = (
      await issueViaApi(env, world, {
        achievementId: refresher,
        email: world.worker.email,
        validFrom: '2026-05-05',
      })
    ).id;
    const html = await (await (await worker()).get('/passport/share')).text();
    const label = (id: string) => html.match(new RegExp(`<label for="c-${id}">([\\s\\S]*?)</label>`))?.[1] ?? '';
    expect(label(lapsed)).toContain('Fire safety refresher <span class="small muted">(Northern Care Academy');
    expect(label(lapsed)).toContain(', completed 2 December 2024)');
    expect(label(lapsed)).toContain('Expired');
    expect(label(current)).toContain(', completed 5 May 2026)');
    expect(label(current)).not.toContain('Expired');
  });
});

/** A live share's link and QR code shown again to its owner only; stopped, expired and older shares are not. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shares } from '../../db/schema';
import { hashToken } from '../../worker/lib/ids';
import { openSealedText } from '../../worker/lib/sealed-text';
import { createShare } from '../../worker/services/passport/shares';
import { rotateMasterKey } from '../../worker/services/platform/master-key-rotation';
import { browserAs } from '../helpers/accounts';
import { TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let credentialId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  credentialId = (await issueViaApi(env, world, { achievementId, email: world.worker.email })).id;
});
afterAll(() => env.close());

const tokenIn = (html: string) => html.match(/id="share-link" value="[^"]*\/s\/([a-z2-7]+)"/)?.[1] ?? '';

async function makeShareViaPage(label: string, days = '7') {
  const b = await browserAs(env, world.worker.id);
  const posted = await b.postForm('/passport/shares', { credentialIds: credentialId, days, label }, '/passport/share');
  const html = await (await b.get(posted.headers.get('location') ?? '')).text();
  const token = tokenIn(html);
  const row = (
    await env.deps.db
      .select()
      .from(shares)
      .where(eq(shares.tokenHash, hashToken(token)))
  )[0];
  if (!row) throw new Error('share not stored');
  return { token, row };
}

describe('showing a live share link again', () => {
  it('keeps the token sealed, never in clear, and shows the link and QR code to its owner', async () => {
    const { token, row } = await makeShareViaPage('Care home interview');
    expect(row.tokenEnc).toMatch(/^s1\./);
    expect(row.tokenEnc).not.toContain(token);
    expect(await openSealedText([TEST_MASTER_KEY], row.id, row.tokenEnc ?? '')).toBe(token);
    // Bound to its own row: the same blob does not open for another share.
    expect(await openSealedText([TEST_MASTER_KEY], world.worker.id, row.tokenEnc ?? '')).toBeNull();

    const b = await browserAs(env, world.worker.id);
    const list = await (await b.get('/passport/shares')).text();
    expect(list).toContain(`href="/passport/shares/${row.id}/link"`);
    expect(list).not.toContain(token);
    const res = await b.get(`/passport/shares/${row.id}/link`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain(`value="${TEST_ORIGIN}/s/${token}"`);
    expect(html).toMatch(/<svg[^>]+role="img" aria-label="QR code of your share link"/);
    expect(html).toContain('Moving and handling (level 2)');
    expect(env.logs.join('\n')).not.toContain(token);
  });

  it('gives someone else, and anyone without a session, no page', async () => {
    const { row } = await makeShareViaPage('Only mine');
    const other = await browserAs(env, world.otherWorker.id);
    expect((await other.get(`/passport/shares/${row.id}/link`)).status).toBe(404);
    const anon = await env.app.request(`${TEST_ORIGIN}/passport/shares/${row.id}/link`);
    expect(anon.status).toBe(303);
  });

  it('does not show a stopped link (and forgets it) or an expired one', async () => {
    const b = await browserAs(env, world.worker.id);
    const stopped = await makeShareViaPage('To stop');
    expect((await b.postForm(`/passport/shares/${stopped.row.id}/revoke`, {}, '/passport/shares')).status).toBe(303);
    expect((await b.get(`/passport/shares/${stopped.row.id}/link`)).status).toBe(404);
    const after = (await env.deps.db.select().from(shares).where(eq(shares.id, stopped.row.id)))[0];
    expect(after?.tokenEnc).toBeNull();
    const list = await (await b.get('/passport/shares')).text();
    expect(list).not.toContain(`href="/passport/shares/${stopped.row.id}/link"`);

    const expiring = await makeShareViaPage('To expire', '7');
    expect((await b.get(`/passport/shares/${expiring.row.id}/link`)).status).toBe(200);
    env.setNow('2026-06-09T09:00:00.000Z');
    try {
      expect((await b.get(`/passport/shares/${expiring.row.id}/link`)).status).toBe(404);
      const later = await (await b.get('/passport/shares')).text();
      expect(later).not.toContain(`href="/passport/shares/${expiring.row.id}/link"`);
    } finally {
      env.setNow('2026-06-01T09:00:00.000Z');
    }
  });

  it('tells the owner of a share made before links were kept to make a new one', async () => {
    const { share } = await createShare(env.deps.db, {
      userId: world.worker.id,
      credentialIds: [credentialId],
      days: 30,
      label: 'Made long ago',
      now: env.deps.clock(),
    });
    const b = await browserAs(env, world.worker.id);
    const list = await (await b.get('/passport/shares')).text();
    expect(list).toContain('This link was shown once when you made it; make a new one.');
    expect(list).not.toContain(`href="/passport/shares/${share.id}/link"`);
    const page = await (await b.get(`/passport/shares/${share.id}/link`)).text();
    expect(page).toContain('This link was shown once when you made it; make a new one.');
    expect(page).not.toContain('id="share-link"');
  });

  it('moves kept tokens to a new master key with the private keys', async () => {
    const { token, row } = await makeShareViaPage('Across a rotation', '30');
    const newKey = 'rotated-master-key-0123456789-abcdefghijklmnop';
    const report = await rotateMasterKey(env.deps.db, {
      oldKeys: [TEST_MASTER_KEY],
      newKey,
      now: env.deps.clock(),
    });
    expect(report.shareTokens.rotated).toBeGreaterThanOrEqual(1);
    const after = (await env.deps.db.select().from(shares).where(eq(shares.id, row.id)))[0];
    expect(await openSealedText([newKey], row.id, after?.tokenEnc ?? '')).toBe(token);
    expect(await openSealedText([TEST_MASTER_KEY], row.id, after?.tokenEnc ?? '')).toBeNull();
  });
});

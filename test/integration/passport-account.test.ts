/** Leaving with everything: the export holds every JWT; deleting the account erases personal data and sessions, while issued credentials still verify. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  credentials,
  importedCredentials,
  memberships,
  outbox,
  sessions,
  shareViews,
  shares,
  users,
} from '../../db/schema';
import { didKeyFromPublicJwk } from '../../worker/credentials/did';
import { buildOpenBadgeCredential, signCredentialJwt } from '../../worker/credentials/issue';
import { generateEd25519KeyPair, importPrivateKey } from '../../worker/credentials/keys';
import { createUser } from '../../worker/services/accounts/accounts';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { createShare, openShare } from '../../worker/services/passport/shares';
import { browserAs, sessionFor } from '../helpers/accounts';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, makeAchievement, issueViaApi } from '../helpers/world';
import { issueContext } from '../../worker/services/academy/issue-types';
import { storedText } from '../helpers/bodies';

let env: TestEnv;
let world: World;
let mh: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  mh = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
});
afterAll(() => env.close());

async function issue(email: string, validFrom?: string) {
  const opts = { achievementId: mh, email, name: 'Dee Delete', ...(validFrom ? { validFrom } : {}) };
  return (await issueViaApi(env, world, opts)).id;
}

async function verify(jwt: string) {
  const res = await env.app.request('/credentials/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
  });
  return (await res.json()) as { verified: boolean; errors: { code: string }[] };
}

/** A credential from an issuer elsewhere (did:key), for the imported part of a passport. */
async function elsewhere() {
  const pair = await generateEd25519KeyPair();
  const did = didKeyFromPublicJwk(pair.publicJwk);
  const credential = buildOpenBadgeCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuerDid: did,
    issuerName: 'Elsewhere',
    holderDid: did,
    validFrom: '2026-01-01T00:00:00Z',
    achievement: {
      id: 'https://elsewhere.example/a',
      achievementType: 'Certificate',
      name: 'Dementia awareness',
      description: 'Dementia awareness course.',
      criteriaNarrative: 'Attended.',
    },
  });
  const signer = { kid: `${did}#${did.slice('did:key:'.length)}`, privateKey: await importPrivateKey(pair.privateJwk) };
  return signCredentialJwt(credential, signer, { now: env.deps.clock() });
}

async function importInto(b: Browser, jwt: string) {
  const page = await (await b.get('/passport/import')).text();
  const form = new FormData();
  form.set('_csrf', page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
  form.set('jwt', jwt);
  const res = await b.request('/passport/import', { method: 'POST', headers: { origin: TEST_ORIGIN }, body: form });
  expect(res.status).toBe(303);
}

describe('export', () => {
  it('downloads one JSON file with a manifest and every credential, each with its JWT', async () => {
    const user = await createUser(env.deps, {
      email: 'leaver@example.test',
      password: PASSWORD,
      displayName: 'Lou Leaver',
      verified: true,
    });
    const a = await issue('leaver@example.test', '2024-05-01');
    const ctx = issueContext(env.deps, null);
    const [renewed] = await issueCredentials(
      ctx,
      await loadAchievement(env.deps.db, world.academy.id, mh),
      [{ email: 'leaver@example.test', name: 'Lou Leaver' }],
      {
        replacesId: a,
      },
    );
    const b = await browserAs(env, user.id);
    await importInto(b, await elsewhere());
    const res = await b.get('/passport/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="care-passport-2026-06-01.json"');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const data = (await res.json()) as {
      manifest: { format: string; credentialCount: number; holder: { email: string; did: string } };
      credentials: {
        id: string;
        source: string;
        jwt: string;
        name: string;
        issuer: string;
        status: string;
        supersededBy: string | null;
      }[];
    };
    expect(data.manifest).toMatchObject({
      format: 'care-passport-export',
      credentialCount: 3,
      holder: { email: 'leaver@example.test' },
    });
    const issuedJwts = await Promise.all(
      (await env.deps.db.select().from(credentials).where(eq(credentials.subjectUserId, user.id))).map((c) =>
        storedText(env.deps, c.id),
      ),
    );
    const importedJwts = (
      await env.deps.db.select().from(importedCredentials).where(eq(importedCredentials.userId, user.id))
    ).map((c) => c.jwt);
    expect(data.credentials.map((c) => c.jwt).sort()).toEqual([...issuedJwts, ...importedJwts].sort());
    expect(data.credentials.find((c) => c.id === `urn:uuid:${a}`)).toMatchObject({
      status: 'expired',
      supersededBy: `urn:uuid:${renewed?.credentialId}`,
    });
    expect(data.credentials.find((c) => c.source === 'imported')).toMatchObject({
      name: 'Dementia awareness',
      issuer: 'Elsewhere',
    });
    for (const c of data.credentials.filter((x) => x.source === 'issued' && !x.supersededBy))
      expect((await verify(c.jwt)).verified).toBe(true);
    // Nobody else's export holds them.
    const theirs = (await (
      await browserAs(env, world.otherWorker.id)
    )
      .get('/passport/export')
      .then((r) => r.json())) as typeof data;
    expect(theirs.credentials.map((c) => c.jwt)).not.toContain(issuedJwts[0]);
  });
});

describe('deleting the account', () => {
  it('explains first what is erased and what stays valid', async () => {
    const html = await (await (await browserAs(env, world.worker.id)).get('/account/delete')).text();
    expect(html).toContain('Your certificates stay valid');
    expect(html).toContain('We erase your personal data here');
    expect(html).toContain('What the issuers and employers keep, without you');
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/passport/export"');
    expect(html).toContain('Type your email address to confirm');
  });

  it('refuses without the right email, and refuses the only owner of an organisation', async () => {
    const b = await browserAs(env, world.worker.id);
    const wrong = await b.postForm('/account/delete', { confirmEmail: 'someone@example.test' }, '/account/delete');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Type the email address you sign in with');
    expect((await env.deps.db.select().from(users).where(eq(users.id, world.worker.id))).length).toBe(1);
    const owner = await browserAs(env, world.employerStaff.id);
    const res = await owner.postForm('/account/delete', { confirmEmail: world.employerStaff.email }, '/account/delete');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You are the only owner of Sunrise Care Homes');
    expect((await env.deps.db.select().from(users).where(eq(users.id, world.employerStaff.id))).length).toBe(1);
  });

  it('erases personal data, shares, imports and every session in one go; issued credentials still verify', async () => {
    const email = 'dee@example.test';
    const user = await createUser(env.deps, { email, password: PASSWORD, displayName: 'Dee Delete', verified: true });
    const credentialId = await issue(email);
    const b = await browserAs(env, user.id);
    await importInto(b, await elsewhere());
    await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    const { share, token } = await createShare(env.deps.db, {
      userId: user.id,
      credentialIds: [credentialId],
      days: 7,
      now: env.deps.clock(),
    });
    await openShare(env.deps.db, env.deps.bodies, env.deps.config, {
      token,
      now: env.deps.clock(),
      viewerOrgId: world.employer.id,
      kind: 'opened',
    });
    const otherDevice = new Browser(env);
    otherDevice.cookies.set('cp_session', (await sessionFor(env, user.id)).token);
    const jwtBefore = await storedText(env.deps, credentialId);

    const res = await b.postForm('/account/delete', { confirmEmail: '  DEE@example.test ' }, '/account/delete');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your account is deleted');
    expect(res.headers.getSetCookie().join(';')).toMatch(/cp_session=;/);

    const db = env.deps.db;
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await db.select().from(shares).where(eq(shares.userId, user.id))).toEqual([]);
    expect(await db.select().from(shareViews).where(eq(shareViews.shareId, share.id))).toEqual([]);
    expect(await db.select().from(importedCredentials).where(eq(importedCredentials.userId, user.id))).toEqual([]);
    expect(await db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.to, email))).toEqual([]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'user.deleted'));
    expect(audit.map((a) => a.targetId)).toContain(user.id);
    expect(JSON.stringify(audit)).not.toContain(email);

    // The issuer's register keeps its record without the person (no account, name or email); it still verifies.
    const row = (await db.select().from(credentials).where(eq(credentials.id, credentialId)))[0];
    expect(row).toMatchObject({
      subjectUserId: null,
      subjectName: null,
      subjectEmail: null,
      status: 'active',
    });
    expect(await storedText(env.deps, credentialId)).toBe(jwtBefore);
    expect((await verify(jwtBefore)).verified).toBe(true);

    // Every session ended, including the other device; the share link is gone.
    const again = await otherDevice.get('/passport');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/sign-in?next=%2Fpassport');
    expect(
      await openShare(db, env.deps.bodies, env.deps.config, {
        token,
        now: env.deps.clock(),
        viewerOrgId: null,
        kind: 'opened',
      }),
    ).toEqual({ ok: false, reason: 'not_found' });
  });
});

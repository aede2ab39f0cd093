/**
 * Retiring a compromised issuer key: a forgery made with the stolen key stops verifying; "reissue" re-signs every
 * credential the key signed under the new key (interrupted after one batch, every credential still verifies or is
 * revoked, and a rerun finishes); "revoke" revokes them all with the withdrawal in one batch.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, issuerKeys, keyRetirements } from '../../db/schema';
import { decryptPrivateKey, importPrivateKey } from '../../worker/credentials/keys';
import { changeCredentialStatus } from '../../worker/services/academy/credential-status';
import { rotateIssuerKey } from '../../worker/services/organisations/issuers';
import { getRetirement, retireIssuerKey } from '../../worker/services/organisations/key-retirement';
import { TEST_MASTER_KEY, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';
import { browserAs } from '../helpers/accounts';
import { decodeJwt, resign } from '../security/forge';
import { bodyKey, withSignedText } from '../../db/credential-bodies';

let env: TestEnv;
let world: World;
let achievementId: string;

async function verify(jwt: string) {
  const res = await env.app.request('/credentials/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
  });
  const body = (await res.json()) as { verified: boolean; errors: { code: string }[] };
  return { verified: body.verified, codes: body.errors.map((e) => e.code) };
}

/** The academy's register rows, each with its current signed text. */
async function register() {
  const rows = await env.deps.db.select().from(credentials).where(eq(credentials.issuerOrgId, world.academy.id));
  return withSignedText(env.deps, rows);
}

async function activeKid(): Promise<string> {
  const rows = await env.deps.db
    .select({ kid: issuerKeys.kid })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.orgId, world.academy.id), eq(issuerKeys.active, true)));
  return rows[0]!.kid;
}

async function didKeyIds(): Promise<string[]> {
  const doc = (await (await env.app.request(`/orgs/${world.academy.slug}/did.json`)).json()) as {
    verificationMethod: { id: string }[];
  };
  return doc.verificationMethod.map((m) => m.id.split('#')[1]!);
}

/** What a thief holding the key would sign: one of our credentials, edited to a new holder and a longer life. */
async function forgeWith(kid: string, template: string): Promise<string> {
  const row = (await env.deps.db.select().from(issuerKeys).where(eq(issuerKeys.kid, kid)))[0]!;
  const key = await importPrivateKey(await decryptPrivateKey(TEST_MASTER_KEY, row.privateKeyEnc));
  return resign(template, key, {
    payload: (p) => {
      // A careful forger keeps the registered claims consistent with the credential they restate.
      (p.credentialSubject as { id: string }).id = 'did:example:someone-untrained';
      p.sub = 'did:example:someone-untrained';
      p.validUntil = '2099-01-01T00:00:00Z';
      p.exp = Date.parse('2099-01-01T00:00:00Z') / 1000;
    },
  });
}

async function issue(n: number, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push((await issueViaApi(env, world, { achievementId, email: `${prefix}${i}@example.test`, notify: false })).id);
  return out;
}

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
}, 60_000);

afterAll(() => env?.close());

describe('retire a compromised issuer key', () => {
  it('reissue: interrupted after a batch every credential verifies or is revoked; a rerun re-signs the rest and withdraws the key', async () => {
    const ids = await issue(5, 'reissue');
    const stolen = await activeKid();
    const before = await register();
    const suspended = ids[1]!;
    const revoked = ids[2]!;
    for (const [id, action] of [
      [suspended, 'suspend'],
      [revoked, 'revoke'],
    ] as const)
      await changeCredentialStatus(env.deps.db, {
        credentialId: id,
        orgId: world.academy.id,
        action,
        reason: 'test',
        actorUserId: null,
        now: env.deps.clock(),
      });
    const forged = await forgeWith(stolen, before[0]!.jwt);
    expect((await verify(forged)).verified).toBe(true); // what makes a stolen key dangerous

    const stop = new Error('power cut');
    const input = {
      orgId: world.academy.id,
      kid: stolen,
      mode: 'reissue' as const,
      reason: 'laptop stolen',
      actorUserId: world.academyStaff.id,
      now: env.deps.clock(),
    };
    await expect(
      retireIssuerKey(env.deps, input, {
        batchSize: 2,
        afterBatch: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    // Mid-way: the new key signs, the stolen one is still listed, every credential verifies or is suspended/revoked.
    expect(await activeKid()).not.toBe(stolen);
    expect(await didKeyIds()).toContain(stolen);
    const mid = await register();
    expect(mid.filter((c) => c.kid === stolen)).toHaveLength(3);
    for (const c of mid) {
      const r = await verify(c.jwt);
      if (c.id === revoked) expect(r.codes).toEqual(['revoked']);
      else if (c.id === suspended) expect(r.codes).toEqual(['suspended']);
      else expect(r.verified, JSON.stringify(r.codes)).toBe(true);
    }
    expect(await getRetirement(env.deps.db, world.academy.id, stolen)).toMatchObject({
      status: 'running',
      done: 2,
      total: 5,
    });
    // Asking for the other mode while the job runs is refused.
    await expect(retireIssuerKey(env.deps, { ...input, mode: 'revoke' })).rejects.toMatchObject({ code: 'conflict' });

    const job = await retireIssuerKey(env.deps, input, { batchSize: 2 });
    expect(job).toMatchObject({ status: 'done', done: 5, total: 5 });
    expect(await didKeyIds()).not.toContain(stolen);
    const after = await register();
    for (const c of after) {
      expect(c.kid).not.toBe(stolen);
      const r = await verify(c.jwt);
      if (c.id === revoked) expect(r.codes).toEqual(['revoked']);
      else if (c.id === suspended) expect(r.codes).toEqual(['suspended']);
      else expect(r.verified, JSON.stringify(r.codes)).toBe(true);
      // Same credential (id, status slot, content): only the signature changed.
      const old = before.find((b) => b.id === c.id)!;
      const { iat: _a, ...was } = decodeJwt(old.jwt).payload;
      const { iat: _b, ...now } = decodeJwt(c.jwt).payload;
      expect(now).toEqual(was);
    }
    expect((await verify(forged)).codes).toContain('unknown_key');
    for (const c of before) expect((await verify(c.jwt)).codes).toContain('unknown_key');
    // Each re-signed text went in under a fresh key; the texts signed with the stolen key are gone from the store.
    expect(after.every((c) => c.bodyRef !== null)).toBe(true);
    expect((await env.deps.bodies.get(before.map(bodyKey))).size).toBe(0);
    // A finished job is answered as it is.
    expect(await retireIssuerKey(env.deps, input)).toMatchObject({ status: 'done' });
  });

  it('revoke: every credential the key signed is revoked with the withdrawal, in one batch', async () => {
    const earlier = await register();
    await rotateIssuerKey(env.deps.db, env.deps.config, world.academy, env.deps.clock(), null);
    const ids = await issue(3, 'revoke');
    const stolen = await activeKid();
    const forged = await forgeWith(stolen, (await register()).find((c) => c.id === ids[0])!.jwt);
    const job = await retireIssuerKey(env.deps, {
      orgId: world.academy.id,
      kid: stolen,
      mode: 'revoke',
      reason: 'key published by mistake',
      actorUserId: null,
      now: env.deps.clock(),
    });
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3 });
    const rows = (await register()).filter((c) => ids.includes(c.id));
    for (const c of rows) {
      expect(c.status).toBe('revoked');
      expect(c.statusReason).toMatch(/key published by mistake/);
      expect((await verify(c.jwt)).verified).toBe(false);
    }
    expect((await verify(forged)).codes).toContain('unknown_key');
    expect(await didKeyIds()).not.toContain(stolen);
    // Credentials signed with the academy's other keys are untouched and still verify.
    for (const c of earlier) {
      const now = (await register()).find((r) => r.id === c.id)!;
      expect(now).toMatchObject({ status: c.status, jwt: c.jwt });
      if (c.status === 'active') expect((await verify(c.jwt)).verified).toBe(true);
    }
    // New credentials are signed with a fresh key and verify.
    const [fresh] = await issue(1, 'after');
    const row = (await register()).find((c) => c.id === fresh)!;
    expect(row.kid).not.toBe(stolen);
    expect((await verify(row.jwt)).verified).toBe(true);
    const jobs = await env.deps.db.select().from(keyRetirements);
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it("the academy's owner retires a key from the signing-keys page, choosing what happens to what it signed", async () => {
    const [id] = await issue(1, 'page');
    const kid = await activeKid();
    const owner = await browserAs(env, world.academyStaff.id);
    const page = `/academy/${world.academy.slug}/keys`;
    const before = await (await owner.get(page)).text();
    expect(before).toContain(kid);
    expect(before).toContain('Signs new certificates');
    const bad = await owner.postForm(`${page}/${kid}/retire`, { mode: 'reissue', reason: '' }, page);
    expect(bad.status).toBe(400);
    const res = await owner.postForm(`${page}/${kid}/retire`, { mode: 'reissue', reason: 'server exposed' }, page);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}?notice=retired`);
    const after = await (await owner.get(`${page}?notice=retired`)).text();
    expect(after).toMatch(/Withdrawn/);
    expect(await didKeyIds()).not.toContain(kid);
    const row = (await register()).find((c) => c.id === id)!;
    expect(row.kid).not.toBe(kid);
    expect((await verify(row.jwt)).verified).toBe(true);
    // Another organisation's key is not found from here.
    expect((await owner.postForm(`${page}/no-such-key/retire`, { mode: 'revoke', reason: 'x y z' }, page)).status).toBe(
      404,
    );
  });
});

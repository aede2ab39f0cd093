/**
 * Master-key rotation: interrupted mid-way, every private key still opens under the old or the new key and the
 * service keeps working (MASTER_KEY = new, MASTER_KEY_PREVIOUS = old); a rerun finishes; afterwards only the new key
 * opens anything, earlier credentials verify, new ones are signed, shares present, and people sign in with
 * PASSWORD_PEPPER = the old key.
 */
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { parseConfig } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import { KeyDecryptionError } from '../../worker/credentials/keys';
import { ensureHolderDid, holderSigner } from '../../worker/services/passport/holders';
import { rotateIssuerKey } from '../../worker/services/organisations/issuers';
import { keysNotUnder, opensWith, rotateMasterKey } from '../../worker/services/platform/master-key-rotation';
import { TEST_MASTER_KEY, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

const NEW_KEY = 'the-new-master-key-after-rotation-0123456789';
let env: TestEnv;
let world: World;
const issued: string[] = [];

function appWith(vars: Record<string, string>) {
  const config = parseConfig({
    ENVIRONMENT: 'test',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    DATABASE_URL: 'file:unused',
    ...vars,
  });
  const deps: AppDeps = { ...env.deps, config };
  return { app: createApp(deps), deps };
}

async function blobs(): Promise<string[]> {
  const client = (env.deps.db as unknown as { $client: Client }).$client;
  const issuer = (await client.execute('SELECT private_key_enc AS b FROM issuer_keys')).rows;
  const holder = (await client.execute('SELECT holder_key_enc AS b FROM users WHERE holder_key_enc IS NOT NULL')).rows;
  return [...issuer, ...holder].map((r) => String(r.b));
}

const opens = opensWith;

async function verify(app: ReturnType<typeof createApp>, jwt: string) {
  const res = await app.request('/credentials/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
  });
  return (await res.json()) as { verified: boolean; errors: unknown[] };
}

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const ach = await makeAchievement(env, world.academy.id, world.academyStaff.id);
  for (let i = 0; i < 3; i++)
    issued.push((await issueViaApi(env, world, { achievementId: ach.id, email: `learner${i}@example.test` })).jwt);
  // Several keys per academy (rotations) and several platform-held holder keys, so a run takes many batches.
  for (let i = 0; i < 3; i++)
    await rotateIssuerKey(env.deps.db, env.deps.config, world.academy, env.deps.clock(), null);
  for (const p of [world.worker, world.otherWorker, world.academyStaff, world.employerStaff])
    await ensureHolderDid(env.deps.db, env.deps.config, p.id);
  issued.push((await issueViaApi(env, world, { achievementId: ach.id, email: 'after-rotations@example.test' })).jwt);
}, 60_000);

afterAll(() => env?.close());

describe('rotate the master key', () => {
  it('an interrupted run leaves every key under the old or the new key, and the service keeps signing', async () => {
    const before = await blobs();
    expect(before.length).toBeGreaterThanOrEqual(8);
    for (const b of before) expect(await opens(TEST_MASTER_KEY, b)).toBe(true);
    const stop = new Error('power cut');
    await expect(
      rotateMasterKey(env.deps.db, {
        oldKeys: [TEST_MASTER_KEY],
        newKey: NEW_KEY,
        batchSize: 2,
        now: env.deps.clock(),
        afterBatch: (n) => {
          if (n >= 4) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    let underNew = 0;
    for (const b of await blobs()) {
      const onNew = await opens(NEW_KEY, b);
      if (onNew) underNew++;
      else expect(await opens(TEST_MASTER_KEY, b)).toBe(true);
    }
    expect(underNew).toBe(4);
    expect(await keysNotUnder(env.deps.db, NEW_KEY)).toBe(before.length - 4);

    // Mid-rotation, a service with the new key and the old one as MASTER_KEY_PREVIOUS verifies, signs and presents.
    const mid = appWith({
      MASTER_KEY: NEW_KEY,
      MASTER_KEY_PREVIOUS: TEST_MASTER_KEY,
      PASSWORD_PEPPER: TEST_MASTER_KEY,
    });
    for (const jwt of issued) expect((await verify(mid.app, jwt)).verified).toBe(true);
    for (const p of [world.worker, world.otherWorker])
      expect(await holderSigner(env.deps.db, mid.deps.config, p.id)).not.toBeNull();
    // Status lists are signed afresh with an academy key that may still be under the old master key.
    const client = (env.deps.db as unknown as { $client: Client }).$client;
    const list = (await client.execute('SELECT revocation_list_id AS id FROM credentials LIMIT 1')).rows[0]!.id;
    expect((await mid.app.request(`/status-lists/${String(list)}`)).status).toBe(200);
  });

  it('a rerun finishes: only the new key opens anything, credentials verify and are issued, people sign in', async () => {
    const report = await rotateMasterKey(env.deps.db, {
      oldKeys: [TEST_MASTER_KEY],
      newKey: NEW_KEY,
      batchSize: 2,
      now: env.deps.clock(),
    });
    expect(report.issuerKeys.alreadyNew + report.holderKeys.alreadyNew).toBe(4);
    expect(report.issuerKeys.rotated + report.holderKeys.rotated).toBe((await blobs()).length - 4);
    expect(await keysNotUnder(env.deps.db, NEW_KEY)).toBe(0);
    for (const b of await blobs()) expect(await opens(TEST_MASTER_KEY, b)).toBe(false);
    // A third run has nothing to do.
    const again = await rotateMasterKey(env.deps.db, {
      oldKeys: [TEST_MASTER_KEY],
      newKey: NEW_KEY,
      now: env.deps.clock(),
    });
    expect(again.issuerKeys.rotated + again.holderKeys.rotated).toBe(0);

    const after = appWith({ MASTER_KEY: NEW_KEY, PASSWORD_PEPPER: TEST_MASTER_KEY });
    for (const jwt of issued) expect((await verify(after.app, jwt)).verified).toBe(true);
    const res = await after.app.request('/credentials/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        credential: {
          achievementId: (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id,
          credentialSubject: { email: 'new-key@example.test', name: 'New Key' },
        },
      }),
    });
    expect(res.status).toBe(201);
    const vc = ((await res.json()) as { verifiableCredential: { id: string } }).verifiableCredential.id;
    expect((await verify(after.app, vc.slice('data:application/vc+jwt,'.length))).verified).toBe(true);
    expect(await holderSigner(env.deps.db, after.deps.config, world.worker.id)).not.toBeNull();
    const signIn = (app: ReturnType<typeof createApp>) =>
      app.request(`${TEST_ORIGIN}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: world.worker.email, password: PASSWORD }),
      });
    expect((await signIn(after.app)).status).toBe(303);
    // Without the old key as the pepper, stored password hashes no longer match: hence PASSWORD_PEPPER.
    expect((await signIn(appWith({ MASTER_KEY: NEW_KEY }).app)).status).toBe(400);
    // The old master key alone opens nothing any more.
    await expect(holderSigner(env.deps.db, env.deps.config, world.worker.id)).rejects.toBeInstanceOf(
      KeyDecryptionError,
    );
  });

  it('refuses a blob that no given key opens, before writing anything of its batch', async () => {
    await expect(
      rotateMasterKey(env.deps.db, {
        oldKeys: ['some-unrelated-master-key-000000000000000'],
        newKey: 'a-third-master-key-0123456789-abcdefghijklmn',
        now: env.deps.clock(),
      }),
    ).rejects.toBeInstanceOf(KeyDecryptionError);
    expect(await keysNotUnder(env.deps.db, NEW_KEY)).toBe(0);
  });
});

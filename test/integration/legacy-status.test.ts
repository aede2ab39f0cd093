/**
 * Credentials issued before the single status entry carry two 1-bit entries (a revocation and a suspension list)
 * and only iss/jti/iat as JWT claims. They must keep verifying, and revoking and suspending them must still show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { credentials, statusLists } from '../../db/schema';
import { base64UrlDecode, fromUtf8 } from '../../worker/credentials/encoding';
import { signJwt } from '../../worker/credentials/jwt';
import { STATUS_LIST_SIZE } from '../../worker/credentials/status-list';
import { signerFor } from '../../worker/services/organisations/issuers';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, makeAchievement } from '../helpers/world';
import { storedText } from '../helpers/bodies';

let env: TestEnv;
let world: World;
let achievementId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
});
afterAll(() => env.close());

async function post(path: string, body: unknown, auth = false) {
  const res = await env.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Bearer ${world.apiToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Issues a credential, then rewrites it (row and token) into the format used before: two lists, old claims. */
async function legacyCredential(): Promise<{ id: string; jwt: string }> {
  const issued = await post(
    '/credentials/issue',
    { credential: { achievementId, credentialSubject: { email: world.worker.email, name: 'Wendy Worker' } } },
    true,
  );
  expect(issued.status).toBe(201);
  const id = String(issued.body.credentialId).replace('urn:uuid:', '');
  const row = (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
  const at = new Date().toISOString();
  const rev = { id: crypto.randomUUID(), orgId: world.academy.id, purpose: 'revocation' as const };
  const sus = { id: crypto.randomUUID(), orgId: world.academy.id, purpose: 'suspension' as const };
  await env.deps.db
    .insert(statusLists)
    .values([rev, sus].map((l) => ({ ...l, size: STATUS_LIST_SIZE, version: 0, createdAt: at })));
  const [h, p] = (await storedText(env.deps, id)).split('.');
  const header = JSON.parse(fromUtf8(base64UrlDecode(h!)!));
  const {
    sub: _s,
    nbf: _n,
    exp: _e,
    issuanceDate: _i,
    expirationDate: _x,
    ...claims
  } = JSON.parse(fromUtf8(base64UrlDecode(p!)!));
  const origin = env.deps.config.PUBLIC_ORIGIN;
  claims.credentialStatus = (['revocation', 'suspension'] as const).map((purpose) => {
    const list = `${origin}/status-lists/${purpose === 'revocation' ? rev.id : sus.id}`;
    return {
      id: `${list}#${row.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(row.statusIndex),
      statusListCredential: list,
    };
  });
  const signer = await signerFor(env.deps, world.academy, new Date());
  const jwt = await signJwt(header, claims, signer.privateKey);
  await env.deps.db
    .update(credentials)
    .set({ revocationListId: rev.id, suspensionListId: sus.id })
    .where(eq(credentials.id, id));
  await env.deps.bodies.put([{ key: id, body: jwt }]);
  return { id, jwt };
}

const verify = async (jwt: string) => {
  const r = await post('/credentials/verify', { verifiableCredential: jwt });
  return (r.body.errors as { code: string }[]).map((e) => e.code);
};
const setStatus = (id: string, status: string) =>
  post('/credentials/status', { credentialId: id, credentialStatus: [{ status }], reason: 'legacy test' }, true);

describe('credentials issued with two status entries', () => {
  it('still verify, and follow suspension, reinstatement and revocation', async () => {
    const { id, jwt } = await legacyCredential();
    expect(await verify(jwt)).toEqual([]);
    expect((await setStatus(id, 'suspended')).status).toBe(200);
    expect(await verify(jwt)).toEqual(['suspended']);
    expect((await setStatus(id, 'active')).status).toBe(200);
    expect(await verify(jwt)).toEqual([]);
    expect((await setStatus(id, 'revoked')).status).toBe(200);
    expect(await verify(jwt)).toEqual(['revoked']);
  });
});

/**
 * Signed credential bodies live apart from the credential rows (db/credential-bodies.ts): in the primary database's
 * table on Node by default, in R2 on workerd here (the national set-up). A row never points at a missing body; a
 * re-signing writes under a fresh key and switches the row in its conditional write; superseded texts are removed.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CredentialBodies,
  bodiesOf,
  bodyKey,
  bodyOf,
  tableBodies,
  withTableFallback,
} from '../../db/credential-bodies';
import { credentialBodies, credentials } from '../../db/schema';
import { claimCredential } from '../../worker/services/academy/claim-links';
import { issueContext } from '../../worker/services/academy/issue-types';
import { ON_WORKERD, type TestEnv } from '../helpers/app';
import { storedText } from '../helpers/bodies';
import { type World, academyWorld, issueViaApi } from '../helpers/world';

let env: TestEnv;
let world: World;
let achievementId: string;

beforeAll(async () => {
  ({ env, world, achievementId } = await academyWorld());
});
afterAll(() => env.close());

const rowOf = async (id: string) => (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
const tableKeysLike = async (prefix: string) =>
  (
    await env.deps.db
      .select({ key: credentialBodies.key })
      .from(credentialBodies)
      .where(like(credentialBodies.key, `${prefix}%`))
  ).map((r) => r.key);

/** A credential issued to a learner without a passport, with the token of its claim link. */
async function issueToNewLearner(email: string, name: string) {
  const issued = await issueViaApi(env, world, { achievementId, email, name });
  return { issued, token: new URL(String(issued.claimUrl)).searchParams.get('token')! };
}

/** The app's store, with every key it is asked to write recorded. */
function recording(store: CredentialBodies) {
  const written: string[] = [];
  const bodies: CredentialBodies = {
    put: (entries) => {
      written.push(...entries.map((e) => e.key));
      return store.put(entries);
    },
    get: (keys) => store.get(keys),
    delete: (keys) => store.delete(keys),
  };
  return { bodies, written };
}

describe('credential bodies', () => {
  it('keeps the issued text under the credential id, where this runtime stores bodies, and hands it out unchanged', async () => {
    const issued = await issueViaApi(env, world, { achievementId, email: world.worker.email });
    expect(await storedText(env.deps, issued.id)).toBe(issued.jwt);
    // On Node the primary database's table holds it; on workerd it is in R2 and the D1 table stays empty.
    expect(await tableKeysLike(issued.id)).toEqual(ON_WORKERD ? [] : [issued.id]);
    const file = await env.app.request(`/certificates/${issued.id}/credential.jwt`);
    expect(await file.text()).toBe(issued.jwt);
  });

  it('a claim re-signs under a fresh key, switches the row, and removes the text made out to the placeholder', async () => {
    const { issued, token } = await issueToNewLearner('new.learner@example.org', 'New Learner');
    const before = await storedText(env.deps, issued.id);
    const { bodies, written } = recording(env.deps.bodies);
    await claimCredential({ ...issueContext(env.deps, null), bodies }, token, world.worker.id);
    const row = await rowOf(issued.id);
    expect(row.bodyRef).toBe(written[0]);
    expect(row.bodyRef?.startsWith(`${issued.id}.`)).toBe(true);
    const after = await storedText(env.deps, issued.id);
    expect(after).not.toBe(before);
    expect((await env.deps.bodies.get([issued.id])).size).toBe(0);
    const verified = await env.app.request('/credentials/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: after }),
    });
    expect(((await verified.json()) as { verified: boolean }).verified).toBe(true);
  });

  it('two claims racing for one credential: one wins, and the loser leaves no text behind', async () => {
    const { issued, token } = await issueToNewLearner('racer@example.org', 'Race Learner');
    const { bodies, written } = recording(env.deps.bodies);
    const ctx = { ...issueContext(env.deps, null), bodies };
    const outcomes = await Promise.allSettled([
      claimCredential(ctx, token, world.worker.id),
      claimCredential(ctx, token, world.worker.id),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // Both got as far as writing their re-signed text before the conditional switch decided.
    expect(written).toHaveLength(2);
    const row = await rowOf(issued.id);
    const kept = await env.deps.bodies.get(written);
    expect([...kept.keys()]).toEqual([row.bodyRef]);
  });

  it('a row read just before a claim re-signed its credential still gets a text: the one the row names now', async () => {
    const { issued, token } = await issueToNewLearner('slow.reader@example.org', 'Slow Reader');
    const readBefore = await rowOf(issued.id);
    await claimCredential(issueContext(env.deps, null), token, world.worker.id);
    // The text the early read names is gone; the claimed one is served in its place, for one row or several.
    expect((await env.deps.bodies.get([bodyKey(readBefore)])).size).toBe(0);
    const now = await storedText(env.deps, issued.id);
    expect(await bodyOf(env.deps, readBefore)).toBe(now);
    const other = await issueViaApi(env, world, { achievementId, email: world.worker.email });
    expect(await bodiesOf(env.deps, [await rowOf(other.id), readBefore])).toEqual([other.jwt, now]);
  });

  it('reads bodies written to the primary table before a deployment moved them to an outside store', async () => {
    const issued = await issueViaApi(env, world, { achievementId, email: world.worker.email });
    const primary = tableBodies(env.deps.db);
    const old = { key: `${issued.id}.earlier`, body: 'text written before the move' };
    await primary.put([old]);
    // An outside store that holds nothing yet: reads fall back to the table; writes go outside only.
    const outside = new Map<string, string>();
    const store = withTableFallback(
      {
        put: async (entries) => {
          for (const e of entries) outside.set(e.key, e.body);
        },
        get: async (keys) => new Map(keys.flatMap((k) => (outside.has(k) ? [[k, outside.get(k)!] as const] : []))),
        delete: async (keys) => {
          for (const k of keys) outside.delete(k);
        },
      },
      env.deps.db,
    );
    expect((await store.get([old.key])).get(old.key)).toBe(old.body);
    await store.put([{ key: `${issued.id}.later`, body: 'new text' }]);
    expect(outside.get(`${issued.id}.later`)).toBe('new text');
    expect(await tableKeysLike(`${issued.id}.later`)).toEqual([]);
    await store.delete([old.key]);
    expect((await store.get([old.key])).size).toBe(0);
  });

  it('a row whose body is missing is a broken store, said as such, not served as something else', async () => {
    const issued = await issueViaApi(env, world, { achievementId, email: world.worker.email });
    await env.deps.bodies.delete([issued.id]);
    await expect(storedText(env.deps, issued.id)).rejects.toThrow(/missing from the body store/);
    const file = await env.app.request(`/certificates/${issued.id}/credential.jwt`);
    expect(file.status).toBe(500);
  });
});

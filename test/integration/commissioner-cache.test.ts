/**
 * The per-area summary cache: it must never count someone who withdrew (or left the area) after it was built,
 * and must follow new credentials, role changes and revocations, whichever code path made them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../../worker/services/accounts/profile';
import { saveWorkforceProfile } from '../../worker/services/workforce/consent';
import { changeCredentialStatus } from '../../worker/services/academy/credential-status';
import { savePathway } from '../../worker/services/passport/pathway';
import { areaWorkers, clearWorkforceCache } from '../../worker/services/workforce/cache';
import { eq } from 'drizzle-orm';
import { credentials } from '../../db/schema';
import {
  type WorkforceCatalogue,
  bandOf,
  categoryOf,
  loadWorkforceCatalogue,
} from '../../worker/services/workforce/catalogue';
import { loadSummaries } from '../../worker/services/workforce/summary-loader';
import { summariseWorker } from '../../worker/services/workforce/summaries';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { makeUser } from '../helpers/accounts';
import { LEEDS, WAKEFIELD, insertWorkers, issue, makeAchievementFor, makeOrganisation } from './commissioner-fixtures';

let env: TestEnv;
let cat: WorkforceCatalogue;
let academyId = '';
let fireId = '';
let level3Id = '';
const people: { id: string; email: string; name: string }[] = [];

beforeAll(async () => {
  env = await makeTestEnv();
  const { db, config, clock } = env.deps;
  const now = clock();
  cat = await loadWorkforceCatalogue(db);
  const owner = await makeUser(env, { name: 'Academy Owner' });
  const academy = await makeOrganisation(db, now, { name: 'Cache Academy', kind: 'academy', ownerId: owner.id });
  academyId = academy.id;
  fireId = (await makeAchievementFor(db, now, academy.id, owner.id, { name: 'Fire safety', alignedIds: ['cstf-fire'] }))
    .id;
  level3Id = (
    await makeAchievementFor(db, now, academy.id, owner.id, {
      name: 'Level 3 Diploma',
      achievementType: 'Diploma',
      alignedIds: ['rqf-l3-dip-adult-care'],
    })
  ).id;
  const specs = Array.from({ length: 30 }, (_, i) => ({
    name: `Cache Person ${i}`,
    email: `cache.person.${i}@example.test`,
    area: LEEDS,
    roleId: i % 2 ? 'cwp-care-or-support-worker' : 'dhsc-senior-care-worker',
  }));
  const ids = await insertWorkers(db, now, specs);
  specs.forEach((s, i) => {
    people.push({ id: ids[i] as string, email: s.email, name: s.name });
  });
  await issue(db, config, now, academy.id, fireId, people.slice(0, 20));
}, 120_000);
afterAll(() => env.close());

const read = async (opts = {}) => {
  const r = await areaWorkers(env.deps.db, cat, LEEDS, env.deps.clock(), opts);
  // Invariant: the packed copies aggregation reads hold exactly the counted workers, once each.
  const packed = r.packs.reduce((a, p) => a + p.alive.reduce((x, y) => x + y, 0), 0);
  expect(packed).toBe(r.workers.size);
  return { ...r, workers: [...r.workers.values()] };
};
const ids = (ws: { id: string }[]) => new Set(ws.map((w) => w.id));

describe('workforce catalogue', () => {
  it('places roles in Care Workforce Pathway categories and bands through indicative equivalences', () => {
    expect(categoryOf(cat, 'cwp-care-or-support-worker')).toBe('cwp-care-or-support-worker');
    expect(categoryOf(cat, 'dhsc-senior-care-worker')).toBe('cwp-supervisor-or-leader');
    expect(categoryOf(cat, 'nhs-healthcare-assistant')).toBe('cwp-care-or-support-worker');
    expect(categoryOf(cat, 'wales-a')).toBe('cwp-care-or-support-worker');
    expect(categoryOf(cat, 'nhs-registered-nurse')).toBe('other');
    expect(categoryOf(cat, null)).toBe('none');
    expect(bandOf(cat, 'cwp-care-or-support-worker')).toBe('afc-band-2');
    expect(bandOf(cat, 'nhs-nursing-associate')).toBe('afc-band-4');
    expect(cat.subjects.length).toBeGreaterThan(10);
    expect(cat.qualLevels.get('legacy-nvq-qcf-hsc')).toEqual({ min: 2, max: 4 });
  });
});

describe('area summary cache', () => {
  it('streams the same summaries in many small chunks as by id', async () => {
    clearWorkforceCache(env.deps.db);
    const chunked = await read({ chunkWorkers: 2 });
    expect(chunked.outcome).toBe('built');
    expect(chunked.workers).toHaveLength(30);
    const direct = await loadSummaries(env.deps.db, cat, { area: LEEDS, ids: people.map((p) => p.id) });
    const byId = new Map(direct.map((w) => [w.id, w]));
    for (const w of chunked.workers) expect(w).toEqual(byId.get(w.id));
    expect(
      chunked.workers.filter((w) => !Number.isNaN(w.subjects[cat.subjectIndex.get('cstf-fire') ?? -1] ?? Number.NaN)),
    ).toHaveLength(20);
    expect((await read()).outcome).toBe('fresh');
  });

  it('reads each worker exactly as the pure summary of their credential rows', async () => {
    const { db } = env.deps;
    const streamed = await loadSummaries(db, cat, { area: LEEDS, ids: people.slice(0, 25).map((p) => p.id) });
    for (const w of streamed) {
      const rows = await db.select().from(credentials).where(eq(credentials.subjectUserId, w.id));
      const expected = summariseWorker(
        cat,
        { id: w.id, area: LEEDS, roleId: w.roleId },
        rows.map((r) => ({
          aligned: JSON.parse(r.alignedIds) as string[],
          validFrom: r.validFrom,
          validUntil: r.validUntil,
          issuerOrgId: r.issuerOrgId,
          live: r.status !== 'revoked' && r.replacedById === null,
        })),
      );
      expect(w).toEqual(expected);
    }
  });

  for (const mode of ['small area (rebuilds inline)', 'large area (rebuilds in the background)'] as const) {
    it(`drops a withdrawn or moved worker at once and follows new credentials and roles: ${mode}`, async () => {
      const opts = mode.startsWith('large') ? { syncRebuildMax: 0 } : {};
      const { db, config, clock } = env.deps;
      clearWorkforceCache(db);
      const first = await read(opts);
      const [quitter, mover, learner, promoted] = first.workers.slice(0, 4).map((w) => w.id) as [
        string,
        string,
        string,
        string,
      ];
      // Withdrawal through the consent page's service; a move of area through the account settings' service.
      await saveWorkforceProfile(db, {
        userId: quitter,
        areaCode: LEEDS,
        currentRoleId: null,
        consent: false,
        now: clock(),
      });
      await updateProfile(db, mover, { displayName: 'Moved Person', areaCode: WAKEFIELD });
      let r = await read(opts);
      expect(r.outcome).toBe('patched');
      expect(ids(r.workers).has(quitter)).toBe(false);
      expect(ids(r.workers).has(mover)).toBe(false);
      // A new credential and a promotion recorded by the pathway page.
      const learnerEmail = people.find((p) => p.id === learner)?.email ?? '';
      await issue(db, config, clock(), academyId, level3Id, [{ email: learnerEmail, name: 'Learner' }]);
      await savePathway(db, promoted, { currentRoleId: 'cwp-registered-manager', targetRoleId: null }, clock());
      r = await read(opts);
      expect(r.outcome).toBe('patched');
      expect(r.workers.find((w) => w.id === learner)?.level).toBe(3);
      expect(r.workers.find((w) => w.id === promoted)?.roleId).toBe('cwp-registered-manager');
      // Put everyone back for the next mode.
      await saveWorkforceProfile(db, {
        userId: quitter,
        areaCode: LEEDS,
        currentRoleId: null,
        consent: true,
        now: clock(),
      });
      await updateProfile(db, mover, { displayName: 'Moved Person', areaCode: LEEDS });
      expect(ids((await read(opts)).workers).has(quitter)).toBe(true);
    });
  }

  it('applies revocations, suspensions and claims from the audit log at once, in large areas too', async () => {
    const { db, clock } = env.deps;
    clearWorkforceCache(db);
    await read({ syncRebuildMax: 0 });
    const learner = people[10] as { id: string; email: string };
    const issued = await issue(db, env.deps.config, clock(), academyId, level3Id, [
      { email: learner.email, name: 'Learner' },
    ]);
    let r = await read({ syncRebuildMax: 0 });
    expect(r.workers.find((w) => w.id === learner.id)?.level).toBe(3);
    const credentialId = issued[0]?.credentialId ?? '';
    await changeCredentialStatus(db, {
      credentialId,
      orgId: academyId,
      action: 'suspend',
      actorUserId: null,
      now: clock(),
    });
    r = await read({ syncRebuildMax: 0 });
    expect(r.outcome).toBe('patched');
    // A suspended credential is still held (only revoked and renewed ones are ignored).
    expect(r.workers.find((w) => w.id === learner.id)?.level).toBe(3);
    await changeCredentialStatus(db, {
      credentialId,
      orgId: academyId,
      action: 'revoke',
      reason: 'Issued in error',
      actorUserId: null,
      now: clock(),
    });
    r = await read({ syncRebuildMax: 0 });
    expect(r.outcome).toBe('patched');
    expect(r.workers.find((w) => w.id === learner.id)?.level).toBe(0);
    expect((await read({ syncRebuildMax: 0 })).outcome).toBe('fresh');
  });

  it('rebuilds in the background when too much changed at once, still dropping anyone who withdrew first', async () => {
    const { db, clock } = env.deps;
    clearWorkforceCache(db);
    await read({ syncRebuildMax: 0, maxIncremental: 1 });
    await issue(db, env.deps.config, clock(), academyId, fireId, people.slice(20, 25));
    const quitter = people[2] as { id: string };
    await saveWorkforceProfile(db, {
      userId: quitter.id,
      areaCode: LEEDS,
      currentRoleId: null,
      consent: false,
      now: clock(),
    });
    let r = await read({ syncRebuildMax: 0, maxIncremental: 1 });
    expect(r.outcome).toBe('stale-rebuilding');
    expect(ids(r.workers).has(quitter.id)).toBe(false);
    await r.pending;
    r = await read({ syncRebuildMax: 0, maxIncremental: 1 });
    expect(r.outcome).toBe('fresh');
    expect(
      r.workers.filter((w) => !Number.isNaN(w.subjects[cat.subjectIndex.get('cstf-fire') ?? -1] ?? Number.NaN)).length,
    ).toBeGreaterThanOrEqual(24);
    r = await read({ maxIncremental: 1 });
    await saveWorkforceProfile(db, {
      userId: quitter.id,
      areaCode: LEEDS,
      currentRoleId: null,
      consent: true,
      now: clock(),
    });
  });

  it('rebuilds when the summaries are older than the TTL', async () => {
    clearWorkforceCache(env.deps.db);
    await read();
    env.setNow(new Date(env.deps.clock().getTime() + 61 * 60_000));
    expect((await read()).outcome).toBe('rebuilt');
    expect((await read()).outcome).toBe('fresh');
  });
});

/**
 * Worker summaries read from the database, as a release cut reads them: streamed in id-range chunks, each worker
 * exactly the pure summary of their credential rows; and the workforce catalogue they are classified by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { credentials } from '../../db/schema';
import {
  type WorkforceCatalogue,
  bandOf,
  categoryOf,
  loadWorkforceCatalogue,
} from '../../worker/services/workforce/catalogue';
import { idRanges, loadSummaries } from '../../worker/services/workforce/summary-loader';
import { summariseWorker } from '../../worker/services/workforce/summaries';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { makeUser } from '../helpers/accounts';
import { LEEDS, insertWorkers, issue, makeAchievementFor, makeOrganisation } from './commissioner-fixtures';

let env: TestEnv;
let cat: WorkforceCatalogue;
const people: { id: string; email: string; name: string }[] = [];

beforeAll(async () => {
  env = await makeTestEnv();
  const { db, config, clock } = env.deps;
  const now = clock();
  cat = await loadWorkforceCatalogue(db);
  const owner = await makeUser(env, { name: 'Academy Owner' });
  const academy = await makeOrganisation(db, now, { name: 'Cache Academy', kind: 'academy', ownerId: owner.id });
  const fireId = (
    await makeAchievementFor(db, now, academy.id, owner.id, { name: 'Fire safety', alignedIds: ['cstf-fire'] })
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

/** Every consenting Leeds worker, streamed in `n` id-range chunks (as a release cut reads an area). */
const read = async (n: number) => {
  const out = [];
  for (const range of idRanges(n)) out.push(...(await loadSummaries(env.deps.db, cat, { area: LEEDS, ...range })));
  return out;
};

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

describe('worker summaries from the database', () => {
  it('streams the same summaries in many small chunks as by id', async () => {
    const chunked = await read(15);
    expect(chunked).toHaveLength(30);
    const direct = await loadSummaries(env.deps.db, cat, { area: LEEDS, ids: people.map((p) => p.id) });
    const byId = new Map(direct.map((w) => [w.id, w]));
    for (const w of chunked) expect(w).toEqual(byId.get(w.id));
    expect(
      chunked.filter((w) => !Number.isNaN(w.subjects[cat.subjectIndex.get('cstf-fire') ?? -1] ?? Number.NaN)),
    ).toHaveLength(20);
    expect(await read(1)).toHaveLength(30);
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
});

/**
 * Workforce releases on a real database: who counts, when figures change, and what views can be combined.
 * The area of the reported attack: 42 consenting, verified workers in Leeds, one verified worker alone in
 * Wakefield, and accounts that only declare an area, a role and consent.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workforceRecordKeys, workforceReleaseCells } from '../../db/schema';
import { saveWorkforceProfile } from '../../worker/services/workforce/consent';
import { MAX_OFFSET, ROUND_TO } from '../../worker/services/workforce/perturbation';
import { viewCell } from '../../worker/services/workforce/release-tables';
import {
  METHOD_CHANGES,
  coverage,
  cutRelease,
  latestReleases,
  publishedView,
} from '../../worker/services/workforce/releases';
import { addMonths } from '../../worker/lib/dates';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, makeUser, postForm } from '../helpers/accounts';
import { LEEDS, WAKEFIELD, insertWorkers, issue, makeAchievementFor, makeOrganisation } from './commissioner-fixtures';

let env: TestEnv;
let leaverId = '';
const fixed = () => 0.25;
let months = 0;
/** A release point a month after the last one (one release a month). */
const nextMonth = () => addMonths(env.deps.clock(), ++months);

const person = (place: string, i: number) => ({
  name: `Release Worker ${place} ${i}`,
  email: `release.${place}.${i}@example.test`,
});

/** Every stored area row of a release, keyed by area and category. */
async function storedRows(releaseId: string) {
  const rows = await env.deps.db
    .select()
    .from(workforceReleaseCells)
    .where(eq(workforceReleaseCells.releaseId, releaseId));
  return new Map(rows.map((r) => [`${r.areaCode}|${r.category}`, r.tables]));
}

async function fakeAccounts(n: number, from: number) {
  await insertWorkers(
    env.deps.db,
    env.deps.clock(),
    Array.from({ length: n }, (_, i) => ({
      ...person('fake', from + i),
      area: LEEDS,
      roleId: 'cwp-registered-manager',
    })),
  );
}

beforeAll(async () => {
  env = await makeTestEnv();
  const { db, config, clock } = env.deps;
  const now = clock();
  const owner = await makeUser(env, { name: 'Academy Owner' });
  const academy = await makeOrganisation(db, now, { name: 'Release Academy', kind: 'academy', ownerId: owner.id });
  const roles = [
    ...Array<string>(24).fill('cwp-care-or-support-worker'),
    ...Array<string>(12).fill('cwp-supervisor-or-leader'),
    ...Array<string>(6).fill('nhs-registered-nurse'),
  ];
  const leeds = roles.map((_, i) => person('leeds', i));
  const ids = await insertWorkers(
    db,
    now,
    leeds.map((p, i) => ({ ...p, area: LEEDS, roleId: roles[i] ?? null })),
  );
  leaverId = ids[0] ?? '';
  const lone = [person('wakefield', 0)];
  await insertWorkers(
    db,
    now,
    lone.map((p) => ({ ...p, area: WAKEFIELD, roleId: 'nhs-registered-nurse' })),
  );
  const fire = await makeAchievementFor(db, now, academy.id, owner.id, { name: 'Fire', alignedIds: ['cstf-fire'] });
  await issue(db, config, now, academy.id, fire.id, [...leeds, ...lone]);
  await fakeAccounts(6, 0);
}, 120_000);
afterAll(() => env.close());

describe('workforce releases', () => {
  it('counts only verified workers: accounts that only declare an area, a role and consent never move a figure', async () => {
    const { db } = env.deps;
    expect(await coverage(db, LEEDS)).toEqual({ consenting: 48, verified: 42 });
    const first = await cutRelease(db, { now: nextMonth(), cutBy: null, random: fixed });
    await fakeAccounts(10, 100);
    const second = await cutRelease(db, { now: nextMonth(), cutBy: null, random: fixed });
    // Same release key, same verified people: every stored figure of every area and category is identical.
    const a = await storedRows(first.id);
    const b = await storedRows(second.id);
    expect(a.size).toBeGreaterThan(10);
    expect(b).toEqual(a);
    const view = await publishedView(db, [LEEDS], 'all');
    // 42 verified workers (the 16 registered-manager accounts are not): about 40, never the 58 declared.
    expect(Math.abs((view.view?.population.value ?? 0) - 42)).toBeLessThanOrEqual(MAX_OFFSET + ROUND_TO / 2);
  });

  it('shows no change between releases: a withdrawal shows only in the next release', async () => {
    const { db, clock } = env.deps;
    const before = await publishedView(db, [LEEDS], 'all');
    await saveWorkforceProfile(db, {
      userId: leaverId,
      areaCode: LEEDS,
      currentRoleId: null,
      consent: false,
      now: clock(),
    });
    expect(await publishedView(db, [LEEDS], 'all')).toEqual(before);
    // A second release in the same month is refused: it would show this one change on its own.
    await expect(cutRelease(db, { now: addMonths(clock(), months), cutBy: null })).rejects.toMatchObject({
      code: 'conflict',
    });
    await cutRelease(db, { now: nextMonth(), cutBy: null });
    const after = await publishedView(db, [LEEDS], 'all');
    expect(after.release?.id).not.toBe(before.release?.id);
    expect(await coverage(db, LEEDS)).toMatchObject({ verified: 41 });
  });

  it('keeps each worker’s record key for good, and stores releases in the database', async () => {
    const { db } = env.deps;
    const keys = await db.select().from(workforceRecordKeys);
    expect(keys.length).toBeGreaterThanOrEqual(43);
    for (const k of keys) expect(k.recordKey).toBeGreaterThanOrEqual(0);
    await cutRelease(db, { now: nextMonth(), cutBy: null });
    expect(await db.select().from(workforceRecordKeys)).toEqual(keys);
    const [latest, previous] = await latestReleases(db);
    expect(latest?.method).toBe(previous?.method);
    expect((await publishedView(db, [LEEDS], 'all')).change).toBeNull();
  });

  it('derives the all-areas view from the area figures, so the lone worker in another area stays hidden', async () => {
    const { db } = env.deps;
    const both = await publishedView(db, [LEEDS, WAKEFIELD], 'all');
    const leeds = await publishedView(db, [LEEDS], 'all');
    const wakefield = await publishedView(db, [WAKEFIELD], 'all');
    // Subtracting one view from the other gives exactly what the lone area's own figures say, nothing more.
    expect(both.view?.population).toEqual(
      viewCell([leeds.view?.population.value ?? null, wakefield.view?.population.value ?? null]),
    );
    for (const t of both.view?.tables ?? []) {
      const l = leeds.view?.tables.find((x) => x.name === t.name);
      t.rows.forEach((row, r) => {
        const lr = l?.rows.findIndex((x) => x.key === row.key) ?? -1;
        const w = wakefield.view?.gated ? null : wakefield.view?.tables.find((x) => x.name === t.name);
        const wr = w?.rows.findIndex((x) => x.key === row.key) ?? -1;
        t.cols.forEach((_, c) => {
          const parts = [
            lr < 0 ? null : (l?.cells[lr]?.[c]?.value ?? null),
            wr < 0 ? null : (w?.cells[wr]?.[c]?.value ?? null),
          ];
          expect(t.cells[r]?.[c]).toEqual(viewCell(parts));
        });
      });
    }
    // One person's figures: protected, or a figure an empty cell gives as readily (10 or 15).
    const lone = wakefield.view;
    if (lone?.gated) expect(lone.population.state).toBe('protected');
    else expect(lone?.population.value).toBeLessThanOrEqual(15);
  });

  it('explains the change of method with the first release, and shows nothing before a release exists', async () => {
    const fresh = await makeTestEnv();
    try {
      expect(await publishedView(fresh.deps.db, [LEEDS], 'all')).toEqual({ release: null, change: null, view: null });
      await cutRelease(fresh.deps.db, { now: fresh.deps.clock(), cutBy: null });
      const first = await publishedView(fresh.deps.db, [LEEDS], 'all');
      expect(first.change).toBe(METHOD_CHANGES['cell-key-v1']);
      expect(first.view?.gated).toBe(true);
    } finally {
      fresh.close();
    }
  });

  it('lets a platform admin cut this month’s release from /admin/releases, once a month, and nobody else', async () => {
    const fresh = await makeTestEnv();
    try {
      const admin = await makeUser(fresh, { admin: true });
      const b = await browserAs(fresh, admin.id);
      const page = await (await b.get('/admin/releases')).text();
      expect(page).toContain('No release yet');
      expect(page).toContain('Counted now: <strong>0</strong> of <strong>0</strong>');
      const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
      let res = await postForm(b, '/admin/releases', { _csrf: csrf });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/releases?notice=cut');
      const listed = await (await b.get('/admin/releases?notice=cut')).text();
      expect(listed).toContain('Release cut.');
      expect(listed).toContain(fresh.deps.clock().toISOString().slice(0, 7));
      res = await postForm(b, '/admin/releases', { _csrf: csrf });
      expect(res.headers.get('location')).toBe('/admin/releases?notice=already');
      expect(await fresh.deps.db.$count(workforceReleaseCells)).toBe(0);
      const someone = await browserAs(fresh, (await makeUser(fresh)).id);
      expect((await someone.get('/admin/releases')).status).toBe(404);
      expect((await postForm(someone, '/admin/releases', { _csrf: csrf })).status).toBeGreaterThanOrEqual(403);
    } finally {
      fresh.close();
    }
  });
});

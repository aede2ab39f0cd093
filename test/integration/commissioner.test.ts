import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, roleHistory, users } from '../../db/schema';
import { WORKFORCE_TABLES } from '../../schemas/workforce';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, makeUser, postForm } from '../helpers/accounts';
import {
  LEEDS,
  YORK,
  addStaff,
  consistent,
  cutTestRelease,
  fixRecordKeys,
  insertWorkers,
  issue,
  makeAchievementFor,
  makeOrganisation,
  setWorkforce,
} from './commissioner-fixtures';

type Cell = { value: number | null; display: string; state: string };
type Json = {
  release: { period: string; cutAt: string; method: string } | null;
  methodChange: string | null;
  population: Cell;
  gated: boolean;
  areas: { code: string; name: string }[];
  tables: {
    name: string;
    columns: string[];
    rows: { label: string; cells: Cell[]; total?: Cell; sharePercent?: number | null }[];
    totals?: Cell[];
  }[];
};

let env: TestEnv;
const secrets: string[] = [];
let leedsSlug = '';
let yorkSlug = '';
let commissionerId = '';
let otherCommissionerId = '';
let employerStaffId = '';
let employerSlug = '';
let withdrawingId = '';
let leedsPeople: { email: string; name: string }[] = [];

const table = (j: Json, name: string) => {
  const t = j.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};
const cellOf = (j: Json, name: string, label: string) => table(j, name).rows.find((r) => r.label === label)?.cells[0];

/** Splits one CSV line into fields (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length + 1; m = re.exec(line)) {
    out.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[1] ?? ''));
    if (m[3] === '') break;
  }
  return out;
}

async function dashboardJson(userId: string, slug: string, query = ''): Promise<Json> {
  const b = await browserAs(env, userId);
  const res = await b.get(`/api/v1/commissioner/${slug}/dashboard${query}`, 'application/json');
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

beforeAll(async () => {
  env = await makeTestEnv();
  const { db, config, clock } = env.deps;
  const now = clock();
  const owner = await makeUser(env, { name: 'Academy Owner' });
  const academy = await makeOrganisation(db, now, {
    name: 'Northern Care Academy',
    kind: 'academy',
    ownerId: owner.id,
  });
  const analyst = await makeUser(env, { name: 'Council Analyst' });
  commissionerId = analyst.id;
  const leedsCouncil = await makeOrganisation(db, now, {
    name: 'Leeds City Council',
    kind: 'commissioner',
    ownerId: analyst.id,
    areas: [LEEDS],
  });
  leedsSlug = leedsCouncil.slug;
  const yorkAnalyst = await makeUser(env, { name: 'York Analyst' });
  otherCommissionerId = yorkAnalyst.id;
  const yorkCouncil = await makeOrganisation(db, now, {
    name: 'City of York Council',
    kind: 'commissioner',
    ownerId: yorkAnalyst.id,
    areas: [YORK],
  });
  yorkSlug = yorkCouncil.slug;
  const employerOwner = await makeUser(env, { name: 'Employer Owner' });
  const employer = await makeOrganisation(db, now, {
    name: 'Sunrise Care Homes',
    kind: 'employer',
    ownerId: employerOwner.id,
  });
  employerSlug = employer.slug;
  const staff = await makeUser(env, { name: 'Employer Staff' });
  employerStaffId = staff.id;
  await addStaff(db, employer.id, staff.id, now);

  // Leeds: 15 consenting workers (one of them signs in and later withdraws), 3 who did not consent. York: 12.
  const person = (place: string, i: number) => ({
    name: `Quilliam Zanzibar-${place}-${i}`,
    email: `quilliam.zanzibar.${place}.${i}@distinctive.test`,
  });
  const withdrawing = await makeUser(env, { email: 'ottoline.vexbridge@distinctive.test', name: 'Ottoline Vexbridge' });
  withdrawingId = withdrawing.id;
  await setWorkforce(db, withdrawing.id, { area: LEEDS, roleId: 'cwp-care-or-support-worker', consent: true }, now);
  const leedsRoles = [
    ...Array(7).fill('cwp-care-or-support-worker'),
    ...Array(4).fill('cwp-supervisor-or-leader'),
    'dhsc-senior-care-worker',
    'dhsc-senior-care-worker',
    'nhs-registered-nurse',
  ] as string[];
  leedsPeople = [
    { email: withdrawing.email, name: 'Ottoline Vexbridge' },
    ...leedsRoles.map((_, i) => person('leeds', i)),
  ];
  const leedsIds = await insertWorkers(
    db,
    now,
    leedsRoles.map((roleId, i) => ({ ...person('leeds', i), area: LEEDS, roleId })),
  );
  const refusing = [0, 1, 2].map((i) => person('refused', i));
  const refusingIds = await insertWorkers(
    db,
    now,
    refusing.map((p) => ({ ...p, area: LEEDS, roleId: 'cwp-registered-manager', consent: false })),
  );
  const york = Array.from({ length: 12 }, (_, i) => person('york', i));
  const yorkIds = await insertWorkers(
    db,
    now,
    york.map((p) => ({ ...p, area: YORK, roleId: 'cwp-registered-manager' })),
  );
  secrets.push(withdrawing.id, ...leedsIds, ...refusingIds, ...yorkIds);
  for (const p of [...leedsPeople, ...refusing, ...york]) secrets.push(p.name, p.email);

  const fire = await makeAchievementFor(db, now, academy.id, owner.id, {
    name: 'Fire safety',
    alignedIds: ['cstf-fire'],
  });
  const level3 = await makeAchievementFor(db, now, academy.id, owner.id, {
    name: 'Level 3 Diploma in Adult Care',
    achievementType: 'Diploma',
    alignedIds: ['rqf-l3-dip-adult-care'],
  });
  const level5 = await makeAchievementFor(db, now, academy.id, owner.id, {
    name: 'Level 5 Diploma in Leadership',
    achievementType: 'Diploma',
    alignedIds: ['rqf-l5-dip-lm-adult-care'],
  });
  const issued = [
    ...(await issue(db, config, now, academy.id, fire.id, [...leedsPeople, ...refusing, ...york])),
    // Older fire safety for three Leeds workers: their newest credential (above) still decides.
    ...(await issue(db, config, now, academy.id, fire.id, leedsPeople.slice(1, 4), '2022-01-10')),
    ...(await issue(db, config, now, academy.id, level3.id, leedsPeople.slice(0, 9))),
  ];
  const revoked = await issue(db, config, now, academy.id, level5.id, [
    leedsPeople[5] as { email: string; name: string },
  ]);
  await db
    .update(credentials)
    .set({ status: 'revoked' })
    .where(eq(credentials.id, revoked[0]?.credentialId ?? ''));
  for (const c of [...issued, ...revoked]) secrets.push(c.credentialId);
  await fixRecordKeys(db, [withdrawing.id, ...leedsIds, ...refusingIds, ...yorkIds]);
  await cutTestRelease(db, now);
}, 120_000);
afterAll(() => env.close());

describe('commissioner dashboard', () => {
  it('counts only consenting workers in the commissioner’s own area, from the latest release, perturbed and rounded', async () => {
    const j = await dashboardJson(commissionerId, leedsSlug);
    expect(j.areas.map((a) => a.code)).toEqual([LEEDS]);
    expect(j.release?.method).toBe('cell-key-v1');
    expect(j.methodChange).toContain('not comparable');
    expect(j.gated).toBe(false);
    // 15 consenting Leeds workers: not the 3 who refused, not York's 12.
    expect(j.population.state).toBe('shown');
    expect(consistent(j.population, 15)).toBe(true);
    const care = cellOf(j, 'categories', 'Care or support worker');
    expect(care && consistent(care, 8)).toBe(true);
    // 4 supervisors + 2 senior care workers (an indicative equivalent) = 6.
    const lead = cellOf(j, 'categories', 'Supervisor or leader');
    expect(lead && consistent(lead, 6)).toBe(true);
    // Every protected figure, whatever its size (one nurse, no registered manager), is the same one word.
    for (const label of ['Other roles (no pathway equivalent)', 'Registered manager']) {
      const cell = cellOf(j, 'categories', label);
      if (cell?.state === 'protected') expect(cell).toEqual({ state: 'protected', value: null, display: 'protected' });
      else expect(cell?.value).toBeLessThanOrEqual(15);
    }
    // The total is the sum of the published figures above it.
    const cats = table(j, 'categories');
    const sum = cats.rows.reduce((a, r) => a + (r.cells[0]?.value ?? 0), 0);
    expect(cats.totals?.[0]?.value ?? 0).toBe(sum);
    // Highest level: 9 hold Level 3; the revoked Level 5 does not count.
    const l3 = cellOf(j, 'qualifications', 'Level 3');
    expect(l3 && consistent(l3, 9)).toBe(true);
    const l5 = cellOf(j, 'qualifications', 'Level 5 or above');
    expect(l5 && consistent(l5, 0)).toBe(true);
    // Fire safety: every newest credential is in date, including those who also hold an expired older one.
    const fire = table(j, 'training').rows.find((r) => r.label === 'Fire safety');
    expect(fire?.cells.map((c, i) => consistent(c, i === 0 ? 15 : 0))).toEqual([true, true, true, true]);
    expect(table(j, 'issuers').rows.at(-1)?.label).toBe('Other academies');
    for (const t of j.tables)
      for (const r of t.rows) for (const c of r.cells) expect(['shown', 'protected']).toContain(c.state);
  });

  it('shows another commissioner’s dashboard to nobody else: other commissioners, employers and workers get 404', async () => {
    for (const userId of [otherCommissionerId, employerStaffId, withdrawingId]) {
      const b = await browserAs(env, userId);
      expect((await b.get(`/commissioner/${leedsSlug}`)).status).toBe(404);
      expect((await b.get(`/api/v1/commissioner/${leedsSlug}/dashboard`, 'application/json')).status).toBe(404);
      expect((await b.get(`/commissioner/${leedsSlug}/export.csv?table=categories`)).status).toBe(404);
    }
    const york = await dashboardJson(otherCommissionerId, yorkSlug);
    expect(consistent(york.population, 12)).toBe(true); // York's 12
    const anon = await env.app.request(`/api/v1/commissioner/${leedsSlug}/dashboard`);
    expect(anon.status).toBe(401);
  });

  it('refuses an area the commissioner does not cover and shows nothing for a population under the threshold', async () => {
    const b = await browserAs(env, commissionerId);
    expect((await b.get(`/api/v1/commissioner/${leedsSlug}/dashboard?area=${YORK}`, 'application/json')).status).toBe(
      400,
    );
    const small = await dashboardJson(commissionerId, leedsSlug, '?category=other');
    expect(small.gated).toBe(true);
    expect(small.tables).toEqual([]);
    expect(small.population).toEqual({ state: 'protected', value: null, display: 'protected' });
    const page = await (await b.get(`/commissioner/${leedsSlug}?category=other`)).text();
    expect(page).toContain('so no figures are shown');
    const csv = await (await b.get(`/commissioner/${leedsSlug}/export.csv?table=categories&category=other`)).text();
    expect(csv).toContain('no figures are shown');
  });

  it('exports every table as CSV with exactly the figures the page and the API show', async () => {
    const b = await browserAs(env, commissionerId);
    const j = await dashboardJson(commissionerId, leedsSlug);
    const page = await (await b.get(`/commissioner/${leedsSlug}`)).text();
    for (const name of WORKFORCE_TABLES) {
      const res = await b.get(`/commissioner/${leedsSlug}/export.csv?table=${name}&area=all&category=all`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
      const all = (await res.text()).trim().split('\r\n');
      // The header says which release is shown, how figures are protected, and what changed with this method.
      expect(all[0]).toContain(`Release ${j.release?.period}`);
      expect(all.join('\n')).toContain('What changed:');
      const lines = all.filter((l) => !l.startsWith('# ') && !l.startsWith('"# '));
      const t = table(j, name);
      const asCsv = (c: Cell) => (c.state === 'protected' ? 'protected' : String(c.value));
      expect(lines[0]).toContain(t.columns[0] ?? '');
      t.rows.forEach((r, i) => {
        const fields = csvFields(lines[i + 1] ?? '');
        expect(fields[0]).toBe(r.label);
        expect(fields.slice(1, 1 + r.cells.length)).toEqual(r.cells.map(asCsv));
        // The page's table for this section holds the same row with the same text.
        const section = page.slice(page.indexOf(`id="${name}-title"`));
        const row = section.slice(section.indexOf(`<th scope="row">${r.label.replace(/&/g, '&amp;')}</th>`));
        for (const c of r.cells) expect(row).toContain(c.display);
      });
      if (t.totals) expect(csvFields(lines.at(-1) ?? '').slice(1)).toEqual(t.totals.map(asCsv));
    }
  });

  it('never sends a name, email or identifier of a person to the commissioner', async () => {
    const b = await browserAs(env, commissionerId);
    const bodies: string[] = [];
    for (const q of ['', '?category=cwp-care-or-support-worker', '?category=other', `?area=${LEEDS}`]) {
      bodies.push(await (await b.get(`/commissioner/${leedsSlug}${q}`)).text());
      bodies.push(await (await b.get(`/api/v1/commissioner/${leedsSlug}/dashboard${q}`, 'application/json')).text());
      for (const name of WORKFORCE_TABLES) {
        bodies.push(
          await (await b.get(`/commissioner/${leedsSlug}/export.csv?table=${name}${q ? `&${q.slice(1)}` : ''}`)).text(),
        );
      }
    }
    const all = bodies.join('\n').toLowerCase();
    expect(secrets.length).toBeGreaterThan(60);
    for (const s of secrets) expect(all).not.toContain(s.toLowerCase());
    expect(all).not.toContain('distinctive');
    expect(all).not.toContain('zanzibar');
  });

  it('drops a worker from the next release once they withdraw consent, never between releases, and deletes their moves', async () => {
    const worker = await browserAs(env, withdrawingId);
    const form = await (await worker.get('/account/workforce')).text();
    expect(form).toContain('counted anonymously in area statistics');
    expect(form).toContain('No name, email or identifier leaves');
    const csrf = form.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    // A promotion while consenting is recorded as a band-up move.
    let res = await postForm(worker, '/account/workforce', {
      _csrf: csrf,
      areaCode: LEEDS,
      currentRoleId: 'cwp-supervisor-or-leader',
      consent: 'yes',
    });
    expect(res.status).toBe(303);
    const moves = await env.deps.db.select().from(roleHistory).where(eq(roleHistory.userId, withdrawingId));
    expect(moves.map((m) => [m.fromRoleId, m.toRoleId, m.bandUp])).toEqual([
      ['cwp-care-or-support-worker', 'cwp-supervisor-or-leader', true],
    ]);
    const before = await dashboardJson(commissionerId, leedsSlug);
    // The move came after the release: nothing changes until the next one.
    expect(table(before, 'progression').rows.map((r) => r.cells[0]?.state)).not.toContain('shown');

    res = await postForm(worker, '/account/workforce', {
      _csrf: csrf,
      areaCode: LEEDS,
      currentRoleId: 'cwp-supervisor-or-leader',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/workforce?notice=withdrawn');
    const row = (
      await env.deps.db.select({ c: users.workforceConsent }).from(users).where(eq(users.id, withdrawingId))
    )[0];
    expect(row?.c).toBe(false);
    expect(await env.deps.db.$count(roleHistory, eq(roleHistory.userId, withdrawingId))).toBe(0);
    // Between releases nothing a commissioner sees changes: a single withdrawal never shows on its own.
    expect(await dashboardJson(commissionerId, leedsSlug)).toEqual(before);
    // The next month's release counts 14, and the band-up move is gone with the consent.
    await cutTestRelease(env.deps.db, env.deps.clock(), 1);
    const after = await dashboardJson(commissionerId, leedsSlug);
    expect(after.release?.period).not.toBe(before.release?.period);
    expect(consistent(after.population, 14)).toBe(true);
    expect(after.methodChange).toBeNull();
    expect(table(after, 'progression').totals?.[0]?.state).toBe('protected');
  });

  it('records a role change only with consent, and asks for an area before counting someone', async () => {
    const worker = await browserAs(env, withdrawingId);
    const page = await (await worker.get('/account/workforce')).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    let res = await postForm(worker, '/account/workforce', {
      _csrf: csrf,
      areaCode: LEEDS,
      currentRoleId: 'cwp-practice-leader',
    });
    expect(res.status).toBe(303);
    expect(await env.deps.db.$count(roleHistory, eq(roleHistory.userId, withdrawingId))).toBe(0);
    res = await postForm(worker, '/account/workforce', {
      _csrf: csrf,
      areaCode: '',
      currentRoleId: 'cwp-practice-leader',
      consent: 'yes',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Choose the area you work in');
    expect(html).toContain('aria-invalid="true"');
    res = await postForm(worker, '/account/workforce', {
      _csrf: csrf,
      areaCode: 'E99999999',
      currentRoleId: 'no-such-role',
      consent: 'yes',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose an area from the list');
    res = await postForm(worker, '/account/workforce', { areaCode: LEEDS, consent: 'yes' });
    expect(res.status).toBe(403); // no CSRF token
  });
});

describe('an employer’s area', () => {
  it('lets an owner set the area, and refuses unknown areas and non-admins', async () => {
    const { db } = env.deps;
    const ownerId =
      (await db.select({ id: users.id }).from(users).where(eq(users.displayName, 'Employer Owner')))[0]?.id ?? '';
    const owner = await browserAs(env, ownerId);
    const page = await (await owner.get(`/org/${employerSlug}/area`)).text();
    expect(page).toContain('Area (local authority)');
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    expect((await postForm(owner, `/org/${employerSlug}/area`, { _csrf: csrf, areaCode: 'E99999999' })).status).toBe(
      400,
    );
    expect((await postForm(owner, `/org/${employerSlug}/area`, { _csrf: csrf, areaCode: '' })).status).toBe(400);
    const ok = await postForm(owner, `/org/${employerSlug}/area`, { _csrf: csrf, areaCode: LEEDS });
    expect(ok.status).toBe(303);
    expect(await (await owner.get(`/org/${employerSlug}/area?notice=saved`)).text()).toContain('The area is saved.');
    const staff = await browserAs(env, employerStaffId);
    expect((await staff.get(`/org/${employerSlug}/area`)).status).toBe(403);
    const commissioner = await browserAs(env, commissionerId);
    expect((await commissioner.get(`/org/${leedsSlug}/area`)).status).toBe(404);
  });
});

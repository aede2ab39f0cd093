/** A platform admin edits a catalogue role's requirements: role fit follows at once, the seed keeps the edit, reset undoes it. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, customisedRoles, roleRequirements } from '../../db/schema';
import { ROLE_REQUIREMENTS } from '../../db/seed/reference-data';
import { seedReference } from '../../db/seed/reference';
import { roleFitFor } from '../../worker/services/employer/role-fit';
import { type Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs } from '../helpers/accounts';
import { type World, buildWorld } from '../helpers/world';
import { textOf } from '../fixtures/academy';

const ROLE = 'cwp-care-or-support-worker';
const PAGE = `/admin/roles/${ROLE}`;

let env: TestEnv;
let world: World;
let admin: Browser;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  admin = await browserAs(env, world.admin.id);
});
afterAll(() => env.close());

const stored = () => env.deps.db.select().from(roleRequirements).where(eq(roleRequirements.roleId, ROLE));
const fitLines = async () =>
  (await roleFitFor(env.deps.db, `role:${ROLE}`, [], env.deps.clock()))!.lines.map(
    (l) => `${l.requirement.competencyId}:${l.requirement.requirement}`,
  );
const reference = ROLE_REQUIREMENTS.filter((r) => r.roleId === ROLE);

describe('catalogue role requirements (platform admin)', () => {
  it('lists the ladders’ roles with their requirement counts, all from the reference data at first', async () => {
    const res = await admin.get('/admin/roles');
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain('Role requirements');
    expect(text).toContain('Reference data');
    expect(text).not.toContain('Edited');
  });

  it('replaces a role’s requirements, keeps the basis of untouched ones, and role fit follows at once', async () => {
    const before = await fitLines(); // also fills the role-fit cache, which the edit must not leave stale
    expect(before).toHaveLength(reference.length);
    const html = await (await admin.get(PAGE)).text();
    const ticked = [...html.matchAll(/name="req" value="([^"]+)" checked=""/g)].map((m) => m[1]!);
    expect(ticked.sort()).toEqual(reference.map((r) => r.competencyId).sort());

    const [dropped, weakened, ...kept] = ticked;
    const added = 'cstf-prevent';
    expect(ticked).not.toContain(added);
    const form: Record<string, string | string[]> = {
      req: [weakened!, ...kept, added],
      [`strength-${weakened}`]: 'recommended',
      [`maxAge-${added}`]: '12',
      note: 'Local guidance: Prevent awareness for every care worker',
    };
    for (const id of kept) {
      const r = reference.find((x) => x.competencyId === id)!;
      form[`strength-${id}`] = r.requirement;
      if (r.maxAgeMonths !== null) form[`maxAge-${id}`] = String(r.maxAgeMonths);
    }
    const res = await admin.postForm(PAGE, form, PAGE);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?notice=requirements`);

    const rows = await stored();
    expect(rows.map((r) => r.competencyId).sort()).toEqual([weakened!, ...kept, added].sort());
    expect(rows.find((r) => r.competencyId === added)).toMatchObject({ requirement: 'required', maxAgeMonths: 12 });
    expect(rows.find((r) => r.competencyId === weakened)?.requirement).toBe('recommended');
    expect(rows.find((r) => r.competencyId === added)?.basis).toContain('Local guidance: Prevent awareness');
    for (const id of kept) {
      expect(rows.find((r) => r.competencyId === id)?.basis).toBe(reference.find((x) => x.competencyId === id)?.basis);
    }
    const after = await fitLines();
    expect(after).toContain(`${added}:required`);
    expect(after).toContain(`${weakened}:recommended`);
    expect(after.some((l) => l.startsWith(`${dropped}:`))).toBe(false);

    const [event] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'catalogue.role_requirements_updated'), eq(auditEvents.targetId, ROLE)));
    expect(JSON.parse(event!.details!)).toMatchObject({ added: [added], removed: [dropped], changed: [weakened] });
    expect(textOf(await (await admin.get('/admin/roles')).text())).toContain('Edited');
    // The public role page shows the edited requirements with their basis.
    const publicPage = textOf(await (await env.app.request(`/catalogue/roles/${ROLE}`)).text());
    expect(publicPage).toContain('Local guidance: Prevent awareness');
  });

  it('keeps the edit when the reference seed runs again (a removed requirement is not added back)', async () => {
    const before = (await stored()).map((r) => r.competencyId).sort();
    await seedReference(env.deps.db);
    expect((await stored()).map((r) => r.competencyId).sort()).toEqual(before);
  });

  it('refuses a change without a reason or with a bad age, changing nothing and keeping what was typed', async () => {
    const before = await stored();
    const noReason = await admin.postForm(PAGE, { req: ['cstf-fire'], note: '' }, PAGE);
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(textOf(html)).toContain('Say why the requirements change');
    expect(html).toContain('aria-describedby="note-hint note-error"');
    expect(html).toMatch(/name="req" value="cstf-fire" checked=""/);
    const badAge = await admin.postForm(
      PAGE,
      { req: ['cstf-fire'], 'maxAge-cstf-fire': '0', note: 'A reason long enough' },
      PAGE,
    );
    expect(badAge.status).toBe(400);
    expect(textOf(await badAge.text())).toContain('Enter whole months from 1 to 240');
    const unknown = await admin.postForm(PAGE, { req: ['no-such-item'], note: 'A reason long enough' }, PAGE);
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('Not in the catalogue: no-such-item');
    expect(await stored()).toEqual(before);
    expect((await admin.get('/admin/roles/no-such-role')).status).toBe(404);
  });

  it('resets a role to the reference data', async () => {
    const res = await admin.postForm(`${PAGE}/reset`, {}, PAGE);
    expect(res.status).toBe(303);
    const rows = await stored();
    expect(rows.map((r) => `${r.id}|${r.requirement}|${r.maxAgeMonths}|${r.basis}`).sort()).toEqual(
      reference.map((r) => `${r.id}|${r.requirement}|${r.maxAgeMonths}|${r.basis}`).sort(),
    );
    expect(await env.deps.db.select().from(customisedRoles)).toEqual([]);
    expect((await fitLines()).sort()).toEqual(reference.map((r) => `${r.competencyId}:${r.requirement}`).sort());
  });
});

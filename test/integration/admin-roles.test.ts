/** A platform admin edits a catalogue role's requirements: role fit follows at once, the seed keeps the edit, reset undoes it. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, customisedRoles, equivalences, roleRequirements } from '../../db/schema';
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
  (await roleFitFor(env.deps, `role:${ROLE}`, [], env.deps.clock()))!.lines.map(
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

  it('sets an acceptance rule with its reason; role fit applies it at once; it is audited; reset removes it', async () => {
    const page = textOf(await (await admin.get(PAGE)).text());
    expect(page).toContain('Acceptance rules and relations');
    expect(page).toContain('Any provider, within the refresher period');
    const fire = {
      credentialId: 'c1',
      name: 'Fire safety',
      issuerName: 'Moorside Care Academy',
      alignedIds: ['cstf-fire'],
      validFrom: '2026-01-10T00:00:00.000Z',
      validUntil: null,
      state: 'valid' as const,
      recognised: true,
      providerKinds: [],
    };
    const fireLine = async () =>
      (await roleFitFor(env.deps, `role:${ROLE}`, [fire], env.deps.clock()))!.lines.find(
        (l) => l.requirement.competencyId === 'cstf-fire',
      )!;
    expect((await fireLine()).status).toBe('met');
    const bad = await admin.postForm(`${PAGE}/rules`, { competencyId: 'cstf-fire', note: 'short' }, PAGE);
    expect(bad.status).toBe(400);
    const res = await admin.postForm(
      `${PAGE}/rules`,
      {
        competencyId: 'cstf-fire',
        providers: ['nhs_body', 'cstf_aligned'],
        maxAgeMonths: '12',
        note: 'Trust policy on transferring training, https://imperial.nhs.uk/education',
      },
      PAGE,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?notice=rule`);
    const line = await fireLine();
    expect(line.status).toBe('not_accepted');
    expect(line.notes?.[0]).toBe(
      'Valid but not accepted here: accepted here only from an NHS body or a CSTF-aligned provider.',
    );
    expect(textOf(await (await admin.get(PAGE)).text())).toContain(
      'only from an NHS body or a CSTF-aligned provider; completed within 12 months',
    );
    const [event] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'catalogue.acceptance_rule_updated'), eq(auditEvents.targetId, ROLE)));
    expect(JSON.parse(event!.details!)).toMatchObject({
      competencyId: 'cstf-fire',
      note: expect.stringMatching(/^Trust policy/),
    });
    await admin.postForm(`${PAGE}/reset`, {}, PAGE);
    expect((await fireLine()).status).toBe('met');
  });

  it('adds a relation with its strength, sentence and reason; role fit follows it; the seed leaves it alone', async () => {
    const held = {
      credentialId: 'c2',
      name: 'Fire marshal course',
      issuerName: 'Moorside Care Academy',
      alignedIds: ['cstf-hsw'],
      validFrom: '2026-01-10T00:00:00.000Z',
      validUntil: null,
      state: 'valid' as const,
      recognised: true,
    };
    const line = async () =>
      (await roleFitFor(env.deps, `role:${ROLE}`, [held], env.deps.clock()))!.lines.find(
        (l) => l.requirement.competencyId === 'cstf-fire',
      )!;
    expect((await line()).status).toBe('missing');
    const res = await admin.postForm(
      `${PAGE}/relations`,
      {
        fromId: 'cstf-hsw',
        toId: 'cstf-fire',
        relation: 'comparable',
        strength: 'indicative',
        label: 'Health and safety courses sometimes cover fire safety: compare the content',
        note: 'Local training review, November 2026',
      },
      PAGE,
    );
    expect(res.status).toBe(303);
    expect((await line()).status).toBe('compare');
    await seedReference(env.deps.db);
    const [row] = await env.deps.db.select().from(equivalences).where(eq(equivalences.id, 'eqa-cstf-hsw--cstf-fire'));
    expect(row).toMatchObject({ relation: 'comparable', strength: 'indicative' });
    expect(row?.source).toMatch(/^Platform admin on \d{4}-\d{2}-\d{2}: Local training review/);
    const same = await admin.postForm(
      `${PAGE}/relations`,
      {
        fromId: 'cstf-hsw',
        toId: 'cstf-hsw',
        relation: 'includes',
        strength: 'official',
        label: 'A long enough label',
        note: 'A long enough reason',
      },
      PAGE,
    );
    expect(same.status).toBe(400);
    expect(textOf(await same.text())).toContain('Choose a different item');
  });
});

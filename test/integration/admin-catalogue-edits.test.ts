/** A platform admin moves a role's requirement to another level of its subject and deletes a relation, both audited. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, customisedRoles, equivalences, roleRequirements } from '../../db/schema';
import { seedReference } from '../../db/seed/reference';
import { roleFitFor } from '../../worker/services/employer/role-fit';
import { type Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs } from '../helpers/accounts';
import { buildWorld } from '../helpers/world';
import { textOf } from '../fixtures/academy';

const ROLE = 'cwp-enhanced-care-worker';
const PAGE = `/admin/roles/${ROLE}`;
const INCLUDES = 'eqc-cstf-sga-l3--cstf-sga-l2';

let env: TestEnv;
let admin: Browser;
let adminId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  const world = await buildWorld(env);
  adminId = world.admin.id;
  admin = await browserAs(env, adminId);
});
afterAll(() => env.close());

/** A valid credential aligned to one catalogue item. */
const holding = (alignedId: string) => ({
  credentialId: `c-${alignedId}`,
  name: 'Safeguarding adults',
  issuerName: 'Moorside Care Academy',
  alignedIds: [alignedId],
  validFrom: '2026-06-10T00:00:00.000Z',
  validUntil: null,
  state: 'valid' as const,
  recognised: true,
});

/** The status of the role's safeguarding adults line for someone holding `alignedId`. */
const safeguardingStatus = async (alignedId: string, requirementId: string) =>
  (await roleFitFor(env.deps, `role:${ROLE}`, [holding(alignedId)], env.deps.clock()))!.lines.find(
    (l) => l.requirement.competencyId === requirementId,
  )?.status;

const requirementsOf = () => env.deps.db.select().from(roleRequirements).where(eq(roleRequirements.roleId, ROLE));
const audits = (action: string) => env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe('the level of a requirement', () => {
  it('offers the other levels of each levelled requirement, and a delete button per relation', async () => {
    const html = await (await admin.get(PAGE)).text();
    expect(html).toContain('value="cstf-sga-l2&gt;cstf-sga-l3"');
    expect(html).toContain('value="cstf-sga-l2&gt;cstf-sga-l1"');
    expect(html).not.toContain('value="cstf-sga-l2&gt;cstf-sgc-l3"');
    expect(html).toContain(`action="${PAGE}/relations/${INCLUDES}/delete"`);
  });

  it('moves level 2 to level 3, keeping the rest of the requirement; role fit follows; it is audited', async () => {
    const before = (await requirementsOf()).find((r) => r.competencyId === 'cstf-sga-l2')!;
    expect(await safeguardingStatus('cstf-sga-l2', 'cstf-sga-l2')).toBe('met');
    const res = await admin.postForm(
      `${PAGE}/levels`,
      { change: 'cstf-sga-l2>cstf-sga-l3', note: 'Trust policy: level 3 for enhanced roles' },
      PAGE,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?notice=level`);
    const rows = await requirementsOf();
    expect(rows.some((r) => r.competencyId === 'cstf-sga-l2')).toBe(false);
    const moved = rows.find((r) => r.competencyId === 'cstf-sga-l3')!;
    expect(moved).toMatchObject({
      id: `${ROLE}--cstf-sga-l3`,
      requirement: before.requirement,
      maxAgeMonths: before.maxAgeMonths,
      acceptance: before.acceptance,
    });
    expect(moved.basis).toMatch(/^Level changed by a platform admin on \d{4}-\d{2}-\d{2}: Trust policy: level 3/);
    expect(await env.deps.db.select().from(customisedRoles).where(eq(customisedRoles.roleId, ROLE))).toHaveLength(1);
    // A level 2 certificate no longer meets the level 3 requirement; a level 3 one does.
    expect(await safeguardingStatus('cstf-sga-l2', 'cstf-sga-l3')).not.toBe('met');
    expect(await safeguardingStatus('cstf-sga-l3', 'cstf-sga-l3')).toBe('met');
    const [audit] = await audits('catalogue.requirement_level_changed');
    expect(audit).toMatchObject({ actorUserId: adminId, targetType: 'role', targetId: ROLE });
    expect(JSON.parse(audit!.details!)).toEqual({
      from: 'cstf-sga-l2',
      to: 'cstf-sga-l3',
      note: 'Trust policy: level 3 for enhanced roles',
    });
    expect(textOf(await (await admin.get(`${PAGE}?notice=level`)).text())).toContain('Level changed.');
  });

  it('refuses another subject, a level the role already has, or no reason, changing nothing', async () => {
    const before = await requirementsOf();
    for (const [change, note, message] of [
      ['cstf-sga-l3>cstf-fire', 'A reason that is long enough', 'Choose another level of the same subject'],
      ['cstf-sgc-l1>cstf-sga-l3', 'A reason that is long enough', 'Choose another level of the same subject'],
      ['cstf-sga-l3>cstf-sga-l1', '', 'Give the reason and its source'],
      ['nonsense', 'A reason that is long enough', 'Choose a requirement and its new level'],
    ] as const) {
      const res = await admin.postForm(`${PAGE}/levels`, { change, note }, PAGE);
      expect(res.status).toBe(400);
      expect(textOf(await res.text())).toContain(message);
    }
    expect((await requirementsOf()).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });
});

describe('deleting a relation', () => {
  const relation = () => env.deps.db.select().from(equivalences).where(eq(equivalences.id, INCLUDES));
  const del = (fields: Record<string, string>) => admin.postForm(`${PAGE}/relations/${INCLUDES}/delete`, fields, PAGE);

  it('shows the relation and asks for a reason first, deleting nothing', async () => {
    const res = await del({});
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain('Delete this relation?');
    expect(text).toContain('Safeguarding adults level 3 includes level 2');
    expect(await relation()).toHaveLength(1);
    const noReason = await del({ confirm: 'yes', note: '' });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain('Give the reason and its source');
    expect(await relation()).toHaveLength(1);
    expect(await audits('catalogue.relation_deleted')).toHaveLength(0);
  });

  it('deletes it once confirmed with a reason: audited, role fit stops following it, the seed does not add it back', async () => {
    // The role now requires level 3; restore level 2 so the relation decides the line.
    await admin.postForm(
      `${PAGE}/levels`,
      { change: 'cstf-sga-l3>cstf-sga-l2', note: 'Back to the trust default' },
      PAGE,
    );
    expect(await safeguardingStatus('cstf-sga-l3', 'cstf-sga-l2')).toBe('met');
    const res = await del({ confirm: 'yes', note: 'Local policy: levels are assessed separately here' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?notice=relation_deleted`);
    expect(await relation()).toHaveLength(0);
    expect(await safeguardingStatus('cstf-sga-l3', 'cstf-sga-l2')).not.toBe('met');
    const [audit] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'catalogue.relation_deleted'), eq(auditEvents.targetId, INCLUDES)));
    expect(audit?.actorUserId).toBe(adminId);
    const details = JSON.parse(audit!.details!) as { relation: { fromId: string; toId: string }; note: string };
    expect(details.relation).toMatchObject({ fromId: 'cstf-sga-l3', toId: 'cstf-sga-l2', relation: 'includes' });
    expect(details.note).toBe('Local policy: levels are assessed separately here');
    await seedReference(env.deps.db);
    expect(await relation()).toHaveLength(0);
    // Deleting it again: there is nothing to delete.
    expect((await del({})).status).toBe(404);
  });
});

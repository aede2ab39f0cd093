/**
 * Employers' own acceptance rules on their own roles, through the real app: a role started from a ladder role copies
 * its requirements with their acceptance rules; an owner sets a stricter allowable period or provider kinds; role fit
 * applies and names "Your rule"; a looser rule needs a reason and the report says so; staff cannot set rules; every
 * change is audited and survives editing the role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, employerRoleRequirements, employerRoles } from '../../db/schema';
import { type Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { browserAs, join, makeUser } from '../helpers/accounts';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let owner: Browser;
let fireJwt: string;
let roleId: string;

const E = () => `/employer/${world.employer.slug}`;
const html = async (r: Response) => (await r.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  owner = await browserAs(env, world.employerStaff.id);
  const fire = await makeAchievement(env, world.academy.id, world.academyStaff.id, {
    name: 'Fire safety',
    alignedIds: ['cstf-fire'],
  });
  // 18 months before the test clock (2026-06-01): in date under the 24-month refresher period.
  fireJwt = (
    await issueViaApi(env, world, {
      achievementId: fire.id,
      email: world.worker.email,
      validFrom: '2024-12-01',
      notify: false,
    })
  ).jwt;
});
afterAll(() => env.close());

const roleFit = (b: Browser, role: string) =>
  b.postForm(`${E()}/role-fit`, { input: fireJwt, role }, `${E()}/role-fit`).then(html);
const setRule = (b: Browser, fields: Record<string, string | string[]>) =>
  b.postForm(`${E()}/roles/${roleId}/rules`, fields, `${E()}/roles/${roleId}`);
const storedRule = async (id: string, competencyId: string) => {
  const [row] = await env.deps.db
    .select()
    .from(employerRoleRequirements)
    .where(
      and(eq(employerRoleRequirements.employerRoleId, id), eq(employerRoleRequirements.competencyId, competencyId)),
    );
  return row?.acceptance ? JSON.parse(row.acceptance) : null;
};

describe('starting from a ladder role', () => {
  it('copies its requirements and their acceptance rules into the new role', async () => {
    const form = await html(await owner.get(`${E()}/roles/new?from=nhs-healthcare-assistant`));
    expect(form).toContain('their acceptance rules are copied when you add the role');
    expect(form).toContain('name="copiedFrom" value="nhs-healthcare-assistant"');
    const res = await owner.postForm(
      `${E()}/roles/new`,
      {
        title: 'Ward assistant',
        catalogueRoleId: 'nhs-healthcare-assistant',
        copiedFrom: 'nhs-healthcare-assistant',
        req: ['cstf-fire', 'cstf-ig'],
      },
      `${E()}/roles/new`,
    );
    expect(res.status).toBe(303);
    const [role] = await env.deps.db.select().from(employerRoles).where(eq(employerRoles.title, 'Ward assistant'));
    const rule = await storedRule(role!.id, 'cstf-fire');
    expect(rule).toMatchObject({ providers: ['nhs_body', 'cstf_aligned'], indicative: true });
    expect(rule.setBy).toBeUndefined();
    // The role page shows the copied rule as the sector rule.
    expect(await html(await owner.get(`${E()}/roles/${role!.id}`))).toContain(
      'Sector rule: only from an NHS body or a CSTF-aligned provider (indicative)',
    );
  });
});

describe("an employer's own rule", () => {
  it('meets a requirement under the catalogue rule before the employer sets a stricter one', async () => {
    const res = await owner.postForm(
      `${E()}/roles/new`,
      { title: 'Night carer', req: 'cstf-fire', 'strength-cstf-fire': 'required' },
      `${E()}/roles/new`,
    );
    expect(res.status).toBe(303);
    const [role] = await env.deps.db.select().from(employerRoles).where(eq(employerRoles.title, 'Night carer'));
    roleId = role!.id;
    const page = await roleFit(owner, `employer-role:${roleId}`);
    expect(page).toContain('Can skip 1 of 1 required item.');
    expect(page).not.toContain('Your rule');
  });

  it('shows training older than the stricter allowable period as not met, naming the employer rule', async () => {
    const res = await setRule(owner, { competencyId: 'cstf-fire', maxAgeMonths: '12' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${E()}/roles/${roleId}?notice=rule#rules`);
    const rolePage = await html(await owner.get(`${E()}/roles/${roleId}?notice=rule`));
    expect(rolePage).toContain('Rule saved. Role-fit reports apply it from now on.');
    expect(rolePage).toContain('Your rule: completed within the last 12 months');

    const page = await roleFit(owner, `employer-role:${roleId}`);
    expect(page).toContain('Can skip 0 of 1 required item; 1 valid but not accepted here.');
    // Only the allowable period rules it out, so a refresher closes the gap (not a new course).
    expect(page).toContain('Ready to start as Night carer after 1 refresher.');
    expect(page).toMatch(/<dt>Refreshers due \(1\)<\/dt><dd><ul class="small"><li>Fire safety<\/li>/);
    expect(page).toContain(
      'Valid but not accepted under your rule: completed more than 12 months ago (your allowable period).',
    );
    expect(page).toContain('Your rule: completed within the last 12 months.');
    expect(page).toContain('Refresh Fire safety: your rule accepts training completed within the last 12');

    const [audit] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'employer_role.acceptance_rule_updated'), eq(auditEvents.targetId, roleId)));
    expect(audit?.actorUserId).toBe(world.employerStaff.id);
  });

  it('applies accepted provider kinds and keeps the rule when the role is edited', async () => {
    expect((await setRule(owner, { competencyId: 'cstf-fire', providers: ['nhs_body'] })).status).toBe(303);
    const edit = await owner.postForm(
      `${E()}/roles/${roleId}`,
      { title: 'Night carer (edited)', req: ['cstf-fire', 'cstf-ig'] },
      `${E()}/roles/${roleId}`,
    );
    expect(edit.status).toBe(303);
    expect(await storedRule(roleId, 'cstf-fire')).toMatchObject({ providers: ['nhs_body'], setBy: 'employer' });
    const page = await roleFit(owner, `employer-role:${roleId}`);
    expect(page).toContain('Valid but not accepted under your rule: accepted here only from an NHS body.');
    expect(page).toContain('Your rule: only from an NHS body.');
    expect(page).toContain('Repeat Fire safety with a provider your rule accepts');
  });

  it('clears back to the sector rule when nothing is set', async () => {
    expect((await setRule(owner, { competencyId: 'cstf-fire' })).status).toBe(303);
    expect(await storedRule(roleId, 'cstf-fire')).toBeNull();
    expect(await roleFit(owner, `employer-role:${roleId}`)).not.toContain('Your rule');
  });

  it('refuses a requirement the role does not have, and a period out of range', async () => {
    const notOnRole = await setRule(owner, { competencyId: 'cstf-prevent', maxAgeMonths: '12' });
    expect(notOnRole.status).toBe(400);
    expect(await html(notOnRole)).toContain('Choose one of this role’s requirements');
    const tooLong = await setRule(owner, { competencyId: 'cstf-fire', maxAgeMonths: '999' });
    expect(tooLong.status).toBe(400);
    const tooLongPage = await html(tooLong);
    expect(tooLongPage).toContain('The allowable period is at most 240 months');
    // The error summary links to the field with the problem.
    expect(tooLongPage).toContain('<a href="#maxAgeMonths">Allowable period: The allowable period is at most 240');
  });

  it('lets only owners and admins set rules (staff: 403, and no form)', async () => {
    const staff = await makeUser(env, { email: 'staff@sunrise.test', name: 'Sam Staff' });
    await join(env, world.employer.id, staff.id, 'staff');
    const b = await browserAs(env, staff.id);
    const page = await html(await b.get(`${E()}/roles/${roleId}`));
    expect(page).toContain('Owners and admins of an approved organisation can set your rules.');
    expect(page).not.toContain('Set your rule for one requirement');
    const res = await b.postForm(
      `${E()}/roles/${roleId}/rules`,
      { competencyId: 'cstf-fire', maxAgeMonths: '6' },
      `${E()}/roles/${roleId}`,
    );
    expect(res.status).toBe(403);
  });
});

describe('a rule looser than the sector rule', () => {
  let wardId: string;
  beforeAll(async () => {
    const [role] = await env.deps.db.select().from(employerRoles).where(eq(employerRoles.title, 'Ward assistant'));
    wardId = role!.id;
  });

  it('needs a reason, and the report says it accepts more than the sector rule', async () => {
    const path = `${E()}/roles/${wardId}/rules`;
    const refused = await owner.postForm(
      path,
      { competencyId: 'cstf-fire', providers: 'approved_academy' },
      `${E()}/roles/${wardId}`,
    );
    expect(refused.status).toBe(400);
    expect(await html(refused)).toContain(
      'Say why your rule accepts more than the sector rule: only from an NHS body or a CSTF-aligned provider',
    );
    const saved = await owner.postForm(
      path,
      { competencyId: 'cstf-fire', providers: 'approved_academy', note: 'We check the academy content ourselves' },
      `${E()}/roles/${wardId}`,
    );
    expect(saved.status).toBe(303);
    const page = await roleFit(owner, `employer-role:${wardId}`);
    expect(page).toContain('Your rule: only from any approved academy.');
    expect(page).toContain(
      'Your rule accepts more than the sector rule (sector rule: only from an NHS body or a CSTF-aligned provider).',
    );
  });
});

/**
 * A platform admin sets the areas a commissioner plans for (the commissioner's dashboard then covers exactly those)
 * and an academy's provider kind and CSTF alignment (verification then reports it for employers' acceptance rules).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisationAreas, organisations } from '../../db/schema';
import { issuerDid } from '../../worker/services/organisations/issuers';
import { lookupTrust } from '../../worker/services/verification/trust';
import { browserAs } from '../helpers/accounts';
import { type Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld } from '../helpers/world';
import { textOf } from '../fixtures/academy';

let env: TestEnv;
let world: World;
let admin: Browser;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  admin = await browserAs(env, world.admin.id);
});
afterAll(() => env.close());

const areasOf = async (orgId: string) =>
  (await env.deps.db.select().from(organisationAreas).where(eq(organisationAreas.orgId, orgId)))
    .map((r) => r.areaCode)
    .sort();

describe('commissioner areas (platform admin)', () => {
  it('offers every area for a commissioner and saves the choice, audited', async () => {
    const page = await (await admin.get('/admin')).text();
    expect(page).toContain(`name="areas" value="E08000035"`);
    const path = `/admin/organisations/${world.commissioner.id}/areas`;
    const res = await admin.postForm(path, { areas: ['E08000035', 'E08000036'] }, '/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?notice=areas');
    expect(await areasOf(world.commissioner.id)).toEqual(['E08000035', 'E08000036']);
    expect(textOf(await (await admin.get('/admin')).text())).toContain('Leeds; Wakefield');
    const [event] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organisation.areas_changed'));
    expect(JSON.parse(event!.details!)).toMatchObject({ to: ['E08000035', 'E08000036'] });

    // The commissioner's dashboard now offers exactly those areas.
    const staff = await browserAs(env, world.commissionerStaff.id);
    const dashboard = textOf(await (await staff.get(`/commissioner/${world.commissioner.slug}`)).text());
    expect(dashboard).toContain('Wakefield');
    expect(dashboard).not.toContain('Cardiff');
  });

  it('refuses no area, an unknown area, and a non-commissioner, changing nothing', async () => {
    const before = await areasOf(world.commissioner.id);
    const path = `/admin/organisations/${world.commissioner.id}/areas`;
    const none = await admin.postForm(path, {}, '/admin');
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain('Choose at least one area');
    const unknown = await admin.postForm(path, { areas: ['E99999999'] }, '/admin');
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('Not a known area: E99999999');
    const academy = await admin.postForm(
      `/admin/organisations/${world.academy.id}/areas`,
      { areas: 'E08000035' },
      '/admin',
    );
    expect(academy.status).toBe(400);
    expect(await areasOf(world.commissioner.id)).toEqual(before);
    expect(await areasOf(world.academy.id)).toEqual([]);
  });
});

const credential = { credentialSubject: { achievement: { alignment: [{ targetCode: 'cstf-fire' }] } } };
const trustOf = () => lookupTrust(env.deps.db, env.deps.config, issuerDid(env.deps.config, world.academy), credential);

describe('academy provider kind (platform admin)', () => {
  it('starts as a training provider, not CSTF-aligned; saving it is audited and verification reports it', async () => {
    expect((await trustOf()).providerKinds).toEqual([]);
    expect(textOf(await (await admin.get('/admin')).text())).toContain(
      'Provider: Training provider or care employer academy',
    );
    const path = `/admin/organisations/${world.academy.id}/provider`;
    const res = await admin.postForm(path, { providerKind: 'nhs_body', cstfAligned: 'on' }, '/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?notice=provider');
    const [org] = await env.deps.db.select().from(organisations).where(eq(organisations.id, world.academy.id));
    expect(org).toMatchObject({ providerKind: 'nhs_body', cstfAligned: true });
    expect((await trustOf()).providerKinds).toEqual(['nhs_body', 'cstf_aligned']);
    const [event] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organisation.provider_kind_changed'));
    expect(JSON.parse(event!.details!)).toMatchObject({ to: { providerKind: 'nhs_body', cstfAligned: true } });
  });

  it('refuses an unknown kind and a non-academy', async () => {
    const bad = await admin.postForm(
      `/admin/organisations/${world.academy.id}/provider`,
      { providerKind: 'hospital' },
      '/admin',
    );
    expect(bad.status).toBe(400);
    const employer = await admin.postForm(
      `/admin/organisations/${world.employer.id}/provider`,
      { providerKind: 'nhs_body' },
      '/admin',
    );
    expect(employer.status).toBe(400);
  });
});

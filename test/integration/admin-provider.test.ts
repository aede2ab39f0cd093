/** A platform admin records an academy's provider kind and CSTF alignment; verification then reports it for acceptance rules. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '../../db/schema';
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

/**
 * The demo data shows the new role-fit behaviour: a safeguarding certificate read at the level it states, a
 * CSTF-aligned academy whose training an NHS role accepts, and a delegated task shown as prior evidence.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo';
import { users } from '../../db/schema';
import { loadHoldings, roleFitFor } from '../../worker/services/employer/role-fit';
import { type TestEnv, makeTestEnv } from '../helpers/app';

let env: TestEnv;
const userId = async (email: string) =>
  (await env.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

beforeAll(async () => {
  env = await makeTestEnv();
  await seedDemo(env.deps);
});
afterAll(() => env.close());

describe('demo passports against roles', () => {
  it('Amira: her "Safeguarding adults (level 2)" certificate counts at level 2; NHS band 3 accepts the CSTF-aligned academy', async () => {
    const now = env.deps.clock();
    const holdings = await loadHoldings(env.deps.db, await userId('amira@worker.demo'), now);
    expect(holdings.find((h) => h.name === 'Safeguarding adults (level 2)')).toMatchObject({
      level: 2,
      providerKinds: ['cstf_aligned'],
    });
    const fit = await roleFitFor(env.deps, 'role:nhs-senior-healthcare-support-worker', holdings, now);
    const sga = fit?.lines.find((l) => l.requirement.code === 'CSTF-SGA-L2');
    expect(sga?.status).toBe('met');
    expect(sga?.notes).toEqual([
      'Counted at level 2, the level the certificate states.',
      // Accepted under the common trust rule, which is indicative: the line says so, not only lines refused by it.
      'Accepted under the common NHS trust rule (indicative): a trust may set its own.',
    ]);
    expect(fit?.lines.find((l) => l.requirement.code === 'CSTF-FIRE')?.status).toBe('met');
    // Amira holds a Level 2 diploma, not the Level 3 that band 3 asks for.
    expect(fit?.summary.headline).toBe(
      'Not ready to start as Senior healthcare support worker (AfC band 3) yet: needs Level 3 Diploma in Healthcare Support.',
    );
  });

  it('David: his insulin competence is shown with who delegated it and needs local sign-off', async () => {
    const now = env.deps.clock();
    const holdings = await loadHoldings(env.deps.db, await userId('david@worker.demo'), now);
    const fit = await roleFitFor(env.deps, 'role:dhsc-senior-care-worker', holdings, now);
    const insulin = fit?.lines.find((l) => l.requirement.code === 'DHA-INSULIN');
    expect(insulin?.status).toBe('local_signoff');
    expect(insulin?.notes?.[0]).toMatch(
      /^Prior evidence: Insulin administration \(delegated healthcare activity\), \d{4}-\d{2}-\d{2}, delegated by a district nurse, review due \d{4}-\d{2}-\d{2}\.$/,
    );
    expect(fit?.summary.headline).toMatch(/delegated tasks need local sign-off\.$/);
  });
  it('a legacy NVQ 3 stated on the credential meets a Level 3 requirement through the stored relations and levels', async () => {
    const nvq3 = {
      credentialId: 'urn:uuid:legacy-nvq-3',
      name: 'NVQ Level 3 in Health and Social Care',
      issuerName: 'Moorside Care Academy',
      alignedIds: ['legacy-nvq-qcf-hsc'],
      validFrom: '2009-06-30T00:00:00.000Z',
      validUntil: null,
      state: 'valid' as const,
      recognised: true,
      level: 3,
    };
    const now = env.deps.clock();
    const senior = await roleFitFor(env.deps, 'role:cwp-supervisor-or-leader', [nvq3], now);
    const l3 = senior?.lines.find((l) => l.requirement.code === 'RQF-L3-DIP-ADULT-CARE');
    expect(l3).toMatchObject({ status: 'met', via: { fromId: 'legacy-nvq-qcf-hsc-l3', strength: 'indicative' } });
    const band3 = await roleFitFor(env.deps, 'role:nhs-senior-healthcare-support-worker', [nvq3], now);
    expect(band3?.lines.find((l) => l.requirement.code === 'RQF-L3-DIP-HEALTHCARE-SUPPORT')?.status).toBe('met');
  });
});

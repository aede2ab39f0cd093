/** Printing or saving the passport: the one-page summary, the readable text export beside the JSON one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs } from '../helpers/accounts';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let credentialId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const mh = (await makeAchievement(env, world.academy.id, world.academyStaff.id, {})).id;
  credentialId = (await issueViaApi(env, world, { achievementId: mh, email: world.worker.email })).id;
});
afterAll(() => env.close());

describe('printing and saving the passport', () => {
  it('offers a one-page summary whose certificates link to their printable page with a QR code', async () => {
    const b = await browserAs(env, world.worker.id);
    const passport = await (await b.get('/passport')).text();
    expect(passport).toContain('href="/passport/print"');
    expect(passport).toContain('href="/passport/export/summary.txt"');
    const res = await b.get('/passport/print');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('Care Passport: Wendy Worker');
    expect(html).toContain(`<a href="/certificates/${credentialId}">Moving and handling (level 2)</a>`);
    expect(html).toContain('Northern Care Academy');
    expect(html).toContain('class="no-print"');
    const cert = await (await b.get(`/certificates/${credentialId}`)).text();
    expect(cert).toContain('<svg');
    expect(cert).toContain('class="certificate"');
  });

  it('downloads a readable text summary and keeps the JSON export', async () => {
    const b = await browserAs(env, world.worker.id);
    const txt = await b.get('/passport/export/summary.txt');
    expect(txt.status).toBe(200);
    expect(txt.headers.get('content-type')).toContain('text/plain');
    expect(txt.headers.get('content-disposition')).toMatch(/attachment; filename="care-passport-.*\.txt"/);
    const body = await txt.text();
    expect(body).toContain('Care Passport: Wendy Worker');
    expect(body).toContain('* Moving and handling (level 2)');
    expect(body).toContain('  Issued by: Northern Care Academy');
    expect(body).toContain('  Status: Valid');
    const json = (await (await b.get('/passport/export')).json()) as { manifest: { credentialCount: number } };
    expect(json.manifest.credentialCount).toBe(1);
  });
});

describe('the share form says what is ticked', () => {
  it('does not say "All are ticked" while an expired certificate is left out', async () => {
    const ipc = (
      await makeAchievement(env, world.academy.id, world.academyStaff.id, {
        name: 'Infection prevention and control (level 2)',
        alignedIds: ['cstf-ipc-l2'],
      })
    ).id;
    await issueViaApi(env, world, { achievementId: ipc, email: world.worker.email, validFrom: '2024-01-10' });
    const html = await (await (await browserAs(env, world.worker.id)).get('/passport/share')).text();
    expect(html).not.toContain('All are ticked');
    expect(html).toContain('1 of 2 are ticked. Tick or untick any to choose what to share.');
  });
});

/**
 * Deleting an account deletes the person: after a care worker who was in a cohort upload, claimed a certificate,
 * was issued another, invited, counted in workforce figures, shared her passport, was checked and saved by an
 * employer and mistyped her password deletes her account, no row of any table and no byte of the database files
 * holds her email or her name; the academy's register still answers for her certificates, and the employer's saved
 * check keeps its verdict.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, credentials } from '../../db/schema';
import { createUser } from '../../worker/services/accounts/accounts';
import { runBatchToEnd } from '../../worker/services/academy/cohort-issuing';
import { inviteMember } from '../../worker/services/organisations/invitations';
import { createShare } from '../../worker/services/passport/shares';
import { saveWorkforceProfile } from '../../worker/services/workforce/consent';
import { getSaved, listSaved } from '../../worker/services/employer/saved-verifications';
import { batchIdFrom, uploadCsv } from '../fixtures/academy';
import { browserAs, latestMail, linkIn } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';
import { storedText } from '../helpers/bodies';

const NAME = 'Zelda Quartermain';
const EMAIL = 'zelda.quartermain@erasure.test';

let env: TestEnv;
let world: World;
let client: Client;
let userId: string;
let savedId: string;
let deleteMs = 0;
const herCredentials: string[] = [];

async function verify(jwt: string) {
  const res = await env.app.request('/credentials/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
  });
  return ((await res.json()) as { verified: boolean }).verified;
}

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  client = (env.deps.db as unknown as { $client: Client }).$client;
  const { db, clock } = env.deps;
  const slug = world.academy.slug;
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;

  // A cohort upload names her before she has an account; the claim link goes to her inbox.
  const staff = await browserAs(env, world.academyStaff.id);
  const csv = `name,email,completion_date\n${NAME},${EMAIL},2026-05-01\nOmar Other,omar.other@erasure.test,2026-05-01\n`;
  const batchId = batchIdFrom(await uploadCsv(staff, slug, achievementId, csv));
  const confirm = await staff.postForm(
    `/academy/${slug}/batches/${batchId}/confirm`,
    {},
    `/academy/${slug}/batches/${batchId}`,
  );
  expect(confirm.status).toBe(303);
  await runBatchToEnd(env.deps, world.academy.id, batchId);

  const user = await createUser(env.deps, { email: EMAIL, password: PASSWORD, displayName: NAME, verified: true });
  userId = user.id;
  const her = await browserAs(env, userId);
  const claimPath = linkIn((await latestMail(env, EMAIL))!.body, '/claim');
  const token = new URL(claimPath, TEST_ORIGIN).searchParams.get('token')!;
  expect((await her.postForm('/claim', { token }, claimPath)).status).toBe(303);
  // Issued straight into her passport, by API.
  await issueViaApi(env, world, { achievementId, email: EMAIL, name: NAME });
  for (const c of await db.select().from(credentials).where(eq(credentials.subjectUserId, userId)))
    herCredentials.push(c.id);
  expect(herCredentials).toHaveLength(2);

  // Invited to an employer, counted in the workforce figures, a mistyped password.
  await inviteMember(env.deps, {
    org: world.employer,
    email: EMAIL,
    role: 'staff',
    invitedBy: { userId: world.employerStaff.id, role: 'owner', name: 'Erin Manager' },
  });
  const area = (await db.select().from(areas).limit(1))[0]!.code;
  await saveWorkforceProfile(db, {
    userId,
    areaCode: area,
    currentRoleId: 'dhsc-care-worker',
    consent: true,
    now: clock(),
  });
  await saveWorkforceProfile(db, {
    userId,
    areaCode: area,
    currentRoleId: 'dhsc-senior-care-worker',
    consent: true,
    now: clock(),
  });
  const wrong = await env.app.request(`${TEST_ORIGIN}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN },
    body: new URLSearchParams({ email: EMAIL, password: 'not her password at all' }),
  });
  expect(wrong.status).toBe(400);

  // She shares her passport; the employer opens it and saves the check under her name.
  const share = await createShare(db, { userId, credentialIds: herCredentials, days: 7, now: clock() });
  const employer = await browserAs(env, world.employerStaff.id);
  const saved = await employer.postForm(
    `/employer/${world.employer.slug}/saved`,
    { input: `${TEST_ORIGIN}/s/${share.token}`, candidateName: NAME },
    `/employer/${world.employer.slug}`,
  );
  expect(saved.status).toBe(303);
  savedId = saved.headers.get('location')!.split('/').pop()!.split('?')[0]!;

  // Before: she is all over the database.
  expect((await tablesMentioning(EMAIL)).length).toBeGreaterThan(5);
  expect((await tablesMentioning(NAME)).length).toBeGreaterThan(3);

  const started = performance.now();
  const res = await her.postForm('/account/delete', { confirmEmail: EMAIL }, '/account/delete');
  deleteMs = performance.now() - started;
  expect(res.status).toBe(200);
}, 120_000);

afterAll(() => env?.close());

/** Every table (from sqlite_master) whose rows, read whole, contain `needle` (ignoring case). */
async function tablesMentioning(needle: string): Promise<string[]> {
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) =>
    String(r.name),
  );
  const found: string[] = [];
  for (const t of tables) {
    const rows = (await client.execute(`SELECT * FROM "${t}"`)).rows;
    if (JSON.stringify(rows).toLowerCase().includes(needle.toLowerCase())) found.push(t);
  }
  return found;
}

describe('deleting an account', () => {
  it('leaves no row in any table with her email or her name', async () => {
    expect(await tablesMentioning(EMAIL)).toEqual([]);
    expect(await tablesMentioning(NAME)).toEqual([]);
    expect(await tablesMentioning(EMAIL.split('@')[0]!)).toEqual([]);
  });

  it('leaves no byte of the database files with her email or her name', async () => {
    const file = String((await client.execute('PRAGMA database_list')).rows.find((r) => r.name === 'main')?.file ?? '');
    expect(file).not.toBe('');
    console.log(
      `account deletion (with the file rewrite) took ${deleteMs.toFixed(0)} ms, file ${statSync(file).size} bytes`,
    );
    for (const path of [file, `${file}-wal`]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const needle of [EMAIL, NAME, EMAIL.toUpperCase()])
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${path}`).toBe(false);
    }
  });

  it("keeps the academy's register answering for her certificates, without her", async () => {
    const rows = await env.deps.db.select().from(credentials);
    for (const id of herCredentials) {
      const row = rows.find((r) => r.id === id)!;
      expect(row).toMatchObject({ subjectUserId: null, subjectEmail: null, subjectName: null, status: 'active' });
      expect(row.validFrom).toBeTruthy();
      expect(await verify(await storedText(env.deps, id))).toBe(true);
    }
    // The other learner of the same cohort is untouched.
    expect(rows.some((r) => r.subjectName === 'Omar Other')).toBe(true);
  });

  it("keeps the employer's verdict, without her name, credentials or share", async () => {
    const list = await listSaved(env.deps.db, world.employer.id);
    const entry = list.find((s) => s.id === savedId)!;
    expect(entry).toMatchObject({ candidateName: null, verified: true, credentialCount: 2 });
    const saved = (await getSaved(env.deps.db, world.employer.id, savedId))!;
    expect(saved.input.credentials).toEqual([]);
    expect(saved.input.holder).toBeNull();
    expect(saved.result.latest.report.sharedBy).toBeNull();
    const employer = await browserAs(env, world.employerStaff.id);
    const page = await (await employer.get(`/employer/${world.employer.slug}/saved/${savedId}`)).text();
    expect(page).toContain('The candidate has deleted their account');
    expect(page).not.toContain('Re-check now');
    const recheck = await employer.postForm(
      `/employer/${world.employer.slug}/saved/${savedId}/recheck`,
      {},
      `/employer/${world.employer.slug}/saved/${savedId}`,
    );
    expect(recheck.status).toBe(409);
  });
});

/**
 * Employer pages in plain words: friendly kind names, no identifiers, formats or raw type names outside the
 * "Technical details" disclosure, and no "unknown" or "inferred" role titles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type TestEnv, TEST_ORIGIN, makeTestEnv } from '../helpers/app';
import { browserAs } from '../helpers/accounts';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';
import { createShare } from '../../worker/services/passport/shares';

let env: TestEnv;
let world: World;
let owner: Browser;
let fire: { id: string; jwt: string };

const E = () => `/employer/${world.employer.slug}`;
const html = async (r: Response) => (await r.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');
/** The page without its technical disclosures, its hidden form fields and its role picker. */
const peopleSee = (page: string) =>
  page
    .replace(/<details class="technical small no-print">[\s\S]*?<\/details>/g, '')
    .replace(/<input type="hidden"[^>]*>/g, '')
    .replace(/<select[\s\S]*?<\/select>/g, '');

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  owner = await browserAs(env, world.employerStaff.id);
  const a = await makeAchievement(env, world.academy.id, world.academyStaff.id, {
    name: 'Fire safety',
    alignedIds: ['cstf-fire'],
  });
  fire = await issueViaApi(env, world, {
    achievementId: a.id,
    email: world.worker.email,
    validFrom: '2026-01-10',
    notify: false,
  });
});
afterAll(() => env.close());

describe('verification results for people', () => {
  it('names the kind in words and keeps formats, identifiers and type names behind "Technical details"', async () => {
    const page = await html(
      await owner.postForm(`${E()}/role-fit`, { input: fire.jwt, role: 'role:dhsc-care-worker' }, `${E()}/role-fit`),
    );
    expect(page).toContain('<dt>Kind</dt><dd>Training certificate</dd>');
    expect(page).toContain('What you gave us: one credential.');
    expect(page).toContain('<summary>Technical details</summary>');
    // Inside the disclosure: the format, the issuer's DID and the raw type.
    expect(page).toContain('Verifiable Credential 2.0 (vc+jwt)');
    expect(page).toMatch(/Issuer identifier<\/dt><dd><code class="small">did:web:/);
    expect(page).toContain('<dt>Type</dt><dd>CertificateOfCompletion</dd>');
    // Outside it: none of them.
    const seen = peopleSee(page);
    for (const jargon of ['did:web', 'did:key', 'vc+jwt', 'CertificateOfCompletion', 'Unknown', 'unknown']) {
      expect(seen).not.toContain(jargon);
    }
  });

  it('shows who is sharing by name, with the holder key behind "Technical details"', async () => {
    const { token } = await createShare(env.deps.db, {
      userId: world.worker.id,
      credentialIds: [fire.id],
      days: 7,
      now: env.deps.clock(),
    });
    const page = await html(
      await owner.postForm(
        `${E()}/role-fit`,
        { input: `${TEST_ORIGIN}/s/${token}`, role: 'role:dhsc-care-worker' },
        `${E()}/role-fit`,
      ),
    );
    expect(page).toContain('<dt>Shared by</dt>');
    expect(page).toMatch(/Holder's identifier<\/dt><dd><code class="small">did:key:/);
    const seen = peopleSee(page);
    expect(seen).not.toContain('did:key');
    expect(seen).not.toContain('unknown');
  });
});

describe('role titles for people', () => {
  it('never offers an "inferred" or "Title unknown" role: the sourced title, else the band alone', async () => {
    const page = await html(await owner.get(`${E()}/roles`));
    expect(page).not.toContain('(inferred)');
    expect(page).not.toContain('Title unknown');
    expect(page).toContain('>Band B</option>');
    expect(page).toContain('Social care professional practitioner (Band D)');
  });

  it('answers the report for a role without a published title with its band', async () => {
    const page = await html(
      await owner.postForm(`${E()}/role-fit`, { input: fire.jwt, role: 'role:wales-b' }, `${E()}/role-fit`),
    );
    expect(page).toContain('Role fit: Band B');
    expect(page).toMatch(/Ready to start as Band B|Not ready to start as Band B/);
    expect(peopleSee(page)).not.toContain('Title unknown');
  });
});

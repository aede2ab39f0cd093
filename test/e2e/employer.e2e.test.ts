/**
 * Browser: an employer verifies a candidate's share link, runs a role fit for "Senior care worker" on a passport
 * with one lapsed refresher, and sees why a tampered credential fails; the verify, share and role-fit pages have
 * no serious accessibility violations. Data is prepared through the real services on the server's database file
 * and credentials are issued over HTTP, as an academy would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../../worker/credentials/encoding';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { createShare } from '../../worker/services/passport/shares';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  browserAvailable,
  phonePage,
  seriousA11yViolations,
  startE2e,
  verifiedUser,
  signInAs,
} from './harness';

const PASSWORD = 'employer e2e passphrase 42';

/** Today minus some days, as YYYY-MM-DD. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.runIf(browserAvailable)('browser: employer verification and role fit', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let shareLink: string;
  let goodJwt: string;
  const employerEmail = 'manager@sunrise-e2e.test';

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const { db, deps } = e2e;
    const now = deps.clock();

    const trainer = await verifiedUser(deps, 'trainer@academy-e2e.test', 'Asha Trainer', PASSWORD);
    const manager = await verifiedUser(deps, employerEmail, 'Erin Manager', PASSWORD);
    const worker = await verifiedUser(deps, 'wendy@e2e.test', 'Wendy Worker', PASSWORD);
    const academy = await approvedAcademy(deps, { name: 'Northern Care Academy', ownerUserId: trainer.id, now });
    const employer = await createOrganisation(db, {
      name: 'Sunrise Care Homes',
      kind: 'employer',
      ownerUserId: manager.id,
      now,
    });
    await approveOrganisation(db, { orgId: employer.id, adminUserId: null, now });
    const { token } = await createApiToken(db, {
      orgId: academy.id,
      name: 'e2e',
      scopes: ['issue'],
      createdBy: trainer.id,
      now,
    });

    const achievement = (name: string, alignedIds: string[]) =>
      createAchievement(db, {
        name,
        description: `${name}: classroom session with assessment.`,
        criteria: 'Attended the session and passed the assessment.',
        achievementType: 'CertificateOfCompletion',
        assessmentMethod: 'classroom',
        alignedIds,
        orgId: academy.id,
        createdBy: trainer.id,
        now,
      });
    const issue = async (achievementId: string, completedOn: string) => {
      const res = await fetch(`${server.origin}/credentials/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          credential: {
            achievementId,
            credentialSubject: { email: worker.email, name: 'Wendy Worker' },
            validFrom: completedOn,
          },
          // Some of these record training that has already expired, on purpose.
          options: { notify: false, allowExpired: true },
        }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { verifiableCredential: { id: string }; credentialId: string };
      return {
        jwt: body.verifiableCredential.id.replace('data:application/vc+jwt,', ''),
        id: body.credentialId.replace('urn:uuid:', ''),
      };
    };
    const careCert = await achievement('Care Certificate', [
      'cc25-01',
      'cc25-02',
      'cc25-03',
      'cc25-05',
      'cc25-06',
      'cc25-07',
      'cc25-08',
      'cc25-09',
    ]);
    const fire = await achievement('Fire safety', ['cstf-fire']);
    const ig = await achievement('Information governance and data security', ['cstf-ig']);
    const mh = await achievement('Moving and handling (level 2)', ['cstf-mh-l2']);
    const held = [
      await issue(careCert.id, daysAgo(200)),
      await issue(fire.id, daysAgo(120)),
      // The annual information governance refresher lapsed about a month ago.
      await issue(ig.id, daysAgo(400)),
      await issue(mh.id, daysAgo(60)),
    ];
    goodJwt = held[1]!.jwt;
    const share = await createShare(db, {
      userId: worker.id,
      credentialIds: held.map((h) => h.id),
      days: 30,
      label: 'For Sunrise',
      now: new Date(),
    });
    shareLink = `${server.origin}/s/${share.token}`;
  }, 180_000);

  afterAll(() => e2e?.stop());

  const signIn = (page: Page) => signInAs(page, server.origin, employerEmail, PASSWORD);

  it('verifies a share link and runs a role fit for Senior care worker with one expired refresher', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${server.origin}/verify`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Share link or credential').fill(shareLink);
    await Promise.all([page.waitForURL('**/s/**'), page.getByRole('button', { name: 'Check', exact: true }).click()]);

    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Credentials shared by Wendy Worker');
    const status = await page.locator('main p.notice[role="status"]').first().innerText();
    // One credential has expired, so not everything is valid; the reasons are on each card.
    expect(status).toContain('1 of 4 credentials is not valid');
    expect(await page.getByText('Every credential was issued to the person sharing them').isVisible()).toBe(true);
    expect(await page.getByText('Not valid: it has expired').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('#fit-role').selectOption('role:dhsc-senior-care-worker');
    await Promise.all([
      page.waitForURL('**/role-fit'),
      page.getByRole('button', { name: 'Check against this role' }).click(),
    ]);
    expect(await page.getByRole('heading', { name: /Role fit: Senior care worker/ }).isVisible()).toBe(true);
    const summary = await page.locator('.role-fit p.notice[role="status"]').innerText();
    // The first sentence answers "can they start?"; the counts follow.
    expect(summary).toMatch(/^Ready to start as Senior care worker after \d+ short courses? and 1 refresher\./);
    expect(summary).toMatch(/Can skip \d+ of 19 required items; 1 needs a refresher;/);
    const igRow = page.locator('tr', { hasText: 'Information governance and data security (CSTF-IG)' });
    expect(await igRow.locator('td').first().innerText()).toContain('Expired');
    expect(await igRow.innerText()).toContain('Refresh Information governance and data security');
    const fireRow = page.locator('tr', { hasText: '(CSTF-FIRE)' });
    expect(await fireRow.locator('td').first().innerText()).toContain('Met and in date');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Save it for the personnel file, then open the printable record.
    await page.getByLabel("Candidate's name").first().fill('Wendy Worker');
    await Promise.all([
      page.waitForURL('**/saved/**'),
      page.getByRole('button', { name: 'Save check' }).first().click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Verification record: Wendy Worker');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The employer's own roles start from a catalogue role with its requirements ticked.
    await page.goto(`${server.origin}/employer/sunrise-care-homes/roles/new?from=dhsc-senior-care-worker`);
    // 19 required (Oliver McGowan is two items) and 3 recommended (Level 3, insulin, medicines administration).
    expect(await page.locator('input[name="req"]:checked').count()).toBe(22);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('pastes a tampered credential and shows the reason, usable at phone size', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.origin}/verify`);
    const [h, p, s] = goodJwt.split('.');
    const payload = JSON.parse(fromUtf8(base64UrlDecode(p!)!));
    payload.credentialSubject.achievement.name = 'Registered nurse';
    const tampered = `${h}.${base64UrlEncode(utf8(JSON.stringify(payload)))}.${s}`;
    await page.getByLabel('Share link or credential').fill(tampered);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Check', exact: true }).click(),
    ]);
    await page.waitForSelector('#result-heading');
    const card = page.locator('section.card.result').first();
    expect(await card.innerText()).toContain('Not valid: its signature does not match: it has been altered or forged');
    expect(await page.locator('main p.notice[role="status"]').first().innerText()).toContain(
      '1 of 1 credential is not valid',
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a clear page for an unknown share link', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.origin}/s/abcdefghijklmnopqrstuvwxyz234567`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Share link not found');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  /** Types into a picker's filter box and waits for its live count to settle. */
  async function filter(page: Page, label: string, text: string) {
    await page.getByLabel(label).fill(text);
    const count = page.locator(`#${await page.getByLabel(label).getAttribute('id')}-count`);
    await page.waitForFunction((el) => /match$/.test(el?.textContent ?? ''), await count.elementHandle());
    return (await count.innerText()).trim();
  }

  it('filters the role picker as you type at phone size, announcing how many match', async () => {
    const page = await phonePage(browser);
    await signIn(page);
    await page.goto(`${server.origin}/employer/sunrise-care-homes/role-fit`);
    const said = await filter(page, 'Find a role', 'nurse');
    expect(said).toMatch(/^\d+ of \d+ roles match$/);
    expect(await page.locator('#role-filter-count').getAttribute('aria-live')).toBe('polite');
    const visible = await page.locator('#role option:not([hidden]):not([value=""])').allInnerTexts();
    expect(visible.length).toBe(Number(said.split(' ')[0]));
    expect(visible.every((t) => /nurse/i.test(t))).toBe(true);
    // Groups with nothing left are hidden; the choice still submits as a plain select.
    expect(await page.locator('#role optgroup[label^="Care Workforce Pathway"]').getAttribute('hidden')).not.toBeNull();
    await page.locator('#role').selectOption('role:nhs-registered-nurse');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("filters the role editor's requirements on desktop; ticked ones still save when hidden", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${server.origin}/employer/sunrise-care-homes/roles/new`);
    const all = await page.locator('#req-list tbody tr').count();
    await page.getByLabel('Job title').fill('Safeguarding lead');
    await page.locator('#req-cstf-fire').check();
    const said = await filter(page, 'Find a requirement', 'safeguarding adults');
    const shown = await page.locator('#req-list tbody tr:not([hidden])').allInnerTexts();
    expect(said).toBe(`${shown.length} of ${all} requirements match`);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((t) => /safeguarding adults/i.test(t))).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#req-cstf-sga-l2').check();
    // Fire safety is ticked but filtered out of sight: it is still sent with the form.
    expect(await page.locator('#req-cstf-fire').isVisible()).toBe(false);
    await Promise.all([
      page.waitForURL('**/roles?notice=created'),
      page.getByRole('button', { name: 'Add role' }).click(),
    ]);
    const row = page.locator('tr', { hasText: 'Safeguarding lead' });
    expect(await row.locator('td').last().innerText()).toBe('2');

    // The owner sets their own rule on one requirement; the role page names it, usable at phone size.
    await Promise.all([page.waitForURL('**/roles/*'), row.getByRole('link').click()]);
    await page.getByLabel('Requirement', { exact: true }).selectOption('cstf-fire');
    await page.getByLabel('an NHS body').check();
    await page.getByLabel('Allowable period in months').fill('12');
    await Promise.all([
      page.waitForURL('**notice=rule**'),
      page.getByRole('button', { name: 'Save the rule' }).click(),
    ]);
    expect(await page.locator('#rules + p + .scroll').innerText()).toContain(
      'Your rule: only from an NHS body; completed within the last 12 months',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 667 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('keeps plain pickers without script', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${server.origin}/employer/sunrise-care-homes/roles/new`);
    expect(await page.getByLabel('Find a requirement').count()).toBe(0);
    expect(await page.locator('#req-list tbody tr:not([hidden])').count()).toBeGreaterThan(50);
    await page.goto(`${server.origin}/employer/sunrise-care-homes/role-fit`);
    expect(await page.getByLabel('Find a role').count()).toBe(0);
    expect(await page.locator('#role option').count()).toBeGreaterThan(20);
    await ctx.close();
  });

  it('prints the role-fit report and the saved check without navigation, forms or buttons', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${server.origin}/employer/sunrise-care-homes/role-fit`);
    await page.getByLabel('Share link or credentials').fill(shareLink);
    await page.locator('#role').selectOption('role:dhsc-senior-care-worker');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Check against this role' }).click(),
    ]);
    await page.waitForSelector('.role-fit');
    await page.emulateMedia({ media: 'print' });
    const hiddenInPrint = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('header.site, footer.site, nav, button, form, .filter, details.technical')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => el.outerHTML.slice(0, 80)),
      );
    expect(await hiddenInPrint()).toEqual([]);
    expect(await page.locator('.role-fit').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel("Candidate's name").first().fill('Print Candidate');
    await Promise.all([
      page.waitForURL('**/saved/**'),
      page.getByRole('button', { name: 'Save check' }).first().click(),
    ]);
    await page.emulateMedia({ media: 'print' });
    expect(await hiddenInPrint()).toEqual([]);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  });
});

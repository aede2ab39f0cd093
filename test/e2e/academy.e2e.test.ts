/**
 * The academy's journey in a real browser against the real server: sign in, define an achievement, issue it to one
 * learner, upload a 200-row cohort with one bad row (preview, confirm, progress to the end, result), revoke one
 * credential and see its public verification fail. Main pages are checked with axe and at phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortCsv } from '../fixtures/cohort';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  browserAvailable,
  phonePage,
  seriousA11yViolations,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'lantern kettle meadow 58';
const TRAINER = 'trainer@academy-e2e.test';

describe.runIf(browserAvailable)('browser: academy issuing', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let slug: string;
  let page: Page;
  /** Pages visited, for the phone-width and accessibility pass at the end. */
  const visited = new Map<string, string>();

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const trainer = await verifiedUser(e2e.deps, TRAINER, 'Tariq Trainer', PASSWORD);
    const academy = await approvedAcademy(e2e.deps, { name: 'Riverside Care Academy', ownerUserId: trainer.id });
    slug = academy.slug;
    page = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
  }, 120_000);

  afterAll(() => e2e?.stop());

  async function noSeriousViolations(label: string) {
    visited.set(label, new URL(page.url()).pathname);
    expect([label, await seriousA11yViolations(page)]).toEqual([label, []]);
  }

  const h1 = () => page.getByRole('heading', { level: 1 }).innerText();

  it('signs in and defines an achievement aligned to an approved framework', async () => {
    await page.goto(`${server.origin}/sign-in?next=/academy/${slug}`);
    await page.getByLabel('Email address').fill(TRAINER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/academy/${slug}`);
    expect(await h1()).toBe('Riverside Care Academy');
    await noSeriousViolations('dashboard');

    await page.getByRole('link', { name: 'Define a new achievement' }).click();
    await page.waitForURL('**/achievements/new');
    await noSeriousViolations('new achievement');
    await page.getByLabel('Name', { exact: true }).fill('Moving and handling people');
    await page.getByLabel('Description').fill('Safe moving and handling of people, including hoists.');
    await page.getByLabel('Criteria').fill('Attended the practical session and passed an observed assessment.');
    await page.getByLabel('Kind of achievement').selectOption('CertificateOfCompletion');
    await page.locator('#aligned-cstf-mh-l2').check();
    await page.getByLabel('How learners are assessed').selectOption('observed-practice');
    await page.getByRole('button', { name: 'Save achievement' }).click();
    await page.waitForURL(/\/achievements\/[0-9a-f-]{36}/);
    expect(await h1()).toBe('Moving and handling people');
    expect(await page.locator('main').innerText()).toMatch(
      /24 months \(the default: the refresher period of Moving and handling/,
    );
    await noSeriousViolations('achievement');
  });

  it('issues to one learner', async () => {
    await page.getByRole('link', { name: 'Issue to one learner' }).click();
    await page.waitForURL('**/issue');
    await noSeriousViolations('issue to one learner');
    await page.getByLabel("Learner's full name").fill('Amina Khan');
    await page.getByLabel("Learner's email address").fill('amina.khan@example.org');
    await page.getByLabel('Date completed').fill('2026-01-15');
    await page.getByLabel("Assessor's name").fill('Jo Smith');
    await page.getByRole('button', { name: 'Issue certificate' }).click();
    await page.waitForURL(/\/credentials\/[0-9a-f-]{36}/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Certificate issued');
    expect(text).toContain('Claim link sent');
    await noSeriousViolations('credential');
  });

  it('issues a 200-row cohort with one bad row: preview, confirm, progress to the end, result', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('link', { name: 'Moving and handling people', exact: true }).click();
    await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/);
    await page.locator('#file').setInputFiles({
      name: 'spring-cohort.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(cohortCsv(200, { badAt: 57, prefix: 'spring', bom: true })),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}/);
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('1 row has problems');
    expect(preview).toMatch(/58\s+email\s+Enter an email address in the right format/);
    expect(preview).toContain('Issue 199 certificates');
    await noSeriousViolations('cohort preview');

    const polls: string[] = [];
    const countPolls = (r: { url(): string }) => void (r.url().endsWith('/progress') && polls.push(r.url()));
    page.on('request', countPolls);
    const started = performance.now();
    await page.getByRole('button', { name: 'Issue 199 certificates' }).click();
    // The progress page polls (and drives) the work, then opens the result by itself.
    await page.getByText('Finished: 199 issued, 0 failed, 1 not issued').waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    page.off('request', countPolls);
    // Confirming issued one chunk of 50; the rest was issued by the page's own progress polls, without reloading.
    expect(polls.length).toBeGreaterThan(0);
    console.log(`[academy e2e] 200-row cohort: confirm to result page in ${seconds.toFixed(2)} s`);
    await noSeriousViolations('cohort result');

    const href = await page.getByRole('link', { name: 'Download the result (CSV)' }).getAttribute('href');
    const csv = await (await page.request.get(`${server.origin}${href}`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(201);
    expect(lines.filter((l) => l.includes(',issued,'))).toHaveLength(199);
    expect(lines.filter((l) => l.includes(',invalid,'))).toHaveLength(1);
  });

  it('revokes one credential, whose public verification then fails as revoked', async () => {
    await page.getByRole('link', { name: /View certificate of row 2$/ }).click();
    await page.waitForURL(/\/credentials\/[0-9a-f-]{36}/);
    await page.getByLabel('Reason for revoking').fill('Assessment was not observed by a qualified assessor');
    await page.getByRole('button', { name: 'Revoke permanently' }).click();
    await page.getByText('Certificate revoked.').waitFor();
    expect(await page.locator('main').innerText()).toMatch(/Revoked: Assessment was not observed/);

    await page.getByRole('link', { name: 'Printable certificate' }).click();
    await page.waitForURL(/\/certificates\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').innerText()).toContain('REVOKED');
    expect(await page.locator('.certificate svg[role="img"]').count()).toBe(1);
    await noSeriousViolations('certificate');

    await page.getByRole('link', { name: 'Check it now' }).click();
    await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\/verify$/);
    expect(await page.locator('main').innerText()).toContain('Not valid: the issuer has revoked it');
    await noSeriousViolations('public verification');
  });

  it('finds credentials in the register', async () => {
    await page.goto(`${server.origin}/academy/${slug}/register`);
    await page.getByLabel("Learner's name or email").fill('spring17@');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.getByRole('heading', { name: '1 certificate' }).count()).toBe(1);
    await page.goto(`${server.origin}/academy/${slug}/register?status=revoked`);
    expect(await page.getByRole('heading', { name: '1 certificate' }).count()).toBe(1);
    await noSeriousViolations('register');
  });

  it('fits a phone screen with no serious accessibility violations on the main pages', async () => {
    const phone = await phonePage(browser);
    await phone.context().addCookies(await page.context().cookies());
    for (const [label, path] of visited) {
      await phone.goto(`${server.origin}${path}`);
      const { width, wide } = await phone.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        // What sticks out (wide tables scroll inside .scroll boxes), to make a failure readable.
        wide: [...document.querySelectorAll('main *')]
          .filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > 376)
          .slice(0, 3)
          .map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`),
      }));
      expect([label, width, wide]).toEqual([label, 375, []]);
      expect([label, await seriousA11yViolations(phone)]).toEqual([label, []]);
    }
  });
});

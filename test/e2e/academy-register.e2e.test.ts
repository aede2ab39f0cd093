/**
 * The academy register in a real browser: filters as a bookmarkable GET form, ticking rows, the check page before a
 * bulk change or new claim links, the change itself, and the export link; at desktop and phone width, with axe
 * finding nothing serious.
 */
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials } from '../../db/schema';
import { createAchievement } from '../../worker/services/academy/achievements';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { achievementFixture } from '../helpers/world';
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
import { issueContext } from '../../worker/services/academy/issue-types';

const PASSWORD = 'harbour lantern violet 27';
const TRAINER = 'registrar@academy-e2e.test';

describe.runIf(browserAvailable)('browser: academy register filters and bulk changes', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let slug: string;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const trainer = await verifiedUser(e2e.deps, TRAINER, 'Rhiannon Registrar', PASSWORD);
    const academy = await approvedAcademy(e2e.deps, { name: 'Harbour Care Academy', ownerUserId: trainer.id });
    slug = academy.slug;
    const now = e2e.deps.clock();
    const achievement = await createAchievement(e2e.db, {
      ...achievementFixture(),
      orgId: academy.id,
      createdBy: trainer.id,
      now,
    });
    const loaded = await loadAchievement(e2e.db, academy.id, achievement.id);
    const learners = ['Ada Harbour', 'Ben Harbour', 'Cara Harbour', 'Dev Elsewhere'];
    await issueCredentials(
      issueContext(e2e.deps, trainer.id),
      loaded,
      learners.map((name, i) => ({
        name,
        email: `learner${i}@example.test`,
        completedOn: now.toISOString().slice(0, 10),
      })),
    );
    page = await browser.newPage();
    await page.goto(`${server.origin}/sign-in?next=/academy/${slug}/register`);
    await page.getByLabel('Email address').fill(TRAINER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/academy/${slug}/register`);
  }, 120_000);

  afterAll(() => e2e?.stop());

  const main = () => page.locator('main').innerText();

  it('filters with a GET form whose address can be bookmarked, and links the export of the same search', async () => {
    await page.getByLabel("Learner's name or email").fill('Harbour');
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/register\?q=Harbour.*status=active/);
    expect(await page.getByRole('heading', { name: '3 certificates' }).count()).toBe(1);
    expect(await main()).not.toContain('Dev Elsewhere');
    const href = await page.getByRole('link', { name: /Download these 3 certificates/ }).getAttribute('href');
    expect(href).toBe(`/academy/${slug}/register/export.csv?q=Harbour&status=active`);
    expect([await seriousA11yViolations(page)]).toEqual([[]]);
  });

  it('shows the check page before suspending two ticked certificates, then suspends them', async () => {
    await page.getByRole('checkbox', { name: 'Ada Harbour' }).check();
    await page.getByRole('checkbox', { name: 'Ben Harbour' }).check();
    await page.getByLabel(/^Suspend\./).check();
    await page.getByLabel('Reason for the change').fill('Assessor records are being checked');
    await page.getByRole('button', { name: 'Review the change' }).click();
    await page.waitForURL('**/register/bulk');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Suspend 2 certificates?');
    expect(await main()).toContain('You chose 2 certificates. 2 will be suspended.');
    expect([await seriousA11yViolations(page)]).toEqual([[]]);
    await page.getByRole('button', { name: 'Suspend 2 certificates' }).click();
    await page.waitForURL(/\/register\?q=Harbour.*notice=bulk_suspend/);
    expect(await page.getByRole('status').or(page.locator('.notice')).first().innerText()).toContain(
      '2 certificates suspended',
    );
    await page.goto(`${server.origin}/academy/${slug}/register?status=suspended`);
    expect(await page.getByRole('heading', { name: '2 certificates' }).count()).toBe(1);
    expect([await seriousA11yViolations(page)]).toEqual([[]]);
  });

  it('fits a phone screen: the register with its bulk form and the check page for all matching', async () => {
    const phone = await phonePage(browser);
    await phone.context().addCookies(await page.context().cookies());
    const fits = async (label: string) => {
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect([label, width, await seriousA11yViolations(phone)]).toEqual([label, 375, []]);
    };
    await phone.goto(`${server.origin}/academy/${slug}/register?q=Harbour`);
    await fits('register');
    await phone.getByLabel('All 3 certificates matching this search').check();
    await phone.getByLabel(/^Reinstate\./).check();
    await phone.getByLabel('Reason for the change').fill('Records checked and in order');
    await phone.getByRole('button', { name: 'Review the change' }).click();
    await phone.waitForURL('**/register/bulk');
    expect(await phone.getByRole('heading', { level: 1 }).innerText()).toBe('Reinstate 2 certificates?');
    expect(await phone.locator('main').innerText()).toContain(
      'You chose 3 certificates. 2 will be reinstated; 1 stays as it is (only suspended certificates can be reinstated).',
    );
    await fits('check page');
    await phone.getByRole('link', { name: 'Back to the register without changing anything' }).click();
    await phone.waitForURL(/\/register\?q=Harbour$/);
    await phone.goto(`${server.origin}/academy/${slug}/register?status=suspended`);
    expect(await phone.getByRole('heading', { name: '2 certificates' }).count()).toBe(1);
  });

  it('on a phone, checks who gets a new claim link and who is skipped before sending, then sends them', async () => {
    await e2e!.db.update(credentials).set({ subjectEmail: null }).where(eq(credentials.subjectName, 'Cara Harbour'));
    const phone = await phonePage(browser);
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${server.origin}/academy/${slug}/register?q=Harbour`);
    await phone.getByLabel('All 3 certificates matching this search').check();
    await phone.getByRole('button', { name: 'Review new claim links' }).click();
    await phone.waitForURL('**/register/claim-links');
    expect(await phone.getByRole('heading', { level: 1 }).innerText()).toBe('Send new claim links to 2 learners?');
    const text = await phone.locator('main').innerText();
    expect(text).toContain('You chose 3 certificates. 2 learners will get an email with a new claim link');
    expect(text).toContain('No email address recorded: 1');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect([width, await seriousA11yViolations(phone)]).toEqual([375, []]);
    await phone.getByRole('button', { name: 'Send 2 claim links' }).click();
    await phone.waitForURL(/\/register\?q=Harbour.*notice=claim_links_sent/);
    expect(await phone.locator('.notice').first().innerText()).toContain('2 new claim links sent.');
  });
});

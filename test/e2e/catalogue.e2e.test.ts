import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  type E2eSetup,
  type RunningServer,
  browserAvailable,
  phonePage,
  seriousA11yViolations,
  startE2e,
} from './harness';

describe.runIf(browserAvailable)('browser: catalogue', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
  }, 120_000);
  afterAll(() => e2e?.stop());

  it('opens the home page, browses the ladders and opens a role with its requirements and band equivalents', async () => {
    const page = await browser.newPage();
    await page.goto(server.origin);
    expect(await page.locator('h1').innerText()).toMatch(/trusted by every employer/);
    await page.getByRole('link', { name: 'Browse the ladders' }).click();
    await page.waitForURL('**/catalogue');
    for (const name of ['Care Workforce Pathway', 'Wales', 'Agenda for Change']) {
      expect(await page.getByRole('heading', { name: new RegExp(name) }).count()).toBeGreaterThan(0);
    }
    await page.getByRole('link', { name: 'Senior care worker', exact: true }).first().click();
    await page.waitForURL('**/catalogue/roles/**');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Senior care worker');
    expect(await page.getByRole('heading', { name: 'Requirements for this role' }).isVisible()).toBe(true);
    const equivalents = await page.locator('ul[aria-labelledby="equivalents"]').innerText();
    expect(equivalents).toMatch(/Band 3/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('is usable at phone size with no serious accessibility violations on the ladders page', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.origin}/catalogue`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

/**
 * The commissioner's journey in a real browser against the real server: sign in, read the area's figures
 * (charts and tables) from the latest monthly release, export a table as CSV, then a care worker withdraws
 * consent on their phone: the figures stay as released until the next release. Pages are checked with axe and
 * at phone width.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LEEDS,
  consistent,
  cutTestRelease,
  fixRecordKeys,
  insertWorkers,
  issue,
  makeAchievementFor,
  makeOrganisation,
  setWorkforce,
} from '../integration/commissioner-fixtures';
import {
  type E2eSetup,
  type RunningServer,
  browserAvailable,
  phonePage,
  seriousA11yViolations,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'harbour lantern quiet 73';
const ANALYST = 'analyst@leeds-council.test';
const WORKER = 'ottoline.vexbridge@example.test';

describe.runIf(browserAvailable)('browser: commissioner workforce intelligence', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let slug: string;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const { db, config, deps } = e2e;
    const now = deps.clock();
    const analyst = await verifiedUser(deps, ANALYST, 'Cal Analyst', PASSWORD);
    const council = await makeOrganisation(db, now, {
      name: 'Leeds City Council',
      kind: 'commissioner',
      ownerId: analyst.id,
      areas: [LEEDS],
    });
    slug = council.slug;
    const trainer = await verifiedUser(deps, 'trainer@academy.test', 'Tariq Trainer', PASSWORD);
    const academy = await makeOrganisation(db, now, {
      name: 'Riverside Care Academy',
      kind: 'academy',
      ownerId: trainer.id,
    });
    // 15 consenting workers in Leeds, all holding a credential from an approved academy; one signs in later.
    const worker = await verifiedUser(deps, WORKER, 'Ottoline Vexbridge', PASSWORD);
    await setWorkforce(db, worker.id, { area: LEEDS, roleId: 'cwp-care-or-support-worker', consent: true }, now);
    const others = Array.from({ length: 14 }, (_, i) => ({
      name: `Leeds Worker ${i}`,
      email: `leeds.worker.${i}@example.test`,
      area: LEEDS,
      roleId: i < 9 ? 'cwp-care-or-support-worker' : 'cwp-supervisor-or-leader',
    }));
    const ids = await insertWorkers(db, now, others);
    const fire = await makeAchievementFor(db, now, academy.id, trainer.id, {
      name: 'Fire safety',
      alignedIds: ['cstf-fire'],
    });
    await issue(db, config, now, academy.id, fire.id, [{ email: WORKER, name: 'Ottoline Vexbridge' }, ...others]);
    await fixRecordKeys(db, [worker.id, ...ids]);
    await cutTestRelease(db, now);
    page = await browser.newPage();
  }, 120_000);

  afterAll(() => e2e?.stop());

  async function signIn(p: Page, email: string, next: string) {
    await p.goto(`${server.origin}/sign-in?next=${encodeURIComponent(next)}`);
    await p.getByLabel('Email address').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`**${next}`);
  }

  const population = (p: Page) => p.locator('#population').textContent();
  /** A figure's text as the published cell it stands for. */
  const cellOf = (text: string | null) =>
    text === 'protected' ? { state: 'protected', value: null } : { state: 'shown', value: Number(text) };

  it('signs in and reads the area’s figures as charts and tables', async () => {
    await signIn(page, ANALYST, `/commissioner/${slug}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Workforce intelligence');
    expect(consistent(cellOf(await population(page)), 15)).toBe(true);
    expect(await page.locator('#release').textContent()).toMatch(/^Release \d{4}-\d{2}, figures as at/);
    expect(await page.locator('#method-change').textContent()).toContain('not comparable');
    const chart = page.getByRole('img', { name: 'Workers by role category' });
    expect(await chart.count()).toBe(1);
    expect(await page.locator('#chart-categories-desc').textContent()).toMatch(/figures are in the table below/);
    const row = page.getByRole('row', { name: /Care or support worker/ }).first();
    expect(await row.locator('td').first().textContent()).toMatch(/^(\d+|protected)$/);
    expect(await page.locator('main').textContent()).toContain('protected');
    expect((await page.locator('main td').allTextContents()).join(' ')).not.toMatch(/fewer than|hidden/);
    // Filters work without script: one category.
    await page.getByLabel('Role category', { exact: true }).selectOption({ label: 'Care or support worker' });
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/category=cwp-care-or-support-worker/);
    const care = await page.locator('#population').count();
    if (care) expect(consistent(cellOf(await population(page)), 10)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('exports a table as CSV with the same figures', async () => {
    await page.goto(`${server.origin}/commissioner/${slug}`);
    const row = page.getByRole('row', { name: /Care or support worker/ }).first();
    const shown = (await row.locator('td').first().textContent())?.replace(/,/g, '');
    const total = (await page.locator('#categories-title ~ * tfoot td').first().textContent())?.replace(/,/g, '');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download “Workers by role category” as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/categories-all\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toMatch(/^"# Release \d{4}-\d{2}/);
    expect(csv).toContain(`Care or support worker,${shown}`);
    expect(csv).toContain(`Total,${total}`);
    expect(csv).not.toMatch(/Ottoline|Vexbridge|example\.test/);
  });

  it('keeps the released figures when a care worker withdraws consent on their phone (next release only)', async () => {
    await page.goto(`${server.origin}/commissioner/${slug}`);
    const before = await page.locator('main').textContent();
    const phone = await phonePage(browser);
    await signIn(phone, WORKER, '/account/workforce');
    expect(await phone.locator('main').textContent()).toContain('No name, email or identifier leaves');
    const consent = phone.getByLabel(/I agree to be counted anonymously/);
    expect(await consent.isChecked()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await consent.uncheck();
    await phone.getByRole('button', { name: 'Save' }).click();
    await phone.waitForURL('**/account/workforce?notice=withdrawn');
    expect(await phone.getByRole('status').textContent()).toContain('not be counted from the next monthly release');

    // Nothing a commissioner sees changes between releases: a single withdrawal never shows on its own.
    await page.reload();
    expect(await page.locator('main').textContent()).toBe(before);
  });

  it('is usable at phone width: charts scale down, tables scroll inside their box', async () => {
    const phone = await phonePage(browser);
    await signIn(phone, ANALYST, `/commissioner/${slug}`);
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 376 && !e.closest('.scroll'))
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const box = await phone.getByRole('img', { name: 'Workers by role category' }).boundingBox();
    expect(box?.width).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });
});

/**
 * The platform admin's pages in a real browser: edit a catalogue role's requirements (untick one, make another
 * recommended, give the reason), see the public role page follow, then reset it. Checked with axe and at phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../worker/services/accounts/accounts';
import {
  type E2eSetup,
  type RunningServer,
  browserAvailable,
  phonePage,
  seriousA11yViolations,
  startE2e,
} from './harness';

const ADMIN = 'admin@platform-e2e.test';
const PASSWORD = 'orchard lantern quiet 41';
const ROLE = 'cwp-care-or-support-worker';

describe.runIf(browserAvailable)('browser: platform admin', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    await createUser(e2e.deps, {
      email: ADMIN,
      password: PASSWORD,
      displayName: 'Pat Admin',
      verified: true,
      isPlatformAdmin: true,
    });
    page = await phonePage(browser);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.origin}/sign-in?next=/admin/roles`);
    await page.getByLabel('Email address').fill(ADMIN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/roles');
  }, 120_000);
  afterAll(() => e2e?.stop());

  const fitsPhone = async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(page), page.url()).toEqual([]);
  };

  it('edits a role’s requirements with a reason, and the public role page shows the change', async () => {
    await fitsPhone();
    await page.getByRole('link', { name: 'Care or support worker', exact: true }).click();
    await page.waitForURL(`**/admin/roles/${ROLE}`);
    await fitsPhone();
    const ticked = page.locator('input[name="req"]:checked');
    const before = await ticked.count();
    expect(before).toBeGreaterThan(3);
    const first = page.locator('input[name="req"]:checked').first();
    const droppedId = (await first.getAttribute('value'))!;
    await first.uncheck();
    // Saving without a reason is refused with the error linked to its field.
    await page.getByRole('button', { name: 'Save requirements' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Say why the requirements change');
    expect(await page.locator('input[name="req"]:checked').count()).toBe(before - 1);
    // Make a required one recommended: changed rows carry the reason as their basis.
    const values = await page
      .locator('input[name="req"]:checked')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    let weakened = '';
    for (const v of values) {
      if ((await page.locator(`select[name="strength-${v}"]`).inputValue()) === 'required') {
        weakened = v;
        break;
      }
    }
    expect(weakened).not.toBe('');
    await page.locator(`select[name="strength-${weakened}"]`).selectOption('recommended');
    await page.getByLabel('Reason for the change').fill('Checked against local commissioning guidance');
    await page.getByRole('button', { name: 'Save requirements' }).click();
    await page.waitForURL('**?notice=requirements');
    expect(await page.locator('input[name="req"]:checked').count()).toBe(before - 1);
    expect(await page.locator(`input[name="req"][value="${droppedId}"]`).isChecked()).toBe(false);
    expect(await page.locator(`select[name="strength-${weakened}"]`).inputValue()).toBe('recommended');

    await page.goto(`${server.origin}/catalogue/roles/${ROLE}`);
    expect(await page.locator('main').innerText()).toContain('Checked against local commissioning guidance');
  });

  it('resets the role to the reference data', async () => {
    await page.goto(`${server.origin}/admin/roles/${ROLE}`);
    await page.getByRole('button', { name: 'Reset to the reference data' }).click();
    await page.waitForURL('**?notice=reset');
    await page.goto(`${server.origin}/admin/roles`);
    expect(await page.locator('main').innerText()).not.toMatch(/Edited \d/);
    await page.goto(`${server.origin}/admin`);
    await fitsPhone();
  });

  it('changes a requirement’s level, and deletes a relation after a check page', async () => {
    await page.goto(`${server.origin}/admin/roles/${ROLE}`);
    await page.getByLabel('Requirement and its new level').selectOption('cstf-sga-l2>cstf-sga-l3');
    await page.locator('#level-note').fill('Trust policy: level 3 for this role');
    await page.getByRole('button', { name: 'Change the level' }).click();
    await page.waitForURL('**?notice=level');
    expect(await page.locator('input[name="req"][value="cstf-sga-l3"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="req"][value="cstf-sga-l2"]').isChecked()).toBe(false);
    const relation = 'eqc-cstf-sga-l3--cstf-sga-l2';
    await page.locator(`#del-${relation}`).click();
    await page.waitForURL(`**/relations/${relation}/delete`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Delete this relation?');
    await fitsPhone();
    await page.getByLabel('Reason for deleting').fill('Local policy assesses each level separately');
    await page.getByRole('button', { name: 'Delete the relation' }).click();
    await page.waitForURL('**?notice=relation_deleted');
    expect(await page.locator(`#del-${relation}`).count()).toBe(0);
  });
});

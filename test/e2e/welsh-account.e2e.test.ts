/**
 * The account page and the worker's consent to workforce statistics in Welsh, in a real browser at phone (375x667)
 * and desktop size: `html[lang=cy]`, axe finding nothing serious or critical, no sideways scroll, a refused form's
 * English messages marked as English, and the Welsh thanks once she agrees to be counted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2eSetup,
  type RunningServer,
  approvedEmployer,
  browserAvailable,
  checkWelsh,
  phonePage,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'kettle garden lantern 77';
const EMAIL = 'carys@e2e.test';

describe.runIf(browserAvailable)('browser: the account page and workforce consent in Welsh', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const carys = await verifiedUser(e2e.deps, EMAIL, 'Carys Gweithiwr', PASSWORD);
    await approvedEmployer(e2e.deps, { name: 'Cartref Gofal Enfys', ownerUserId: carys.id });
  }, 120_000);

  afterAll(() => e2e?.stop());

  async function signIn(page: Page) {
    await page.goto(`${server.origin}/sign-in`);
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  it('on a phone: the account page, a refused consent form, and agreeing to be counted', async () => {
    const page = await phonePage(browser);
    await signIn(page);
    await page.goto(`${server.origin}/account`);
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eich cyfrif' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await checkWelsh(page, 375);

    await page.getByRole('link', { name: 'Ardal, rôl bresennol a chaniatâd ar gyfer ystadegau’r gweithlu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cael eich cyfrif yn ystadegau’r gweithlu' }).waitFor();
    await checkWelsh(page, 375);

    // Agreeing without an area: refused, with the schema's English message marked as English.
    await page.getByLabel('Rwy’n cytuno i gael fy nghyfrif yn ddienw').check();
    await page.getByRole('button', { name: 'Cadw', exact: true }).click();
    await page.locator('#areaCode-error[lang="en"]').waitFor();
    await checkWelsh(page, 375);

    await page.getByLabel('Yr ardal rydych chi’n gweithio ynddi (awdurdod lleol)').selectOption('E08000035');
    await page.getByLabel('Rwy’n cytuno i gael fy nghyfrif yn ddienw').check();
    await page.getByRole('button', { name: 'Cadw', exact: true }).click();
    await page.getByText('Diolch. Rydych chi nawr yn cael eich cyfrif yn ddienw').waitFor();
    await checkWelsh(page, 375);
    await page.context().close();
  });

  it('on a desktop: the account page and the consent page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${server.origin}/language?lang=cy&next=${encodeURIComponent('/account')}`);
    await page.getByRole('heading', { level: 1, name: 'Eich cyfrif' }).waitFor();
    await checkWelsh(page, 1280);
    await page.goto(`${server.origin}/account/workforce`);
    await page.getByRole('heading', { level: 1, name: 'Cael eich cyfrif yn ystadegau’r gweithlu' }).waitFor();
    await checkWelsh(page, 1280);
    await ctx.close();
  });
});

/**
 * The worker's journey and the public verifier in Welsh, in a real browser at phone (375x667) and desktop size:
 * choosing Cymraeg with the switch, `html[lang=cy]`, axe finding nothing serious or critical, no sideways scroll,
 * a live share's link and QR code shown again from the list of links, the career pathway, and the rest of the passport
 * (the summary to print, deleting the account, reminders, adding a certificate, the wallet pages).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  browserAvailable,
  checkWelsh,
  phonePage,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'kettle garden lantern 77';
const WORKER_EMAIL = 'gwen@e2e.test';

describe.runIf(browserAvailable)('browser: the passport and the verifier in Welsh', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let db: Database;

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser, db } = e2e);
    const deps = e2e.deps;
    const now = deps.clock();
    await verifiedUser(deps, WORKER_EMAIL, 'Gwen Gweithiwr', PASSWORD);
    const trainer = await verifiedUser(deps, 'hyfforddwr@e2e.test', 'Huw Hyfforddwr', PASSWORD);
    const academy = await approvedAcademy(deps, { name: 'Academi Gofal E2E', ownerUserId: trainer.id, now });
    const apiToken = (
      await createApiToken(db, { orgId: academy.id, name: 'e2e', scopes: ['issue'], createdBy: trainer.id, now })
    ).token;
    const achievementId = (
      await createAchievement(db, {
        name: 'Moving and handling (level 2)',
        description: 'Practical training with an observed assessment.',
        criteria: 'Completed the session and passed the assessment.',
        achievementType: 'CertificateOfCompletion',
        assessmentMethod: 'observed-practice',
        alignedIds: ['cstf-mh-l2'],
        orgId: academy.id,
        createdBy: trainer.id,
        now,
      })
    ).id;
    const res = await fetch(`${server.origin}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({ credential: { achievementId, credentialSubject: { email: WORKER_EMAIL, name: 'Gwen' } } }),
    });
    expect(res.status).toBe(201);
  }, 120_000);

  afterAll(() => e2e?.stop());

  /** Signs the worker in, then chooses Cymraeg with the switch's link, coming back to `next`. */
  async function signInInWelsh(page: Page, next: string) {
    await page.goto(`${server.origin}/sign-in`);
    await page.locator('#email').fill(WORKER_EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${server.origin}/language?lang=cy&next=${encodeURIComponent(next)}`);
  }

  it('on a phone: switch to Cymraeg, see the passport, a certificate, share, and show the link again', async () => {
    const page = await phonePage(browser);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.origin}/sign-in`);
    await page.locator('#email').fill(WORKER_EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${server.origin}/passport`);
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fy mhasbort' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/passport');
    await checkWelsh(page, 375);

    await page.getByRole('link', { name: 'Moving and handling (level 2)' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Newydd ei gwirio' }).waitFor();
    // The fresh check speaks Welsh; only the verifier's own step details stay English, marked so.
    expect(await page.locator('section.result').getAttribute('aria-label')).toBe(
      'Moving and handling (level 2): Dilys',
    );
    expect(await page.locator('main div[lang="en"]').count()).toBe(0);
    await checkWelsh(page, 375);

    await page.getByRole('link', { name: 'Rhannu’r dystysgrif hon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rhannu â chyflogwr' }).waitFor();
    await checkWelsh(page, 375);
    await page.getByLabel('Ar gyfer pwy mae hi? (dewisol)').fill('Cyfweliad');
    await page.getByRole('button', { name: 'Creu dolen rannu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mae eich dolen rannu yn barod' }).waitFor();
    const link = await page.locator('#share-link').inputValue();
    expect(link).toMatch(/\/s\/[a-z2-7]{32}$/);
    await checkWelsh(page, 375);

    await page.goto(`${server.origin}/passport/shares`);
    await checkWelsh(page, 375);
    await page.getByRole('link', { name: 'Dangos y ddolen a’r cod QR' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cyfweliad' }).waitFor();
    expect(await page.locator('#share-link').inputValue()).toBe(link);
    expect(await page.getByRole('img', { name: 'Cod QR eich dolen rannu' }).count()).toBe(1);
    await checkWelsh(page, 375);

    // The career pathway: choose roles, see the gap and the pay (catalogue names stay English, marked so).
    await page.goto(`${server.origin}/passport/pathway`);
    await page.getByLabel('Ble rydych chi nawr?').selectOption('dhsc-care-worker');
    await page.getByLabel('I ble yr hoffech chi gyrraedd?').selectOption('dhsc-senior-care-worker');
    await page.getByRole('button', { name: 'Cadw a dangos fy llwybr' }).click();
    await page.getByRole('heading', { level: 2, name: 'Band a chyflog (dangosol)' }).waitFor();
    expect(await page.getByRole('img', { name: /^Ysgol yrfa: / }).count()).toBeGreaterThan(0);
    expect(await page.locator('.ladder-figure div[lang="en"]').count()).toBe(0);
    await checkWelsh(page, 375);

    // Back to English with the same switch.
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My career pathway' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    await page.context().close();
  });

  it('the public verifier in Welsh on a phone and on a desktop, from Accept-Language on a first visit', async () => {
    for (const viewport of [
      { width: 375, height: 667 },
      { width: 1280, height: 800 },
    ]) {
      const ctx = await browser.newContext({
        viewport,
        locale: 'cy-GB',
        extraHTTPHeaders: { 'accept-language': 'cy' },
      });
      const page = await ctx.newPage();
      await page.goto(`${server.origin}/verify`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gwirio tystysgrif');
      await checkWelsh(page, viewport.width);
      await page.getByLabel('Dolen rannu neu dystysgrif ddigidol').fill('nid tystysgrif mo hon');
      await page.getByRole('button', { name: 'Gwirio' }).click();
      await page.getByRole('heading', { level: 2, name: 'Doedden ni ddim yn gallu gwirio hynny' }).waitFor();
      await checkWelsh(page, viewport.width);
      await ctx.close();
    }
  });

  it('sign-up and sign-in in Welsh on a phone, a refused form keeping its English messages marked', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 375, height: 667 },
      extraHTTPHeaders: { 'accept-language': 'cy' },
    });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/sign-up`);
    await page.getByRole('heading', { level: 1, name: 'Creu eich cyfrif' }).waitFor();
    await checkWelsh(page, 375);
    await page.getByLabel('Cyfeiriad e-bost').fill('nid-e-bost');
    await page.getByRole('button', { name: 'Creu cyfrif' }).click();
    await page.locator('#email-error[lang="en"]').waitFor();
    // The error summary is headed in Welsh; its English message is marked so.
    await page.getByRole('heading', { level: 2, name: 'Mae problem' }).waitFor();
    expect(await page.locator('#error-summary-title + ul > li[lang="en"]').count()).toBeGreaterThan(0);
    await checkWelsh(page, 375);
    await page.getByRole('link', { name: 'Mewngofnodwch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
    await checkWelsh(page, 375);
    await page.getByRole('link', { name: 'Wedi anghofio eich cyfrinair?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ailosod eich cyfrinair' }).waitFor();
    await checkWelsh(page, 375);
    await ctx.close();
  });

  it('the passport in Welsh on a desktop', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await signInInWelsh(page, '/passport');
    await page.getByRole('heading', { level: 1, name: 'Fy mhasbort' }).waitFor();
    await checkWelsh(page, 1280);
    for (const path of ['/passport/shares', '/passport/pathway']) {
      await page.goto(`${server.origin}${path}`);
      await checkWelsh(page, 1280);
    }
    await ctx.close();
  });

  it('the rest of the passport in Welsh on a phone: print, delete, reminders, adding, wallets', async () => {
    const page = await phonePage(browser);
    await signInInWelsh(page, '/passport/print');
    await page.getByRole('heading', { level: 1, name: 'Care Passport: Gwen Gweithiwr' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Dilys tan' }).count()).toBe(1);
    await checkWelsh(page, 375);

    await page.goto(`${server.origin}/account/delete`);
    await page.getByRole('heading', { level: 1, name: 'Dileu eich cyfrif' }).waitFor();
    expect(await page.getByLabel('Teipiwch eich cyfeiriad e-bost i gadarnhau').count()).toBe(1);
    await checkWelsh(page, 375);

    for (const [path, heading] of [
      ['/passport/reminders', 'Nodiadau atgoffa am hyfforddiant gloywi'],
      ['/passport/import', 'Ychwanegu tystysgrif o rywle arall'],
      ['/passport/answer-request', 'Ateb cais am brawf'],
      ['/passport/wallet-offer', 'Ychwanegu tystysgrif o gynnig waled'],
    ] as const) {
      await page.goto(`${server.origin}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await checkWelsh(page, 375);
    }

    // A refused wallet offer keeps its English reason, marked so.
    await page.getByLabel('Dolen y cynnig').fill('nid cynnig mo hwn');
    await page.getByRole('button', { name: 'Cymryd y dystysgrif' }).click();
    await page.locator('#link-error[lang="en"]').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mae problem' }).waitFor();
    await checkWelsh(page, 375);

    // Putting a certificate into a wallet app: the one-time offer with its QR code and PIN.
    await page.goto(`${server.origin}/passport`);
    await page.getByRole('link', { name: 'Moving and handling (level 2)' }).first().click();
    await page.getByRole('button', { name: 'Ychwanegu at ap waled' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ychwanegu at ap waled' }).waitFor();
    await checkWelsh(page, 375);
    await page.goto(`${server.origin}/passport/shares`);
    await page.getByRole('heading', { level: 2, name: 'Copïau mewn apiau waled' }).waitFor();
    await checkWelsh(page, 375);
    await page.context().close();
  });
});

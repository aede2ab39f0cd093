/**
 * The public verifier's result, the printable certificate, the home page and help in Welsh, in a real browser at
 * phone (375x667) and desktop size: `html[lang=cy]` with the review note, axe finding nothing serious or critical, and
 * no sideways scroll, for a valid credential and a revoked one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  browserAvailable,
  checkWelsh,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'kettle garden lantern 77';
const VIEWPORTS = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
];

describe.runIf(browserAvailable)('browser: the verifier’s result, certificates, home and help in Welsh', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let valid = '';
  let revoked = '';
  const certificateIds: string[] = [];

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const { deps, db } = e2e;
    const now = deps.clock();
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
    const api = async (path: string, body: unknown) => {
      const res = await fetch(`${server.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
        body: JSON.stringify(body),
      });
      expect(res.status, path).toBeLessThan(300);
      return (await res.json()) as { credentialId: string; verifiableCredential: { id: string } };
    };
    const issue = async () => {
      const body = await api('/credentials/issue', {
        credential: { achievementId, credentialSubject: { email: 'gwen@e2e.test', name: 'Gwen' } },
        options: { notify: false },
      });
      certificateIds.push(body.credentialId.replace('urn:uuid:', ''));
      return { id: body.credentialId, jwt: body.verifiableCredential.id.slice('data:application/vc+jwt,'.length) };
    };
    valid = (await issue()).jwt;
    const toRevoke = await issue();
    revoked = toRevoke.jwt;
    await api('/credentials/status', {
      credentialId: toRevoke.id,
      credentialStatus: [{ status: 'revoked' }],
      reason: 'Issued in error',
    });
  }, 120_000);

  afterAll(() => e2e?.stop());

  it('shows a valid and a revoked credential’s result in Welsh on a phone and on a desktop', async () => {
    for (const viewport of VIEWPORTS) {
      const ctx = await browser.newContext({ viewport, extraHTTPHeaders: { 'accept-language': 'cy' } });
      const page = await ctx.newPage();
      for (const [jwt, headline, verdict] of [
        [valid, 'Dilys: mae’r dystysgrif ddigidol yn gywir.', 'Dilys'],
        [revoked, 'Nid yw 1 o 1 tystysgrif ddigidol yn ddilys. Mae’r rhesymau isod.', 'Annilys'],
      ] as const) {
        await page.goto(`${server.origin}/verify`);
        await page.getByLabel('Dolen rannu neu dystysgrif ddigidol').fill(jwt);
        await page.getByRole('button', { name: 'Gwirio' }).click();
        await page.getByRole('heading', { level: 2, name: 'Canlyniad' }).waitFor();
        expect(await page.getByRole('status').first().textContent()).toBe(headline);
        const card = page.getByRole('region', { name: /^Moving and handling \(level 2\): / });
        expect(await card.getAttribute('aria-label')).toMatch(new RegExp(`: ${verdict}`));
        await checkWelsh(page, viewport.width);
        // The technical details open without breaking the layout; the verifier's own words stay marked English.
        await page.getByText('Manylion technegol').first().click();
        expect(await page.locator('details.technical li span[lang="en"]').count()).toBeGreaterThan(0);
        await checkWelsh(page, viewport.width);
      }
      await ctx.close();
    }
  });

  it('prints a valid and a revoked certificate in Welsh on a phone and on a desktop', async () => {
    for (const viewport of VIEWPORTS) {
      const ctx = await browser.newContext({ viewport, extraHTTPHeaders: { 'accept-language': 'cy' } });
      const page = await ctx.newPage();
      for (const [id, status] of [
        [certificateIds[0], 'Dilys'],
        [certificateIds[1], 'WEDI’I DIDDYMU'],
      ] as const) {
        await page.goto(`${server.origin}/certificates/${id}`);
        await page.getByRole('heading', { level: 1, name: 'Moving and handling (level 2)' }).waitFor();
        expect(await page.locator('dt:text-is("Statws") + dd').textContent()).toBe(status);
        expect(await page.getByRole('img', { name: /^Cod QR: gwiriwch y dystysgrif hon yn / }).count()).toBe(1);
        expect(await page.locator('article.certificate p > span[lang="en"]').textContent()).toBe(
          'Practical training with an observed assessment.',
        );
        await checkWelsh(page, viewport.width);
      }
      expect(await page.getByRole('alert').textContent()).toMatch(/^WEDI’I DIDDYMU\. Mae’r cyhoeddwr/);
      await ctx.close();
    }
  });

  it('keeps the English result, technical details open, within a phone’s width', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS[0] });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/verify`);
    await page.getByLabel('Share link or credential').fill(valid);
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByRole('heading', { level: 2, name: 'Result' }).waitFor();
    await page.getByText('Technical details').first().click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await ctx.close();
  });

  it('shows the home page and the help pages in Welsh on a phone and on a desktop', async () => {
    for (const viewport of VIEWPORTS) {
      const ctx = await browser.newContext({ viewport, extraHTTPHeaders: { 'accept-language': 'cy' } });
      const page = await ctx.newPage();
      await page.goto(`${server.origin}/`);
      await page.getByRole('heading', { level: 1, name: /^Eich hyfforddiant gofal/ }).waitFor();
      await checkWelsh(page, viewport.width);
      await page.getByRole('link', { name: 'Help', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
      await checkWelsh(page, viewport.width);
      await page.getByRole('link', { name: 'Gweithwyr gofal' }).click();
      await page.getByRole('heading', { level: 1, name: 'Help i weithwyr gofal' }).waitFor();
      await checkWelsh(page, viewport.width);
      await page.goto(`${server.origin}/contact`);
      await page.getByRole('heading', { level: 1, name: 'Cysylltu â ni' }).waitFor();
      await checkWelsh(page, viewport.width);
      await ctx.close();
    }
  });
});

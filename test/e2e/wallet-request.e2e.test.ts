/**
 * Browser: an employer asks a wallet app for proof at phone size. The page shows the request as a QR code and a
 * same-device link; a third-party wallet client answers it over HTTP; the page, polling on its own, turns to the
 * verified result and the role fit. The pages have no serious accessibility violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { createWalletOffer } from '../../worker/services/wallets/offers';
import { takeOffer, walletKey } from '../helpers/wallet';
import { answerRequest, walletPresentation } from '../helpers/wallet-presentation';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  approvedEmployer,
  browserAvailable,
  fireSafetyAchievement,
  phonePage,
  seriousA11yViolations,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'wallet e2e passphrase 42';

describe.runIf(browserAvailable)('browser: asking a wallet app for proof', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let walletCopy: string;
  const key = walletKey('ES256');

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const { db, deps, config } = e2e;
    const now = deps.clock();
    const [trainer, manager, worker] = await Promise.all(
      [
        ['trainer@wallet-e2e.test', 'Asha Trainer'],
        ['manager@wallet-e2e.test', 'Erin Manager'],
        ['wendy@wallet-e2e.test', 'Wendy Worker'],
      ].map(([email, name]) => verifiedUser(deps, email as string, name as string, PASSWORD)),
    );
    const academy = await approvedAcademy(deps, { name: 'Northern Care Academy', ownerUserId: trainer!.id, now });
    await approvedEmployer(deps, { name: 'Sunrise Care Homes', ownerUserId: manager!.id });
    const issuer = { orgId: academy.id, name: 'wallet e2e', createdBy: trainer!.id, now };
    const { token } = await createApiToken(db, { ...issuer, scopes: ['issue'] });
    const fire = await fireSafetyAchievement(db, { orgId: academy.id, createdBy: trainer!.id, now });
    const res = await fetch(`${server.origin}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        credential: { achievementId: fire.id, credentialSubject: { email: worker!.email, name: 'Wendy Worker' } },
        options: { notify: false },
      }),
    });
    expect(res.status).toBe(201);
    const credentialId = ((await res.json()) as { credentialId: string }).credentialId.replace('urn:uuid:', '');
    const offer = await createWalletOffer(db, config, { userId: worker!.id, credentialId, now });
    const taken = await takeOffer(fetch, {
      deepLink: offer.deepLink,
      pin: offer.txCode,
      key: await key,
      now: new Date(),
    });
    walletCopy = (taken.res.credentialResponse as { credentials: { credential: string }[] }).credentials[0]
      ?.credential as string;
  }, 180_000);

  afterAll(() => e2e?.stop());

  it('shows the request as a QR code and turns to the verified role fit when the wallet answers', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.origin}/sign-in`);
    await page.locator('input[name="email"]').fill('manager@wallet-e2e.test');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
      page.locator('main form button[type="submit"]').click(),
    ]);
    await page.goto(`${server.origin}/employer/sunrise-care-homes`);
    await Promise.all([
      page.waitForURL('**/wallet-requests'),
      page.getByRole('link', { name: 'Ask a wallet app for proof' }).click(),
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#role').selectOption('role:dhsc-senior-care-worker');
    await Promise.all([
      page.waitForURL('**/wallet-requests/*'),
      page.getByRole('button', { name: 'Show the QR code' }).click(),
    ]);
    expect(await page.getByRole('img', { name: /QR code: a request for proof/ }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const link =
      (await page.getByRole('link', { name: 'Open in a wallet app on this device' }).getAttribute('href')) ?? '';
    expect(link).toMatch(/^openid4vp:\/\/\?/);

    const holderKey = await key;
    const { response } = await answerRequest(fetch, link, (req) =>
      walletPresentation(holderKey, [walletCopy], { aud: req.clientId, nonce: req.nonce, now: new Date() }),
    );
    expect(response.status).toBe(200);
    // No reload by the test: the page's own polling brings the result.
    await page.getByRole('heading', { name: /Role fit: Senior care worker/ }).waitFor({ timeout: 15_000 });
    const fireRow = page.locator('tr', { hasText: '(CSTF-FIRE)' });
    expect(await fireRow.locator('td').first().innerText()).toContain('Met and in date');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);
});

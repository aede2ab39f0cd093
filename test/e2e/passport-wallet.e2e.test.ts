/**
 * Browser: the passport as a wallet, on a phone (375x667) and on a desktop. The worker pastes an academy's wallet
 * offer with its PIN and the certificate comes into her passport; she pastes an employer's request for proof, ticks a
 * certificate and sends it, and the employer's request turns verified. Each page has no serious accessibility
 * violations and does not scroll sideways.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentationRequests } from '../../db/schema';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { createWalletOffer } from '../../worker/services/wallets/offers';
import { createPresentationRequest, requestLink } from '../../worker/services/wallets/presentation-requests';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  approvedEmployer,
  browserAvailable,
  fireSafetyAchievement,
  phonePage,
  seriousA11yViolations,
  signInAs,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'passport wallet e2e passphrase 7';
const WORKER = 'gwen@passport-wallet-e2e.test';

describe.runIf(browserAvailable)('browser: the passport as a wallet', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let browser: Browser;
  let ids: { worker: string; manager: string; employer: string; achievement: string; token: string };

  beforeAll(async () => {
    e2e = await startE2e();
    ({ server, browser } = e2e);
    const { db, deps } = e2e;
    const now = deps.clock();
    const [trainer, manager, worker] = await Promise.all(
      [
        ['trainer@passport-wallet-e2e.test', 'Tomos Trainer'],
        ['manager@passport-wallet-e2e.test', 'Mari Manager'],
        [WORKER, 'Gwen Worker'],
      ].map(([email, name]) => verifiedUser(deps, email as string, name as string, PASSWORD)),
    );
    const academy = await approvedAcademy(deps, { name: 'Valley Care Academy', ownerUserId: trainer!.id, now });
    const employer = await approvedEmployer(deps, { name: 'Harbour Care Homes', ownerUserId: manager!.id });
    const { token } = await createApiToken(db, {
      orgId: academy.id,
      name: 'passport wallet e2e',
      scopes: ['issue'],
      createdBy: trainer!.id,
      now,
    });
    const fire = await fireSafetyAchievement(db, { orgId: academy.id, createdBy: trainer!.id, now });
    ids = { worker: worker!.id, manager: manager!.id, employer: employer.id, achievement: fire.id, token };
  }, 180_000);

  afterAll(() => e2e?.stop());

  /** A certificate issued into the worker's passport by the academy's API; returns its register id. */
  async function certificate(): Promise<string> {
    const res = await fetch(`${server.origin}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ids.token}` },
      body: JSON.stringify({
        credential: { achievementId: ids.achievement, credentialSubject: { email: WORKER, name: 'Gwen Worker' } },
        options: { notify: false },
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { credentialId: string }).credentialId.replace('urn:uuid:', '');
  }

  /** The page passes axe (no serious or critical violations) and fits its viewport's width. */
  async function checkPage(page: Page) {
    expect(await seriousA11yViolations(page), page.url()).toEqual([]);
    const width = page.viewportSize()?.width ?? 0;
    expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(width);
  }

  const sizes: [string, (b: Browser) => Promise<Page>][] = [
    ['on a phone', phonePage],
    ['on a desktop', (b) => b.newPage({ viewport: { width: 1280, height: 900 } })],
  ];

  it.each(sizes)(
    'takes a wallet offer and answers a request for proof %s',
    async (_, open) => {
      const { db, config, deps } = e2e as E2eSetup;
      const page = await open(browser);
      await signInAs(page, server.origin, WORKER, PASSWORD);

      const offer = await createWalletOffer(db, config, {
        userId: ids.worker,
        credentialId: await certificate(),
        now: deps.clock(),
      });
      await page.goto(`${server.origin}/passport/wallet-offer`);
      await checkPage(page);
      await page.getByLabel('The offer link').fill(offer.deepLink);
      await page.getByLabel('PIN').fill(offer.txCode);
      await Promise.all([
        page.waitForURL('**/passport/credentials/*?notice=imported'),
        page.getByRole('button', { name: 'Take the certificate' }).click(),
      ]);
      expect(await page.locator('main').innerText()).toContain('Fire safety');
      await checkPage(page);

      const mine = await certificate();
      const requestId = await createPresentationRequest(
        { db, config },
        { orgId: ids.employer, userId: ids.manager, roleRef: 'role:dhsc-senior-care-worker', now: deps.clock() },
      );
      const [row] = await db.select().from(presentationRequests).where(eq(presentationRequests.id, requestId));
      await page.goto(`${server.origin}/passport/answer-request`);
      await checkPage(page);
      await page.getByLabel('The request link').fill(requestLink(config, row!));
      await Promise.all([
        page.waitForURL('**/passport/answer-request?*'),
        page.getByRole('button', { name: 'Show the request' }).click(),
      ]);
      expect(await page.locator('main').innerText()).toContain('Harbour Care Homes asks for proof');
      await checkPage(page);
      await page.locator(`input[name="credentialIds"][value="${mine}"]`).check();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/passport/answer-request') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Send proof to Harbour Care Homes' }).click(),
      ]);
      await page.getByText('which accepted it').waitFor();
      await checkPage(page);
      const [after] = await db.select().from(presentationRequests).where(eq(presentationRequests.id, requestId));
      expect(after?.status).toBe('verified');
      await page.context().close();
    },
    120_000,
  );
});

/**
 * Refused academy forms in a real browser at phone size: the error summary is at the top and has the focus when the
 * page comes back, and revoking asks for its reason before the "cannot be undone" dialog.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../worker/services/academy/achievements';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { achievementFixture } from '../helpers/world';
import {
  type E2eSetup,
  type RunningServer,
  approvedAcademy,
  browserAvailable,
  phonePage,
  signInAs,
  startE2e,
  verifiedUser,
} from './harness';

const PASSWORD = 'copper willow harbour 41';
const TRAINER = 'errors@academy-e2e.test';

describe.runIf(browserAvailable)('browser: refused academy forms on a phone', () => {
  let e2e: E2eSetup | undefined;
  let server: RunningServer;
  let page: Page;
  let achievementPath: string;
  let credentialPath: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    e2e = await startE2e();
    server = e2e.server;
    const trainer = await verifiedUser(e2e.deps, TRAINER, 'Esme Errors', PASSWORD);
    const academy = await approvedAcademy(e2e.deps, { name: 'Copper Care Academy', ownerUserId: trainer.id });
    const now = e2e.deps.clock();
    const achievement = await createAchievement(e2e.db, {
      ...achievementFixture(),
      orgId: academy.id,
      createdBy: trainer.id,
      now,
    });
    const loaded = await loadAchievement(e2e.db, academy.id, achievement.id);
    const [issued] = await issueCredentials(issueContext(e2e.deps, trainer.id), loaded, [
      { name: 'Remy Revoke', email: 'remy@example.test', completedOn: now.toISOString().slice(0, 10) },
    ]);
    achievementPath = `/academy/${academy.slug}/achievements/${achievement.id}`;
    credentialPath = `/academy/${academy.slug}/credentials/${issued!.credentialId}`;
    page = await phonePage(e2e.browser);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await signInAs(page, server.origin, TRAINER, PASSWORD);
  }, 120_000);

  afterAll(() => e2e?.stop());

  /** Whether the focused element is the error summary, and where it sits in the viewport. */
  const focusedSummary = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const box = el?.getBoundingClientRect();
      return {
        summary: el?.getAttribute('aria-labelledby') === 'error-summary-title',
        visible: !!box && box.top >= 0 && box.top < window.innerHeight,
      };
    });

  it('focuses the error summary, in view, after a cohort file with a missing column', async () => {
    await page.goto(`${server.origin}${achievementPath}`);
    await page.locator('#file').setInputFiles({
      name: 'cohort.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,email\nAmina Khan,amina@example.org\n'),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await focusedSummary()).toEqual({ summary: true, visible: true });
    await page.getByRole('link', { name: /^Cohort file: / }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file');
  });

  it('comes back to the form with a field error after a cohort file over 2 MB', async () => {
    await page.goto(`${server.origin}${achievementPath}`);
    await page.locator('#file').setInputFiles({
      name: 'whole-year.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,email,completion_date\n${'Amina Khan,amina@example.org,20/05/2026\n'.repeat(66_000)}`),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(new URL(page.url()).pathname).toBe(`${achievementPath}/cohorts`);
    expect(await page.locator('#file-error').innerText()).toContain('The file is larger than 2 MB');
    expect(await focusedSummary()).toEqual({ summary: true, visible: true });
  });

  it('asks for the reason for revoking before the dialog, then focuses the summary when the server refuses', async () => {
    await page.goto(`${server.origin}${credentialPath}`);
    await page.getByRole('button', { name: 'Revoke permanently' }).click();
    expect(await page.locator('#reason').evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(
      true,
    );
    expect(dialogs).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(credentialPath);

    // Spaces pass the browser's check; the server trims them and refuses, and the page comes back with the summary.
    await page.locator('#reason').fill('      ');
    await page.getByRole('button', { name: 'Revoke permanently' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(dialogs).toHaveLength(1);
    expect(await focusedSummary()).toEqual({ summary: true, visible: true });
  });
});

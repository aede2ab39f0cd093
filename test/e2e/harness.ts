/** End-to-end harness: starts the real Node server on a free port with a fresh database, and headless Chromium. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { type Browser, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { type Config, parseConfig } from '../../worker/config';
import type { AppDeps, SessionUser } from '../../worker/context';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { openLibsql } from '../../worker/runtime/libsql';
import { type AccountDeps, createUser } from '../../worker/services/accounts/accounts';
import { type Organisation, createOrganisation } from '../../worker/services/organisations/organisations';
import { approveOrganisation, listIssuingFrameworks } from '../../worker/services/organisations/approval';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests run whenever Chromium is installed, and must run in CI (a missing browser fails there). */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';
/** The MASTER_KEY every e2e server runs with, so tests can build a matching config for the same database. */
export const E2E_MASTER_KEY = 'e2e-master-key-0123456789-abcdefghijklmnopqrstuv';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  origin: string;
  dir: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** Starts `worker/node.ts` as `npm start` would, with its own data folder; resolves when /healthz answers. */
export async function startServer(env: Record<string, string> = {}, dir?: string): Promise<RunningServer> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'cp-e2e-'));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const output: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'worker/node.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      DATABASE_URL: `file:${join(dataDir, 'e2e.db')}`,
      MASTER_KEY: E2E_MASTER_KEY,
      ENVIRONMENT: 'development',
      LOG_REQUESTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => output.push(String(d)));
  proc.stderr?.on('data', (d) => output.push(String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    dir: dataDir,
    proc,
    output,
    async stop() {
      if (proc.exitCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      if (!dir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the database file of a server started by startServer (the test's own client; close it when done). */
export function openServerDb(server: Pick<RunningServer, 'dir'>) {
  return openLibsql(`file:${join(server.dir, 'e2e.db')}`);
}

/** Launches Debian's Chromium headless with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized page (iPhone SE-like viewport), for the care worker's flows. */
export async function phonePage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return ctx.newPage();
}

/** Runs axe-core in the page and returns serious or critical violations. */
export async function seriousA11yViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: number }[]> {
  // Evaluated, not injected as a <script>: the page's CSP (script-src 'self') rightly blocks injected scripts.
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  })) as { violations: { id: string; impact: string; help: string; nodes: unknown[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

/** A page in Welsh: `html[lang=cy]` with the review note, axe finding nothing serious or critical, and no wider than `width`. */
export async function checkWelsh(page: Page, width: number) {
  expect(await page.locator('html').getAttribute('lang'), page.url()).toBe('cy');
  expect(await page.locator('main').textContent(), page.url()).toContain('Cyfieithiad heb ei adolygu eto');
  expect(await seriousA11yViolations(page), page.url()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(width);
}

/** A running server and browser, the server's database, and app dependencies to prepare data through the services. */
export interface E2eSetup {
  server: RunningServer;
  browser: Browser;
  client: Client;
  db: Database;
  config: Config;
  deps: AppDeps;
  /** Closes the database client, the browser and the server. */
  stop(): Promise<void>;
}

/**
 * Starts the server (without demo data unless `env` says otherwise) and Chromium in parallel, and opens the
 * server's database with a config and deps matching the server's. If any step fails, what did start is stopped.
 */
export async function startE2e(env: Record<string, string> = {}): Promise<E2eSetup> {
  const [started, launched] = await Promise.allSettled([startServer({ SEED_DEMO: 'false', ...env }), launchBrowser()]);
  const server = started.status === 'fulfilled' ? started.value : undefined;
  const browser = launched.status === 'fulfilled' ? launched.value : undefined;
  let client: Client | undefined;
  const stop = async () => {
    try {
      client?.close();
    } finally {
      try {
        await browser?.close();
      } finally {
        await server?.stop();
      }
    }
  };
  try {
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const opened = await openServerDb(started.value);
    client = opened.client;
    const db = opened.db;
    const config = parseConfig({
      ENVIRONMENT: 'development',
      PUBLIC_ORIGIN: started.value.origin,
      MASTER_KEY: E2E_MASTER_KEY,
      DATABASE_URL: 'file:unused',
    });
    const clock = () => new Date();
    const logger = jsonLogger(() => {});
    const deps: AppDeps = runtimeDeps(db, config, clock, logger);
    return { server: started.value, browser: launched.value, client, db, config, deps, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/** Creates an account whose email is already verified. */
export function verifiedUser(
  deps: AccountDeps,
  email: string,
  displayName: string,
  password: string,
): Promise<SessionUser> {
  return createUser(deps, { email, password, displayName, verified: true });
}

/** Creates an academy owned by `ownerUserId` and approves it to issue against every competency framework. */
export async function approvedAcademy(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { name: string; ownerUserId: string; now?: Date },
): Promise<Organisation> {
  const now = input.now ?? deps.clock();
  const scopes = (await listIssuingFrameworks(deps.db)).map((f) => f.id);
  const academy = await createOrganisation(deps.db, {
    name: input.name,
    kind: 'academy',
    ownerUserId: input.ownerUserId,
    now,
  });
  return approveOrganisation(deps.db, { orgId: academy.id, frameworkIds: scopes, adminUserId: null, now });
}

/** Creates an employer owned by `ownerUserId` and approves it. */
export async function approvedEmployer(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { name: string; ownerUserId: string },
): Promise<Organisation> {
  const now = deps.clock();
  const employer = await createOrganisation(deps.db, { ...input, kind: 'employer', now });
  return approveOrganisation(deps.db, { orgId: employer.id, adminUserId: null, now });
}

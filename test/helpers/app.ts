/** Test harness: a real libSQL database from the real migrations, seeded, behind the real app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../../db/seed/reference';
import { createApp } from '../../worker/app';
import { parseConfig } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import { jsonLogger, runtimeDeps } from '../../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../../worker/runtime/libsql';

export const TEST_MASTER_KEY = 'test-master-key-0123456789-abcdefghijklmnop';
export const TEST_ORIGIN = 'http://localhost:8787';

export interface TestEnv {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  /** Moves the injected clock. */
  setNow(d: Date | string): void;
  /** Every line the app logged (for the secrets review). */
  logs: string[];
  close(): void;
}

/** Builds a fresh database file, migrates and seeds it, and returns the app over it. */
export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'cp-test-'));
  const { client, db } = await openLibsql(`file:${join(dir, 'test.db')}`);
  await migrateLibsql(db);
  await seedReference(db);
  let now = new Date('2026-06-01T09:00:00.000Z');
  const clock = () => new Date(now);
  const logs: string[] = [];
  const config = parseConfig({
    ENVIRONMENT: 'test',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    MASTER_KEY: TEST_MASTER_KEY,
    DATABASE_URL: 'file:unused',
    ...overrides,
  });
  const logger = jsonLogger((l) => logs.push(l));
  const deps: AppDeps = runtimeDeps(db, config, clock, logger);
  return {
    app: createApp(deps),
    deps,
    logs,
    setNow(d) {
      now = new Date(d);
    },
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny cookie jar over app.request, so tests can act as a browser would. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private env: TestEnv) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.env.app.request(`${TEST_ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) {
      const [pair = ''] = sc.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(sc) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }

  get(path: string, accept = 'text/html') {
    return this.request(path, { headers: { accept } });
  }

  /** Posts a form with the page's CSRF token (read from `csrfFrom`, default the path itself); arrays repeat a field. */
  async postForm(path: string, fields: Record<string, string | string[]>, csrfFrom?: string): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    if (!body.has('_csrf') && this.cookies.size) {
      const page = await (await this.get(csrfFrom ?? '/account')).text();
      const m = page.match(/name="_csrf" value="([^"]+)"/);
      if (m?.[1]) body.set('_csrf', m[1]);
    }
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN },
      body,
    });
  }

  postJson(path: string, json: unknown, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  }
}

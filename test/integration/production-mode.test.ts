/** Production mode as deployed: HTTPS origin, HSTS, Secure cookies, CSP, no development aids, no demo sign-ins. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql as sqlText } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../db/seed/demo-accounts';
import { seedDemo } from '../../db/seed/demo';
import { users } from '../../db/schema';
import { firstAdminSql } from '../../scripts/first-admin-sql';
import { parseConfig } from '../../worker/config';
import { StartupRefusal, accountsWithDemoPassword, assertNoDemoPasswords } from '../../worker/runtime/demo-guard';
import { masterKeyFromEnv } from '../../worker/runtime/master-key';
import { hashPassword } from '../../worker/services/accounts/passwords';
import { ON_WORKERD, type TestEnv, makeTestEnv, TEST_MASTER_KEY } from '../helpers/app';
import { PASSWORD, makeUser } from '../helpers/accounts';

const ORIGIN = 'https://passport.example.org';

describe('production configuration', () => {
  it('seeds no demo in production unless SEED_DEMO is set explicitly; development seeds it by default', () => {
    const base = { MASTER_KEY: TEST_MASTER_KEY };
    expect(parseConfig({ ...base, ENVIRONMENT: 'production' }).SEED_DEMO).toBe(false);
    expect(parseConfig({ ...base, ENVIRONMENT: 'production', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
    expect(parseConfig({ ...base, ENVIRONMENT: 'development' }).SEED_DEMO).toBe(true);
    expect(parseConfig({ ...base, ENVIRONMENT: 'development', SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
  });

  it('uses no development master key in production: none is read or written, and configuration refuses to start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-key-'));
    try {
      const path = join(dir, 'master.key');
      expect(masterKeyFromEnv({ ENVIRONMENT: 'production' }, path)).toBeUndefined();
      expect(existsSync(path)).toBe(false);
      expect(() => parseConfig({ ENVIRONMENT: 'production' })).toThrow(/MASTER_KEY/);
      // Outside production the key file is created once and then reused.
      const dev = masterKeyFromEnv({ ENVIRONMENT: 'development' }, path);
      expect(dev && dev.length >= 32).toBe(true);
      expect(masterKeyFromEnv({}, path)).toBe(dev);
      expect(masterKeyFromEnv({ ENVIRONMENT: 'production', MASTER_KEY: 'k'.repeat(40) }, path)).toBe('k'.repeat(40));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('production mode over HTTPS', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeTestEnv({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: ORIGIN });
  });
  afterAll(() => env.close());

  it('sends HSTS, a CSP without inline script, and the other security headers on pages and API answers', async () => {
    for (const path of ['/', '/verify', '/api/v1/catalogue/frameworks', '/no-such-page']) {
      const res = await env.app.request(`${ORIGIN}${path}`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('sets the session cookie Secure, HttpOnly and SameSite=Lax on sign-in', async () => {
    const user = await makeUser(env);
    const res = await env.app.request(`${ORIGIN}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.includes('='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it('has no development outbox', async () => {
    const res = await env.app.request(`${ORIGIN}/dev/outbox`);
    expect(res.status).toBe(404);
  });
});

describe('no published demo password in production', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeTestEnv({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: ORIGIN });
  });
  afterAll(() => env.close());

  it('passes a database without demo accounts', async () => {
    await expect(assertNoDemoPasswords(env.deps.db, env.deps.config)).resolves.toBeUndefined();
  });

  it('refuses to start while a demo account or a platform admin signs in with the demo password', async () => {
    await seedDemo(env.deps);
    const admin = await makeUser(env, { admin: true, password: DEMO_PASSWORD, email: 'ops@example.org' });
    const found = await accountsWithDemoPassword(env.deps.db, env.deps.config.MASTER_KEY);
    expect(found.sort()).toEqual([...DEMO_LOGINS.map((l) => l.email), admin.email].sort());
    const refused = assertNoDemoPasswords(env.deps.db, env.deps.config);
    await expect(refused).rejects.toBeInstanceOf(StartupRefusal);
    await expect(refused).rejects.toThrow(/admin@carepassport\.demo/);
    // An explicit public demo deployment is let through.
    const demoConfig = parseConfig({ ENVIRONMENT: 'production', MASTER_KEY: TEST_MASTER_KEY, SEED_DEMO: 'true' });
    await expect(assertNoDemoPasswords(env.deps.db, demoConfig)).resolves.toBeUndefined();
  });

  it('starts once every such account has a password of its own', async () => {
    const hash = await hashPassword(env.deps.config.MASTER_KEY, 'a different strong passphrase');
    await env.deps.db.update(users).set({ passwordHash: hash });
    expect(await accountsWithDemoPassword(env.deps.db, env.deps.config.MASTER_KEY)).toEqual([]);
    await expect(assertNoDemoPasswords(env.deps.db, env.deps.config)).resolves.toBeUndefined();
    const [row] = await env.deps.db.select().from(users).where(eq(users.email, 'admin@carepassport.demo'));
    expect(row?.isPlatformAdmin).toBe(true);
  });
});

describe('the first platform admin on D1', () => {
  // Writes the SQL through a libSQL file, as the command line does; workerd's libSQL client opens no files.
  it.skipIf(ON_WORKERD)(
    'is created by SQL that signs in with its own password and is a confirmed platform admin',
    async () => {
      const env = await makeTestEnv({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: ORIGIN });
      try {
        const sql = await firstAdminSql(env.deps.config, {
          email: 'first.admin@example.org',
          name: 'First Admin',
          password: 'first admin passphrase 7',
        });
        expect(sql).not.toContain('first admin passphrase 7');
        for (const statement of sql.trim().split('\n')) await env.deps.db.run(sqlText.raw(statement));
        const res = await env.app.request(`${ORIGIN}/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
          body: new URLSearchParams({ email: 'first.admin@example.org', password: 'first admin passphrase 7' }),
        });
        expect(res.status).toBe(303);
        const [row] = await env.deps.db.select().from(users).where(eq(users.email, 'first.admin@example.org'));
        expect(row?.isPlatformAdmin).toBe(true);
        expect(row?.emailVerifiedAt).not.toBeNull();
        await expect(assertNoDemoPasswords(env.deps.db, env.deps.config)).resolves.toBeUndefined();
      } finally {
        env.close();
      }
    },
  );
});

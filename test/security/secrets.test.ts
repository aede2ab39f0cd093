/**
 * Secrets and privacy review, as a test: representative flows of every actor (sign-up and email confirmation,
 * sign-in, API token creation, issuing from the page and the API, claiming, sharing, verifying, employer,
 * commissioner and admin pages, password reset, invitations), then a sweep of every GET route in `app.routes` as
 * every actor. Every response body and header and every log line is scanned for every secret the database holds
 * (private key `d`s decrypted with the master key, encrypted key blobs, password hashes, session ids and tokens, API
 * tokens, link tokens); see test/helpers/secret-scan.ts for the policy. Also: the rate limits on sign-in, claim
 * links, share links and the public verifier answer 429 with Retry-After.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { credentials } from '../../db/schema';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { holderSigner } from '../../worker/services/passport/holders';
import { Browser, type TestEnv, TEST_ORIGIN, makeTestEnv } from '../helpers/app';
import { latestMail, linkIn } from '../helpers/accounts';
import { type Exchange, Recorder, type Secret, scan, scanShapes, storedSecrets } from '../helpers/secret-scan';
import { PASSWORD, type World, buildWorld, makeAchievement } from '../helpers/world';
import { storedText } from '../helpers/bodies';

let env: TestEnv;
let world: World;
let rec: Recorder;
const consoleLines: string[] = [];
const secrets: Secret[] = [];

const browser = () => new Browser({ ...env, app: rec } as unknown as TestEnv);

async function signIn(email: string, password = PASSWORD): Promise<Browser> {
  const b = browser();
  await b.get('/sign-in');
  const r = await b.postForm('/sign-in', { email, password });
  expect(r.status, `sign-in ${email}`).toBe(303);
  const token = b.cookies.get('cp_session');
  expect(token).toBeTruthy();
  secrets.push({ kind: 'session-token', label: `session of ${email}`, value: token! });
  return b;
}

/** Link tokens in every mail the outbox holds (verification, reset, invitation, claim links). */
async function mailedTokens(): Promise<Secret[]> {
  const rows = await env.deps.db.all<{ body: string; to_address: string }>(sql`SELECT body, to_address FROM outbox`);
  const out: Secret[] = [];
  for (const r of rows) {
    for (const m of r.body.matchAll(/token=([a-z2-7]{20,64})/g))
      out.push({
        kind: 'link-token',
        label: `mailed link token to ${r.to_address}`,
        value: m[1]!,
        createdBy: ['issue'],
      });
  }
  return out;
}

/** Fills a route pattern's params for a sweep: the actor's org slug, and ids the actor could plausibly hold. */
function samplePaths(pattern: string, slug: string, ids: Record<string, string>): string[] {
  const params = [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  if (!params.length) return [pattern];
  return Object.values(ids).map((id) =>
    pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
      /org|slug/.test(name) ? slug : /token/.test(name) ? (ids.shareToken ?? id) : id,
    ),
  );
}

beforeAll(async () => {
  // Development, not test: request logging is on, so the log lines are part of what is scanned.
  env = await makeTestEnv({ ENVIRONMENT: 'development', LOG_REQUESTS: 'true' });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')),
    );
  }
  world = await buildWorld(env);
  rec = new Recorder(env.app);
}, 60_000);

afterAll(() => {
  vi.restoreAllMocks();
  env?.close();
});

describe('secrets and privacy', () => {
  it('never shows private keys, encrypted keys, password hashes, session or API tokens where they do not belong', async () => {
    const { db, config } = env.deps;
    const achievement = await makeAchievement(env, world.academy.id, world.academyStaff.id);

    // ---- a new care worker signs up, confirms their email and signs in
    const anon = browser();
    for (const p of ['/', '/sign-up', '/sign-in', '/verify', '/catalogue']) await anon.get(p);
    const signUp = await anon.postForm('/sign-up', {
      email: 'nia.new@example.test',
      password: 'a long secret phrase 77',
      displayName: 'Nia New',
    });
    expect(signUp.status).toBe(200);
    const verifyMail = await latestMail(env, 'nia.new@example.test');
    expect((await anon.get(linkIn(verifyMail!.body, '/verify-email'))).status).toBe(200);
    const nia = await signIn('nia.new@example.test', 'a long secret phrase 77');

    // ---- academy staff create an API token on the page (the one response allowed to show it)
    const staff = await signIn(world.academyStaff.email);
    const slug = world.academy.slug;
    const created = await rec.as('create-token', () =>
      staff.postForm(`/org/${slug}/tokens`, { name: 'LMS', scopes: 'issue' }, `/org/${slug}/tokens`),
    );
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toContain('no-store');
    const apiToken = (await created.text()).match(/cpt_[a-z2-7]{20,}/)?.[0];
    expect(apiToken).toBeTruthy();
    secrets.push({
      kind: 'api-token',
      label: 'API token made on the page',
      value: apiToken!,
      createdBy: ['create-token'],
    });
    secrets.push({ kind: 'api-token', label: 'API token of the world', value: world.apiToken });
    await staff.get(`/org/${slug}/tokens`);

    // ---- issuing: from the page to Nia, through the API to a learner without a passport (claim link)
    const issuedOnPage = await staff.postForm(
      `/academy/${slug}/achievements/${achievement.id}/issue`,
      { name: 'Nia New', email: 'nia.new@example.test', completedOn: '2026-05-01' },
      `/academy/${slug}/achievements/${achievement.id}/issue`,
    );
    expect(issuedOnPage.status).toBe(303);
    const apiIssue = await rec.as('issue', () =>
      rec.request(`${TEST_ORIGIN}/credentials/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
        body: JSON.stringify({
          credential: {
            achievementId: achievement.id,
            credentialSubject: { email: 'lee.learner@example.test', name: 'Lee Learner' },
          },
        }),
      }),
    );
    expect(apiIssue.status).toBe(201);
    const issued = (await apiIssue.json()) as {
      claimUrl: string;
      credentialId: string;
      verifiableCredential: { id: string };
    };
    const claimToken = new URL(issued.claimUrl).searchParams.get('token')!;
    secrets.push({ kind: 'link-token', label: 'claim token from the API', value: claimToken, createdBy: ['issue'] });
    const status = await rec.request(`${TEST_ORIGIN}/credentials/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({ credentialId: issued.credentialId, credentialStatus: [{ status: 'suspended' }] }),
    });
    expect(status.status).toBe(200);
    for (const p of [
      `/academy/${slug}`,
      `/academy/${slug}/register`,
      `/academy/${slug}/credentials/${issued.credentialId.replace('urn:uuid:', '')}`,
    ])
      await staff.get(p);
    await staff.postForm(
      `/org/${slug}/invitations`,
      { email: 'ivy.invitee@example.test', role: 'staff' },
      `/org/${slug}/members`,
    );

    // ---- the learner signs up and claims; Nia shares, exports, imports
    const lee = browser();
    await lee.postForm('/sign-up', {
      email: 'lee.learner@example.test',
      password: 'lee has a long phrase 5',
      displayName: 'Lee Learner',
    });
    await lee.get(
      linkIn(
        (await latestMail(env, 'lee.learner@example.test', 'onfirm'))?.body ??
          (await latestMail(env, 'lee.learner@example.test'))!.body,
        '/verify-email',
      ),
    );
    const leeIn = await signIn('lee.learner@example.test', 'lee has a long phrase 5');
    expect((await leeIn.get(`/claim?token=${claimToken}`)).status).toBe(200);
    expect((await leeIn.postForm('/claim', { token: claimToken }, `/claim?token=${claimToken}`)).status).toBe(303);

    const niaRow = (
      await db.select().from(credentials).where(eq(credentials.subjectEmail, 'nia.new@example.test'))
    )[0]!;
    const niaCred = { ...niaRow, jwt: await storedText(env.deps, niaRow.id) };
    const shared = await rec.as('create-share', () =>
      nia.postForm('/passport/shares', { credentialIds: niaCred.id, days: '30', label: 'Sunrise' }, '/passport/share'),
    );
    // The form answers with the share's own page (its id, never the link), which shows the new link to its owner.
    expect(shared.status).toBe(303);
    const made = shared.headers.get('location') ?? '';
    const sharedHtml = await (await rec.as('create-share', () => nia.get(made))).text();
    const shareToken = sharedHtml.match(/\/s\/([a-z2-7]{20,64})/)?.[1];
    expect(shareToken).toBeTruthy();
    expect(made).not.toContain(shareToken);
    // Its owner may see a live link again, and only on that page.
    const shareId = sharedHtml.match(/\/passport\/shares\/([0-9a-f-]{36})\/revoke/)?.[1];
    const again = await rec.as('show-share-link', () => nia.get(`/passport/shares/${shareId}/link`));
    expect(await again.text()).toContain(`/s/${shareToken}`);
    secrets.push({
      kind: 'link-token',
      label: 'share token',
      value: shareToken!,
      createdBy: ['create-share', 'show-share-link'],
    });
    for (const p of [
      '/passport',
      '/passport/shares',
      '/passport/export',
      '/passport/import',
      `/passport/credentials/${niaCred.id}`,
      `/passport/credentials/${niaCred.id}/download`,
      '/account',
    ])
      await nia.get(p);
    await nia.postForm('/passport/import', { jwt: niaCred.jwt }, '/passport/import');

    // ---- verifying: the public API, the employer's pages, the share link
    await rec.request(`${TEST_ORIGIN}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: niaCred.jwt }),
    });
    const niaUser = (await db.all<{ id: string }>(sql`SELECT id FROM users WHERE email = 'nia.new@example.test'`))[0]!;
    const holder = (await holderSigner(db, config, niaUser.id))!;
    const vp = await signPresentationJwt({
      holderDid: holder.did,
      kid: holder.kid,
      privateKey: holder.privateKey,
      credentialJwts: [niaCred.jwt],
      audience: TEST_ORIGIN,
      nonce: 'secrets-nonce',
      validSeconds: 300,
      now: env.deps.clock(),
    });
    await rec.request(`${TEST_ORIGIN}/presentations/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiablePresentation: vp }),
    });
    const employer = await signIn(world.employerStaff.email);
    expect((await employer.get(`/s/${shareToken}`)).status).toBe(200);
    await employer.postForm('/verify', { input: `${TEST_ORIGIN}/s/${shareToken}` }, '/verify');
    await employer.postForm('/verify', { input: niaCred.jwt }, '/verify');
    await employer.postForm(
      `/employer/${world.employer.slug}/role-fit`,
      { input: niaCred.jwt, role: 'cwp-care-worker' },
      `/employer/${world.employer.slug}/role-fit`,
    );

    // ---- password reset for Nia
    await anon.postForm('/forgot-password', { email: 'nia.new@example.test' });
    const reset = linkIn((await latestMail(env, 'nia.new@example.test'))!.body, '/reset-password');
    await anon.get(reset);
    await anon.postForm('/reset-password', {
      token: new URL(reset, TEST_ORIGIN).searchParams.get('token')!,
      password: 'a brand new phrase 2026',
    });

    // ---- every GET route, as every actor (picks up pages added later)
    const commissioner = await signIn(world.commissionerStaff.email);
    const admin = await signIn(world.admin.email);
    const nia2 = await signIn('nia.new@example.test', 'a brand new phrase 2026');
    const ids = {
      credential: niaCred.id,
      achievement: achievement.id,
      issued: issued.credentialId.replace('urn:uuid:', ''),
      shareToken: shareToken!,
      role: 'cwp-care-worker',
      competency: 'cstf-mh-l2',
    };
    const actors: [Browser, string][] = [
      [browser(), slug],
      [nia2, slug],
      [staff, slug],
      [employer, world.employer.slug],
      [commissioner, world.commissioner.slug],
      [admin, slug],
    ];
    // /dev/outbox is the development mailbox: it shows mailed links by design and is 404 in production (checked below).
    const patterns = [...new Set(env.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].filter(
      (p) => !p.includes('*') && p !== '/dev/outbox',
    );
    for (const [b, orgSlug] of actors) {
      for (const pattern of patterns) for (const path of samplePaths(pattern, orgSlug, ids)) await b.get(path);
      await b.get('/api/v1/catalogue/roles', 'application/json');
    }

    // ---- gather every secret now stored, and scan
    secrets.push(...(await storedSecrets(db, config.MASTER_KEY)), ...(await mailedTokens()));
    for (const ex of rec.exchanges) {
      for (const [name, value] of ex.responseHeaders) {
        const m = name === 'set-cookie' ? value.match(/cp_session=([^;]+)/) : null;
        if (m?.[1]) secrets.push({ kind: 'session-token', label: 'session cookie seen in a response', value: m[1] });
      }
    }
    const logs = [...env.logs, ...consoleLines];
    // The scan only means something if it saw the material: requests were logged, keys exist, tokens were shown once.
    expect(logs.some((l) => l.includes('"event":"request"'))).toBe(true);
    expect(secrets.filter((s) => s.kind === 'private-key').length).toBeGreaterThanOrEqual(3);
    expect(rec.exchanges.length).toBeGreaterThan(200);
    expect(rec.exchanges.some((e) => e.label === 'create-token' && e.responseBody.includes(apiToken!))).toBe(true);

    const findings = scan(rec.exchanges, logs, secrets);
    expect(findings).toEqual([]);
    expect(scanShapes(rec.exchanges, logs)).toEqual([]);
    // /dev/outbox shows mail (with its links) in development by design; it must not exist in production.
    const prod = await makeTestEnv({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: 'https://passport.example' });
    try {
      expect((await prod.app.request('https://passport.example/dev/outbox')).status).toBe(404);
    } finally {
      prod.close();
    }
  }, 180_000);

  it('session cookies are HttpOnly and SameSite; the scanner itself catches a planted leak', async () => {
    const cookies = rec.exchanges.flatMap((e) =>
      e.responseHeaders
        .filter(([n, v]) => n === 'set-cookie' && v.startsWith('cp_session=') && !/Max-Age=0/i.test(v))
        .map(([, v]) => v),
    );
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c).toMatch(/HttpOnly/i);
      expect(c).toMatch(/SameSite=Lax/i);
    }
    const planted: Exchange = {
      label: 'page',
      method: 'GET',
      url: '/x',
      requestBody: '',
      requestHeaders: [],
      status: 200,
      responseHeaders: [],
      responseBody: `{"kty":"OKP","d":"${'A'.repeat(43)}"}`,
    };
    const d = secrets.find((s) => s.kind === 'private-key')!;
    expect(scan([{ ...planted, responseBody: `key: ${d.value}` }], [], [d])).toHaveLength(1);
    expect(scanShapes([planted], [])).toHaveLength(1);
    expect(
      scan([], [`{"token":"${world.apiToken}"}`], [{ kind: 'api-token', label: 't', value: world.apiToken }]),
    ).toHaveLength(1);
  });
});

describe('rate limits answer 429 with Retry-After', () => {
  const post = (e: TestEnv, path: string, body: unknown, address: string) =>
    e.app.request(`${TEST_ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  const expect429 = async (res: Response) => {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  };

  it('on sign-in (per account), the public verifiers, share links and claim links', async () => {
    const e = await makeTestEnv({ LOGIN_ATTEMPTS_PER_WINDOW: '2', VERIFY_RATE_PER_MINUTE: '3' });
    try {
      const w = await buildWorld(e);
      // Sign-in: per account, whatever the password; the third attempt in the window is refused.
      const signInOnce = () =>
        e.app.request(`${TEST_ORIGIN}/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.1' },
          body: new URLSearchParams({ email: w.worker.email, password: 'wrong password here' }),
        });
      for (let i = 0; i < 2; i++) expect((await signInOnce()).status).toBe(400);
      await expect429(await signInOnce());

      // Public verifier: 3 per minute per address, shared by both verify endpoints.
      for (let i = 0; i < 3; i++)
        expect((await post(e, '/credentials/verify', { verifiableCredential: 'x.y.z' }, '203.0.113.2')).status).toBe(
          400,
        );
      const limited = await post(e, '/presentations/verify', { verifiablePresentation: 'x.y.z' }, '203.0.113.2');
      await expect429(limited);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      // Another address is not affected.
      expect((await post(e, '/credentials/verify', { verifiableCredential: 'x.y.z' }, '203.0.113.3')).status).toBe(400);

      // Share links: the same per-address budget, in its own bucket.
      const share = (a: string) =>
        e.app.request(`${TEST_ORIGIN}/s/${'a'.repeat(32)}`, { headers: { 'x-forwarded-for': a } });
      for (let i = 0; i < 3; i++) expect((await share('203.0.113.4')).status).toBe(404);
      await expect429(await share('203.0.113.4'));

      // Claim links: 300 look-ups per 10 minutes per address (a classroom of 30 needs 90), then 429.
      const claim = (a: string) =>
        e.app.request(`${TEST_ORIGIN}/claim?token=${'b'.repeat(32)}`, { headers: { 'x-forwarded-for': a } });
      for (let i = 0; i < 300; i++) expect((await claim('203.0.113.5')).status).toBe(404);
      await expect429(await claim('203.0.113.5'));
      expect((await claim('203.0.113.6')).status).toBe(404);
    } finally {
      e.close();
    }
  }, 60_000);
});

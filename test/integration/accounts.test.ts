import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema';
import { GENERIC_SIGN_IN_ERROR, lockDurationMs } from '../../worker/services/accounts/sign-in';
import { SESSION_COOKIE } from '../../worker/services/accounts/sessions';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, browserAs, latestMail, linkIn, mailCount, makeUser, postForm } from '../helpers/accounts';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const T0 = new Date('2026-06-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
/** Each test signs in from its own address so the per-address limit of one test does not leak into another. */
let addressNo = 0;
const nextAddress = () => `203.0.113.${++addressNo}`;

function signInFrom(
  b: Browser,
  email: string,
  password: string,
  address = 'local',
  extra: Record<string, string> = {},
) {
  // Workers take the client's address from CF-Connecting-IP only; behind a proxy on Node it comes from X-Forwarded-For.
  const from = { 'x-forwarded-for': `${address}, 10.0.0.1`, 'cf-connecting-ip': address };
  return postForm(b, '/sign-in', { email, password, ...extra }, from);
}

async function userRow(email: string) {
  return (await env.deps.db.select().from(users).where(eq(users.email, email)))[0];
}

describe('sign-up, email confirmation, sign-in and sign-out', () => {
  it("carries a return path into the confirmation email, but never a share link's code", async () => {
    for (const [email, next, expected] of [
      ['return.path@example.org', '/account', '/account'],
      ['share.path@example.org', '/s/abcdefghijklmnopqrstuvwxyz234567', null],
    ] as const) {
      const res = await postForm(new Browser(env), '/sign-up', {
        displayName: 'Nia Next',
        email,
        password: PASSWORD,
        next,
      });
      expect(res.status).toBe(200);
      const link = new URL(linkIn((await latestMail(env, email, 'Confirm'))?.body ?? '', '/verify-email'), TEST_ORIGIN);
      expect(link.searchParams.get('next')).toBe(expected);
    }
  });

  it('runs the whole journey with a hardened session cookie', async () => {
    env.setNow(T0);
    const b = new Browser(env);
    expect((await b.get('/sign-up')).status).toBe(200);
    const res = await postForm(b, '/sign-up', {
      displayName: 'Amara Okafor',
      email: '  Amara@Example.ORG ',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Check your email');
    expect(page).toContain('amara@example.org');
    expect(b.cookies.has(SESSION_COOKIE)).toBe(false);

    const mail = await latestMail(env, 'amara@example.org', 'Confirm');
    expect(mail).not.toBeNull();
    const verify = linkIn(mail?.body ?? '', '/verify-email');
    const stored = await userRow('amara@example.org');
    expect(stored?.emailVerifiedAt).toBeNull();
    expect(stored?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/);

    expect((await b.get(verify)).status).toBe(200);
    expect((await userRow('amara@example.org'))?.emailVerifiedAt).not.toBeNull();
    expect((await b.get(verify)).status).toBe(400); // single use

    const signIn = await signInFrom(b, 'AMARA@example.org', PASSWORD, nextAddress());
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/passport');
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // http://localhost in tests; Secure on https origins
    // Only the SHA-256 of the cookie token is stored.
    const token = b.cookies.get(SESSION_COOKIE) ?? '';
    const rows = await env.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, stored?.id ?? ''));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);

    const account = await b.get('/account');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('amara@example.org');

    const out = await b.postForm('/sign-out', {});
    expect(out.status).toBe(303);
    expect(b.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await env.deps.db.$count(sessions, eq(sessions.userId, stored?.id ?? ''))).toBe(0);
    const after = await b.get('/account');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it('returns to a same-site `next` after sign-in and ignores off-site ones', async () => {
    const u = await makeUser(env);
    const b = new Browser(env);
    const page = await (await b.get('/sign-in?next=/account')).text();
    expect(page).toContain('name="next" value="/account"');
    const ok = await signInFrom(b, u.email, PASSWORD, nextAddress(), { next: '/account' });
    expect(ok.headers.get('location')).toBe('/account');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const r = await signInFrom(new Browser(env), u.email, PASSWORD, nextAddress(), { next: evil });
      expect(r.status).toBe(400);
    }
    const get = await new Browser(env).get('/sign-in?next=//evil.example');
    expect(await get.text()).not.toContain('evil.example');
  });

  it('asks an unconfirmed account to confirm first and sends a fresh link', async () => {
    const u = await makeUser(env, { verified: false });
    const before = await mailCount(env, u.email);
    const res = await signInFrom(new Browser(env), u.email, PASSWORD, nextAddress());
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(SESSION_COOKIE))).toBe(false);
    expect(await mailCount(env, u.email)).toBe(before + 1);
    const html = await res.text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1>Confirm your email address first</h1>');
    expect(html).toContain(
      `We have sent a new confirmation link to <strong>${u.email}</strong>. Open it, then sign in again.`,
    );
  });

  it('re-renders the form with errors next to the fields and keeps what was typed', async () => {
    const res = await postForm(new Browser(env), '/sign-up', {
      displayName: 'Ben',
      email: 'not-an-email',
      password: 'short',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter an email address in the right format');
    expect(html).toContain('Use at least 10 characters');
    expect(html).toMatch(
      /id="email" name="email" type="email" value="not-an-email"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*email-error/,
    );
    expect(html).toContain('id="email-error"');
    expect(html).toContain('value="Ben"');
    expect(html).not.toContain('value="short"');
    expect(html).toContain('href="#password"');
    const common = await postForm(new Browser(env), '/sign-up', {
      displayName: 'Ben',
      email: 'ben@example.org',
      password: 'password123',
    });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('breached');
  });

  it('answers a sign-up for an existing email with the same page and warns the owner', async () => {
    const u = await makeUser(env, { email: 'existing@example.org' });
    const fresh = await postForm(new Browser(env), '/sign-up', {
      displayName: 'X',
      email: 'brand-new@example.org',
      password: PASSWORD,
    });
    const dup = await postForm(new Browser(env), '/sign-up', {
      displayName: 'X',
      email: 'existing@example.org',
      password: PASSWORD,
    });
    expect(dup.status).toBe(fresh.status);
    expect((await dup.text()).replaceAll('existing@', '@')).toBe((await fresh.text()).replaceAll('brand-new@', '@'));
    const warning = await latestMail(env, u.email);
    expect(warning?.subject).toContain('Someone tried to create');
    expect(await env.deps.db.$count(users, eq(users.email, 'existing@example.org'))).toBe(1);
  });
});

describe('wrong passwords, lockout and rate limits', () => {
  it('gives an unknown email and a wrong password the identical answer', async () => {
    const u = await makeUser(env, { email: 'known@example.org' });
    const addr = nextAddress();
    const wrong = await signInFrom(new Browser(env), u.email, 'not the password at all', addr);
    const unknown = await signInFrom(new Browser(env), 'nobody@example.org', 'not the password at all', addr);
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = (await wrong.text()).replaceAll('known@example.org', 'EMAIL');
    const b = (await unknown.text()).replaceAll('nobody@example.org', 'EMAIL');
    expect(a).toBe(b);
    expect(a).toContain(GENERIC_SIGN_IN_ERROR);
  });

  it('locks an account after 5 failures, doubling the lock, with the same generic message', async () => {
    env.setNow(T0);
    const u = await makeUser(env);
    const addr = nextAddress();
    for (let i = 0; i < 5; i++)
      expect((await signInFrom(new Browser(env), u.email, 'wrong wrong wrong', addr)).status).toBe(400);
    const row = await userRow(u.email);
    expect(row?.failedLogins).toBe(5);
    expect(row?.lockedUntil).toBe(new Date(T0.getTime() + 60_000).toISOString());
    // The right password is refused while locked, with the generic message.
    const locked = await signInFrom(new Browser(env), u.email, PASSWORD, addr);
    expect(locked.status).toBe(400);
    expect(await locked.text()).toContain(GENERIC_SIGN_IN_ERROR);
    // After the lock, one more failure locks for 2 minutes.
    env.setNow(new Date(T0.getTime() + 61_000));
    await signInFrom(new Browser(env), u.email, 'wrong wrong wrong', addr);
    expect((await userRow(u.email))?.lockedUntil).toBe(new Date(T0.getTime() + 61_000 + 120_000).toISOString());
    env.setNow(new Date(T0.getTime() + 61_000 + 121_000));
    const ok = await signInFrom(new Browser(env), u.email, PASSWORD, addr);
    expect(ok.status).toBe(303);
    const reset = await userRow(u.email);
    expect(reset?.failedLogins).toBe(0);
    expect(reset?.lockedUntil).toBeNull();
    expect(lockDurationMs(4)).toBe(0);
    expect(lockDurationMs(7)).toBe(4 * 60_000);
    expect(lockDurationMs(30)).toBe(60 * 60_000);
  });

  it('answers 429 with Retry-After after 10 attempts on one account', async () => {
    env.setNow(new Date(T0.getTime() + DAY));
    const u = await makeUser(env);
    for (let i = 0; i < 10; i++) await signInFrom(new Browser(env), u.email, 'wrong wrong wrong', nextAddress());
    const res = await signInFrom(new Browser(env), u.email, PASSWORD, nextAddress());
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it('answers 429 after 50 attempts from one address, whatever the email', async () => {
    env.setNow(new Date(T0.getTime() + 2 * DAY));
    const addr = nextAddress();
    for (let i = 0; i < 50; i++) {
      expect((await signInFrom(new Browser(env), `guess${i}@example.org`, 'whatever it is', addr)).status).toBe(400);
    }
    expect((await signInFrom(new Browser(env), 'guess-x@example.org', 'whatever it is', addr)).status).toBe(429);
    expect((await signInFrom(new Browser(env), 'guess-x@example.org', 'whatever it is', nextAddress())).status).toBe(
      400,
    );
  });
});

describe('password reset and change, sessions', () => {
  it('resets a password from an emailed link, ending every session; the link works once', async () => {
    env.setNow(new Date(T0.getTime() + 3 * DAY));
    const u = await makeUser(env);
    const phone = await browserAs(env, u.id);
    const laptop = await browserAs(env, u.id);
    expect((await phone.get('/account')).status).toBe(200);

    const known = await postForm(new Browser(env), '/forgot-password', { email: u.email });
    const unknown = await postForm(new Browser(env), '/forgot-password', { email: 'ghost@example.org' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect((await known.text()).replace(u.email, 'X')).toBe((await unknown.text()).replace('ghost@example.org', 'X'));
    expect(await mailCount(env, 'ghost@example.org')).toBe(0);

    const link = linkIn((await latestMail(env, u.email, 'Reset'))?.body ?? '', '/reset-password');
    const form = await new Browser(env).get(link);
    expect(form.status).toBe(200);
    const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
    const weak = await postForm(new Browser(env), '/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const done = await postForm(new Browser(env), '/reset-password', { token, password: 'a brand new passphrase' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/sign-in?notice=password-reset');

    expect((await phone.get('/account')).status).toBe(303);
    expect((await laptop.get('/account')).status).toBe(303);
    expect(
      (await postForm(new Browser(env), '/reset-password', { token, password: 'another new passphrase' })).status,
    ).toBe(400);
    expect((await new Browser(env).get(link)).status).toBe(400);
    const addr = nextAddress();
    expect((await signInFrom(new Browser(env), u.email, PASSWORD, addr)).status).toBe(400);
    expect((await signInFrom(new Browser(env), u.email, 'a brand new passphrase', addr)).status).toBe(303);
  });

  it('expires reset links after an hour', async () => {
    const start = new Date(T0.getTime() + 4 * DAY);
    env.setNow(start);
    const u = await makeUser(env);
    await postForm(new Browser(env), '/forgot-password', { email: u.email });
    const link = linkIn((await latestMail(env, u.email, 'Reset'))?.body ?? '', '/reset-password');
    env.setNow(new Date(start.getTime() + 61 * 60_000));
    expect((await new Browser(env).get(link)).status).toBe(400);
  });

  it('slides the session forward past half-life and forgets it after expiry', async () => {
    const start = new Date(T0.getTime() + 5 * DAY);
    env.setNow(start);
    const u = await makeUser(env);
    const b = new Browser(env);
    await signInFrom(b, u.email, PASSWORD, nextAddress());
    const first = await b.get('/account');
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie()).toHaveLength(0); // fresh session: no renewal

    const later = new Date(start.getTime() + 16 * DAY); // past half of 30 days
    env.setNow(later);
    const renewed = await b.get('/account');
    expect(renewed.status).toBe(200);
    const cookie = renewed.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)?.[1] ?? 0);
    expect(expires.getTime()).toBeCloseTo(later.getTime() + 30 * DAY, -4);

    env.setNow(new Date(later.getTime() + 31 * DAY));
    const gone = await b.get('/account');
    expect(gone.status).toBe(303);
    expect(gone.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
  });

  it('signs out everywhere', async () => {
    env.setNow(new Date(T0.getTime() + 40 * DAY));
    const u = await makeUser(env);
    const a = await browserAs(env, u.id);
    const b = await browserAs(env, u.id);
    const res = await a.postForm('/account/sign-out-everywhere', {});
    expect(res.status).toBe(303);
    expect((await a.get('/account')).status).toBe(303);
    expect((await b.get('/account')).status).toBe(303);
    expect(await env.deps.db.$count(sessions, eq(sessions.userId, u.id))).toBe(0);
  });

  it('changes the password only with the current one, keeping this session and ending others', async () => {
    const u = await makeUser(env);
    const here = await browserAs(env, u.id);
    const there = await browserAs(env, u.id);
    const wrong = await here.postForm('/account/password', {
      currentPassword: 'not it at all',
      newPassword: 'a fresh passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Your current password is not right');
    const ok = await here.postForm('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a fresh passphrase',
    });
    expect(ok.status).toBe(303);
    expect((await here.get('/account')).status).toBe(200);
    expect((await there.get('/account')).status).toBe(303);
  });

  it('saves name and area, refusing an unknown area', async () => {
    const u = await makeUser(env);
    const b = await browserAs(env, u.id);
    const page = await (await b.get('/account')).text();
    expect(page).toContain('Leeds');
    expect((await b.postForm('/account', { displayName: 'New Name', areaCode: 'E08000035' })).status).toBe(303);
    const row = await userRow(u.email);
    expect(row?.displayName).toBe('New Name');
    expect(row?.areaCode).toBe('E08000035');
    const bad = await b.postForm('/account', { displayName: 'New Name', areaCode: 'E99999999' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose an area from the list');
    expect((await b.postForm('/account', { displayName: '', areaCode: '' })).status).toBe(400);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in post without the token or from another site', async () => {
    const u = await makeUser(env);
    const b = await browserAs(env, u.id);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await b.get('/account')).text())?.[1] ?? '';
    expect(csrf).not.toBe('');
    const none = await postForm(b, '/account', { displayName: 'Changed', areaCode: '' });
    expect(none.status).toBe(403);
    const wrong = await postForm(b, '/account', { displayName: 'Changed', areaCode: '', _csrf: 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    const crossSite = await postForm(
      b,
      '/account',
      { displayName: 'Changed', areaCode: '', _csrf: csrf },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await userRow(u.email))?.displayName).not.toBe('Changed');
    const ok = await postForm(b, '/account', { displayName: 'Changed', areaCode: '', _csrf: csrf });
    expect(ok.status).toBe(303);
    const header = await postForm(
      b,
      '/account',
      { displayName: 'Changed again', areaCode: '' },
      { 'x-csrf-token': csrf },
    );
    expect(header.status).toBe(303);
  });

  it('refuses a cross-site sign-in post (login CSRF)', async () => {
    const u = await makeUser(env);
    const res = await postForm(
      new Browser(env),
      '/sign-in',
      { email: u.email, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });
});

describe('development outbox', () => {
  it('lists messages newest first with clickable links', async () => {
    const b = new Browser(env);
    await postForm(b, '/sign-up', { displayName: 'Outbox One', email: 'outbox1@example.org', password: PASSWORD });
    await postForm(b, '/sign-up', { displayName: 'Outbox Two', email: 'outbox2@example.org', password: PASSWORD });
    const res = await b.get('/dev/outbox');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.indexOf('outbox2@example.org')).toBeLessThan(html.indexOf('outbox1@example.org'));
    expect(html).toMatch(/<a href="http:\/\/localhost:8787\/verify-email\?token=[a-z2-7]+">/);
  });

  it('does not exist in production', async () => {
    const prod = await makeTestEnv({ ENVIRONMENT: 'production' });
    try {
      const res = await prod.app.request('/dev/outbox', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
    } finally {
      prod.close();
    }
  });
});

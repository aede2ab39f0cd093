/**
 * Who a request comes from, and sign-in limits that count failures only: X-Forwarded-For is believed only from a
 * trusted proxy (so 55 guesses with 55 made-up addresses from one socket are stopped), successful sign-ins never lock
 * anyone out, and a classroom of 30 behind one address can sign up, confirm, sign in and claim at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../../db/schema';
import { clientFromForwarded, parseAddress, parseRange, trustedProxies } from '../../worker/lib/trusted-proxies';
import { SIGN_IN_FAILURES_PER_ADDRESS } from '../../worker/services/accounts/sign-in-limits';
import { latestMail, linkIn, makeUser } from '../helpers/accounts';
import { TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

const PASSWORD = 'sturdy test passphrase 42';

/** A browser on a real socket (as the Node server hands requests to the app): cookies and a peer address. */
class Device {
  cookies = new Map<string, string>();
  constructor(
    private env: TestEnv,
    private peer: string,
  ) {}

  async request(path: string, init: RequestInit = {}, forwardedFor?: string): Promise<Response> {
    const headers = new Headers(init.headers);
    if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const bindings = { incoming: { socket: { remoteAddress: this.peer } } };
    const res = await this.env.app.request(`${TEST_ORIGIN}${path}`, { ...init, headers, redirect: 'manual' }, bindings);
    for (const sc of res.headers.getSetCookie()) {
      const [k = '', v = ''] = (sc.split(';')[0] ?? '').split('=');
      if (v === '' || /max-age=0/i.test(sc)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }

  post(path: string, fields: Record<string, string>, forwardedFor?: string) {
    return this.request(
      path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN },
        body: new URLSearchParams(fields),
      },
      forwardedFor,
    );
  }
}

describe('addresses and proxies', () => {
  it('parses IPv4, IPv6 and CIDR ranges, and reads X-Forwarded-For only through trusted proxies', () => {
    expect(parseAddress('192.0.2.1')).toBe(parseAddress('::ffff:192.0.2.1'));
    expect(parseAddress('2001:db8::1')).toBe(parseAddress('2001:0db8:0:0:0:0:0:0001'));
    for (const bad of ['192.0.2', '300.1.1.1', '2001:db8:::1', 'example.org', '1.2.3.4/33'])
      expect(parseRange(bad), bad).toBeNull();
    const trusted = trustedProxies('10.0.0.0/8, 2001:db8::/32, 192.0.2.7');
    expect(trusted).toHaveLength(3);
    // An untrusted peer is the client, whatever it forwards.
    expect(clientFromForwarded('198.51.100.9', '203.0.113.1', trusted)).toBe('198.51.100.9');
    // A trusted peer: the rightmost hop that is not a trusted proxy (a spoofed leftmost hop is ignored).
    expect(clientFromForwarded('10.1.2.3', '6.6.6.6, 203.0.113.5, 10.9.9.9', trusted)).toBe('203.0.113.5');
    expect(clientFromForwarded('2001:db8::5', '203.0.113.6', trusted)).toBe('203.0.113.6');
    expect(clientFromForwarded('192.0.2.7', 'not-an-address', trusted)).toBe('192.0.2.7');
    expect(clientFromForwarded('10.1.2.3', undefined, trusted)).toBe('10.1.2.3');
    // No trusted proxies configured: every peer is the client, and X-Forwarded-For is never read.
    expect(clientFromForwarded('10.1.2.3', '203.0.113.5', trustedProxies(''))).toBe('10.1.2.3');
    expect(() => trustedProxies('10.0.0.0/8')).not.toThrow();
  });
});

describe('sign-in limits', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeTestEnv();
  });
  afterAll(() => env.close());

  it('55 failed sign-ins from one socket with 55 different X-Forwarded-For values get 429', async () => {
    const attacker = new Device(env, '198.51.100.66');
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++)
      statuses.push(
        (
          await attacker.post(
            '/sign-in',
            { email: `guess${i}@example.org`, password: 'a wrong guess' },
            `203.0.113.${i}`,
          )
        ).status,
      );
    expect(statuses.slice(0, SIGN_IN_FAILURES_PER_ADDRESS).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(SIGN_IN_FAILURES_PER_ADDRESS)).toEqual(Array(55 - SIGN_IN_FAILURES_PER_ADDRESS).fill(429));
    // The forwarded values were never used as addresses.
    const keys = (await env.deps.db.select().from(rateLimits)).map((r) => r.key);
    expect(keys.filter((k) => k.includes('203.0.113.'))).toEqual([]);
  });

  it('behind a trusted proxy, each forwarded client has its own budget', async () => {
    const proxied = await makeTestEnv({ TRUSTED_PROXIES: '10.0.0.0/8' });
    try {
      const proxy = new Device(proxied, '10.0.0.2');
      for (let i = 0; i < 55; i++) {
        const res = await proxy.post(
          '/sign-in',
          { email: `p${i}@example.org`, password: 'a wrong guess' },
          `203.0.113.${i}`,
        );
        expect(res.status).toBe(400);
      }
      // One client behind it still runs out.
      let last = 0;
      for (let i = 0; i <= SIGN_IN_FAILURES_PER_ADDRESS; i++)
        last = (await proxy.post('/sign-in', { email: `q${i}@example.org`, password: 'wrong again' }, '198.51.100.1'))
          .status;
      expect(last).toBe(429);
    } finally {
      proxied.close();
    }
  });

  it('successful sign-ins are never limited, and a success forgets the failures before it', async () => {
    const user = await makeUser(env, { email: 'often@example.org' });
    // Each attempt from a fresh tab on the same phone (a signed-in tab would need its CSRF token).
    const phone = { post: (path: string, f: Record<string, string>) => new Device(env, '198.51.100.20').post(path, f) };
    for (let i = 0; i < 25; i++) {
      const res = await phone.post('/sign-in', { email: user.email, password: PASSWORD });
      expect(res.status, `sign-in ${i + 1}`).toBe(303);
    }
    // Three rounds of 4 typos and a success: 12 failures in the window, more than the account's 10, never 429
    // (5 typos in a row would lock the account for a minute, a separate defence).
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++)
        expect((await phone.post('/sign-in', { email: user.email, password: `typo ${round} ${i}` })).status).toBe(400);
      expect((await phone.post('/sign-in', { email: user.email, password: PASSWORD })).status).toBe(303);
    }
    for (let i = 0; i < 9; i++)
      expect((await phone.post('/sign-in', { email: user.email, password: `typo again ${i}` })).status).toBe(400);
    // The 10th failure in a row is allowed, the 11th attempt is refused.
    expect((await phone.post('/sign-in', { email: user.email, password: 'typo ten' })).status).toBe(400);
    expect((await phone.post('/sign-in', { email: user.email, password: PASSWORD })).status).toBe(429);
  });
});

describe('a classroom of 30 behind one address', () => {
  let env: TestEnv;
  let world: World;
  beforeAll(async () => {
    env = await makeTestEnv();
    world = await buildWorld(env);
  }, 60_000);
  afterAll(() => env.close());

  it('signs up, confirms, signs in and claims at once, with typos, and nobody gets 429', async () => {
    const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
    const learners = Array.from({ length: 30 }, (_, i) => ({ email: `learner${i}@class.test`, name: `Learner ${i}` }));
    for (const l of learners) await issueViaApi(env, world, { achievementId, email: l.email, name: l.name });
    const perBucket = new Map<string, number>();
    const count = (bucket: string) => perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1);
    const statuses: number[] = [];
    await Promise.all(
      learners.map(async (l, i) => {
        const pc = new Device(env, '192.0.2.30');
        const claimPath = linkIn((await latestMail(env, l.email))!.body, '/claim');
        const token = new URL(claimPath, TEST_ORIGIN).searchParams.get('token')!;
        statuses.push((await pc.request(claimPath)).status);
        count('claim');
        statuses.push((await pc.post('/sign-up', { displayName: l.name, email: l.email, password: PASSWORD })).status);
        count('sign-up');
        statuses.push(
          (await pc.request(linkIn((await latestMail(env, l.email, 'Confirm'))!.body, '/verify-email'))).status,
        );
        // Every third learner mistypes the password once.
        if (i % 3 === 0) {
          statuses.push((await pc.post('/sign-in', { email: l.email, password: 'mistyped passphrase' })).status);
          count('sign-in failure');
        }
        statuses.push((await pc.post('/sign-in', { email: l.email, password: PASSWORD })).status);
        count('sign-in');
        const page = await (await pc.request(claimPath)).text();
        count('claim');
        const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
        statuses.push((await pc.post('/claim', { token, _csrf: csrf })).status);
        count('claim');
      }),
    );
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses.filter((s) => s >= 400).length).toBe(10); // only the ten typos
    const claimed = await env.deps.db.query.credentials.findMany({ columns: { subjectUserId: true } });
    expect(claimed.filter((c) => c.subjectUserId).length).toBe(30);
    // The per-address counters after the lesson, for SECURITY.md's sizing table.
    const rows = await env.deps.db.select().from(rateLimits);
    const at = (key: string) => rows.find((r) => r.key === key)?.count ?? 0;
    const used = {
      claim: at('claim:192.0.2.30'),
      signUp: at('signup:addr:192.0.2.30'),
      signInFailures: at('signin:addr:192.0.2.30'),
    };
    console.log('classroom of 30, per-address counters:', JSON.stringify(used), JSON.stringify([...perBucket]));
    expect(used).toEqual({ claim: 90, signUp: 30, signInFailures: 10 });
  }, 120_000);
});

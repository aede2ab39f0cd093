/**
 * The public verifier and the share page through the real app: paste, upload, share links, presentations, and
 * every kind of bad input answered in plain words (never a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { shareViews, shares } from '../../db/schema';
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../../worker/credentials/encoding';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { holderSigner } from '../../worker/services/passport/holders';
import { createShare, revokeShare } from '../../worker/services/passport/shares';
import { browserAs, postForm } from '../helpers/accounts';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, makeAchievement, issueViaApi } from '../helpers/world';

let env: TestEnv;
let world: World;
let achievementId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (
    await makeAchievement(env, world.academy.id, world.academyStaff.id, {
      name: 'Fire safety awareness',
      alignedIds: ['cstf-fire'],
    })
  ).id;
});
afterAll(() => env.close());

const issue = (email = world.worker.email, validFrom = '2026-05-20') =>
  issueViaApi(env, world, { achievementId, email, name: 'Someone', validFrom, notify: false });

/** A week's share of the worker's credentials. */
const shareFor = (credentialIds: string[]) =>
  createShare(env.deps.db, { userId: world.worker.id, credentialIds, days: 7, now: env.deps.clock() });

function tamper(jwt: string): string {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(fromUtf8(base64UrlDecode(p!)!));
  payload.credentialSubject.achievement.name = 'Registered nurse';
  return `${h}.${base64UrlEncode(utf8(JSON.stringify(payload)))}.${s}`;
}

const anonymous = () => new Browser(env);
function signedIn(cookie: string) {
  const b = new Browser(env);
  const [k, v] = cookie.split('=');
  b.cookies.set(k!, v!);
  return b;
}

/** Posts the verify form as multipart (as the page does), with an optional file. */
async function postVerify(
  b: Browser,
  fields: Record<string, string>,
  file?: { name: string; content: string | Uint8Array },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([file.content as BlobPart], file.name));
  if (b.cookies.size) {
    const page = await (await b.get('/verify')).text();
    form.set('_csrf', page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
  }
  return b.request('/verify', { method: 'POST', headers: { origin: TEST_ORIGIN }, body: form });
}

const text = async (r: Response) => (await r.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('GET /verify and POST /verify', () => {
  it('shows the form to anyone, without an account', async () => {
    const res = await anonymous().get('/verify');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<textarea id="input" name="input"');
    expect(html).toContain('type="file"');
  });

  it('verifies a pasted credential: plain words first, then the checks', async () => {
    const { jwt } = await issue();
    const res = await postVerify(anonymous(), { input: jwt });
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('Valid: the credential checks out.');
    expect(html).toContain('Fire safety awareness');
    expect(html).toContain('Northern Care Academy');
    expect(html).toContain('Recognised issuer');
    expect(html).toMatch(/Signature:<\/strong> <span class="tag ok">ok<\/span> Matches/);
    expect(html).toMatch(/Revocation:<\/strong> <span class="tag ok">ok<\/span> Not revoked/);
    expect(html).toMatch(/Suspension:<\/strong> <span class="tag ok">ok<\/span> Not suspended/);
    // Completed on 20 May, issued on 1 June: the date shown is the one it is valid from, and says so.
    expect(html).toContain('Valid from</dt><dd>2026-05-20');
    expect(html).not.toContain('Issued</dt>');
    expect(html).toContain('Verifiable Credential 2.0 (vc+jwt)');
    expect(html).toContain('Checks performed');
    // Anonymous visitors get no employer actions.
    expect(html).not.toContain('Check against a role');
  });

  it('says why a tampered credential fails', async () => {
    const { jwt } = await issue();
    const res = await postVerify(anonymous(), { input: tamper(jwt) });
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('Not valid: its signature does not match: it has been altered or forged');
    expect(html).toContain('(invalid_signature)');
    // What it claims is shown, flagged as untrusted.
    expect(html).toContain('It says it is <strong>“Registered nurse”</strong>');
    expect(html).toContain('none of that can be trusted');
  });

  it('says a revoked credential was revoked by the issuer', async () => {
    const { jwt, id } = await issue();
    const res = await env.app.request('/credentials/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({ credentialId: id, credentialStatus: [{ status: 'revoked' }], reason: 'Issued in error' }),
    });
    expect(res.status).toBe(200);
    const html = await text(await postVerify(anonymous(), { input: jwt }));
    expect(html).toContain('Not valid: the issuer has revoked it');
  });

  it('accepts uploads: a .jwt file, and a .json file of several credentials', async () => {
    const a = await issue();
    const b = await issue();
    const r1 = await postVerify(anonymous(), {}, { name: 'credential.jwt', content: a.jwt });
    expect(r1.status).toBe(200);
    expect(await text(r1)).toContain('Valid: the credential checks out.');
    const r2 = await postVerify(
      anonymous(),
      {},
      { name: 'wallet.json', content: JSON.stringify({ verifiableCredential: [a.body.verifiableCredential, b.jwt] }) },
    );
    expect(r2.status).toBe(200);
    expect(await text(r2)).toContain('Valid: all 2 credentials check out.');
  });

  it('verifies a pasted Data Integrity (eddsa-rdfc-2022) credential, and says when one was altered', async () => {
    const res = await env.app.request('/credentials/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        credential: { achievementId, credentialSubject: { email: world.worker.email, name: 'Someone' } },
        options: { securing: 'eddsa-rdfc-2022', notify: false },
      }),
    });
    expect(res.status).toBe(201);
    const { verifiableCredential: vc } = (await res.json()) as { verifiableCredential: Record<string, unknown> };
    const ok = await text(await postVerify(anonymous(), { input: JSON.stringify(vc, null, 2) }));
    expect(ok).toContain('Valid: the credential checks out.');
    expect(ok).toContain('Fire safety awareness');
    expect(ok).toContain('Data Integrity proof, eddsa-rdfc-2022');
    const altered = structuredClone(vc) as { credentialSubject: { achievement: { name: string } } };
    altered.credentialSubject.achievement.name = 'Registered nurse';
    const bad = await text(
      await postVerify(anonymous(), {}, { name: 'credential.json', content: JSON.stringify(altered) }),
    );
    expect(bad).toContain('(invalid_signature)');
    expect(bad).toContain('It says it is <strong>“Registered nurse”</strong>');
  });

  it('sends a pasted share link to the share page', async () => {
    const { id } = await issue();
    const { token } = await shareFor([id]);
    const res = await postVerify(anonymous(), { input: `  ${TEST_ORIGIN}/s/${token}\n` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${token}`);
  });

  it('says a share link cut short is not complete, and takes one in capitals as the same link', async () => {
    const { id } = await issue();
    const { token } = await shareFor([id]);
    const short = await postVerify(anonymous(), { input: `${TEST_ORIGIN}/s/${token.slice(0, 18)}` });
    expect(short.status).toBe(400);
    const said = await text(short);
    expect(said).toContain('The link is not complete: the code after /s/ is shorter than a share link’s.');
    expect(said).not.toContain('not a Care Passport share link');
    const capitals = await postVerify(anonymous(), { input: `${TEST_ORIGIN}/s/${token.toUpperCase()}` });
    expect(capitals.status).toBe(303);
    expect(capitals.headers.get('location')).toBe(`/s/${token}`);
    const opened = await anonymous().get(`/s/${token.toUpperCase()}`);
    expect(opened.status).toBe(200);
    expect(await text(opened)).toContain('Credentials shared by Wendy Worker');
  });

  const jwtParts = async () => {
    const { jwt } = await issue();
    return jwt.split('.') as [string, string, string];
  };

  const BAD: {
    name: string;
    fields: () => Promise<Record<string, string>>;
    file?: { name: string; content: string | Uint8Array };
    status: number;
    says: RegExp;
  }[] = [
    { name: 'empty', fields: async () => ({ input: '' }), status: 400, says: /Paste a share link or a credential/ },
    {
      name: 'not a JWT',
      fields: async () => ({ input: 'my certificate number is 12345' }),
      status: 400,
      says: /not a credential or a share link/,
    },
    {
      name: 'truncated',
      fields: async () => ({ input: (await jwtParts()).slice(0, 2).join('.') }),
      status: 400,
      says: /incomplete/,
    },
    {
      name: 'cut off mid-signature',
      fields: async () => ({ input: (await jwtParts()).join('.').slice(0, -30) }),
      status: 400,
      says: /signature is shorter/,
    },
    {
      name: 'garbage base64',
      fields: async () => {
        const [h, p, s] = await jwtParts();
        return { input: `${h}.${p}%%%.${s}` };
      },
      status: 400,
      says: /characters that do not belong/,
    },
    {
      name: 'broken JSON',
      fields: async () => ({ input: '{"verifiableCredential": ' }),
      status: 400,
      says: /damaged or incomplete/,
    },
    {
      name: 'a share link for another service',
      fields: async () => ({ input: 'https://other.example/s/abcdefghijklmnopqrstuvwxyz234567' }),
      status: 400,
      says: /belongs to another service/,
    },
    {
      name: 'both a paste and a file',
      fields: async () => ({ input: 'x' }),
      file: { name: 'a.jwt', content: 'y' },
      status: 400,
      says: /not both/,
    },
    {
      name: 'a file of the wrong type',
      fields: async () => ({}),
      file: { name: 'certificate.pdf', content: '%PDF-1.4' },
      status: 400,
      says: /Upload a \.jwt, \.json or \.txt file/,
    },
    {
      name: 'an empty file',
      fields: async () => ({}),
      file: { name: 'empty.jwt', content: '' },
      status: 400,
      says: /Paste a share link/,
    },
    {
      name: 'a binary file',
      fields: async () => ({}),
      file: { name: 'x.txt', content: new Uint8Array([0xff, 0xfe, 0xfd]) },
      status: 400,
      says: /not text/,
    },
    {
      name: 'an oversized file',
      fields: async () => ({}),
      file: { name: 'big.json', content: 'a'.repeat(1024 * 1024 + 10) },
      status: 413,
      says: /larger than 1 MB/,
    },
    {
      name: 'an oversized paste',
      fields: async () => ({ input: 'a'.repeat(1024 * 1024 + 100) }),
      status: 413,
      says: /larger than 1 MB/,
    },
  ];
  it.each(BAD)('answers bad input clearly: $name', async (tc) => {
    const res = await postVerify(anonymous(), await tc.fields(), tc.file);
    expect(res.status).toBe(tc.status);
    const html = await text(res);
    expect(html).toContain('We could not check that');
    expect(html).toMatch(tc.says);
  });

  it('refuses a body far too large before reading it', async () => {
    const res = await anonymous().request('/verify', {
      method: 'POST',
      headers: {
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(10 * 1024 * 1024),
      },
      body: 'input=x',
    });
    expect(res.status).toBe(413);
  });

  it('refuses a cross-site post (anonymous forms are protected by the Origin check)', async () => {
    const res = await anonymous().request('/verify', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'input=x',
    });
    expect(res.status).toBe(403);
  });
});

describe('presentations pasted into /verify', () => {
  async function presentation(userId: string, jwts: string[], now = env.deps.clock()) {
    const signer = (await holderSigner(env.deps.db, env.deps.config, userId))!;
    return signPresentationJwt({
      holderDid: signer.did,
      kid: signer.kid,
      privateKey: signer.privateKey,
      credentialJwts: jwts,
      audience: 'https://some-employer.example',
      nonce: `n-${Math.random()}`,
      validSeconds: 600,
      now,
    });
  }

  it('shows who is sharing and that every credential belongs to them; a second look is not a "replay"', async () => {
    const a = await issue();
    const vp = await presentation(world.worker.id, [a.jwt]);
    for (let i = 0; i < 2; i++) {
      const res = await postVerify(anonymous(), { input: vp });
      expect(res.status).toBe(200);
      const html = await text(res);
      expect(html).toContain('Valid: the credential checks out and belongs to the person sharing it.');
      expect(html).toContain('Every credential was issued to the person sharing them');
      expect(html).toContain('We did not ask for this presentation');
      expect(html).toContain('https://some-employer.example');
      expect(html).toContain('Verifiable Presentation 2.0 (vp+jwt)');
    }
  });

  it('names a credential for someone else inside a presentation (holder_mismatch)', async () => {
    const mine = await issue();
    const theirs = await issue(world.otherWorker.email);
    const vp = await presentation(world.worker.id, [mine.jwt, theirs.jwt]);
    const res = await postVerify(anonymous(), { input: vp });
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('Not valid: it belongs to someone other than the person sharing it.');
    expect(html).toContain('Issued to someone other than the person sharing it');
  });

  it('says when a presentation has expired', async () => {
    const a = await issue();
    const vp = await presentation(world.worker.id, [a.jwt], new Date(env.deps.clock().getTime() - 3600_000));
    const html = await text(await postVerify(anonymous(), { input: vp }));
    expect(html).toContain('Not valid: the shared bundle has expired.');
  });
});

describe('GET /s/:token', () => {
  async function share(days = 7) {
    const a = await issue();
    const b = await issue();
    const s = await createShare(env.deps.db, {
      userId: world.worker.id,
      credentialIds: [a.id, b.id],
      days,
      label: 'For Sunrise',
      now: env.deps.clock(),
    });
    return { ...s, ids: [a.id, b.id] };
  }
  const views = (shareId: string) => env.deps.db.select().from(shareViews).where(eq(shareViews.shareId, shareId));

  it('verifies the shared presentation, names the holder and records the view', async () => {
    const s = await share();
    const res = await anonymous().get(`/s/${s.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const html = await text(res);
    expect(html).toContain('Credentials shared by Wendy Worker');
    expect(html).toContain('Valid: all 2 credentials check out and belong to the person sharing them.');
    expect(html).toContain('Signed by the holder');
    expect(html).not.toContain('We did not ask for this presentation');
    expect(html).toContain('Sign in</a> as employer staff');
    expect((await views(s.share.id)).map((v) => [v.kind, v.viewerOrgId])).toEqual([['opened', null]]);
  });

  it('signs an employer in and brings them back to the share they opened', async () => {
    const s = await share();
    const html = await text(await anonymous().get(`/s/${s.token}`));
    const signIn = `/sign-in?next=%2Fs%2F${s.token}`;
    expect(html).toContain(`<a href="${signIn}">Sign in</a> as employer staff`);
    const form = await (await anonymous().get(signIn)).text();
    expect(form).toContain(`<input type="hidden" name="next" value="/s/${s.token}"/>`);
    const res = await postForm(new Browser(env), '/sign-in', {
      email: world.employerStaff.email,
      password: PASSWORD,
      next: `/s/${s.token}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${s.token}`);
    // Only a path on this site is followed.
    const away = await postForm(new Browser(env), '/sign-in', {
      email: world.employerStaff.email,
      password: PASSWORD,
      next: '//evil.example/s/x',
    });
    expect(away.headers.get('location') ?? '').not.toContain('evil.example');
  });

  it('attributes the view to a signed-in employer and offers the role check and saving', async () => {
    const s = await share();
    const res = await signedIn(world.employerStaff.cookie).get(`/s/${s.token}`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('Check against a role');
    expect(html).toContain(`action="/employer/${world.employer.slug}/role-fit"`);
    expect(html).toContain(`value="${TEST_ORIGIN}/s/${s.token}"`);
    expect(html).toContain('Senior care worker');
    expect((await views(s.share.id)).map((v) => [v.kind, v.viewerOrgId])).toEqual([['opened', world.employer.id]]);
  });

  it('opens repeatedly (each opening signs a fresh presentation, so no replay failure)', async () => {
    const s = await share();
    for (let i = 0; i < 3; i++)
      expect(await text(await anonymous().get(`/s/${s.token}`))).toContain('Valid: all 2 credentials');
  });

  it('answers an expired share with 410, a withdrawn one with 410 and an unknown one with 404', async () => {
    const expired = await share(7);
    env.setNow('2026-06-09T09:00:00.000Z');
    const r1 = await anonymous().get(`/s/${expired.token}`);
    env.setNow('2026-06-01T09:00:00.000Z');
    expect(r1.status).toBe(410);
    expect(await text(r1)).toContain('This share link has expired');

    const revoked = await share();
    await revokeShare(env.deps.db, { userId: world.worker.id, shareId: revoked.share.id, now: env.deps.clock() });
    const r2 = await anonymous().get(`/s/${revoked.token}`);
    expect(r2.status).toBe(410);
    expect(await text(r2)).toContain('This share link was withdrawn');

    for (const token of ['abcdefghijklmnopqrstuvwxyz234567', 'NOT-A-TOKEN', 'x'.repeat(300)]) {
      const r = await anonymous().get(`/s/${token}`);
      expect(r.status).toBe(404);
      expect(await text(r)).toContain('Share link not found');
    }
    // None of these recorded a view.
    expect(await views(revoked.share.id)).toEqual([]);
  });

  it("shows a credential revoked since sharing as revoked, and the share's others as valid", async () => {
    const s = await share();
    await env.app.request('/credentials/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({ credentialId: s.ids[0], credentialStatus: [{ status: 'revoked' }] }),
    });
    const html = await text(await anonymous().get(`/s/${s.token}`));
    expect(html).toContain('1 of 2 credentials is not valid.');
    expect(html).toContain('Not valid: the issuer has revoked it');
    const row = (
      await env.deps.db
        .select()
        .from(shares)
        .where(and(eq(shares.id, s.share.id)))
    )[0];
    expect(row?.revokedAt).toBeNull();
  });
});

describe('a result read aloud', () => {
  /** The verdict tags in a page: whether each one is hidden from screen readers, which read the sentence beside it. */
  const verdictTags = (html: string) =>
    [...html.matchAll(/<span class="tag (?:ok|bad)"( aria-hidden="true")?>(?:Valid|Not valid)<\/span> <strong>/g)].map(
      (m) => m[1] === ' aria-hidden="true"',
    );

  it('says Valid or Not valid once on every page that shows a result, keeping the tag on screen', async () => {
    const { id, jwt } = await issue();
    const pasted = await text(await postVerify(anonymous(), { input: jwt }));
    expect(pasted).toContain('<span class="tag ok" aria-hidden="true">Valid</span> <strong>Valid</strong>');
    const forged = await text(await postVerify(anonymous(), { input: tamper(jwt) }));
    expect(forged).toContain('<span class="tag bad" aria-hidden="true">Not valid</span> <strong>Not valid: its');
    const { token } = await shareFor([id]);
    const shared = await (await anonymous().get(`/s/${token}`)).text();
    const checked = await (await anonymous().get(`/credentials/${id}/verify`)).text();
    const own = await (await (await browserAs(env, world.worker.id)).get(`/passport/credentials/${id}`)).text();
    for (const html of [pasted, forged, shared, checked, own]) {
      expect(verdictTags(html).length).toBeGreaterThan(0);
      expect(verdictTags(html).every(Boolean)).toBe(true);
    }
  });
});

// Last: on D1 a second test environment empties the file's one database, and the one above would find it gone.
describe('rate limits on the public verifier', () => {
  it('limits verification requests per address', async () => {
    const limited = await makeTestEnv({ VERIFY_RATE_PER_MINUTE: '2' });
    try {
      const post = () =>
        limited.app.request(`${TEST_ORIGIN}/verify`, {
          method: 'POST',
          headers: {
            origin: TEST_ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': '203.0.113.9',
          },
          body: 'input=hello',
        });
      expect((await post()).status).toBe(400);
      expect((await post()).status).toBe(400);
      const third = await post();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBeTruthy();
      const share = await limited.app.request(`${TEST_ORIGIN}/s/abcdefghijklmnopqrstuvwxyz234567`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(share.status).toBe(404);
    } finally {
      limited.close();
    }
  });
});

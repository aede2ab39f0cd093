/**
 * The care worker's passport through app.request: the passport and a credential in full, claim links,
 * reminders, bringing a credential from elsewhere, and the career pathway.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, claims, credentials, importedCredentials, roleHistory, users } from '../../db/schema';
import { didKeyFromPublicJwk } from '../../worker/credentials/did';
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../../worker/credentials/encoding';
import { buildOpenBadgeCredential, signCredentialJwt } from '../../worker/credentials/issue';
import { generateEd25519KeyPair, importPrivateKey } from '../../worker/credentials/keys';
import { createUser } from '../../worker/services/accounts/accounts';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { browserAs, latestMail, linkIn, mailCount } from '../helpers/accounts';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld, makeAchievement, issueViaApi } from '../helpers/world';
import { issueContext } from '../../worker/services/academy/issue-types';
import { storedText } from '../helpers/bodies';

let env: TestEnv;
let world: World;
let mh: string; // Moving and handling L2 (refresh 24 months)
let ipc: string; // Infection prevention and control L2 (refresh 12 months)
let ascc: string; // Level 2 Adult Social Care Certificate (no expiry)

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const mk = (over: Parameters<typeof makeAchievement>[3]) =>
    makeAchievement(env, world.academy.id, world.academyStaff.id, over);
  mh = (await mk({})).id;
  ipc = (await mk({ name: 'Infection prevention and control (level 2)', alignedIds: ['cstf-ipc-l2'] })).id;
  ascc = (
    await mk({
      name: 'Level 2 Adult Social Care Certificate',
      achievementType: 'Certificate',
      alignedIds: ['rqf-l2-ascc'],
    })
  ).id;
});
afterAll(() => env.close());

const issue = (achievementId: string, email = world.worker.email, validFrom?: string) =>
  issueViaApi(env, world, { achievementId, email, ...(validFrom ? { validFrom } : {}) });

const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const worker = () => browserAs(env, world.worker.id);
const other = () => browserAs(env, world.otherWorker.id);

/** Posts a multipart form (what the import page sends) with the page's CSRF token. */
async function postMultipart(b: Browser, path: string, fields: Record<string, string | File>) {
  const csrf = csrfOf(await (await b.get('/passport/import')).text());
  const form = new FormData();
  form.set('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return b.request(path, { method: 'POST', headers: { origin: TEST_ORIGIN }, body: form });
}

function tamper(jwt: string, edit: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(fromUtf8(base64UrlDecode(p as string) as Uint8Array));
  edit(payload);
  return `${h}.${base64UrlEncode(utf8(JSON.stringify(payload)))}.${s}`;
}

/** A credential issued by a did:key nobody here knows (e.g. from another wallet), about `subject`. */
async function selfIssued(
  subject: string,
  alignTo = 'cstf-fire',
  dates = { validFrom: '2026-03-01T00:00:00Z', validUntil: '2028-03-01T00:00:00Z' },
) {
  const pair = await generateEd25519KeyPair();
  const did = didKeyFromPublicJwk(pair.publicJwk);
  const credential = buildOpenBadgeCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuerDid: did,
    issuerName: 'Elsewhere Training Co',
    holderDid: subject,
    ...dates,
    achievement: {
      id: 'https://elsewhere.example/fire',
      achievementType: 'CertificateOfCompletion',
      name: 'Fire safety awareness',
      description: 'Fire safety awareness for care settings.',
      criteriaNarrative: 'Completed the course.',
      alignments: [{ targetName: 'Fire safety', targetUrl: 'https://example.org/fire', targetCode: alignTo }],
    },
  });
  const signer = { kid: `${did}#${did.slice('did:key:'.length)}`, privateKey: await importPrivateKey(pair.privateJwk) };
  return signCredentialJwt(credential, signer, { now: env.deps.clock() });
}

describe('my passport', () => {
  it('shows every credential with issuer, dates, status and recognition, grouped by kind', async () => {
    await issue(mh, world.worker.email, '2026-05-20');
    await issue(ascc, world.worker.email, '2026-01-10');
    const html = await (await (await worker()).get('/passport')).text();
    expect(html).toContain('<h2 id="group-qualification">Qualifications');
    expect(html).toContain('<h2 id="group-mandatory_training">Mandatory training');
    expect(html.indexOf('group-qualification')).toBeLessThan(html.indexOf('group-mandatory_training'));
    expect(html).toContain('Moving and handling (level 2)');
    expect(html).toContain('Northern Care Academy');
    expect(html).toContain('Recognised issuer');
    expect(html).toContain('20 May 2028'); // 24-month refresher
    expect(html).toContain('Does not expire');
    // Someone else's passport shows none of it.
    const theirs = await (await (await other()).get('/passport')).text();
    expect(theirs).not.toContain('Moving and handling');
    expect(theirs).toContain('No certificates yet');
  });

  it('shows a credential in full with a live check and lets me download it; someone else gets 404', async () => {
    const { id, jwt } = await issue(mh);
    const b = await worker();
    const res = await b.get(`/passport/credentials/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Checked just now');
    expect(html).toMatch(/<strong>Valid<\/strong>/);
    expect(html).toContain('You (your passport identifier)');
    const dl = await b.get(`/passport/credentials/${id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="moving-and-handling-level-2.jwt"');
    expect(await dl.text()).toBe(jwt);
    const o = await other();
    expect((await o.get(`/passport/credentials/${id}`)).status).toBe(404);
    expect((await o.get(`/passport/credentials/${id}/download`)).status).toBe(404);
    expect((await b.get('/passport/credentials/not-a-uuid')).status).toBe(404);
  });

  it('shows what the issuer did: a revoked credential says so, on the passport and on its page', async () => {
    const { id } = await issue(ipc);
    const res = await env.app.request('/credentials/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        credentialId: id,
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
        reason: 'Issued in error',
      }),
    });
    expect(res.status).toBe(200);
    const b = await worker();
    const page = await (await b.get(`/passport/credentials/${id}`)).text();
    expect(page).toContain('Revoked by the issuer');
    expect(page).toContain('Issued in error');
    expect(page).toContain('the issuer has revoked it');
  });
});

describe('claim links', () => {
  it('explains itself to someone not signed in and offers sign in or a new passport, returning to the link', async () => {
    const { claimUrl } = await issue(mh, 'newcomer@example.test');
    const path = new URL(claimUrl as string).pathname + new URL(claimUrl as string).search;
    const res = await env.app.request(`${TEST_ORIGIN}${path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Northern Care Academy</strong> has issued you <strong>Moving and handling (level 2)');
    const next = encodeURIComponent(path);
    expect(html).toContain(`href="/sign-in?next=${next}"`);
    expect(html).toContain(`href="/sign-up?next=${next}&amp;email=newcomer%40example.test"`);
    // The sign-in page carries the way back.
    const signIn = await (await env.app.request(`${TEST_ORIGIN}/sign-in?next=${next}`)).text();
    expect(signIn).toContain(`name="next" value="${path.replace('&', '&amp;')}"`);
  });

  it('adds the credential to my passport once, bound to my holder DID; a second use is a plain message', async () => {
    const { id, claimUrl } = await issue(ipc, 'late@example.test');
    const token = new URL(claimUrl as string).searchParams.get('token') as string;
    const user = await createUser(env.deps, {
      email: 'late@example.test',
      password: PASSWORD,
      displayName: 'Lee Late',
      verified: true,
    });
    const b = await browserAs(env, user.id);
    const page = await (await b.get(`/claim?token=${token}`)).text();
    expect(page).toContain('Add to my passport');
    expect(page).not.toContain('sent to another email address');
    const res = await b.postForm('/claim', { token }, `/claim?token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/passport/credentials/${id}?notice=claimed`);
    const row = (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0];
    const holder = (await env.deps.db.select().from(users).where(eq(users.id, user.id)))[0];
    expect(row?.subjectUserId).toBe(user.id);
    expect(row?.subjectDid).toBe(holder?.holderDid);
    const verify = await env.app.request('/credentials/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: await storedText(env.deps, id) }),
    });
    expect(((await verify.json()) as { verified: boolean }).verified).toBe(true);
    expect(await (await b.get('/passport')).text()).toContain('Infection prevention and control (level 2)');
    // Pressing again: already mine.
    const again = await b.postForm('/claim', { token }, '/passport');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/passport/credentials/${id}?notice=already`);
    expect((await b.get(`/claim?token=${token}`)).headers.get('location')).toBe(
      `/passport/credentials/${id}?notice=already`,
    );
    // Someone else with the same link: used, told plainly, nothing changes.
    const o = await other();
    const theirs = await o.postForm('/claim', { token }, '/passport');
    expect(theirs.status).toBe(410);
    expect(await theirs.text()).toContain('This link has already been used');
    expect((await o.get(`/claim?token=${token}`)).status).toBe(410);
    expect((await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]?.subjectUserId).toBe(
      user.id,
    );
  });

  it('works with the new link the academy sends when the first was lost or expired; earlier links stop', async () => {
    const { id, claimUrl } = await issue(mh, 'lost.link@example.test');
    const first = new URL(claimUrl as string).searchParams.get('token') as string;
    const staff = await browserAs(env, world.academyStaff.id);
    const page = `/academy/${world.academy.slug}/credentials/${id}`;
    expect(await (await staff.get(page)).text()).toContain('Send a new claim link');
    const sent = await staff.postForm(`${page}/claim-link`, {}, page);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`${page}?notice=claim_link_sent`);
    const mail = await latestMail(env, 'lost.link@example.test', 'new link');
    const second = new URL(`http://x${linkIn(mail!.body, '/claim?token=')}`).searchParams.get('token') as string;
    expect(second).not.toBe(first);

    const user = await createUser(env.deps, {
      email: 'lost.link@example.test',
      password: PASSWORD,
      displayName: 'Lou Lost',
      verified: true,
    });
    const b = await browserAs(env, user.id);
    const replaced = await b.get(`/claim?token=${first}`);
    expect(replaced.status).toBe(410);
    const replacedHtml = await replaced.text();
    expect(replacedHtml).toContain('<h1>A newer link was sent</h1>');
    expect(replacedHtml).toContain(
      'Northern Care Academy sent a newer link for this certificate to the same email address (l****@example.test)',
    );
    expect(replacedHtml).not.toContain('This link has expired');
    const res = await b.postForm('/claim', { token: second }, `/claim?token=${second}`);
    expect(res.headers.get('location')).toBe(`/passport/credentials/${id}?notice=claimed`);
    // The old link, opened again by the one who claimed with the new one, leads to the certificate.
    expect((await b.get(`/claim?token=${first}`)).headers.get('location')).toBe(
      `/passport/credentials/${id}?notice=already`,
    );
    // Anyone else is told it has been used, not to look for a newer email whose link is spent too.
    const stranger = await (await new Browser(env).get(`/claim?token=${first}`)).text();
    expect(stranger).toContain('This link has already been used');
    expect(stranger).not.toContain('A newer link was sent');
    // Once it is in a passport, no further link can be sent.
    expect(await (await staff.get(page)).text()).not.toContain('Send a new claim link');
    const late = await staff.postForm(`${page}/claim-link`, {}, page);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('already in the learner');
    const events = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(events.map((e) => e.action).sort()).toEqual([
      'credential.claim_link_sent',
      'credential.claimed',
      'credential.issued',
    ]);
  });

  it('sends at most 5 new claim links per certificate a day', async () => {
    const { id } = await issue(mh, 'many.links@example.test');
    const staff = await browserAs(env, world.academyStaff.id);
    const page = `/academy/${world.academy.slug}/credentials/${id}`;
    for (let i = 0; i < 5; i++) expect((await staff.postForm(`${page}/claim-link`, {}, page)).status).toBe(303);
    const sixth = await staff.postForm(`${page}/claim-link`, {}, page);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.text()).toContain('5 were sent for this certificate in the last day');
    // The issue notice and five new links: nothing more.
    expect(await mailCount(env, 'many.links@example.test')).toBe(6);
  });

  it('answers an expired, unknown or broken link with a clear message, never a 500', async () => {
    const { id, claimUrl } = await issue(mh, 'slow@example.test');
    const token = new URL(claimUrl as string).searchParams.get('token') as string;
    await env.deps.db.update(claims).set({ expiresAt: '2026-05-01T00:00:00.000Z' }).where(eq(claims.credentialId, id));
    const b = await worker();
    const page = await b.get(`/claim?token=${token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has expired');
    const post = await b.postForm('/claim', { token }, '/passport');
    expect(post.status).toBe(410);
    expect(await post.text()).toContain('Ask Northern Care Academy to send you a new one');
    // A new link sent after this one ran out: the old one points to the newer email rather than the lapse.
    const staff = await browserAs(env, world.academyStaff.id);
    const cert = `/academy/${world.academy.slug}/credentials/${id}`;
    expect((await staff.postForm(`${cert}/claim-link`, {}, cert)).status).toBe(303);
    expect(await (await b.get(`/claim?token=${token}`)).text()).toContain('A newer link was sent');
    expect((await b.get('/claim?token=abcdefghijklmnopqrstuvwxyz234567')).status).toBe(404);
    expect((await b.get('/claim?token=x')).status).toBe(400);
    expect((await b.get('/claim')).status).toBe(400);
    expect((await b.postForm('/claim', { token: 'abcdefghijklmnopqrstuvwxyz234567' }, '/passport')).status).toBe(404);
  });

  it('warns when the link was sent to another email address', async () => {
    const { claimUrl } = await issue(mh, 'someone-else@example.test');
    const token = new URL(claimUrl as string).searchParams.get('token') as string;
    const html = await (await (await worker()).get(`/claim?token=${token}`)).text();
    expect(html).toContain('sent to another email address (s****@example.test)');
  });
});

describe('reminders', () => {
  it('lists refreshers due within 90 days and expired ones, soonest first; a renewal replaces the old one', async () => {
    const user = await createUser(env.deps, {
      email: 'remind@example.test',
      password: PASSWORD,
      displayName: 'Rae Remind',
      verified: true,
    });
    // IPC L2 refreshes every 12 months: from 2025-07-15 it expires 2026-07-15 (44 days after the test clock).
    const due = await issue(ipc, 'remind@example.test', '2025-07-15');
    // Moving and handling refreshes every 24 months: from 2024-05-01 it expired 2026-05-01.
    const lapsed = await issue(mh, 'remind@example.test', '2024-05-01');
    await issue(ascc, 'remind@example.test', '2025-01-01');
    const b = await browserAs(env, user.id);
    let html = await (await b.get('/passport/reminders')).text();
    expect(html.indexOf('Moving and handling')).toBeGreaterThan(-1);
    expect(html.indexOf('Moving and handling')).toBeLessThan(html.indexOf('Infection prevention'));
    expect(html).toContain('Expired on 1 May 2026');
    expect(html).toContain('Expires on 15 July 2026, in 44 days');
    expect(html).not.toContain('Adult Social Care Certificate');
    expect(await (await b.get('/passport')).text()).toContain('2 certificates need</a>'.replace('</a>', ''));
    // The academy renews the lapsed one: the old one leaves the passport and the reminders.
    const ctx = issueContext(env.deps, null);
    const [renewed] = await issueCredentials(
      ctx,
      await loadAchievement(env.deps.db, world.academy.id, mh),
      [{ email: 'remind@example.test', name: 'Rae Remind', completedOn: '2026-05-28' }],
      { replacesId: lapsed.id },
    );
    html = await (await b.get('/passport/reminders')).text();
    expect(html).not.toContain('Moving and handling');
    expect(html).toContain('Infection prevention');
    const passport = await (await b.get('/passport')).text();
    expect(passport).not.toContain(`/passport/credentials/${lapsed.id}"`);
    expect(passport).toContain(`/passport/credentials/${renewed?.credentialId}"`);
    // The old one is still mine to look at, and points to the new one.
    const old = await (await b.get(`/passport/credentials/${lapsed.id}`)).text();
    expect(old).toContain(`href="/passport/credentials/${renewed?.credentialId}"`);
    expect(due.id).toBeTruthy();
  });
});

describe('bringing a credential from elsewhere', () => {
  it('verifies and stores a pasted credential from an unknown issuer, showing its subject', async () => {
    const b = await worker();
    const jwt = await selfIssued('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    const res = await postMultipart(b, '/passport/import', { jwt: `\n${jwt}\n` });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') as string;
    expect(location).toMatch(/^\/passport\/credentials\/[0-9a-f-]{36}\?notice=imported$/);
    const id = location.split('/')[3]?.split('?')[0] as string;
    const row = (await env.deps.db.select().from(importedCredentials).where(eq(importedCredentials.id, id)))[0];
    expect(row).toMatchObject({
      userId: world.worker.id,
      jwt,
      name: 'Fire safety awareness',
      issuer: 'Elsewhere Training Co',
      format: 'vc2-jwt',
    });
    expect(JSON.parse(row?.alignedIds ?? '[]')).toEqual(['cstf-fire']);
    expect(JSON.parse(row?.verification ?? '{}')).toMatchObject({ verified: true, trust: { recognised: false } });
    const page = await (await b.get(location)).text();
    expect(page).toContain('Done. The certificate was checked and added');
    expect(page).toContain('This is not your Care Passport identifier');
    expect(page).toContain('Issuer not recognised here');
    const passport = await (await b.get('/passport')).text();
    expect(passport).toContain('Fire safety awareness');
    expect(passport).toContain('Added by you');
    // The same again is refused, plainly.
    const dup = await postMultipart(b, '/passport/import', { jwt });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('already in your passport');
    // And it can be removed; someone else cannot remove it.
    expect((await (await other()).postForm(`/passport/credentials/${id}/remove`, {}, '/passport')).status).toBe(404);
    expect((await b.postForm(`/passport/credentials/${id}/remove`, {}, '/passport')).status).toBe(303);
    expect(await env.deps.db.select().from(importedCredentials).where(eq(importedCredentials.id, id))).toEqual([]);
  });

  it('accepts a file holding {"verifiableCredential": <envelope>}', async () => {
    const b = await other();
    const jwt = await selfIssued('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'spec-dementia');
    const file = new File(
      [
        JSON.stringify({
          verifiableCredential: { type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` },
        }),
      ],
      'dementia.json',
      { type: 'application/json' },
    );
    const res = await postMultipart(b, '/passport/import', { jwt: '', file });
    expect(res.status).toBe(303);
    const passport = await (await b.get('/passport')).text();
    expect(passport).toContain('<h2 id="group-specialism">Specialisms');
  });

  it('keeps a genuine credential that has only expired, shown as expired and counted as needing a refresher', async () => {
    const user = await createUser(env.deps, {
      email: 'lapsed@example.test',
      password: PASSWORD,
      displayName: 'Lap Sed',
      verified: true,
    });
    const b = await browserAs(env, user.id);
    const old = await selfIssued('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'cstf-fire', {
      validFrom: '2023-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
    });
    const res = await postMultipart(b, '/passport/import', { jwt: old });
    expect(res.status).toBe(303);
    expect(await (await b.get('/passport')).text()).toMatch(/<span class="tag bad">Expired<\/span>/);
    await b.postForm(
      '/passport/pathway',
      { currentRoleId: '', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    const html = await (await b.get('/passport/pathway')).text();
    expect(html).toMatch(/Expired<\/span> <strong>Fire safety<\/strong>/);
    expect(html).toContain('Refresh Fire safety (refresher every 24 months)');
  });

  it('refuses a tampered or forged credential with a plain reason and keeps what was pasted', async () => {
    const b = await worker();
    const { jwt } = await issue(mh);
    const tampered = tamper(jwt, (p) => {
      p.validUntil = '2099-01-01T00:00:00Z';
    });
    const res = await postMultipart(b, '/passport/import', { jwt: tampered });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      'We could not add this certificate: its signature does not match: it has been altered or forged.',
    );
    expect(html).toContain(`>${tampered}</textarea>`);
    expect(html).toContain('aria-invalid="true"');
    // Forged: the academy's name and key id, signed with someone else's key.
    const forger = await generateEd25519KeyPair();
    const [h, p] = jwt.split('.');
    const sig = await crypto.subtle.sign(
      { name: 'Ed25519' },
      await importPrivateKey(forger.privateJwk),
      utf8(`${h}.${p}`),
    );
    const forged = `${h}.${p}.${base64UrlEncode(new Uint8Array(sig))}`;
    const f = await postMultipart(b, '/passport/import', { jwt: forged });
    expect(f.status).toBe(400);
    expect(await f.text()).toContain('altered or forged');
    const garbage = await postMultipart(b, '/passport/import', { jwt: 'my certificate from 2019' });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain('two dots');
    const photo = await postMultipart(b, '/passport/import', {
      file: new File(['x'], 'certificate.jpg', { type: 'image/jpeg' }),
    });
    expect(photo.status).toBe(400);
    expect(await photo.text()).toContain('Photos and PDFs cannot be checked');
    const big = await postMultipart(b, '/passport/import', { file: new File(['a'.repeat(70 * 1024)], 'big.txt') });
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('larger than 64 KB');
    const mine = await postMultipart(b, '/passport/import', { jwt });
    expect(mine.status).toBe(400);
    expect(await mine.text()).toContain('already in your passport');
    const stored = await env.deps.db
      .select()
      .from(importedCredentials)
      .where(eq(importedCredentials.userId, world.worker.id));
    expect(stored.map((r) => r.jwt)).not.toContain(tampered);
    expect(stored.map((r) => r.jwt)).not.toContain(forged);
  });
});

describe('career pathway', () => {
  it('saves my roles and shows the ladder, the band and pay, the gap analysis and suggested next steps', async () => {
    const user = await createUser(env.deps, {
      email: 'path@example.test',
      password: PASSWORD,
      displayName: 'Pat Path',
      verified: true,
    });
    await env.deps.db.update(users).set({ workforceConsent: true, areaCode: null }).where(eq(users.id, user.id));
    const b = await browserAs(env, user.id);
    const empty = await (await b.get('/passport/pathway')).text();
    expect(empty).toContain('Choose the role you do now');
    expect(empty).toContain('<optgroup label="Social care job roles (DHSC health and social care role mapping)">');
    const saved = await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/passport/pathway?notice=saved');
    const row = (await env.deps.db.select().from(users).where(eq(users.id, user.id)))[0];
    expect(row).toMatchObject({ currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' });
    const history = await env.deps.db.select().from(roleHistory).where(eq(roleHistory.userId, user.id));
    expect(history).toHaveLength(1);

    let html = await (await b.get('/passport/pathway')).text();
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="ladder-dhsc-role-map-title">Career ladder: Social care job roles');
    expect(html).toContain('You are here: Care worker.');
    expect(html).toContain('Your target: Senior care worker.');
    expect(html).toMatch(/Band: <strong>Band 3<\/strong> <span class="tag warn">indicative<\/span>/);
    expect(html).toMatch(/£[\d,]+ \(2025\/26\)/);
    // 2026/27 is the published award, with its own source line; bands 2/3 carry the pending-reform note.
    expect(html).not.toContain('computed');
    expect(html).toMatch(
      /Source for 2026\/27: NHS Agenda for Change pay rates 2026\/27, England: the published 3\.3% award/,
    );
    expect(html).toMatch(/Source for 2024\/25: NHS Agenda for Change pay rates 2024\/25/);
    expect(html).toContain('structural reform of the lowest pay bands');
    expect(html).toMatch(/You could start as Senior care worker after \d+ short courses/);
    expect(html).toMatch(/<dt>Short courses you still need \(\d+\)<\/dt>/);
    expect(html).toContain('What you need for Senior care worker');
    expect(html).toMatch(/Can skip 0 of \d+ required items/);
    expect(html).toMatch(/Still needed<\/span> <strong>Moving and handling level 2/);
    expect(html).toContain(
      '<div class="small">Complete Moving and handling level 2 (people / patient handling) (refresher every 24 months)</div>',
    );
    // Care worker -> senior care worker, then nursing associate (band 4) or registered manager.
    expect(html).toContain('Care worker -&gt; Senior care worker (AfC band 3 equivalent)');
    expect(html.indexOf('<h3>After that</h3>')).toBeLessThan(
      html.indexOf('Senior care worker -&gt; Nursing associate (AfC band 4)'),
    );
    expect(html).toContain('Make Registered manager my target');

    // A new credential closes a gap.
    await issue(mh, 'path@example.test', '2026-05-01');
    html = await (await b.get('/passport/pathway')).text();
    expect(html).toMatch(/Can skip 1 of \d+ required items/);
    expect(html).toMatch(/Done<\/span> <strong>Moving and handling level 2/);
    expect(html).toContain('From your certificate: Moving and handling (level 2) (Northern Care Academy)');

    // Suggested steps from the target's own role once I move up.
    await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-senior-care-worker', targetRoleId: 'nhs-nursing-associate' },
      '/passport/pathway',
    );
    html = await (await b.get('/passport/pathway')).text();
    expect(html).toContain('Make Registered manager my target');
    expect(html).toContain('This is your target');
    const moves = await env.deps.db
      .select()
      .from(roleHistory)
      .where(and(eq(roleHistory.userId, user.id), eq(roleHistory.bandUp, true)));
    expect(moves.map((m) => m.toRoleId)).toEqual(['dhsc-senior-care-worker']);
  });

  it('clears the pathway when neither role is chosen, and says so rather than "updated"', async () => {
    const b = await worker();
    await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    const res = await b.postForm('/passport/pathway', { currentRoleId: '', targetRoleId: '' }, '/passport/pathway');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/passport/pathway?notice=cleared');
    const html = await (await b.get(res.headers.get('location') ?? '')).text();
    expect(html).toContain('Cleared. No role you do now or would like to get to is saved');
    expect(html).not.toContain('Saved. Your pathway is updated.');
    const row = (await env.deps.db.select().from(users).where(eq(users.id, world.worker.id)))[0];
    expect(row).toMatchObject({ currentRoleId: null, targetRoleId: null });
  });

  it('saves a target below the current role, with a word in case an upward move was meant', async () => {
    const b = await worker();
    const down = await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-senior-care-worker', targetRoleId: 'dhsc-care-worker' },
      '/passport/pathway',
    );
    expect(down.status).toBe(303);
    expect(down.headers.get('location')).toBe('/passport/pathway?notice=saved-below');
    const html = await (await b.get(down.headers.get('location') ?? '')).text();
    expect(html).toContain('Saved. The role you would like to get to is lower than the one you do now.');
    const row = (await env.deps.db.select().from(users).where(eq(users.id, world.worker.id)))[0];
    expect(row).toMatchObject({ currentRoleId: 'dhsc-senior-care-worker', targetRoleId: 'dhsc-care-worker' });
    // Up the ladder, or a target alone: the plain word.
    for (const roles of [
      { currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' },
      { currentRoleId: '', targetRoleId: 'dhsc-care-worker' },
    ]) {
      const up = await b.postForm('/passport/pathway', roles, '/passport/pathway');
      expect(up.headers.get('location')).toBe('/passport/pathway?notice=saved');
    }
  });

  it('refuses a role that is not in the catalogue and keeps the rest of the page', async () => {
    const b = await worker();
    const res = await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'made-up-role', targetRoleId: '' },
      '/passport/pathway',
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose a role from the list');
  });
});

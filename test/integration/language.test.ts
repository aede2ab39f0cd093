/**
 * The language switch and Welsh pages: the cookie, Accept-Language on a first visit, `lang`, and safe returns; the
 * worker's pages in Welsh, with English text from services marked as English.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { langFromAcceptLanguage } from '../../worker/middleware/language';
import { safeNextPath } from '../../worker/routes/language';
import { PASSWORD, browserAs, latestMail, linkIn, makeUser, postForm } from '../helpers/accounts';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let credentialId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  const achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  credentialId = (await issueViaApi(env, world, { achievementId, email: world.worker.email })).id;
});
afterAll(() => env.close());

const page = (path: string, headers: Record<string, string> = {}) =>
  env.app.request(`${TEST_ORIGIN}${path}`, { headers: { accept: 'text/html', ...headers } });

/** An error summary with its heading in Welsh and each message (written in English) marked so. */
const SUMMARY_IN_WELSH =
  /<div class="notice error" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">Mae problem<\/h2><ul><li lang="en">/;

describe('choosing a language', () => {
  it('remembers Cymraeg in a cookie and goes back to the page', async () => {
    const b = new Browser(env);
    const res = await b.get('/language?lang=cy&next=%2Fverify');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/verify');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cp_lang='));
    expect(cookie).toMatch(/^cp_lang=cy; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const html = await (await b.get('/verify')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Gwirio tystysgrif</h1>');
    expect(html).toContain('Cyfieithiad heb ei adolygu eto');
    // The switch names each language in itself, marks it, and comes back here.
    expect(html).toContain('<a href="/language?lang=en&amp;next=%2Fverify" lang="en" hreflang="en">English</a>');
    expect(html).toContain('<span lang="cy" aria-current="true">Cymraeg</span>');
    const back = await b.get('/language?lang=en&next=%2Fverify');
    expect(back.headers.get('location')).toBe('/verify');
    expect(await (await b.get('/verify')).text()).toContain('<html lang="en-GB">');
  });

  it('never sends anyone off the site: other hosts, schemes and odd paths go to the home page', async () => {
    for (const next of [
      '//evil.example',
      '//evil.example/passport',
      'https://evil.example/',
      'http:/evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/%0d%0aSet-Cookie:x=1',
    ]) {
      const res = await page(`/language?lang=cy&next=${encodeURIComponent(next)}`);
      expect(res.status, next).toBe(303);
      const location = res.headers.get('location') ?? '';
      if (next.startsWith('/%0d')) expect(location).toBe(next);
      else expect(location, next).toBe('/');
    }
    expect(safeNextPath('/passport/shares?notice=revoked')).toBe('/passport/shares?notice=revoked');
    expect(safeNextPath('/\r\nLocation: //evil.example')).toBe('/');
    expect((await page('/language?lang=fr&next=%2F')).status).toBe(400);
    // A page asked for with an off-site `next` does not repeat it in the switch.
    const signIn = await (await page('/sign-in?next=//evil.example')).text();
    expect(signIn).toContain('href="/language?lang=cy&amp;next=%2Fsign-in"');
    expect(signIn).not.toContain('evil.example');
  });

  it('honours Accept-Language on a first visit, and the cookie over it afterwards', async () => {
    expect(await (await page('/verify', { 'accept-language': 'cy' })).text()).toContain('<html lang="cy">');
    expect(await (await page('/verify', { 'accept-language': 'cy-GB,en;q=0.8' })).text()).toContain('<html lang="cy">');
    expect(await (await page('/verify', { 'accept-language': 'en-GB,cy;q=0.5' })).text()).toContain(
      '<html lang="en-GB">',
    );
    const chosen = await page('/verify', { 'accept-language': 'cy', cookie: 'cp_lang=en' });
    expect(await chosen.text()).toContain('<html lang="en-GB">');
    expect(chosen.headers.get('vary')).toContain('Accept-Language');
    expect(langFromAcceptLanguage('fr, cy;q=0.9, en;q=0.3')).toBe('cy');
    expect(langFromAcceptLanguage('cy;q=0, en')).toBe('en');
    expect(langFromAcceptLanguage(undefined)).toBe('en');
  });

  it('says plainly when a page is not in Welsh yet, and keeps it English', async () => {
    const html = await (await page('/catalogue', { cookie: 'cp_lang=cy' })).text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<span lang="cy">Nid yw’r dudalen hon ar gael yn Gymraeg eto.</span>');
    expect(html).not.toContain('Cyfieithiad heb ei adolygu eto');
  });
});

describe('the worker’s journey in Welsh', () => {
  it('shows the passport, a certificate, the share form and the share list in Welsh', async () => {
    const b = await browserAs(env, world.worker.id);
    b.cookies.set('cp_lang', 'cy');
    const passport = await (await b.get('/passport')).text();
    expect(passport).toContain('<html lang="cy">');
    expect(passport).toContain('<h1>Fy mhasbort</h1>');
    expect(passport).toContain('Mae gennych 1 dystysgrif.');
    expect(passport).toContain('Rhannu â chyflogwr');
    const id = passport.match(/href="\/passport\/credentials\/([0-9a-f-]{36})"/)?.[1];
    const cert = await (await b.get(`/passport/credentials/${id}`)).text();
    expect(cert).toContain('Yn ôl i fy mhasbort');
    expect(cert).toContain('<h2>Newydd ei gwirio</h2>');
    // The fresh check is in Welsh; only what the verifier writes itself (each step's detail) stays English, marked so.
    expect(cert).not.toContain('<div lang="en">');
    expect(cert).not.toContain('Mae’r rhan hon yn Saesneg yn unig.');
    expect(cert).toContain('<span class="tag ok" aria-hidden="true">Dilys</span> <strong>Dilys</strong>');
    expect(cert).toContain('<strong>Diddymu:</strong> <span class="tag ok">iawn</span> Heb ei diddymu');
    expect(cert).toContain('<summary>Manylion technegol</summary>');
    expect(cert).toMatch(/<span class="tag ok">wedi pasio<\/span> Llofnod: <span lang="en">Signed by did:web:/);
    const form = await (await b.get('/passport/share')).text();
    expect(form).toContain('<legend>Pa dystysgrifau?</legend>');
    expect(form).toContain('30 diwrnod');
    const posted = await b.postForm('/passport/shares', { credentialIds: id ?? '', days: '7' }, '/passport/share');
    const made = await (await b.get(posted.headers.get('location') ?? '')).text();
    expect(made).toContain('<h1>Mae eich dolen rannu yn barod</h1>');
    const list = await (await b.get('/passport/shares')).text();
    expect(list).toContain('Dangos y ddolen a’r cod QR');
    expect(list).toMatch(/Yn gweithio tan \d+ Mehefin 2026/);
  });

  it('shows the career pathway in Welsh, with catalogue role names marked as English', async () => {
    const b = await browserAs(env, world.worker.id);
    b.cookies.set('cp_lang', 'cy');
    const saved = await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'dhsc-care-worker', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    expect(saved.status).toBe(303);
    const html = await (await b.get(saved.headers.get('location') ?? '/passport/pathway')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Fy llwybr gyrfa</h1>');
    expect(html).toContain('Wedi’i gadw. Mae eich llwybr wedi’i ddiweddaru.');
    expect(html).toMatch(/Eich rôl nawr: <strong><span lang="en">[^<]+<\/span><\/strong>\./);
    expect(html).toContain('Band a chyflog (dangosol)');
    expect(html).toContain('<button type="submit">Cadw a dangos fy llwybr</button>');
    // The ladder figure and its list speak Welsh; the catalogue's role names stay English, marked so.
    expect(html).not.toMatch(/<div lang="en"><(svg|ol)/);
    expect(html).toMatch(/<title id="ladder-[a-z-]+-title">Ysgol yrfa: /);
    expect(html).toMatch(
      /, o’r uchaf i’r isaf: [^<]+\. Rydych chi yma: Care worker\. Eich nod: Senior care worker\.<\/desc>/,
    );
    expect(html).toContain('fill="#ffffff" lang="en">Care worker</text>');
    expect(html).toContain('<span class="tag ok">Rydych chi yma</span>');
    expect(html).toContain(
      '<li><span lang="en"><strong>Senior care worker</strong> (Band 3)</span><span class="tag warn">Eich nod</span>',
    );
  });

  it('shows a claim link problem and a missing share link in Welsh', async () => {
    const claim = await (await page('/claim?token=short', { cookie: 'cp_lang=cy' })).text();
    expect(claim).toContain('<h1>Nid yw’r ddolen hon yn gweithio</h1>');
    const share = await page(`/s/${'a'.repeat(32)}`, { cookie: 'cp_lang=cy' });
    expect(share.status).toBe(404);
    expect(await share.text()).toContain('Heb ddod o hyd i’r ddolen rannu');
  });
});

describe('signing up and signing in in Welsh', () => {
  it('shows sign-up, the check-your-email answer and the confirmation in Welsh', async () => {
    const b = new Browser(env);
    b.cookies.set('cp_lang', 'cy');
    const form = await (await b.get('/sign-up')).text();
    expect(form).toContain('<html lang="cy">');
    expect(form).toContain('<h1>Creu eich cyfrif</h1>');
    expect(form).toContain('<label for="password">Dewiswch gyfrinair</label>');
    expect(form).toContain('<button type="submit">Creu cyfrif</button>');
    expect(form).toContain('Oes gennych chi gyfrif yn barod? <a href="/sign-in">Mewngofnodwch</a>');
    expect(form).toContain('Cyfieithiad heb ei adolygu eto');
    // A refused form: the labels stay Welsh, the schema's messages stay English and say so.
    const refused = await postForm(b, '/sign-up', { displayName: 'Nia', email: 'not-an-email', password: 'short' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('<html lang="cy">');
    expect(refusedHtml).toMatch(SUMMARY_IN_WELSH);
    expect(refusedHtml).toMatch(/<span class="error-text" id="email-error" lang="en">/);
    const sent = await postForm(b, '/sign-up', {
      displayName: 'Nia Jones',
      email: 'nia@example.org',
      password: PASSWORD,
    });
    const sentHtml = await sent.text();
    expect(sentHtml).toContain('<h1>Gwiriwch eich e-bost</h1>');
    expect(sentHtml).toContain('Rydyn ni wedi anfon neges at <strong>nia@example.org</strong>.');
    const early = await postForm(b, '/sign-in', { email: 'nia@example.org', password: PASSWORD });
    expect(early.status).toBe(403);
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain('<h1>Cadarnhewch eich cyfeiriad e-bost yn gyntaf</h1>');
    expect(earlyHtml).toContain('Rydyn ni wedi anfon dolen gadarnhau newydd at <strong>nia@example.org</strong>.');
    const mail = await latestMail(env, 'nia@example.org', 'Confirm');
    const confirmed = await (await b.get(linkIn(mail?.body ?? '', '/verify-email'))).text();
    expect(confirmed).toContain('<h1>Cyfeiriad e-bost wedi’i gadarnhau</h1>');
    const again = await (await b.get('/verify-email?token=used')).text();
    expect(again).toContain('<h1>Nid yw’r ddolen hon yn gweithio</h1>');
  });

  it('shows sign-in, its refusal and the signed-out notice in Welsh', async () => {
    const b = new Browser(env);
    b.cookies.set('cp_lang', 'cy');
    const form = await (await b.get('/sign-in?notice=signed-out')).text();
    expect(form).toContain('<html lang="cy">');
    expect(form).toContain('<h1>Mewngofnodi</h1>');
    expect(form).toContain('<label for="password">Cyfrinair</label>');
    expect(form).toContain('<a href="/forgot-password">Wedi anghofio eich cyfrinair?</a>');
    expect(form).toContain('Newydd yma? <a href="/sign-up">Creu cyfrif</a>');
    expect(form).toContain('Rydych chi wedi allgofnodi.');
    const refused = await postForm(b, '/sign-in', { email: world.worker.email, password: 'not the password' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('<h1>Mewngofnodi</h1>');
    expect(refusedHtml).toMatch(SUMMARY_IN_WELSH);
  });

  it('shows the forgotten-password and reset pages in Welsh', async () => {
    const b = new Browser(env);
    b.cookies.set('cp_lang', 'cy');
    const forgot = await (await b.get('/forgot-password')).text();
    expect(forgot).toContain('<html lang="cy">');
    expect(forgot).toContain('<h1>Ailosod eich cyfrinair</h1>');
    expect(forgot).toContain('<button type="submit">Anfon dolen ailosod</button>');
    const sent = await (await postForm(b, '/forgot-password', { email: 'nobody@example.org' })).text();
    expect(sent).toContain('Os oes gan <strong>nobody@example.org</strong> gyfrif Care Passport');
    const broken = await b.get('/reset-password?token=nope');
    expect(broken.status).toBe(400);
    const brokenHtml = await broken.text();
    expect(brokenHtml).toContain('<html lang="cy">');
    expect(brokenHtml).toContain('<a href="/forgot-password">Gofyn am ddolen newydd</a>');
  });
});

/** The worker, signed in, having chosen Cymraeg. */
async function welshWorker() {
  const b = await browserAs(env, world.worker.id);
  b.cookies.set('cp_lang', 'cy');
  return b;
}

describe('the rest of the passport in Welsh', () => {
  it('heads the refusals of the share form and the pathway in Welsh, keeping each English message marked', async () => {
    const b = await welshWorker();
    const share = await b.postForm('/passport/shares', { days: '30' }, '/passport/share');
    expect(share.status).toBe(400);
    const shareHtml = await share.text();
    expect(shareHtml).toMatch(SUMMARY_IN_WELSH);
    expect(shareHtml).toContain('Choose at least one certificate to share');
    expect(shareHtml).not.toContain('<div lang="en"><div class="notice error"');
    const path = await b.postForm(
      '/passport/pathway',
      { currentRoleId: 'no-such-role', targetRoleId: 'dhsc-senior-care-worker' },
      '/passport/pathway',
    );
    expect(path.status).toBe(400);
    const pathHtml = await path.text();
    expect(pathHtml).toContain('<h1>Fy llwybr gyrfa</h1>');
    expect(pathHtml).toMatch(SUMMARY_IN_WELSH);
    expect(pathHtml).not.toContain('<div lang="en"><div class="notice error"');
  });

  it('links to answering a request and taking a wallet offer in Welsh, and lists reminders in Welsh', async () => {
    const b = await welshWorker();
    const passport = await (await b.get('/passport')).text();
    expect(passport).toContain('<a class="button secondary" href="/passport/answer-request">Ateb cais am brawf</a>');
    expect(passport).toContain('Ychwanegu tystysgrif o gynnig waled');
    const reminders = await (await b.get('/passport/reminders')).text();
    expect(reminders).toContain('<html lang="cy">');
    expect(reminders).toContain('<h1>Nodiadau atgoffa am hyfforddiant gloywi</h1>');
    expect(reminders).toContain('Hyfforddiant sy’n dod i ben yn ystod y 90 diwrnod nesaf');
    expect(reminders).not.toContain('Back to my passport');
  });

  it('shows adding a certificate from elsewhere in Welsh, with the refusal kept English and marked so', async () => {
    const b = await welshWorker();
    const form = await (await b.get('/passport/import')).text();
    expect(form).toContain('<html lang="cy">');
    expect(form).toContain('<h1>Ychwanegu tystysgrif o rywle arall</h1>');
    expect(form).toContain('<label for="jwt">Gludo’r dystysgrif</label>');
    expect(form).toContain('<button type="submit">Gwirio ac ychwanegu</button>');
    const refused = await b.postForm('/passport/import', { jwt: 'not a certificate' }, '/passport/import');
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<h1>Ychwanegu tystysgrif o rywle arall</h1>');
    expect(html).toMatch(SUMMARY_IN_WELSH);
    expect(html).toMatch(/<span class="error-text" id="jwt-error" lang="en">/);
  });

  it('says in Welsh when a waiting certificate cannot be added now', async () => {
    const b = await welshWorker();
    const res = await b.postForm(`/passport/waiting/${randomUUID()}`, {}, '/passport');
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Does dim modd ychwanegu’r dystysgrif hon nawr</h1>');
    expect(html).toContain('Ewch yn ôl i <a href="/passport">eich pasbort</a> i weld beth sy’n dal i aros.');
    b.cookies.set('cp_lang', 'en');
    const english = await (await b.postForm(`/passport/waiting/${randomUUID()}`, {}, '/passport')).text();
    expect(english).toContain('<h1>This certificate cannot be added now</h1>');
    expect(english).toContain('Go back to <a href="/passport">your passport</a> to see what is still waiting.');
  });

  it('explains deleting the account in Welsh, keeps a refusal English, and says goodbye in Welsh', async () => {
    const b = await welshWorker();
    const html = await (await b.get('/account/delete')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Dileu eich cyfrif</h1>');
    expect(html).toContain('Mae eich tystysgrifau’n parhau’n ddilys');
    expect(html).toContain('Gweler <a href="/privacy">sut rydyn ni’n trin data personol</a>.');
    expect(html).toContain('data-confirm="Dileu eich cyfrif am byth?"');
    expect(html).toContain(`Y cyfeiriad rydych chi’n mewngofnodi ag ef: ${world.worker.email}`);
    const wrong = await b.postForm('/account/delete', { confirmEmail: 'someone@example.test' }, '/account/delete');
    expect(wrong.status).toBe(400);
    const refused = await wrong.text();
    expect(refused).toContain('<h1>Dileu eich cyfrif</h1>');
    expect(refused).toMatch(/<span class="error-text" id="confirmEmail-error" lang="en">/);
    expect(refused).toMatch(SUMMARY_IN_WELSH);

    const leaver = await makeUser(env, { email: 'gadael@example.test' });
    const gone = await browserAs(env, leaver.id);
    gone.cookies.set('cp_lang', 'cy');
    const res = await gone.postForm('/account/delete', { confirmEmail: 'gadael@example.test' }, '/account/delete');
    expect(res.status).toBe(200);
    const bye = await res.text();
    expect(bye).toContain('<html lang="cy">');
    expect(bye).toContain('<h1>Mae eich cyfrif wedi’i ddileu</h1>');
    expect(bye).toContain('<a href="/">Mynd i’r hafan</a>');
  });

  it('prints the passport summary in Welsh, with Welsh dates and statuses, and the same page in English', async () => {
    const b = await welshWorker();
    const html = await (await b.get('/passport/print')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1 id="summary-title">Care Passport: Wendy Worker</h1>');
    expect(html).toContain('1 dystysgrif, wedi’i llofnodi gan y sefydliad a’i cyhoeddodd.');
    expect(html).toContain('<th scope="col">Dilys tan</th>');
    expect(html).toMatch(/<td>\d+ Mehefin 20\d\d<\/td><td>Dilys<\/td>/);
    b.cookies.set('cp_lang', 'en');
    const english = await (await b.get('/passport/print')).text();
    expect(english).toContain('<html lang="en-GB">');
    expect(english).toContain('1 certificate, each signed by the organisation that issued it.');
    expect(english).toMatch(/<td>\d+ June 20\d\d<\/td><td>Valid<\/td>/);
  });

  it('offers a certificate to a wallet app in Welsh, and lists copies in wallet apps in Welsh', async () => {
    const b = await welshWorker();
    const res = await b.postForm(
      `/passport/credentials/${credentialId}/wallet-offer`,
      {},
      `/passport/credentials/${credentialId}`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Ychwanegu at ap waled</h1>');
    expect(html).toContain('Rhowch gopi o <strong>Moving and handling (level 2)</strong> gan Northern Care Academy');
    expect(html).toMatch(/Mae’r cynnig hwn yn gweithio unwaith, am \d+ munud \(tan \d+ Mehefin 2026 am \d\d:\d\d\)/);
    expect(html).toContain('<span class="visually-hidden">Eich PIN yw </span>');
    expect(html).toContain('<a href="/passport/shares#wallets">ble aeth eich tystysgrifau</a>');
    const shares = await (await b.get('/passport/shares')).text();
    expect(shares).toContain('<h2 id="wallets">Copïau mewn apiau waled</h2>');
  });

  it('answers a request and takes a wallet offer in Welsh, keeping the refusals English and marked so', async () => {
    const b = await welshWorker();
    const request = await b.get('/passport/answer-request?link=not-a-request');
    expect(request.status).toBe(400);
    const requestHtml = await request.text();
    expect(requestHtml).toContain('<html lang="cy">');
    expect(requestHtml).toContain('<label for="link">Dolen y cais</label>');
    expect(requestHtml).toMatch(SUMMARY_IN_WELSH);
    expect(requestHtml).toMatch(/<span class="error-text" id="link-error" lang="en">/);
    const offer = await b.postForm(
      '/passport/wallet-offer',
      { link: 'not-an-offer', pin: '' },
      '/passport/wallet-offer',
    );
    expect(offer.status).toBe(400);
    const offerHtml = await offer.text();
    expect(offerHtml).toContain('<label for="link">Dolen y cynnig</label>');
    expect(offerHtml).toContain('<label for="pin">PIN</label>');
    expect(offerHtml).toMatch(/<span class="error-text" id="link-error" lang="en">/);
  });
});

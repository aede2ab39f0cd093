/**
 * The rest of the worker's passport in Welsh: refresher reminders, adding a certificate from elsewhere, a waiting
 * certificate that can no longer be added, the one-page summary to print, deleting the account, the wallet pages and
 * the wallet history; each with `<html lang="cy">`, its Welsh words, and English text from services marked as English.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs, makeUser } from '../helpers/accounts';
import { type TestEnv, makeTestEnv } from '../helpers/app';
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

/** The worker, signed in, having chosen Cymraeg. */
async function welshWorker() {
  const b = await browserAs(env, world.worker.id);
  b.cookies.set('cp_lang', 'cy');
  return b;
}

describe('the rest of the passport in Welsh', () => {
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
    expect(html).toMatch(/<div lang="en"><div class="notice error" role="alert"/);
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
    expect(requestHtml).toMatch(/<div lang="en"><div class="notice error" role="alert"/);
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

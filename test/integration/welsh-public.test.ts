/**
 * Public and shared pages in Welsh: home, help, contact, the chooser after sign-in, error pages, the printable
 * certificate, and the verification result on /verify and on a shared passport. What services and schemas write stays English and is marked so; pages
 * not in Welsh yet (privacy) say so and stay English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShare } from '../../worker/services/passport/shares';
import { browserAs, join } from '../helpers/accounts';
import { Browser, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

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

/** A visitor who chose Cymraeg. */
function welsh(b = new Browser(env)) {
  b.cookies.set('cp_lang', 'cy');
  return b;
}

const issue = () =>
  issueViaApi(env, world, { achievementId, email: world.worker.email, name: 'Someone', notify: false });

/** The issuer revokes a credential through the API. */
async function revoke(id: string) {
  const res = await env.app.request('/credentials/status', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
    body: JSON.stringify({ credentialId: id, credentialStatus: [{ status: 'revoked' }], reason: 'Issued in error' }),
  });
  expect(res.status).toBe(200);
}

/** Posts the verifier's form as the page does (multipart), with the page's CSRF token when signed in. */
async function postVerify(b: Browser, input: string) {
  const form = new FormData();
  form.set('input', input);
  if (b.cookies.has('cp_session')) {
    const page = await (await b.get('/verify')).text();
    form.set('_csrf', page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
  }
  return b.request('/verify', { method: 'POST', headers: { origin: TEST_ORIGIN }, body: form });
}

describe('public pages in Welsh', () => {
  it('shows the home page in Welsh, and in English to everyone else', async () => {
    const html = await (await welsh().get('/')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Eich hyfforddiant gofal, y mae pob cyflogwr yn gallu ymddiried ynddo</h1>');
    expect(html).toContain('<a class="button" href="/sign-up">Creu fy mhasbort</a>');
    expect(html).toContain('Cofrestru eich academi, eich cyflogwr neu eich cyngor');
    expect(html).toContain('<a href="/api/openapi.json">API</a>');
    const english = await (await new Browser(env).get('/')).text();
    expect(english).toContain('<h1>Your care training, trusted by every employer</h1>');
  });

  it('shows help in Welsh for every audience, with the contact link', async () => {
    const index = await (await welsh().get('/help')).text();
    expect(index).toContain('<html lang="cy">');
    expect(index).toContain('<a href="/help/care-workers">Gweithwyr gofal</a>');
    expect(index).toContain('Dal yn sownd? <a href="/contact">Cysylltwch â ni</a>.');
    const workers = await (await welsh().get('/help/care-workers')).text();
    expect(workers).toContain('<h1>Help i weithwyr gofal</h1>');
    expect(workers).toContain('<h2>Hawlio tystysgrif</h2>');
    expect(workers).toContain('<h2>Rhannu eich pasbort</h2>');
    const employers = await (await welsh().get('/help/employers')).text();
    expect(employers).toContain('<h2>Dilysu pasbort neu dystysgrif</h2>');
  });

  it('shows the contact form in Welsh; a refused form keeps the schema’s English messages, marked so', async () => {
    const b = welsh();
    const page = await (await b.get('/contact')).text();
    expect(page).toContain('<h1>Cysylltu â ni</h1>');
    expect(page).toContain('<label for="message">Neges</label>');
    const refused = await b.postForm('/contact', { name: 'Sam', email: 'not-an-email', message: '' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<h2 id="error-summary-title">Mae problem</h2>');
    expect(html).toContain('<li lang="en"><a href="#message">Enter your message</a></li>');
    expect(html).toContain(
      '<span class="error-text" id="message-error"><span class="visually-hidden">Gwall: </span><span lang="en">Enter your message</span></span>',
    );
    expect(await (await b.get('/contact?notice=sent')).text()).toContain('Diolch: mae eich neges wedi’i hanfon.');
  });

  it('shows error pages in Welsh, with messages written by the services marked as English', async () => {
    const missing = await welsh().get('/no-such-page');
    expect(missing.status).toBe(404);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('<h1>Heb ddod o hyd i’r dudalen</h1>');
    expect(missingHtml).toContain('<p role="alert">Doedden ni ddim yn gallu dod o hyd i’r dudalen honno.</p>');
    expect(missingHtml).toContain('<a href="/">Mynd i’r hafan</a>');
    const thrown = await (await welsh().get('/help/astronauts')).text();
    expect(thrown).toContain('<html lang="cy">');
    expect(thrown).toContain('<p role="alert" lang="en">No help for that audience</p>');
    const english = await (await new Browser(env).get('/help/astronauts')).text();
    expect(english).toContain('<h1>Page not found</h1>');
    expect(english).toContain('<p role="alert">No help for that audience</p>');
  });

  it('keeps the privacy notice English, saying so in both languages', async () => {
    const html = await (await welsh().get('/privacy')).text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain(
      '<span lang="cy">Nid yw’r dudalen hon ar gael yn Gymraeg eto.</span> This page is not in Welsh yet.',
    );
    expect(html).toContain('<h1>How Care Passport handles personal data</h1>');
  });

  it('shows the chooser after sign-in in Welsh; organisations keep their English description, marked so', async () => {
    await join(env, world.employer.id, world.otherAcademyStaff.id, 'staff');
    const b = welsh(await browserAs(env, world.otherAcademyStaff.id));
    const html = await (await b.get('/start')).text();
    expect(html).toContain('<h1>I ble rydych chi am fynd?</h1>');
    expect(html).toContain('<span lang="en">Sunrise Care Homes (employer)</span>');
    expect(html).toContain('<a href="/passport">Fy mhasbort sgiliau</a>');
  });
});

describe('the printable certificate in Welsh', () => {
  it('prints the certificate in Welsh; names stay as written, English catalogue names and descriptions are marked', async () => {
    const { id } = await issue();
    const html = await (await welsh().get(`/certificates/${id}`)).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<title>Fire safety awareness: tystysgrif');
    expect(html).toContain('<p class="muted">Tystysgrif</p><h1 id="cert-title">Fire safety awareness</h1>');
    expect(html).toContain('<p>a ddyfarnwyd i <strong class="cert-name">Someone</strong></p>');
    expect(html).toContain('<p>gan <strong>Northern Care Academy</strong></p>');
    expect(html).toMatch(
      /<dt>Cwblhawyd<\/dt><dd>\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}<\/dd>/,
    );
    expect(html).toContain('<dt>Statws</dt><dd>Dilys</dd>');
    expect(html).toContain('<dt>Math</dt><dd>Tystysgrif hyfforddiant</dd>');
    expect(html).toMatch(/<dt>Yn cwmpasu<\/dt><dd><ul><li><span lang="en">[^<]+ <span class="muted small">\(/);
    expect(html).toContain('<p><span lang="en">Safe moving and handling of people');
    expect(html).toContain('aria-label="Cod QR: gwiriwch y dystysgrif hon yn');
    expect(html).toContain('Sganiwch y cod neu agorwch');
    expect(html).toContain('>Lawrlwytho’r dystysgrif wedi’i llofnodi</a>');
    expect(html).toContain('Cyfieithiad heb ei adolygu eto');
    const english = await (await new Browser(env).get(`/certificates/${id}`)).text();
    expect(english).toContain('<html lang="en-GB">');
    expect(english).toContain('<dt>Status</dt><dd>Valid</dd>');
    expect(english).toContain('<dt>Kind</dt><dd>Certificate of completion</dd>');
    expect(english).toContain('<li>Fire safety <span class="muted small">(');
    expect(english).toContain('<p>Safe moving and handling of people');
  });

  it('says in Welsh that a revoked certificate is not valid', async () => {
    const { id } = await issue();
    await revoke(id);
    const html = await (await welsh().get(`/certificates/${id}`)).text();
    expect(html).toContain(
      '<p class="notice error" role="alert"><strong>WEDI’I DIDDYMU.</strong> Mae’r cyhoeddwr wedi diddymu’r dystysgrif hon. Nid yw’n ddilys.</p>',
    );
    expect(html).toContain('<p class="muted">Tystysgrif (WEDI’I DIDDYMU)</p>');
  });
});

describe('the verification result in Welsh', () => {
  it('says a valid credential is valid, each key check in Welsh, with no English block around it', async () => {
    const { jwt } = await issue();
    const html = await (await postVerify(welsh(), jwt)).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h2 id="result-heading">Canlyniad</h2>');
    expect(html).toContain('<strong>Dilys: mae’r dystysgrif ddigidol yn gywir.</strong>');
    expect(html).toContain('<span class="tag ok" aria-hidden="true">Dilys</span> <strong>Dilys</strong>');
    expect(html).toContain(
      '<strong>Llofnod:</strong> <span class="tag ok">iawn</span> Yn cyfateb: heb ei newid ers iddi gael ei chyhoeddi',
    );
    expect(html).toContain('<strong>Diddymu:</strong> <span class="tag ok">iawn</span> Heb ei diddymu');
    expect(html).toContain('<dt>Math</dt><dd>Tystysgrif hyfforddiant</dd>');
    expect(html).toContain('<summary>Manylion technegol</summary>');
    expect(html).toContain('<label for="file">Neu lanlwythwch ffeil');
    // The verifier's own notes and each step's detail stay English, marked so; the result is no longer wrapped.
    expect(html).toMatch(/<ul class="small" lang="en"><li>These credentials were pasted or uploaded/);
    expect(html).toMatch(/<span class="tag ok">wedi pasio<\/span> Llofnod: <span lang="en">Signed by did:web:/);
    expect(html).not.toContain('<div lang="en">');
    expect(html).not.toContain('Mae’r rhan hon yn Saesneg yn unig.');
  });

  it('says a revoked credential was revoked by the issuer', async () => {
    const { jwt, id } = await issue();
    await revoke(id);
    const html = await (await postVerify(welsh(), jwt)).text();
    expect(html).toContain('<strong>Nid yw 1 o 1 tystysgrif ddigidol yn ddilys. Mae’r rhesymau isod.</strong>');
    expect(html).toContain('<strong>Annilys: mae’r cyhoeddwr wedi’i diddymu</strong>');
    expect(html).toContain('<span class="tag bad">problem</span> Wedi’i diddymu gan y cyhoeddwr');
  });

  it('shows a shared passport in Welsh, and the employer’s tools in English, marked and said so', async () => {
    const { id } = await issue();
    const { token } = await createShare(env.deps.db, {
      userId: world.worker.id,
      credentialIds: [id],
      days: 7,
      now: env.deps.clock(),
    });
    const html = await (await welsh().get(`/s/${token}`)).text();
    expect(html).toContain('<h3 id="holder-heading">Pwy sy’n rhannu</h3>');
    expect(html).toContain(
      '<strong>Dilys: mae’r dystysgrif ddigidol yn gywir ac yn perthyn i’r person sy’n ei rhannu.</strong>',
    );
    expect(html).not.toContain('<div lang="en">');
    const employer = welsh(await browserAs(env, world.employerStaff.id));
    const seen = await (await employer.get(`/s/${token}`)).text();
    expect(seen).toContain('<strong>Dilys: mae’r dystysgrif ddigidol yn gywir ac yn perthyn');
    expect(seen).toMatch(/<p class="small muted">Mae’r rhan hon yn Saesneg yn unig.<\/p><div lang="en">/);
  });

  it('keeps the verifier’s English for a visitor who did not choose Welsh', async () => {
    const { jwt } = await issue();
    const html = await (await postVerify(new Browser(env), jwt)).text();
    expect(html).toContain('<strong>Valid: the credential checks out.</strong>');
    expect(html).toMatch(/<span class="tag ok">pass<\/span> Signature: Signed by did:web:/);
    expect(html).not.toContain('lang="en"><li>');
  });
});

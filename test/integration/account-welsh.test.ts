/**
 * The account page and the worker's consent to workforce statistics in Welsh: `lang="cy"`, Welsh words and notices,
 * the schemas' English messages marked as English; and the organisation and admin pages, still English, saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs } from '../helpers/accounts';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { type World, buildWorld } from '../helpers/world';

let env: TestEnv;
let world: World;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
});
afterAll(() => env.close());

/** A browser signed in as the user, with Cymraeg chosen. */
async function inWelsh(userId: string) {
  const b = await browserAs(env, userId);
  b.cookies.set('cp_lang', 'cy');
  return b;
}

describe('the account page in Welsh', () => {
  it('shows the details, password, organisations and devices in Welsh', async () => {
    const b = await inWelsh(world.employerStaff.id);
    const html = await (await b.get('/account')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Eich cyfrif</h1>');
    expect(html).toContain('Cyfieithiad heb ei adolygu eto');
    expect(html).toContain('<label for="currentPassword">Cyfrinair presennol</label>');
    expect(html).toContain('<option value="" selected="">Heb ei gosod</option>');
    // The organisation's name stays as written; its kind, role and status are in Welsh.
    expect(html).toContain(
      '<a href="/org/sunrise-care-homes">Sunrise Care Homes</a> <span class="tag">cyflogwr</span> <span class="tag">perchennog</span> <span class="tag ok">wedi’i gymeradwyo</span>',
    );
    expect(html).toContain('data-confirm="Allgofnodi ar bob dyfais?"');
    expect(html).toContain('<a href="/account/delete">Dileu fy nghyfrif</a>');
  });

  it('says the details are saved in Welsh, and marks a refused form’s English messages', async () => {
    const b = await inWelsh(world.worker.id);
    const saved = await b.postForm('/account', { displayName: 'Wendy Gweithiwr', areaCode: '' });
    expect(saved.status).toBe(303);
    const notice = await (await b.get(saved.headers.get('location') ?? '/account')).text();
    expect(notice).toContain('Mae eich manylion wedi’u cadw.');
    const refused = await b.postForm('/account/password', { currentPassword: '', newPassword: 'short' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<label for="newPassword">Cyfrinair newydd</label>');
    expect(html).toMatch(
      /<div class="notice error" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">Mae problem<\/h2><ul><li lang="en">/,
    );
    expect(html).toMatch(/<span class="error-text" id="newPassword-error" lang="en">/);
  });
});

describe('workforce statistics consent in Welsh', () => {
  it('explains being counted in Welsh, thanks the worker in Welsh, and marks the English error', async () => {
    const b = await inWelsh(world.otherWorker.id);
    const html = await (await b.get('/account/workforce')).text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Cael eich cyfrif yn ystadegau’r gweithlu</h1>');
    expect(html).toContain(
      'Os byddwch chi’n cytuno, byddwch chi’n <strong>cael eich cyfrif yn ddienw yn ystadegau’r ardal</strong>:',
    );
    expect(html).toContain('<strong>Does dim enw, e-bost na dynodydd yn gadael.</strong> Dim ond');
    expect(html).toContain('Dydych chi ddim yn cael eich cyfrif ar hyn o bryd.');
    // Agreeing without an area is refused: the schema's message stays English and says so.
    const refused = await b.postForm('/account/workforce', { areaCode: '', consent: 'yes' }, '/account/workforce');
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toMatch(/<div lang="en"><div class="notice error" role="alert"/);
    expect(refusedHtml).toContain('<a href="#areaCode">Area: ');
    expect(refusedHtml).toMatch(/<span class="error-text" id="areaCode-error" lang="en">/);
    const given = await b.postForm(
      '/account/workforce',
      { areaCode: 'E08000035', consent: 'yes' },
      '/account/workforce',
    );
    expect(given.headers.get('location')).toBe('/account/workforce?notice=given');
    const thanked = await (await b.get('/account/workforce?notice=given')).text();
    expect(thanked).toContain('Diolch. Rydych chi nawr yn cael eich cyfrif yn ddienw');
    expect(thanked).toMatch(/<p class="tag ok">Fe wnaethoch chi gytuno ar \d{4}-\d{2}-\d{2}\.<\/p>/);
  });
});

describe('pages not in Welsh yet', () => {
  it('keeps the organisation, admin and commissioner pages English and says so in Welsh', async () => {
    const pages: [string, string][] = [
      [world.employerStaff.id, `/org/${world.employer.slug}`],
      [world.employerStaff.id, `/org/${world.employer.slug}/area`],
      [world.admin.id, '/admin'],
      [world.admin.id, '/admin/releases'],
      [world.commissionerStaff.id, `/commissioner/${world.commissioner.slug}`],
    ];
    for (const [userId, path] of pages) {
      const html = await (await (await inWelsh(userId)).get(path)).text();
      expect(html, path).toContain('<html lang="en-GB">');
      expect(html, path).toContain('<span lang="cy">Nid yw’r dudalen hon ar gael yn Gymraeg eto.</span>');
    }
  });
});

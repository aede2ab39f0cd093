/** The help pages per audience, the contact page, the footer links to them, and the site icon. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { textOf } from '../fixtures/academy';

let env: TestEnv;
let anon: Browser;
beforeAll(async () => {
  env = await makeTestEnv();
  anon = new Browser(env);
});
afterAll(() => env.close());

describe('help and the site icon', () => {
  it('links help from every page’s footer and lists each audience', async () => {
    const home = await (await anon.get('/')).text();
    expect(home).toMatch(/<footer class="site">[\s\S]*<a href="\/help">Help<\/a>/);
    const res = await anon.get('/help');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Help</h1>');
    for (const a of ['care-workers', 'employers', 'academies', 'commissioners']) {
      expect(html).toContain(`href="/help/${a}"`);
    }
  });

  it('gives each audience its own steps', async () => {
    const cases: [string, string[]][] = [
      ['care-workers', ['Claim a certificate', 'Share your passport']],
      ['employers', ['Verify a passport or certificate', 'Read a report']],
      ['academies', ['Issue a cohort', 'UK dates']],
      ['commissioners', ['Read your area’s figures', 'consented']],
    ];
    for (const [audience, phrases] of cases) {
      const res = await anon.get(`/help/${audience}`);
      expect(res.status).toBe(200);
      const text = textOf(await res.text());
      for (const p of phrases) expect(text).toContain(p);
    }
    expect((await anon.get('/help/astronauts')).status).toBe(404);
    // Names of Object.prototype's members are not audiences either (this once answered 500).
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
      expect((await anon.get(`/help/${name}`)).status).toBe(404);
  });

  it('serves a small SVG icon that every page links to', async () => {
    expect(await (await anon.get('/help')).text()).toContain(
      '<link rel="icon" href="/favicon.svg" type="image/svg+xml"',
    );
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const res = await anon.get(path, 'image/*');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      const svg = await res.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg.length).toBeLessThan(1024);
    }
  });
});

describe('contact', () => {
  it('shows the support address and sends a message to the support team through the outbox', async () => {
    const home = await (await anon.get('/')).text();
    expect(home).toMatch(/<footer class="site">[\s\S]*<a href="\/contact">Contact<\/a>/);
    const page = await (await anon.get('/contact')).text();
    expect(page).toContain('<h1>Contact us</h1>');
    expect(page).toContain('href="mailto:support@');
    expect(page).toContain('<label for="message">Message</label>');

    const bad = await anon.postForm('/contact', { name: 'Sam', email: 'not-an-email', message: '' });
    expect(bad.status).toBe(400);
    const badText = textOf(await bad.text());
    expect(badText).toContain('Enter your message');
    expect(badText).toContain('Enter an email address in the right format');

    const before = await env.deps.db.$count(outbox);
    const res = await anon.postForm('/contact', {
      name: 'Sam Ward',
      email: 'sam.ward@example.org',
      message: 'My claim link has run out.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contact?notice=sent');
    expect(await env.deps.db.$count(outbox)).toBe(before + 1);
    const [mail] = await env.deps.db.select().from(outbox).where(eq(outbox.subject, 'Contact form: Sam Ward'));
    expect(mail?.to).toMatch(/^support@/);
    expect(mail?.subject).toBe('Contact form: Sam Ward');
    expect(mail?.body).toContain('sam.ward@example.org');
    expect(mail?.body).toContain('My claim link has run out.');
  });

  it('uses the configured support address', async () => {
    const other = await makeTestEnv({ SUPPORT_EMAIL: 'help@care.example' });
    try {
      expect(await (await new Browser(other).get('/contact')).text()).toContain('href="mailto:help@care.example"');
    } finally {
      await other.close();
    }
  });
});

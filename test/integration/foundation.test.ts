import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, makeTestEnv } from '../helpers/app';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

describe('foundation', () => {
  it('answers the health check with the database status', async () => {
    const res = await env.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('serves the home page with security headers and no inline script', async () => {
    const res = await env.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<main id="main"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('uses one JSON error shape for unknown API paths and bad input', async () => {
    const missing = await env.app.request('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    const bad = await env.app.request('/api/v1/catalogue/competencies?kind=wizardry');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0]?.path).toBe('kind');
  });

  it('renders a page, not JSON, for a missing page', async () => {
    const res = await env.app.request('/no-such-page', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});

describe('catalogue', () => {
  it('lists the England, Wales and NHS ladders side by side with sources', async () => {
    const res = await env.app.request('/catalogue');
    const html = await res.text();
    expect(res.status).toBe(200);
    for (const text of [
      'Care Workforce Pathway',
      'Wales',
      'Agenda for Change',
      'Source:',
      'verified: false',
      '2025/26',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('serves roles with requirements and band equivalents through the API', async () => {
    const ladders = (await (await env.app.request('/api/v1/catalogue/ladders')).json()) as {
      ladders: { framework: { id: string }; roles: { id: string; title: string | null }[] }[];
    };
    const all = ladders.ladders.flatMap((l) => l.roles);
    const senior = all.find((r) => r.title === 'Senior care worker');
    expect(senior).toBeDefined();
    const role = (await (await env.app.request(`/api/v1/catalogue/roles/${senior?.id}`)).json()) as {
      requirements: { requirement: string }[];
      equivalences: { label: string; indicative: boolean }[];
      band: { label: string } | null;
    };
    expect(role.requirements.some((r) => r.requirement === 'required')).toBe(true);
    expect(role.equivalences.length).toBeGreaterThan(0);
    expect(role.equivalences.every((e) => e.indicative)).toBe(true);
    const page = await (await env.app.request(`/catalogue/roles/${senior?.id}`)).text();
    expect(page).toContain('Requirements for this role');
    expect(page).toContain('indicative');
  });

  it('filters competencies by kind and search text, escaping LIKE wildcards', async () => {
    const r = (await (
      await env.app.request('/api/v1/catalogue/competencies?kind=mandatory_training&q=fire')
    ).json()) as {
      competencies: { name: string; kind: string }[];
    };
    expect(r.competencies.length).toBeGreaterThan(0);
    expect(r.competencies.every((c) => c.kind === 'mandatory_training' && /fire/i.test(c.name))).toBe(true);
    const wild = (await (await env.app.request('/api/v1/catalogue/competencies?q=%25')).json()) as {
      competencies: unknown[];
    };
    expect(wild.competencies).toHaveLength(0);
  });

  it('404s an unknown role in JSON and as a page', async () => {
    expect((await env.app.request('/api/v1/catalogue/roles/no-such-role')).status).toBe(404);
    expect((await env.app.request('/catalogue/roles/no-such-role', { headers: { accept: 'text/html' } })).status).toBe(
      404,
    );
  });
});

/** A tiny cookie jar over app.request, so tests can act as a browser would (on either test harness). */
import { TEST_ORIGIN, type TestEnv } from './harness';

export class Browser {
  cookies = new Map<string, string>();
  constructor(private env: TestEnv) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.env.app.request(`${TEST_ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) {
      const [pair = ''] = sc.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(sc) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }

  get(path: string, accept = 'text/html') {
    return this.request(path, { headers: { accept } });
  }

  /** Posts a form with the page's CSRF token (read from `csrfFrom`, default the path itself); arrays repeat a field. */
  async postForm(path: string, fields: Record<string, string | string[]>, csrfFrom?: string): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    if (!body.has('_csrf') && this.cookies.size) {
      const page = await (await this.get(csrfFrom ?? '/account')).text();
      const m = page.match(/name="_csrf" value="([^"]+)"/);
      if (m?.[1]) body.set('_csrf', m[1]);
    }
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN },
      body,
    });
  }

  postJson(path: string, json: unknown, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  }
}

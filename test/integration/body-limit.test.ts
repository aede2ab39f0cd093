/**
 * Request bodies are counted while they are read: a body over its limit is refused with 413 as soon as the limit is
 * passed, whether Content-Length is missing or lies, and the rest of the stream is never pulled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS, MAX_FORM_BYTES } from '../../worker/lib/http/body';
import { SESSION_COOKIE } from '../../worker/services/accounts/sessions';
import { makeUser, sessionFor } from '../helpers/accounts';
import { ON_WORKERD, TEST_ORIGIN, type TestEnv, makeTestEnv } from '../helpers/app';

const CHUNK = 16 * 1024;
/** 50 MiB if every chunk were pulled. */
const CHUNKS = 3200;

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

/** A body of `CHUNKS` chunks made on demand, counting how many the reader pulled. */
function countedStream(first = '') {
  const counter = { pulled: 0 };
  const head = new TextEncoder().encode(first);
  const filler = new Uint8Array(CHUNK).fill(0x61); // 'a'
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= CHUNKS) return controller.close();
        controller.enqueue(counter.pulled === 0 && head.length ? head : filler);
        counter.pulled += 1;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

async function post(path: string, headers: Record<string, string>, first = '') {
  const { stream, counter } = countedStream(first);
  const res = await env.app.request(`${TEST_ORIGIN}${path}`, {
    method: 'POST',
    headers: { origin: TEST_ORIGIN, ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { res, pulled: counter.pulled };
}

/** Chunks a reader may pull before it passes `limit` (plus the one that crossed it and read-ahead). */
const chunksFor = (limit: number) => Math.ceil(limit / CHUNK) + 3;

describe('request body limits', () => {
  it('refuses an endless form without Content-Length after reading just past the form limit', async () => {
    const { res, pulled } = await post('/sign-in', { 'content-type': 'application/x-www-form-urlencoded' }, 'email=');
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Form is too large');
    expect(pulled).toBeLessThanOrEqual(chunksFor(BODY_LIMITS.form));
    expect(pulled).toBeLessThan(CHUNKS);
  });

  it('does not trust a Content-Length smaller than the body', async () => {
    const { res, pulled } = await post('/sign-in', {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '20',
    });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(chunksFor(BODY_LIMITS.form));
  });

  it('stops the CSRF check reading a signed-in form at the largest form limit', async () => {
    const user = await makeUser(env);
    const s = await sessionFor(env, user.id);
    const { res, pulled } = await post('/account', {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `${SESSION_COOKIE}=${s.token}`,
    });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(chunksFor(MAX_FORM_BYTES));
    expect(pulled).toBeLessThan(CHUNKS);
  });

  it('refuses an endless JSON body with payload_too_large', async () => {
    const { res, pulled } = await post(
      '/credentials/verify',
      { 'content-type': 'application/json' },
      '{"verifiableCredential":"',
    );
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(pulled).toBeLessThanOrEqual(chunksFor(BODY_LIMITS.jsonCredential));
  });

  it('still reads a form within its limit that arrives in chunks without Content-Length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of ['email=nobody%40example.org', '&password=wrong-password-1']) {
          controller.enqueue(new TextEncoder().encode(part));
        }
        controller.close();
      },
    });
    const res = await env.app.request(`${TEST_ORIGIN}/sign-in`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    // The form was read and checked: a wrong password is a 4xx page, not a refusal of the body.
    expect(res.status).not.toBe(413);
    expect(await res.text()).toContain('nobody@example.org');
  });
});

/** The app behind Node's own HTTP server (as worker/node.ts serves it), on a free local port, for one test. */
async function overNodeHttp(test: (origin: string) => Promise<void>) {
  const { serve } = await import('@hono/node-server');
  const { promise: listening, resolve } = Promise.withResolvers<number>();
  const server = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  try {
    await test(`http://127.0.0.1:${await listening}`);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

describe("request body limits behind Node's HTTP server", () => {
  const verify = (origin: string, init: RequestInit) =>
    fetch(`${origin}/credentials/verify`, {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  it.skipIf(ON_WORKERD)('reads a JSON body within its Content-Length and answers it', async () => {
    await overNodeHttp(async (origin) => {
      const res = await verify(origin, { body: JSON.stringify({ verifiableCredential: 'a.b.c' }) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { verified: boolean; errors: { code: string }[] };
      expect(body.verified).toBe(false);
      expect(body.errors[0]?.code).toBe('malformed_jwt');
    });
  });

  it.skipIf(ON_WORKERD)('refuses a JSON body whose Content-Length is over the limit', async () => {
    await overNodeHttp(async (origin) => {
      const body = JSON.stringify({ verifiableCredential: 'a'.repeat(BODY_LIMITS.jsonCredential) });
      const res = await verify(origin, { body });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    });
  });

  it.skipIf(ON_WORKERD)('counts a chunked JSON body without Content-Length and refuses it past the limit', async () => {
    await overNodeHttp(async (origin) => {
      const { stream, counter } = countedStream('{"verifiableCredential":"');
      const res = await verify(origin, { body: stream, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(counter.pulled).toBeLessThan(CHUNKS);
    });
  });
});

describe("a body framed by Node's HTTP server", () => {
  // Node's parser holds a body to its Content-Length, so it is read in one go. Asking the request for its `body`
  // stream instead builds a full web Request over the socket: a third of the public verifier's time per request.
  it.skipIf(ON_WORKERD)('is read without asking the request for its stream', async () => {
    class NoStream extends Request {
      override get body(): never {
        throw new Error('the body stream was asked for');
      }
    }
    const json = JSON.stringify({ verifiableCredential: 'not.a.jwt' });
    const req = new NoStream(`${TEST_ORIGIN}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(json.length) },
      body: json,
    });
    const res = await env.app.request(req, undefined, { incoming: { httpVersionMajor: 1 } });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('the body stream was asked for');
  });
});

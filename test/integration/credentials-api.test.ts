import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, credentials, issuerKeys } from '../../db/schema';
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../../worker/credentials/encoding';
import { rotateIssuerKey } from '../../worker/services/organisations/issuers';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { latestMail, mailCount } from '../helpers/accounts';
import { STATUS_MESSAGES } from '../../worker/credentials/status-list';
import { ob3SchemaErrors } from '../helpers/ob3-schema';
import { type World, buildWorld, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let achievementId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
});
afterAll(() => env.close());

const auth = () => ({ authorization: `Bearer ${world.apiToken}` });

/** Issues to `email` under one new Idempotency-Key, each call sending the same request again. */
function keyedIssue(email: string, name: string) {
  const body = JSON.stringify({ credential: { achievementId, credentialSubject: { email, name } } });
  const key = crypto.randomUUID();
  return () =>
    env.app.request('/credentials/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth() },
      body,
    });
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function issue(email = world.worker.email, over: Record<string, unknown> = {}) {
  const r = await post(
    '/credentials/issue',
    {
      credential: {
        achievementId,
        credentialSubject: { email, name: 'Wendy Worker' },
        validFrom: '2026-05-20',
        ...over,
      },
    },
    auth(),
  );
  expect(r.status).toBe(201);
  const vc = r.body.verifiableCredential as { id: string };
  return { jwt: vc.id.slice('data:application/vc+jwt,'.length), id: String(r.body.credentialId), body: r.body };
}

const verify = (jwt: string) => post('/credentials/verify', { verifiableCredential: jwt });
const codes = (b: Record<string, unknown>) => (b.errors as { code: string }[]).map((e) => e.code);

function tamperPayload(jwt: string, edit: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(fromUtf8(base64UrlDecode(p!)!));
  edit(payload);
  return `${h}.${base64UrlEncode(utf8(JSON.stringify(payload)))}.${s}`;
}

describe('credential engine over HTTP', () => {
  it('serves did:web documents for the issuer with Ed25519 keys and never a private part', async () => {
    await issue();
    const res = await env.app.request(`/orgs/${world.academy.slug}/did.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/did+json');
    const doc = (await res.json()) as { id: string; verificationMethod: { publicKeyJwk: Record<string, string> }[] };
    expect(doc.id).toBe(`did:web:localhost%3A8787:orgs:${world.academy.slug}`);
    expect(doc.verificationMethod[0]?.publicKeyJwk.crv).toBe('Ed25519');
    expect(JSON.stringify(doc)).not.toMatch(/"d"\s*:/);
    const keys = await env.deps.db.select().from(issuerKeys).where(eq(issuerKeys.orgId, world.academy.id));
    expect(keys[0]?.privateKeyEnc.startsWith('v1.')).toBe(true);
    expect((await env.app.request('/orgs/no-such-org/did.json')).status).toBe(404);
  });

  it('issues an Open Badges 3.0 credential bound to the worker and verifies it', async () => {
    const { jwt, body } = await issue();
    expect(body.boundToPassport).toBe(true);
    const [h] = jwt.split('.');
    expect(JSON.parse(fromUtf8(base64UrlDecode(h!)!))).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const r = await verify(jwt);
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(true);
    expect(r.body.format).toBe('vc2-jwt');
    const cred = r.body.credential as {
      type: string[];
      validFrom: string;
      validUntil: string;
      credentialStatus: unknown;
      credentialSubject: { achievement: { alignment: { targetCode: string }[] } };
    };
    expect(cred.type).toContain('OpenBadgeCredential');
    expect(cred.credentialSubject.achievement.alignment[0]?.targetCode).toBe('cstf-mh-l2');
    // Moving and handling level 2 refreshes every 24 months: validUntil follows from the catalogue.
    expect(cred.validFrom).toBe('2026-05-20T00:00:00Z');
    expect(cred.validUntil).toBe('2028-05-20T00:00:00Z');
    // One status entry (Open Badges 3.0 allows one): 2 bits per credential, valid / revoked / suspended.
    expect(cred.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusSize: 2,
      statusMessage: STATUS_MESSAGES,
    });
    expect((r.body.trust as { recognised: boolean }).recognised).toBe(true);
    // The signed claims set is itself a valid Open Badges 3.0 AchievementCredential (published JSON Schema).
    expect(ob3SchemaErrors(JSON.parse(fromUtf8(base64UrlDecode(jwt.split('.')[1]!)!)))).toEqual([]);
  });

  it('gives a learner without a passport a claim link instead of binding', async () => {
    const { body } = await issue('new.learner@example.test');
    expect(body.boundToPassport).toBe(false);
    expect(String(body.claimUrl)).toMatch(/\/claim\?token=/);
  });

  it('rejects a changed claim, a wrong algorithm and garbage with distinct codes, never a 500', async () => {
    const { jwt } = await issue();
    const changed = tamperPayload(jwt, (p) => {
      (p.credentialSubject as { achievement: { name: string } }).achievement.name = 'Registered nurse';
    });
    expect(codes((await verify(changed)).body)).toContain('invalid_signature');
    const [, p, s] = jwt.split('.');
    const none = `${base64UrlEncode(utf8('{"alg":"none","typ":"vc+jwt"}'))}.${p}.`;
    const r1 = await verify(none);
    expect(r1.status).toBe(400);
    expect(codes(r1.body)[0]).toMatch(/malformed_jwt|unsupported_algorithm/);
    const hs = `${base64UrlEncode(utf8('{"alg":"HS256","typ":"vc+jwt"}'))}.${p}.${s}`;
    expect(codes((await verify(hs)).body)).toContain('unsupported_algorithm');
    expect(codes((await verify('not-a-jwt')).body)).toContain('malformed_jwt');
    const bad = await post('/credentials/verify', { nothing: true });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe('validation_failed');
  });

  it('revokes and suspends through the status endpoint; verification follows at once; revocation is permanent', async () => {
    const a = await issue();
    const b = await issue();
    const rev = await post(
      '/credentials/status',
      { credentialId: a.id, credentialStatus: [{ status: 'revoked' }], reason: 'Issued in error' },
      auth(),
    );
    expect(rev.status).toBe(200);
    expect(codes((await verify(a.jwt)).body)).toContain('revoked');
    const sus = await post(
      '/credentials/status',
      { credentialId: b.id, credentialStatus: [{ status: 'suspended' }] },
      auth(),
    );
    expect(sus.status).toBe(200);
    expect(codes((await verify(b.jwt)).body)).toContain('suspended');
    const back = await post(
      '/credentials/status',
      { credentialId: b.id, credentialStatus: [{ status: 'active' }] },
      auth(),
    );
    expect(back.status).toBe(200);
    expect((await verify(b.jwt)).body.verified).toBe(true);
    const again = await post(
      '/credentials/status',
      { credentialId: a.id, credentialStatus: [{ status: 'active' }] },
      auth(),
    );
    expect(again.status).toBe(409);
    const events = await env.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, a.id.replace('urn:uuid:', '')));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['credential.issued', 'credential.revoked']));
  });

  it('answers an unsupported embedded proof (verified false), a malformed eddsa-rdfc-2022 one, and refuses an empty envelope @context', async () => {
    const { jwt } = await issue();
    const payload = JSON.parse(fromUtf8(base64UrlDecode(jwt.split('.')[1]!)!));
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023', proofValue: 'u2V0AhVhA' };
    const di = await verify({ ...payload, proof } as unknown as string);
    expect(di.status).toBe(400);
    expect(di.body.verified).toBe(false);
    expect(codes(di.body)).toEqual(['unsupported_proof_type']);
    expect(JSON.stringify(di.body.errors)).toContain('ecdsa-sd-2023');
    const eddsa = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3abc' };
    const malformed = await verify({ ...payload, proof: eddsa } as unknown as string);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toMatchObject([{ code: 'schema_invalid', rule: 'proof_invalid' }]);
    const enveloped = { '@context': [], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' };
    const empty = await post('/credentials/verify', { verifiableCredential: enveloped });
    expect(empty.status).toBe(400);
    expect((empty.body.error as { code: string }).code).toBe('validation_failed');
    const good = await post('/credentials/verify', {
      verifiableCredential: { ...enveloped, '@context': ['https://www.w3.org/ns/credentials/v2'] },
    });
    expect(good.body.verified).toBe(true);
  });

  it('allocates status indices at random, not sequentially', async () => {
    const rows = await env.deps.db.select({ i: credentials.statusIndex }).from(credentials);
    const idx = rows.map((r) => r.i);
    expect(new Set(idx).size).toBe(idx.length);
    const sorted = [...idx].sort((x, y) => x - y);
    expect(sorted.some((v, k) => k > 0 && v - sorted[k - 1]! > 1)).toBe(true);
  });

  it('serves the status list credential signed by the issuer with cache headers', async () => {
    const row = (await env.deps.db.select().from(credentials).limit(1))[0]!;
    const res = await env.app.request(`/status-lists/${row.revocationListId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vc+jwt');
    expect(res.headers.get('cache-control')).toContain('max-age');
    const payload = JSON.parse(fromUtf8(base64UrlDecode((await res.text()).split('.')[1]!)!));
    expect(payload.type).toContain('BitstringStatusListCredential');
    expect(payload.credentialSubject.statusPurpose).toBe('message');
  });

  it('keeps old credentials valid after key rotation and signs new ones with the new key', async () => {
    const before = await issue();
    const newKey = await rotateIssuerKey(
      env.deps.db,
      env.deps.config,
      world.academy,
      env.deps.clock(),
      world.academyStaff.id,
    );
    // The DID document is still cached from earlier verifications: the stale-key retry must pick up the new key.
    const after = await issue();
    const kid = (jwt: string) => JSON.parse(fromUtf8(base64UrlDecode(jwt.split('.')[0]!)!)).kid as string;
    expect(kid(after.jwt)).toMatch(new RegExp(`#${newKey.kid}$`));
    expect(kid(before.jwt)).not.toBe(kid(after.jwt));
    expect((await verify(before.jwt)).body.verified).toBe(true);
    const afterResult = await verify(after.jwt);
    expect(afterResult.body.errors).toEqual([]);
    expect(afterResult.body.verified).toBe(true);
  });

  it('refuses a completion date that makes the credential expired on issue, unless options.allowExpired', async () => {
    const email = 'api.long.ago@example.org';
    const credential = { achievementId, credentialSubject: { email, name: 'Alan Longago' }, validFrom: '1990-01-01' };
    const refused = await post('/credentials/issue', { credential }, auth());
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'The credential would already be expired on issue: it expired on 1992-01-01',
      details: [{ path: 'credential.validFrom', message: expect.stringContaining('options.allowExpired: true') }],
    });
    expect(await mailCount(env, email)).toBe(0);
    const allowed = await post('/credentials/issue', { credential, options: { allowExpired: true } }, auth());
    expect(allowed.status).toBe(201);
    const [row] = await env.deps.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, String(allowed.body.credentialId).slice('urn:uuid:'.length)));
    expect(row?.validUntil).toBe('1992-01-01T00:00:00.000Z');
  });

  it('answers a retry with its credential even when it has expired since, with or without allowExpired', async () => {
    const start = env.deps.clock();
    // Completed 24 months less a day ago: valid for one more day (the achievement's validity is 24 months).
    const completed = new Date(start);
    completed.setUTCMonth(completed.getUTCMonth() - 24);
    completed.setUTCDate(completed.getUTCDate() + 1);
    const credential = {
      achievementId,
      credentialSubject: { email: 'api.retry.late@example.org', name: 'Rita Late' },
      validFrom: completed.toISOString().slice(0, 10),
    };
    const key = crypto.randomUUID();
    const send = (b: unknown) =>
      env.app.request('/credentials/issue', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth() },
        body: JSON.stringify(b),
      });
    const first = await send({ credential });
    expect(first.status).toBe(201);
    const { credentialId } = (await first.json()) as { credentialId: string };
    try {
      env.setNow(new Date(start.getTime() + 3 * 86_400_000));
      for (const retry of [{ credential }, { credential, options: { allowExpired: true } }]) {
        const again = await send(retry);
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(((await again.json()) as { credentialId: string }).credentialId).toBe(credentialId);
      }
    } finally {
      env.setNow(start);
    }
  });

  it('refuses issuing without a token, with a token lacking the scope, or for another academy', async () => {
    const body = { credential: { achievementId, credentialSubject: { email: 'x@example.test', name: 'X' } } };
    expect((await post('/credentials/issue', body)).status).toBe(401);
    const other = await makeAchievement(env, world.otherAcademy.id, world.otherAcademyStaff.id);
    const r = await post('/credentials/issue', { credential: { ...body.credential, achievementId: other.id } }, auth());
    expect(r.status).toBe(404);
  });

  it('publishes an OpenAPI document naming the VC-API endpoints', async () => {
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of ['/credentials/issue', '/credentials/verify', '/presentations/verify', '/credentials/status'])
      expect(doc.paths[p]).toBeDefined();
    for (const p of ['token', 'nonce', 'credential']) expect(doc.paths[`/issuers/{slug}/oid4vci/${p}`]).toBeDefined();
    expect(doc.paths['/oid4vp/response']).toBeDefined();
  });

  it('issues once per Idempotency-Key: retries and concurrent duplicates answer with the same credential', async () => {
    const email = 'idempotent@example.test';
    const body = {
      credential: { achievementId, credentialSubject: { email, name: 'Ida Retry' }, validFrom: '2026-05-20' },
    };
    const key = crypto.randomUUID();
    const send = (b: unknown = body, k: string = key) =>
      env.app.request('/credentials/issue', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': k, ...auth() },
        body: JSON.stringify(b),
      });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Record<string, unknown>[];
    const ids = new Set(bodies.map((b) => b.credentialId));
    expect(ids.size).toBe(1);
    // Exactly one of them issued (and carries the one-time claim link); the others are marked as replays.
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(bodies.filter((b) => typeof b.claimUrl === 'string')).toHaveLength(1);
    expect(bodies.filter((b) => b.claimPending === true)).toHaveLength(2);
    const later = await send();
    expect(later.status).toBe(201);
    expect(((await later.json()) as Record<string, unknown>).credentialId).toBe([...ids][0]);
    const stored = await env.deps.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(eq(credentials.subjectEmail, email));
    expect(stored).toHaveLength(1);
    const issuedEvents = await env.deps.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, String([...ids][0]).replace('urn:uuid:', '')));
    expect(issuedEvents).toHaveLength(1);

    // The same key for a different request is refused, and issues nothing.
    const changed = await send({
      ...body,
      credential: { ...body.credential, credentialSubject: { email: 'other@example.test', name: 'Other' } },
    });
    expect(changed.status).toBe(422);
    expect(((await changed.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    expect(
      await env.deps.db.select().from(credentials).where(eq(credentials.subjectEmail, 'other@example.test')),
    ).toEqual([]);
    // A key is 1-255 visible ASCII characters.
    for (const bad of ['', 'has space', 'x'.repeat(256), 'caf\u00e9']) {
      const r = await send(body, bad);
      expect([bad, r.status]).toEqual([bad, 400]);
    }
  });

  it('finishes the learner’s notice on a retry when the first request stopped after storing the credential', async () => {
    const email = 'mail.outage@example.test';
    const send = keyedIssue(email, 'Mo Outage');
    const mailer = env.deps.mailer;
    const realSend = mailer.send.bind(mailer);
    mailer.send = async () => {
      throw new Error('mail server unavailable');
    };
    let first: Response;
    try {
      first = await send();
    } finally {
      mailer.send = realSend;
    }
    expect(first.status).toBe(500);
    const [stored] = await env.deps.db.select().from(credentials).where(eq(credentials.subjectEmail, email));
    expect(stored).toBeDefined();
    expect(await mailCount(env, email)).toBe(0);

    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { credentialId: string }).credentialId).toBe(`urn:uuid:${stored!.id}`);
    // The notice goes out now, with a claim link made for it (the first request's link was never delivered).
    const mail = await latestMail(env, email);
    expect(mail?.body).toMatch(/\/claim\?token=[a-z2-7]+/);
    expect(await mailCount(env, email)).toBe(1);
    expect((await send()).status).toBe(201);
    expect(await mailCount(env, email)).toBe(1);
  });

  it('does not send the notice again when a request that lost its lease fails after another sent it', async () => {
    const email = 'slow.mail@example.test';
    const send = keyedIssue(email, 'Sol Slow');
    const mailer = env.deps.mailer;
    const realSend = mailer.send.bind(mailer);
    let failFirst: (err: Error) => void = () => {};
    let firstCalled: () => void = () => {};
    const called = new Promise<void>((resolve) => {
      firstCalled = resolve;
    });
    // The first request's mail hangs past the lease, then fails.
    mailer.send = () =>
      new Promise<void>((_, reject) => {
        failFirst = reject;
        firstCalled();
      });
    const start = env.deps.clock();
    const first = send();
    await called;
    mailer.send = realSend;
    // A retry after the lease takes the notice over and sends it.
    env.setNow(new Date(start.getTime() + 61_000));
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(await mailCount(env, email)).toBe(1);
    failFirst(new Error('mail server timed out'));
    expect((await first).status).toBe(500);
    // The notice went: a later retry sends nothing more.
    expect((await send()).status).toBe(201);
    expect(await mailCount(env, email)).toBe(1);
    env.setNow(start);
  });
});

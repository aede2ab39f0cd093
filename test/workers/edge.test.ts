/** Issue, verify, revoke and browse on workerd + D1, through the Worker's own fetch handler. */
import { applyD1Migrations, env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import * as schema from '../../db/schema';
import { seedReference } from '../../db/seed/reference';
import { parseConfig } from '../../worker/config';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createUser } from '../../worker/services/accounts/accounts';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { coverage, cutRelease, publishedView } from '../../worker/services/workforce/releases';
import { SESSION_COOKIE, createSession } from '../../worker/services/accounts/sessions';
import { createWalletOffer } from '../../worker/services/wallets/offers';
import { createPresentationRequest, requestLink } from '../../worker/services/wallets/presentation-requests';
import { type WalletKey, takeOffer, walletKey } from '../helpers/wallet';
import { answerRequest, replayAnswer, walletPresentation } from '../helpers/wallet-presentation';

const ORIGIN = 'http://localhost:8788';
let db: Database;
let token = '';
let achievementId = '';
/** The wallet that took a copy by OpenID4VCI, and the copy, for the presentation test after it. */
let wallet: { key: WalletKey; copy: string } | null = null;

const worker = () => (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default;
const call = (path: string, init?: RequestInit) => worker().fetch(new Request(`${ORIGIN}${path}`, init));
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A signed-in browser for `email` on the Worker: session cookie, and forms posted with the page's CSRF token. */
async function signedIn(email: string) {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.email, email));
  const { token: session } = await createSession(db, user!.id, new Date(), 1);
  const cookie = `${SESSION_COOKIE}=${session}`;
  const get = (path: string) => call(path, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  const postForm = async (path: string, fields: [string, string][], csrfFrom: string) => {
    const csrf = (await (await get(csrfFrom)).text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    return call(path, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...fields, ['_csrf', csrf]]),
    });
  };
  return { user: user!, get, postForm };
}

/** A certificate issued by the academy into the worker's passport; returns its register id. */
async function issueToWorker(): Promise<string> {
  const issued = await postJson(
    '/credentials/issue',
    {
      credential: { achievementId, credentialSubject: { email: 'worker@edge.test', name: 'Edge Worker' } },
      options: { notify: false },
    },
    { authorization: `Bearer ${token}` },
  );
  expect(issued.status).toBe(201);
  return ((await issued.json()) as { credentialId: string }).credentialId.replace('urn:uuid:', '');
}

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  db = drizzle(env.DB, { schema }) as unknown as Database;
  await seedReference(db);
  const config = parseConfig(env as unknown as Record<string, unknown>);
  const now = new Date();
  const deps = { db, config, clock: () => new Date(), mailer: { send: async () => {} } };
  const staff = await createUser(deps, {
    email: 'staff@edge.test',
    password: 'a long edge password',
    displayName: 'Edge Staff',
    verified: true,
  });
  await createUser(deps, {
    email: 'worker@edge.test',
    password: 'a long edge password',
    displayName: 'Edge Worker',
    verified: true,
  });
  const org = await createOrganisation(db, { name: 'Edge Academy', kind: 'academy', ownerUserId: staff.id, now });
  await approveOrganisation(db, { orgId: org.id, frameworkIds: ['cstf'], adminUserId: null, now });
  token = (await createApiToken(db, { orgId: org.id, name: 'edge', scopes: ['issue'], createdBy: staff.id, now }))
    .token;
  achievementId = (
    await createAchievement(db, {
      name: 'Fire safety',
      description: 'Fire prevention and evacuation in care settings.',
      criteria: 'Completed the session including an evacuation walk-through.',
      achievementType: 'CertificateOfCompletion',
      assessmentMethod: 'classroom',
      alignedIds: ['cstf-fire'],
      orgId: org.id,
      createdBy: staff.id,
      now,
    })
  ).id;
});

describe('on workerd with D1', () => {
  it('serves the catalogue pages and API', async () => {
    const res = await call('/catalogue');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Agenda for Change');
    const api = (await (await call('/api/v1/catalogue/roles/dhsc-senior-care-worker')).json()) as {
      requirements: unknown[];
    };
    expect(api.requirements.length).toBeGreaterThan(5);
  });

  it('serves the verifier in Welsh, with a language switch that comes back to the page', async () => {
    const res = await call('/verify', { headers: { cookie: 'cp_lang=cy', accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="cy">');
    expect(html).toContain('<h1>Gwirio tystysgrif</h1>');
    // The switch reads the request's path from the request context (AsyncLocalStorage on workerd too).
    expect(html).toContain('href="/language?lang=en&amp;next=%2Fverify"');
  });

  it('issues, verifies, revokes and then refuses a credential', async () => {
    const issued = await postJson(
      '/credentials/issue',
      { credential: { achievementId, credentialSubject: { email: 'worker@edge.test', name: 'Edge Worker' } } },
      { authorization: `Bearer ${token}` },
    );
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as { verifiableCredential: { id: string }; credentialId: string };
    const jwt = body.verifiableCredential.id.split(',')[1]!;
    const ok = await postJson('/credentials/verify', { verifiableCredential: jwt });
    expect(ok.status).toBe(200);
    const rev = await postJson(
      '/credentials/status',
      { credentialId: body.credentialId, credentialStatus: [{ status: 'revoked' }], reason: 'edge test' },
      { authorization: `Bearer ${token}` },
    );
    expect(rev.status).toBe(200);
    const after = (await (await postJson('/credentials/verify', { verifiableCredential: jwt })).json()) as {
      errors: { code: string }[];
    };
    expect(after.errors.map((e) => e.code)).toContain('revoked');
  });

  it('issues a Data Integrity (eddsa-rdfc-2022) credential, verifies it, revokes it and then refuses it', async () => {
    const issued = await postJson(
      '/credentials/issue',
      {
        credential: { achievementId, credentialSubject: { email: 'worker@edge.test', name: 'Edge Worker' } },
        options: { securing: 'eddsa-rdfc-2022', notify: false },
      },
      { authorization: `Bearer ${token}` },
    );
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as {
      verifiableCredential: { proof: { cryptosuite: string } };
      credentialId: string;
    };
    expect(body.verifiableCredential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const verify = async () =>
      (await (await postJson('/credentials/verify', { verifiableCredential: body.verifiableCredential })).json()) as {
        verified: boolean;
        errors: { code: string }[];
      };
    expect((await verify()).errors).toEqual([]);
    const rev = await postJson(
      '/credentials/status',
      { credentialId: body.credentialId, credentialStatus: [{ status: 'revoked' }], reason: 'edge test' },
      { authorization: `Bearer ${token}` },
    );
    expect(rev.status).toBe(200);
    expect((await verify()).errors.map((e) => e.code)).toEqual(['revoked']);
  });

  it('issues a presentation challenge for this service on D1', async () => {
    const res = await postJson('/presentations/challenges', {});
    expect(res.status).toBe(201);
    expect(((await res.json()) as { domain: string }).domain).toBe(ORIGIN);
  });

  it('serves the issuer DID document', async () => {
    const res = await call('/orgs/edge-academy/did.json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe('did:web:localhost%3A8788:orgs:edge-academy');
  });

  it('cuts a workforce release and reads it back on D1', async () => {
    const issued = await postJson(
      '/credentials/issue',
      { credential: { achievementId, credentialSubject: { email: 'worker@edge.test', name: 'Edge Worker' } } },
      { authorization: `Bearer ${token}` },
    );
    expect(issued.status).toBe(201);
    // Both accounts consent in Leeds; only the worker holds a credential from an approved academy.
    await db
      .update(schema.users)
      .set({ areaCode: 'E08000035', workforceConsent: true, currentRoleId: 'cwp-care-or-support-worker' });
    expect(await coverage(db, 'E08000035')).toEqual({ consenting: 2, verified: 1 });
    const release = await cutRelease(db, { now: new Date(), cutBy: null });
    expect(release.areas).toBe(1);
    const keys = await db.select().from(schema.workforceRecordKeys);
    expect(keys.every((k) => k.recordKey >= 0 && k.recordKey < 65_536)).toBe(true);
    const shown = await publishedView(db, ['E08000035'], 'all');
    expect(shown.release?.id).toBe(release.id);
    expect(shown.view?.population.state).toMatch(/^(protected|shown)$/);
    await expect(cutRelease(db, { now: new Date(), cutBy: null })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('issues a holder-bound copy into a wallet (OpenID4VCI, third-party client) that verifies on D1', async () => {
    const issued = await postJson(
      '/credentials/issue',
      { credential: { achievementId, credentialSubject: { email: 'worker@edge.test', name: 'Edge Worker' } } },
      { authorization: `Bearer ${token}` },
    );
    const { credentialId } = (await issued.json()) as { credentialId: string };
    const [holder] = await db.select().from(schema.users).where(eq(schema.users.email, 'worker@edge.test'));
    const config = parseConfig(env as unknown as Record<string, unknown>);
    const offer = await createWalletOffer(db, config, {
      userId: holder!.id,
      credentialId: credentialId.replace('urn:uuid:', ''),
      now: new Date(),
    });
    const key = await walletKey('ES256');
    const fetchWorker = (url: string, init?: RequestInit) => worker().fetch(new Request(url, init));
    const { res } = await takeOffer(fetchWorker, { deepLink: offer.deepLink, pin: offer.txCode, key, now: new Date() });
    const jwt = (res.credentialResponse as { credentials: { credential: string }[] }).credentials[0]!.credential;
    const verified = await postJson('/credentials/verify', { verifiableCredential: jwt });
    expect(verified.status).toBe(200);
    const body = (await verified.json()) as { credential: { credentialSubject: { id: string } } };
    expect(body.credential.credentialSubject.id).toMatch(/^did:jwk:/);
    wallet = { key, copy: jwt };
    // The offer is spent: the same PIN and code are refused a second time.
    await expect(
      takeOffer(fetchWorker, { deepLink: offer.deepLink, pin: offer.txCode, key, now: new Date() }),
    ).rejects.toThrow();
  });

  it("answers an employer's request for proof (OpenID4VP, third-party client) with that copy, verified once on D1", async () => {
    const held = wallet as { key: WalletKey; copy: string };
    const config = parseConfig(env as unknown as Record<string, unknown>);
    const [staff] = await db.select().from(schema.users).where(eq(schema.users.email, 'staff@edge.test'));
    const employer = await createOrganisation(db, {
      name: 'Edge Care Homes',
      kind: 'employer',
      ownerUserId: staff!.id,
      now: new Date(),
    });
    const id = await createPresentationRequest(
      { db, config },
      {
        orgId: employer.id,
        userId: staff!.id,
        roleRef: null,
        now: new Date(),
      },
    );
    const [row] = await db.select().from(schema.presentationRequests).where(eq(schema.presentationRequests.id, id));
    const fetchWorker = (url: string, init?: RequestInit) => worker().fetch(new Request(url, init));
    const link = requestLink(config, row!);
    const first = await answerRequest(fetchWorker, link, (req) =>
      walletPresentation(held.key, [held.copy], { aud: req.clientId, nonce: req.nonce, now: new Date() }),
    );
    expect(first.resolved.client.prefix).toBe('decentralized_identifier');
    expect(first.response.status).toBe(200);
    const [after] = await db.select().from(schema.presentationRequests).where(eq(schema.presentationRequests.id, id));
    expect(after?.status).toBe('verified');
    // Answered: the signed request is no longer handed out, and the same answer again is refused.
    expect((await fetchWorker(new URL(link).searchParams.get('request_uri')!)).status).toBe(400);
    const replay = await replayAnswer(fetchWorker, ORIGIN, first.authorizationResponsePayload);
    expect(replay.status).toBe(400);
  });

  it("takes our own issuer's OpenID4VCI offer into the passport (the passport as a wallet) on D1", async () => {
    const worker = await signedIn('worker@edge.test');
    const credentialId = await issueToWorker();
    const config = parseConfig(env as unknown as Record<string, unknown>);
    const offer = await createWalletOffer(db, config, { userId: worker.user.id, credentialId, now: new Date() });
    const fields: [string, string][] = [
      ['link', offer.deepLink],
      ['pin', offer.txCode],
    ];
    const res = await worker.postForm('/passport/wallet-offer', fields, '/passport/wallet-offer');
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/passport\/credentials\/[0-9a-f-]{36}\?notice=imported$/);
    const id = location.split('/')[3]?.split('?')[0] ?? '';
    const [row] = await db.select().from(schema.importedCredentials).where(eq(schema.importedCredentials.id, id));
    expect(JSON.parse(row?.verification ?? '{}').verified).toBe(true);
    const payload = JSON.parse(atob((row?.jwt ?? '').split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    const [holder] = await db.select().from(schema.users).where(eq(schema.users.id, worker.user.id));
    expect(payload.credentialSubject.id).toBe(holder?.holderDid);
    // Spent: the same offer is refused in plain words.
    const again = await worker.postForm('/passport/wallet-offer', fields, '/passport/wallet-offer');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('did not accept the PIN');
  });

  it("answers our own employer's OpenID4VP request from the passport; the request turns verified on D1", async () => {
    const worker = await signedIn('worker@edge.test');
    const credentialId = await issueToWorker();
    const config = parseConfig(env as unknown as Record<string, unknown>);
    const [staff] = await db.select().from(schema.users).where(eq(schema.users.email, 'staff@edge.test'));
    const [employer] = await db.select().from(schema.organisations).where(eq(schema.organisations.kind, 'employer'));
    const id = await createPresentationRequest(
      { db, config },
      { orgId: employer!.id, userId: staff!.id, roleRef: null, now: new Date() },
    );
    const [row] = await db.select().from(schema.presentationRequests).where(eq(schema.presentationRequests.id, id));
    const link = requestLink(config, row!);
    const review = await (await worker.get(`/passport/answer-request?link=${encodeURIComponent(link)}`)).text();
    expect(review).toContain('Edge Care Homes');
    expect(review).toContain(`value="${credentialId}"`);
    const res = await worker.postForm(
      '/passport/answer-request',
      [
        ['link', link],
        ['credentialIds', credentialId],
      ],
      '/passport/wallet-offer',
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('which accepted it');
    const [after] = await db.select().from(schema.presentationRequests).where(eq(schema.presentationRequests.id, id));
    expect(after?.status).toBe('verified');
  });
});

/**
 * The standard VC-API issue body: an academy posts an unsigned Open Badges 3.0 credential for one of its
 * achievements; the service becomes nothing but the signer for that academy (issuer, id, dates, status filled in),
 * refuses what the academy may not award, and the old body keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { competencies, credentials } from '../../db/schema';
import { didKeyFromPublicJwk } from '../../worker/credentials/did';
import { base64UrlDecode, fromUtf8 } from '../../worker/credentials/encoding';
import { generateEd25519KeyPair } from '../../worker/credentials/keys';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { type TestEnv, makeTestEnv } from '../helpers/app';
import { sessionFor } from '../helpers/accounts';
import { ob3SchemaErrors } from '../helpers/ob3-schema';
import { type World, buildWorld, issueViaApi, makeAchievement } from '../helpers/world';

let env: TestEnv;
let world: World;
let achievementId: string;
let otherAchievementId: string;
let otherToken: string;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
  achievementId = (await makeAchievement(env, world.academy.id, world.academyStaff.id)).id;
  otherAchievementId = (await makeAchievement(env, world.otherAcademy.id, world.otherAcademyStaff.id)).id;
  otherToken = (
    await createApiToken(env.deps.db, {
      orgId: world.otherAcademy.id,
      name: 'other',
      scopes: ['issue'],
      createdBy: world.otherAcademyStaff.id,
      now: new Date(),
    })
  ).token;
});
afterAll(() => env.close());

const origin = () => env.deps.config.PUBLIC_ORIGIN;

async function wallet(): Promise<string> {
  return didKeyFromPublicJwk((await generateEd25519KeyPair()).publicJwk);
}

function unsigned(subjectDid: string, achievement: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Moving and handling (level 2)',
    credentialSubject: {
      id: subjectDid,
      type: ['AchievementSubject'],
      achievement: {
        id: `${origin()}/achievements/${achievement}`,
        type: ['Achievement'],
        name: 'Moving and handling (level 2)',
        description: 'Safe moving and handling of people.',
        criteria: { narrative: 'Passed an observed practical assessment.' },
      },
    },
    ...extra,
  };
}

async function post(body: unknown, token = world.apiToken) {
  const res = await env.app.request('/credentials/issue', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /credentials/issue with the standard VC-API body', () => {
  it('fills issuer, id, validFrom and status, signs, stores, and the result verifies and fits the OB 3.0 schema', async () => {
    const did = await wallet();
    const r = await post({ credential: unsigned(did, achievementId), options: {} });
    expect(r.status).toBe(201);
    const jwt = (r.body.verifiableCredential as { id: string }).id.slice('data:application/vc+jwt,'.length);
    const payload = JSON.parse(fromUtf8(base64UrlDecode(jwt.split('.')[1]!)!));
    expect(payload.issuer.id).toBe(`did:web:localhost%3A8787:orgs:${world.academy.slug}`);
    expect(payload.id).toBe(r.body.credentialId);
    expect(payload.credentialStatus.statusPurpose).toBe('message');
    expect(payload.sub).toBe(did);
    expect(ob3SchemaErrors(payload)).toEqual([]);
    const verified = await env.app.request('/credentials/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: jwt }),
    });
    expect(((await verified.json()) as { verified: boolean }).verified).toBe(true);
    const id = String(r.body.credentialId).replace('urn:uuid:', '');
    const row = (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0];
    expect(row?.subjectDid).toBe(did);
    expect(row?.achievementId).toBe(achievementId);
  });

  it('refuses an achievement aligned outside the academy’s approved frameworks (403)', async () => {
    const outside = (
      await env.deps.db.select().from(competencies).where(ne(competencies.frameworkId, 'cstf')).limit(1)
    )[0]!;
    const credential = unsigned(await wallet(), otherAchievementId);
    (credential.credentialSubject.achievement as Record<string, unknown>).alignment = [
      { type: ['Alignment'], targetName: outside.name, targetUrl: 'https://example.org/x', targetCode: outside.id },
    ];
    const r = await post({ credential }, otherToken);
    expect(r.status).toBe(403);
    const cstf = (
      await env.deps.db
        .select()
        .from(competencies)
        .where(and(eq(competencies.frameworkId, 'cstf')))
        .limit(1)
    )[0]!;
    (credential.credentialSubject.achievement as Record<string, unknown>).alignment = [
      { type: ['Alignment'], targetName: cstf.name, targetUrl: 'https://example.org/y', targetCode: cstf.id },
    ];
    expect((await post({ credential }, otherToken)).status).toBe(201);
  });

  it('refuses another academy’s achievement, a foreign issuer, a preset id or status, and a signed credential', async () => {
    const did = await wallet();
    expect((await post({ credential: unsigned(did, otherAchievementId) })).status).toBe(404);
    const bad = [
      unsigned(did, achievementId, { issuer: 'did:web:elsewhere.example' }),
      unsigned(did, achievementId, { id: 'urn:uuid:7c1d3c6e-4b0f-4f59-9a57-1d3b1c7e2f10' }),
      unsigned(did, achievementId, { credentialStatus: { type: 'BitstringStatusListEntry' } }),
      unsigned(did, achievementId, { proof: { type: 'DataIntegrityProof' } }),
      unsigned('alice', achievementId),
    ];
    for (const credential of bad) expect((await post({ credential })).status, JSON.stringify(credential)).toBe(400);
  });

  it('works for a signed-in academy member with the session and CSRF header', async () => {
    const s = await sessionFor(env, world.academyStaff.id);
    const res = await env.app.request('/credentials/issue', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `cp_session=${s.token}`,
        'x-csrf-token': s.csrf,
        origin: 'http://localhost:8787',
      },
      body: JSON.stringify({ credential: unsigned(await wallet(), achievementId) }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses dates that make the credential expired on issue, unless options.allowExpired', async () => {
    const subject = await wallet();
    const fromLongAgo = unsigned(subject, achievementId, { validFrom: '1990-01-01T00:00:00Z' });
    const refused = await post({ credential: fromLongAgo });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'credential.validFrom', message: expect.stringContaining('expired on 1992-01-01') }],
    });
    const endedLastYear = unsigned(subject, achievementId, {
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
    });
    const untilRefused = await post({ credential: endedLastYear });
    expect(untilRefused.status).toBe(400);
    expect(untilRefused.body.error).toMatchObject({ details: [{ path: 'credential.validUntil' }] });
    expect((await post({ credential: fromLongAgo, options: { allowExpired: true } })).status).toBe(201);
  });

  it('keeps the service’s own body working', async () => {
    const issued = await issueViaApi(env, world, { achievementId, email: world.worker.email, notify: false });
    expect(issued.jwt.split('.')).toHaveLength(3);
  });
});

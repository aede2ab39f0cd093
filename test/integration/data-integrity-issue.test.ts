/**
 * Issuing with a Data Integrity proof: an academy asks for `options.securing: "eddsa-rdfc-2022"` (either VC-API
 * body) and gets an Open Badges 3.0 credential with an embedded proof, stored in the register, revocable through
 * the same status list, verified by /credentials/verify; a claim re-signs it the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { credentials } from '../../db/schema';
import { didKeyFromPublicJwk } from '../../worker/credentials/did';
import { generateEd25519KeyPair } from '../../worker/credentials/keys';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { checkShare } from '../../worker/services/employer/candidate-checks';
import { holderSigner } from '../../worker/services/passport/holders';
import { createShare } from '../../worker/services/passport/shares';
import { TEST_ORIGIN, type TestEnv } from '../helpers/app';
import { ob3SchemaErrors } from '../helpers/ob3-schema';
import { type World, academyWorld } from '../helpers/world';
import { issueContext } from '../../worker/services/academy/issue-types';
import { storedText } from '../helpers/bodies';

let env: TestEnv;
let world: World;
let achievementId: string;

beforeAll(async () => ({ env, world, achievementId } = await academyWorld()));
afterAll(() => env.close());

type Json = Record<string, unknown>;

async function post(path: string, body: unknown, auth = true) {
  const res = await env.app.request(`${TEST_ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${world.apiToken}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const codes = (b: Json) => (b.errors as { code: string }[]).map((e) => e.code);
const verify = (credential: Json) => post('/credentials/verify', { verifiableCredential: credential }, false);

describe('issuing Open Badges credentials secured with eddsa-rdfc-2022', () => {
  it('issue -> verify -> revoke -> verify fails with revoked (service body, learner with a passport)', async () => {
    const issued = await post('/credentials/issue', {
      credential: { achievementId, credentialSubject: { email: world.worker.email, name: 'Wendy Worker' } },
      options: { securing: 'eddsa-rdfc-2022', notify: false },
    });
    expect(issued.status).toBe(201);
    const vc = issued.body.verifiableCredential as Json;
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z/),
    });
    expect(String((vc.proof as Json).verificationMethod)).toMatch(/^did:web:localhost%3A8787:orgs:[^#]+#/);
    expect(ob3SchemaErrors(vc)).toEqual([]);
    const id = String(issued.body.credentialId).replace('urn:uuid:', '');
    const [row] = await env.deps.db.select().from(credentials).where(eq(credentials.id, id));
    expect(row?.format).toBe('vc+di');
    expect(JSON.parse(await storedText(env.deps, id))).toEqual(vc);

    const ok = await verify(vc);
    expect(codes(ok.body)).toEqual([]);
    expect(ok.status).toBe(200);
    expect(ok.body.format).toBe('vc2-di');

    const revoked = await post('/credentials/status', {
      credentialId: issued.body.credentialId,
      credentialStatus: [{ status: 'revoked' }],
      reason: 'Issued in error',
    });
    expect(revoked.status).toBe(200);
    const after = await verify(vc);
    expect(after.status).toBe(400);
    expect(codes(after.body)).toEqual(['revoked']);
  });

  it('issues the standard VC-API body with a Data Integrity proof, and the proof fails once the credential is edited', async () => {
    const subject = didKeyFromPublicJwk((await generateEd25519KeyPair()).publicJwk);
    const issued = await post('/credentials/issue', {
      credential: {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Moving and handling (level 2)',
        credentialSubject: {
          id: subject,
          type: ['AchievementSubject'],
          achievement: {
            id: `${TEST_ORIGIN}/achievements/${achievementId}`,
            type: ['Achievement'],
            name: 'Moving and handling (level 2)',
            description: 'Safe moving and handling of people.',
            criteria: { narrative: 'Passed an observed practical assessment.' },
          },
        },
      },
      options: { securing: 'eddsa-rdfc-2022' },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const vc = issued.body.verifiableCredential as Json;
    expect((vc.proof as Json).cryptosuite).toBe('eddsa-rdfc-2022');
    expect(codes((await verify(vc)).body)).toEqual([]);
    const edited = structuredClone(vc);
    (edited.credentialSubject as Json).id = didKeyFromPublicJwk((await generateEd25519KeyPair()).publicJwk);
    expect(codes((await verify(edited)).body)).toEqual(['invalid_signature']);
    expect((await post('/credentials/issue', { ...issued.body, options: { securing: 'bbs-2023' } })).status).toBe(400);
  });

  it('re-signs a claimed credential with a Data Integrity proof that still verifies', async () => {
    const issued = await post('/credentials/issue', {
      credential: { achievementId, credentialSubject: { email: 'new.learner@example.test', name: 'New Learner' } },
      options: { securing: 'eddsa-rdfc-2022', notify: false },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.claimUrl).toEqual(expect.any(String));
    const { claimCredential } = await import('../../worker/services/academy/claim-links');
    const token = new URL(String(issued.body.claimUrl)).searchParams.get('token')!;
    const id = String(issued.body.credentialId).replace('urn:uuid:', '');
    await claimCredential(issueContext(env.deps, null), token, world.worker.id);
    const [row] = await env.deps.db.select().from(credentials).where(eq(credentials.id, id));
    expect(row?.format).toBe('vc+di');
    const claimed = JSON.parse(await storedText(env.deps, id)) as Json;
    expect((claimed.credentialSubject as Json).id).toBe(row?.subjectDid);
    expect(codes((await verify(claimed)).body)).toEqual([]);
  });

  it('a passport share carries a Data Integrity credential inside the holder’s presentation, and it verifies', async () => {
    const issued = await post('/credentials/issue', {
      credential: { achievementId, credentialSubject: { email: world.worker.email, name: 'Wendy Worker' } },
      options: { securing: 'eddsa-rdfc-2022', notify: false },
    });
    const id = String(issued.body.credentialId).replace('urn:uuid:', '');
    const share = await createShare(env.deps.db, {
      userId: world.worker.id,
      credentialIds: [id],
      days: 7,
      now: env.deps.clock(),
    });
    const checked = await checkShare(env.deps, { token: share.token, viewerOrgId: null, kind: 'opened' });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const { report } = checked.outcome;
    expect(report.presentation?.errors).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.credentials.map((c) => [c.result.format, c.belongsToHolder])).toEqual([['vc2-di', true]]);

    // The same credential in a presentation the holder signs for this service, answering our challenge.
    const signer = (await holderSigner(env.deps.db, env.deps.config, world.worker.id))!;
    const { challenge } = (await post('/presentations/challenges', {}, false)).body as { challenge: string };
    const vp = await signPresentationJwt({
      holderDid: signer.did,
      kid: signer.kid,
      privateKey: signer.privateKey,
      credentialJwts: [JSON.stringify(issued.body.verifiableCredential)],
      audience: TEST_ORIGIN,
      nonce: challenge,
      validSeconds: 300,
      now: env.deps.clock(),
    });
    const verified = await post('/presentations/verify', { verifiablePresentation: vp }, false);
    expect(codes(verified.body)).toEqual([]);
    expect((verified.body.credentials as Json[])[0]?.format).toBe('vc2-di');
  });
});

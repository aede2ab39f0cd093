/**
 * Independent verification: a credential issued by the running server is verified by did-jwt, a standard
 * library outside this project's verifier, resolving the issuer's did:web document over HTTP from the server.
 */
import { eq, like } from 'drizzle-orm';
import { verifyJWT } from 'did-jwt';
import { type DIDDocument, Resolver } from 'did-resolver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievements, organisations } from '../../db/schema';
import { createApiToken } from '../../worker/services/organisations/api-tokens';
import { type RunningServer, openServerDb, startServer } from './harness';

let server: RunningServer;
let token = '';
let achievementId = '';

/** did:web → URL per the did:web method spec, written here rather than borrowed from the project. */
function didWebUrl(did: string): string {
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const host = parts.shift() as string;
  return `http://${host}/${parts.length ? `${parts.join('/')}/did.json` : '.well-known/did.json'}`;
}

const resolver = new Resolver({
  web: async (did) => {
    const res = await fetch(didWebUrl(did));
    const didDocument = res.ok ? ((await res.json()) as DIDDocument) : null;
    return {
      didDocument,
      didDocumentMetadata: {},
      didResolutionMetadata: didDocument ? { contentType: 'application/did+json' } : { error: 'notFound' },
    };
  },
});

beforeAll(async () => {
  server = await startServer({ SEED_DEMO: 'true' });
  const { client, db } = await openServerDb(server);
  const org = (await db.select().from(organisations).where(eq(organisations.kind, 'academy')).limit(1))[0]!;
  achievementId = (await db.select().from(achievements).where(like(achievements.name, 'Fire%')).limit(1))[0]!.id;
  token = (
    await createApiToken(db, { orgId: org.id, name: 'interop', scopes: ['issue'], createdBy: null, now: new Date() })
  ).token;
  client.close();
}, 120_000);
afterAll(async () => server?.stop());

async function issue(): Promise<string> {
  const res = await fetch(`${server.origin}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      credential: { achievementId, credentialSubject: { email: 'amira@worker.demo', name: 'Amira Khan' } },
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { verifiableCredential: { id: string } };
  return body.verifiableCredential.id.slice('data:application/vc+jwt,'.length);
}

describe('interoperability with did-jwt over HTTP', () => {
  it('did-jwt verifies a credential issued by the running server against its served did:web document', async () => {
    const jwt = await issue();
    const result = await verifyJWT(jwt, { resolver, policies: { aud: false } });
    expect(result.verified).toBe(true);
    expect(result.issuer).toMatch(/^did:web:localhost%3A\d+:orgs:/);
    expect(result.signer.id.startsWith(`${result.issuer}#`)).toBe(true);
    const payload = result.payload as { type: string[]; credentialSubject: { id: string } };
    expect(payload.type).toContain('OpenBadgeCredential');
    expect(payload.credentialSubject.id).toMatch(/^did:key:z6Mk/);
  });

  it('did-jwt refuses the same credential once a claim is altered', async () => {
    const jwt = await issue();
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    payload.name = 'Registered nurse';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifyJWT(forged, { resolver, policies: { aud: false } })).rejects.toThrow(/signature/i);
  });
});

/**
 * Data Integrity eddsa-rdfc-2022 (W3C VC Data Integrity EdDSA Cryptosuites v1.0): the published test vector, our
 * own Open Badges credentials signed with a fixed-at-test-start key, and tampering with every input of the hash.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import vector from '../../fixtures/standards/eddsa-rdfc-2022/signed-alumni.json';
import { addEddsaRdfc2022Proof, verifyEddsaRdfc2022 } from '../../../worker/credentials/data-integrity/eddsa-rdfc-2022';
import { buildOpenBadgeCredential } from '../../../worker/credentials/issue';
import type { JsonObject } from '../../../worker/credentials/jwt';
import { jwkFromMultikey } from '../../../worker/credentials/multikey';
import { verifyCredentialDataIntegrity } from '../../../worker/credentials/verify-data-integrity';
import { NOW, badgeInput, codes, makeHolder, makeWorld, type IssuerKey, type World } from './fixtures';

const VECTOR_KEY = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const clone = <T>(v: T): T => structuredClone(v);

async function vectorKey(multikey = VECTOR_KEY): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwkFromMultikey(multikey)!, 'Ed25519', false, ['verify']);
}

describe('eddsa-rdfc-2022 published test vector (VC DI EdDSA v1.0, Alumni credential)', () => {
  it('verifies as published', async () => {
    expect(await verifyEddsaRdfc2022(clone(vector) as JsonObject, await vectorKey())).toEqual({ ok: true });
  });

  it('fails when a credential field changes', async () => {
    const v = clone(vector) as JsonObject;
    (v.credentialSubject as JsonObject).alumniOf = 'The School of Counterfeits';
    expect(await verifyEddsaRdfc2022(v, await vectorKey())).toEqual({ ok: false, kind: 'bad_signature' });
  });

  it('fails when a proof option changes (created, verificationMethod, proofPurpose)', async () => {
    for (const change of [
      { created: '2023-02-24T23:36:39Z' },
      { verificationMethod: `did:key:${VECTOR_KEY}#${VECTOR_KEY}` },
      { proofPurpose: 'authentication' },
    ]) {
      const v = clone(vector) as JsonObject;
      v.proof = { ...(v.proof as JsonObject), ...change };
      expect(await verifyEddsaRdfc2022(v, await vectorKey())).toEqual({ ok: false, kind: 'bad_signature' });
    }
  });

  it('fails with another key', async () => {
    const other = await makeHolder();
    const key = await crypto.subtle.importKey('jwk', other.publicJwk, 'Ed25519', false, ['verify']);
    expect(await verifyEddsaRdfc2022(clone(vector) as JsonObject, key)).toEqual({ ok: false, kind: 'bad_signature' });
  });

  it('names a context it does not bundle, and never fetches it', async () => {
    const v = clone(vector) as JsonObject;
    v['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://attacker.example/context.jsonld'];
    const r = await verifyEddsaRdfc2022(v, await vectorKey());
    expect(r).toMatchObject({ ok: false, kind: 'unknown_context' });
    expect(JSON.stringify(r)).toContain('https://attacker.example/context.jsonld');
  });

  it('fails when the context is swapped for another bundled one (terms mean something else)', async () => {
    const v = clone(vector) as JsonObject;
    v['@context'] = [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ];
    const r = await verifyEddsaRdfc2022(v, await vectorKey());
    expect(r.ok).toBe(false);
  });

  it('refuses a proof @context that differs from the document’s, and a malformed proofValue', async () => {
    const v = clone(vector) as JsonObject;
    (v.proof as JsonObject)['@context'] = ['https://www.w3.org/ns/credentials/examples/v2'];
    expect(await verifyEddsaRdfc2022(v, await vectorKey())).toMatchObject({ ok: false, kind: 'proof_invalid' });
    const w = clone(vector) as JsonObject;
    (w.proof as JsonObject).proofValue = 'z3abc';
    expect(await verifyEddsaRdfc2022(w, await vectorKey())).toEqual({ ok: false, kind: 'bad_signature' });
  });
});

describe('verifyCredentialDataIntegrity: an Open Badges credential with an eddsa-rdfc-2022 proof', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });

  const sign = (w: World, credential: JsonObject, key: IssuerKey = w.issuer.current, vm = key.id) =>
    addEddsaRdfc2022Proof(credential, { verificationMethod: vm, privateKey: key.privateKey, created: NOW });
  const badge = (w: World) => buildOpenBadgeCredential(badgeInput(w.issuer, w.holder.did)) as unknown as JsonObject;

  it('verifies: proof, issuer key, dates, status and trust, in the JWT pipeline’s result shape', async () => {
    const signed = await sign(world, badge(world));
    const r = await verifyCredentialDataIntegrity(signed, world.deps());
    expect(codes(r)).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.format).toBe('vc2-di');
    expect(r.issuer).toBe(world.issuer.did);
    expect(r.checks.map((c) => c.check).join(' ')).toBe(
      'size structure header schema issuer key signature dates status status trust',
    );
  });

  it('reports revocation through the same status lists', async () => {
    const signed = await sign(world, badge(world));
    await world.setStatus('revocation', [4242]);
    const r = await verifyCredentialDataIntegrity(signed, world.deps());
    expect(codes(r)).toEqual(['revoked']);
  });

  it('refuses a changed field, a changed proof option and a context swap', async () => {
    const signed = await sign(world, badge(world));
    const changed = clone(signed);
    ((changed.credentialSubject as JsonObject).achievement as JsonObject).name = 'Registered Manager';
    expect(codes(await verifyCredentialDataIntegrity(changed, world.deps()))).toEqual(['invalid_signature']);
    const later = clone(signed);
    (later.proof as JsonObject).created = '2025-06-01T11:00:00Z';
    expect(codes(await verifyCredentialDataIntegrity(later, world.deps()))).toEqual(['invalid_signature']);
    const swapped = clone(signed);
    swapped['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ob-lookalike.json'];
    const r = await verifyCredentialDataIntegrity(swapped, world.deps());
    expect(r.errors).toMatchObject([{ code: 'schema_invalid', rule: 'context_invalid' }]);
  });

  it('refuses a key that is not the issuer’s, and one not authorised for assertionMethod', async () => {
    const stranger = await makeHolder();
    const byStranger = await addEddsaRdfc2022Proof(badge(world), {
      verificationMethod: stranger.kid,
      privateKey: stranger.privateKey,
      created: NOW,
    });
    expect(codes(await verifyCredentialDataIntegrity(byStranger, world.deps()))).toEqual(['unknown_key']);
    // Signed by the other issuer's key but naming our issuer's key: the signature does not match that key.
    const forged = await sign(world, badge(world), world.otherIssuer.current, world.issuer.current.id);
    expect(codes(await verifyCredentialDataIntegrity(forged, world.deps()))).toEqual(['invalid_signature']);
    const doc = world.issuer.doc();
    world.docs.set(world.issuer.did, { ...doc, assertionMethod: [] });
    const signed = await sign(world, badge(world));
    expect(codes(await verifyCredentialDataIntegrity(signed, world.deps()))).toEqual(['unknown_key']);
  });

  it('requires proofPurpose assertionMethod', async () => {
    const signed = await addEddsaRdfc2022Proof(badge(world), {
      verificationMethod: world.issuer.current.id,
      privateKey: world.issuer.current.privateKey,
      created: NOW,
      proofPurpose: 'authentication',
    });
    const r = await verifyCredentialDataIntegrity(signed, world.deps());
    expect(r.errors).toMatchObject([{ code: 'schema_invalid', rule: 'proof_invalid' }]);
  });

  it('reports an expired credential', async () => {
    const signed = await sign(world, badge(world));
    world.clock.now = new Date('2028-02-01T00:00:00Z');
    expect(codes(await verifyCredentialDataIntegrity(signed, world.deps()))).toContain('expired');
  });

  it('answers other proof types and suites, and proof sets, as unsupported_proof_type', async () => {
    const signed = await sign(world, badge(world));
    for (const proof of [
      { ...(signed.proof as JsonObject), cryptosuite: 'ecdsa-rdfc-2019' },
      { ...(signed.proof as JsonObject), cryptosuite: 'bbs-2023' },
      { type: 'Ed25519Signature2020', proofValue: 'z3abc' },
      [signed.proof, signed.proof],
    ]) {
      const r = await verifyCredentialDataIntegrity({ ...signed, proof } as JsonObject, world.deps());
      expect(r.verified).toBe(false);
      expect(codes(r)).toEqual(['unsupported_proof_type']);
    }
  });
});

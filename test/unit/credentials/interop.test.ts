import { EdDSASigner, verifyJWT } from 'did-jwt';
import { createVerifiableCredentialJwt, verifyCredential } from 'did-jwt-vc';
import { Resolver, type DIDDocument, type DIDResolutionResult } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { didKeyFromPublicJwk, resolveDidKey, type DidDocument } from '../../../worker/credentials/did';
import { generateEd25519KeyPair } from '../../../worker/credentials/keys';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { codes, decodeParts, encodeParts, fromB64url, makeWorld, NOW } from './fixtures';

/** A did-resolver Resolver over an in-memory map (did:web) plus our offline did:key resolution. */
function inMemoryResolver(docs: Map<string, DidDocument>): Resolver {
  const result = (doc: DidDocument | null | undefined): DIDResolutionResult =>
    doc
      ? {
          didDocument: doc as unknown as DIDDocument,
          didDocumentMetadata: {},
          didResolutionMetadata: { contentType: 'application/did+json' },
        }
      : { didDocument: null, didDocumentMetadata: {}, didResolutionMetadata: { error: 'notFound' } };
  return new Resolver({
    web: async (did) => result(docs.get(did)),
    key: async (did) => result(resolveDidKey(did)),
  });
}

async function vc1Issuer() {
  const pair = await generateEd25519KeyPair();
  const did = didKeyFromPublicJwk(pair.publicJwk);
  return { did, signer: EdDSASigner(fromB64url(pair.privateJwk.d as string)), alg: 'EdDSA' };
}

describe('did-jwt accepts our VC 2.0 JWT (independent verifier)', () => {
  it('verifies the signature through the did:web document we build', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const verified = await verifyJWT(jwt, {
      resolver: inMemoryResolver(world.docs),
      policies: { now: Math.floor(NOW.getTime() / 1000) },
      proofPurpose: 'assertionMethod',
    });
    expect(verified.verified).toBe(true);
    expect(verified.issuer).toBe(world.issuer.did);
    expect(verified.signer.id).toBe(`${world.issuer.did}#key-1`);
    expect(verified.signer.type).toBe('JsonWebKey2020');
  });

  it('and rejects a tampered one, so the check above is meaningful', async () => {
    const world = await makeWorld();
    const { header, payload, signature } = decodeParts(await world.issue());
    const tampered = encodeParts(header, { ...payload, name: 'Something else' }, signature);
    await expect(
      verifyJWT(tampered, {
        resolver: inMemoryResolver(world.docs),
        policies: { now: Math.floor(NOW.getTime() / 1000) },
      }),
    ).rejects.toThrow(/invalid_signature/);
  });

  it('did-jwt-vc does not accept VC 2.0 (it requires the VC 1.1 context and vc claim)', async () => {
    const world = await makeWorld();
    await expect(verifyCredential(await world.issue(), inMemoryResolver(world.docs))).rejects.toThrow();
  });
});

describe('VC 1.1 JWTs from did-jwt-vc', () => {
  it('are accepted and reported as vc1-jwt with a warning', async () => {
    const world = await makeWorld();
    const issuer = await vc1Issuer();
    world.trust.set(issuer.did, { recognised: true, approvedForThis: true });
    const jwt = await createVerifiableCredentialJwt(
      {
        sub: world.holder.did,
        nbf: Math.floor(NOW.getTime() / 1000) - 3600,
        jti: 'urn:uuid:0b9d8f3e-1c2a-4d5b-9e6f-7a8b9c0d1e2f',
        vc: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          credentialSubject: { training: { name: 'Moving and handling' } },
        },
      },
      issuer,
    );
    expect(decodeParts(jwt).header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.format).toBe('vc1-jwt');
    expect(result.issuer).toBe(issuer.did);
    expect(result.warnings.map((w) => w.code).sort()).toEqual(['no_status', 'vc1_format']);
    expect(result.credential).toMatchObject({
      issuer: issuer.did,
      id: 'urn:uuid:0b9d8f3e-1c2a-4d5b-9e6f-7a8b9c0d1e2f',
      credentialSubject: { id: world.holder.did },
    });
  });

  it('are checked against exp and still need a valid signature', async () => {
    const world = await makeWorld();
    const issuer = await vc1Issuer();
    const payload = {
      sub: world.holder.did,
      nbf: Math.floor(NOW.getTime() / 1000) - 7200,
      exp: Math.floor(NOW.getTime() / 1000) - 3600,
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { training: 'Fire safety' },
      },
    };
    const jwt = await createVerifiableCredentialJwt(payload, issuer);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['expired']);
    const other = await vc1Issuer();
    const forged = await createVerifiableCredentialJwt(payload, { ...other, did: issuer.did });
    expect(codes(await verifyCredentialJwt(forged, world.deps()))).toEqual(['invalid_signature']);
  });

  it('must not use a typ that claims VC 2.0', async () => {
    const world = await makeWorld();
    const issuer = await vc1Issuer();
    const jwt = await createVerifiableCredentialJwt(
      {
        sub: world.holder.did,
        vc: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          credentialSubject: { training: 'Fire safety' },
        },
      },
      issuer,
      { header: { typ: 'vc+jwt' } as never },
    );
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['schema_invalid']);
  });
});

/**
 * The comparison verifiers: did-jwt-vc and a Veramo agent over one in-memory DID resolver (so they measure
 * verification, not HTTP), and a VC 1.1 JWT made with did-jwt-vc from the same credential and issuer key,
 * since neither library verifies VC 2.0 vc+jwt.
 */
import { createAgent } from '@veramo/core';
import { CredentialProviderJWT } from '@veramo/credential-jwt';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt, verifyCredential as didJwtVcVerify } from 'did-jwt-vc';
import { type DIDDocument, type DIDResolutionResult, Resolver } from 'did-resolver';
import { type DidDocument, resolveDidKey } from '../../worker/credentials/did';
import { base64UrlDecode } from '../../worker/credentials/encoding';
import { type JsonObject, parseCompactJwt } from '../../worker/credentials/jwt';

/** A did-resolver Resolver over fixed documents (did:web) and offline did:key. */
export function inMemoryResolver(docs: Map<string, DidDocument>): Resolver {
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

/**
 * The same credential as a VC 1.1 JWT: the VC 2.0 payload's content under the 1.1 context, the subject id as
 * `sub`, the credential id as `jti`, validity as nbf/exp, the revocation status entry as its one credentialStatus,
 * signed with the same issuer key (EdDSA, same kid).
 */
export async function vc1Equivalent(
  vc2Jwt: string,
  issuer: { did: string; kid: string; privateJwk: JsonWebKey },
): Promise<string> {
  const parsed = parseCompactJwt(vc2Jwt);
  if (!parsed.ok) throw new Error(parsed.message);
  const {
    iss: _iss,
    iat: _iat,
    jti: _jti,
    '@context': ctx,
    id,
    validFrom,
    validUntil,
    issuer: _issuer,
    credentialSubject,
    credentialStatus,
    ...rest
  } = parsed.jwt.payload;
  // VC 1.1 has one status object; keep the revocation entry (the suspension entry is the same shape again).
  const status = Array.isArray(credentialStatus) ? credentialStatus[0] : credentialStatus;
  const { id: sub, ...subject } = credentialSubject as JsonObject;
  const contexts = (Array.isArray(ctx) ? ctx : [ctx]).filter((c) => c !== 'https://www.w3.org/ns/credentials/v2');
  const d = base64UrlDecode(issuer.privateJwk.d as string);
  if (!d) throw new Error('bad private key');
  const seconds = (s: unknown) => Math.floor(Date.parse(String(s)) / 1000);
  return createVerifiableCredentialJwt(
    {
      sub: sub as string,
      jti: id as string,
      nbf: seconds(validFrom),
      ...(validUntil ? { exp: seconds(validUntil) } : {}),
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1', ...(contexts as string[])],
        ...(rest as JsonObject),
        credentialSubject: subject,
        ...(status ? { credentialStatus: status } : {}),
      } as never,
    },
    { did: issuer.did, signer: EdDSASigner(d), alg: 'EdDSA' },
    { header: { kid: issuer.kid } } as never,
  );
}

/** did-jwt-vc's verifyCredential bound to a resolver; throws when the credential does not verify. */
export function didJwtVcVerifier(resolver: Resolver) {
  return async (jwt: string) => {
    const r = await didJwtVcVerify(jwt, resolver);
    if (!r.verified) throw new Error('did-jwt-vc did not verify the credential');
    return r;
  };
}

/** A Veramo agent's verifyCredential (CredentialPlugin + JWT provider + DID resolver plugin); throws when not verified. */
export function veramoVerifier(resolver: Resolver) {
  const agent = createAgent({
    plugins: [new CredentialPlugin([new CredentialProviderJWT()]), new DIDResolverPlugin({ resolver })],
  });
  return async (jwt: string) => {
    // biome-ignore lint/suspicious/noExplicitAny: the agent's method map is typed by its plugins, which we do not spell out
    const r = await (agent as any).verifyCredential({ credential: jwt });
    if (!r.verified) throw new Error(`Veramo did not verify the credential: ${JSON.stringify(r.error)}`);
    return r;
  };
}

/**
 * The presenting side of a wallet app for tests, built on a third-party client (the OpenWallet Foundation's
 * @openid4vc/openid4vp): it parses and resolves the employer's request, and builds and posts the response. The
 * presentation itself (a VC 2.0 vp+jwt enveloping the credentials) is signed with jose by the wallet's did:jwk key.
 */
import { createHash } from 'node:crypto';
import type { Jwk, VerifyJwtCallback } from '@openid4vc/oauth2';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { SignJWT, compactVerify, importJWK } from 'jose';
import type { AppRequest, WalletKey } from './wallet';

/** The wallet's did:jwk, derived here independently of the service's code. */
export function walletDid(key: WalletKey): string {
  return `did:jwk:${Buffer.from(JSON.stringify(key.publicJwk)).toString('base64url')}`;
}

/** What the wallet puts in its vp+jwt; tests override parts to send what a well-behaved wallet would not. */
export interface PresentationClaims {
  aud: string;
  nonce: string;
  holder?: string;
  /** The wallet's clock (the tests' clock stands still). */
  now: Date;
}

/** A VC 2.0 presentation JWT of `credentials`, signed by the wallet's key. */
export function walletPresentation(key: WalletKey, credentials: string[], claims: PresentationClaims) {
  const did = walletDid(key);
  const holder = claims.holder ?? did;
  const iat = Math.floor(claims.now.getTime() / 1000);
  const context = ['https://www.w3.org/ns/credentials/v2'];
  return new SignJWT({
    '@context': context,
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: credentials.map((jwt) => ({
      '@context': context,
      id: `data:application/vc+jwt,${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    })),
    iss: holder,
    aud: claims.aud,
    nonce: claims.nonce,
    iat,
    exp: iat + 300,
  })
    .setProtectedHeader({ alg: key.alg, typ: 'vp+jwt', kid: `${did}#0` })
    .sign(key.privateKey);
}

/**
 * Where a did:web's document lives, resolved by the wallet itself (did:web method spec), mapped onto the app under
 * test: the test origin is plain http, so the https the method implies is read as the request's own scheme.
 */
function didWebDocumentUrl(did: string, scheme: string): string {
  const [host = '', ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  return path.length ? `${scheme}://${host}/${path.join('/')}/did.json` : `${scheme}://${host}/.well-known/did.json`;
}

/**
 * The wallet's check of a signed request object: resolve the signer's did:web through the app under test (no
 * network), take the verification method named by the JWT's DID URL and verify the signature with jose.
 */
export function didWebJwtVerifier(request: AppRequest, scheme = 'http'): VerifyJwtCallback {
  return async (signer, { compact }) => {
    if (signer.method !== 'did' || !signer.didUrl.startsWith('did:web:')) return { verified: false };
    const did = signer.didUrl.split('#')[0] as string;
    const res = await request(didWebDocumentUrl(did, scheme));
    if (!res.ok) return { verified: false };
    const doc = (await res.json()) as { verificationMethod?: { id: string; publicKeyJwk?: Jwk }[] };
    const jwk = doc.verificationMethod?.find((vm) => vm.id === signer.didUrl)?.publicKeyJwk;
    if (!jwk) return { verified: false };
    try {
      await compactVerify(compact, await importJWK(jwk as Parameters<typeof importJWK>[0], signer.alg));
      return { verified: true, signerJwk: jwk };
    } catch {
      return { verified: false, signerJwk: jwk };
    }
  };
}

/**
 * The wallet's OpenID4VP client; `request` is the app under test. Signed requests are checked against the signer's
 * did:web resolved through `request`; the wallet signs and encrypts nothing here.
 */
export function presentationClient(request: AppRequest) {
  const refuse = () => {
    throw new Error('not expected in these tests');
  };
  return new Openid4vpClient({
    callbacks: {
      fetch: ((input: string | URL | Request, init?: RequestInit) =>
        Promise.resolve(request(input instanceof Request ? input.url : String(input), init))) as typeof fetch,
      hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
      signJwt: refuse,
      verifyJwt: didWebJwtVerifier(request),
      encryptJwe: refuse,
      decryptJwe: refuse,
    },
  });
}

/** The wallet reads the employer's link: parse it, then resolve it (client identifier, DCQL query). */
export async function resolveRequest(request: AppRequest, link: string) {
  const client = presentationClient(request);
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
  // 'jar': passed by reference or signed; 'openid4vp': by value, unsigned.
  if (parsed.type !== 'openid4vp' && parsed.type !== 'jar') throw new Error(`unexpected request type ${parsed.type}`);
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  return { client, resolved };
}

type ResolvedRequest = Awaited<ReturnType<typeof resolveRequest>>;
type VpFor = (req: { clientId: string; nonce: string; queryId: string }) => Promise<string>;

/**
 * The wallet answers a request it has resolved with the presentation `vpFor` makes, under the DCQL credential query's
 * id, and posts it to the response endpoint (direct_post). Returns the endpoint's HTTP response.
 */
export async function answerResolved({ client, resolved }: ResolvedRequest, vpFor: VpFor) {
  const req = resolved.authorizationRequestPayload;
  const query = resolved.dcql?.query as { credentials: { id: string }[] } | undefined;
  const queryId = query?.credentials[0]?.id ?? '';
  const vp = await vpFor({ clientId: req.client_id as string, nonce: req.nonce, queryId });
  const { authorizationResponsePayload } = await client.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: req,
    authorizationResponsePayload: { vp_token: { [queryId]: [vp] } },
  });
  const { response } = await client.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: req as { response_uri?: string },
    authorizationResponsePayload,
  });
  return { response, resolved, authorizationResponsePayload };
}

/** The wallet reads the employer's link (fetching and checking the signed request) and answers it at once. */
export async function answerRequest(request: AppRequest, link: string, vpFor: VpFor) {
  return answerResolved(await resolveRequest(request, link), vpFor);
}

/** Posts an answer the wallet already sent (same state and vp_token) to the response endpoint again. */
export function replayAnswer(
  request: AppRequest,
  origin: string,
  sent: Awaited<ReturnType<typeof answerResolved>>['authorizationResponsePayload'],
) {
  return request(`${origin}/oid4vp/response`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: sent.state as string, vp_token: JSON.stringify(sent.vp_token) }),
  });
}

/**
 * The presenting side of a wallet app for tests, built on a third-party client (the OpenWallet Foundation's
 * @openid4vc/openid4vp): it parses and resolves the employer's request, and builds and posts the response. The
 * presentation itself (a VC 2.0 vp+jwt enveloping the credentials) is signed with jose by the wallet's did:jwk key.
 */
import { createHash } from 'node:crypto';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { SignJWT } from 'jose';
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

/** The wallet's OpenID4VP client; `request` is the app under test. Nothing here verifies JWTs (requests are unsigned). */
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
      verifyJwt: refuse,
      encryptJwe: refuse,
      decryptJwe: refuse,
    },
  });
}

/** The wallet reads the employer's link: parse it, then resolve it (client identifier, DCQL query). */
export async function resolveRequest(request: AppRequest, link: string) {
  const client = presentationClient(request);
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
  if (parsed.type !== 'openid4vp') throw new Error(`unexpected request type ${parsed.type}`);
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  return { client, resolved };
}

/**
 * The wallet answers a resolved request with `vpJwt` under the DCQL credential query's id, and posts it to the
 * response endpoint (direct_post). Returns the endpoint's HTTP response.
 */
export async function answerRequest(
  request: AppRequest,
  link: string,
  vpFor: (req: { clientId: string; nonce: string; queryId: string }) => Promise<string>,
) {
  const { client, resolved } = await resolveRequest(request, link);
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

/**
 * A wallet app for tests, built on a third-party client (the OpenWallet Foundation's @openid4vc/openid4vci), not on
 * our code: its HTTP goes through app.request, its keys and signatures through jose.
 */
import { createHash } from 'node:crypto';
import { type CallbackContext, type Jwk, clientAuthenticationAnonymous, setGlobalConfig } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

/** The test origin is plain http; the client insists on https unless told otherwise. */
setGlobalConfig({ allowInsecureUrls: true });

/** The app under test as a fetch: app.request, or SELF.fetch inside workerd. */
export type AppRequest = (url: string, init?: RequestInit) => Response | Promise<Response>;

export interface WalletKey {
  alg: 'ES256' | 'EdDSA';
  publicJwk: Jwk;
  privateKey: CryptoKey;
}

/** A fresh key pair the wallet holds (P-256 by default, or Ed25519). */
export async function walletKey(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<WalletKey> {
  const pair = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : 'ES256', { extractable: true });
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  return { alg, publicJwk: { kty: kty as string, crv, x, ...(y ? { y } : {}) }, privateKey: pair.privateKey };
}

/** Signs with `key` whatever the client asks to be signed (the key proof). */
function signerCallbacks(keys: () => WalletKey): Pick<CallbackContext, 'signJwt'> {
  return {
    signJwt: async (_signer, { header, payload }) => {
      const key = keys();
      const jwt = await new SignJWT(payload as Record<string, unknown>)
        .setProtectedHeader(header as { alg: string })
        .sign(key.privateKey);
      return { jwt, signerJwk: key.publicJwk };
    },
  };
}

/** The wallet's client; `request` is the app under test (app.request or SELF.fetch). */
export function walletClient(request: AppRequest, key: () => WalletKey) {
  const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      Promise.resolve(request(input instanceof Request ? input.url : String(input), init))) as typeof fetch,
    hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
    generateRandom: (n) => crypto.getRandomValues(new Uint8Array(n)),
    ...signerCallbacks(key),
    clientAuthentication: clientAuthenticationAnonymous(),
  };
  return new Openid4vciClient({ callbacks });
}

/** Signs a key proof by hand with `key` (for proofs a well-behaved client would never send); header wins over defaults. */
export function handMadeProof(key: WalletKey, header: Record<string, unknown>, payload: Record<string, unknown>) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, typ: 'openid4vci-proof+jwt', jwk: key.publicJwk, ...header })
    .sign(key.privateKey);
}

/** The offer link and PIN from the worker's "Add to a wallet app" page. */
export function offerFromPage(html: string): { deepLink: string; pin: string } {
  const deepLink = html.match(/href="(openid-credential-offer:\/\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
  const pin = html.match(/class="pin"[\s\S]*?<strong>(\d+)<\/strong>/)?.[1] ?? '';
  return { deepLink, pin };
}

/** The pre-authorised code inside an offer link. */
export function codeOf(deepLink: string): { issuer: string; code: string } {
  const offer = deepLink ? JSON.parse(new URL(deepLink).searchParams.get('credential_offer') ?? '{}') : {};
  const grant = offer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code'] ?? {};
  return { issuer: offer.credential_issuer, code: grant['pre-authorized_code'] };
}

/** Raw protocol calls, for requests a well-behaved client would never send. */
export function rawWallet(request: AppRequest, issuer: string) {
  return {
    token: (code: string, txCode?: string) =>
      request(`${issuer}/oid4vci/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code': code,
          ...(txCode === undefined ? {} : { tx_code: txCode }),
        }),
      }),
    nonce: async () =>
      ((await (await request(`${issuer}/oid4vci/nonce`, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce,
    credential: (accessToken: string | null, body: unknown) =>
      request(`${issuer}/oid4vci/credential`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        body: JSON.stringify(body),
      }),
  };
}

type Client = ReturnType<typeof walletClient>;
type ProofSigner = Parameters<Client['createCredentialRequestJwtProof']>[0]['signer'];

/**
 * The wallet takes an offer all the way: resolve the offer and the issuer's metadata, token with the PIN, nonce, key
 * proof (with the wallet's jwk unless another signer is given), credential (the offer's first configuration unless
 * another is named).
 */
export async function takeOffer(
  request: AppRequest,
  o: { deepLink: string; pin: string; key: WalletKey; now: Date; signer?: ProofSigner; configurationId?: string },
) {
  const client = walletClient(request, () => o.key);
  const offer = await client.resolveCredentialOffer(o.deepLink);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata,
    txCode: o.pin,
  });
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const credentialConfigurationId = o.configurationId ?? (offer.credential_configuration_ids[0] as string);
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId,
    nonce: c_nonce,
    signer: o.signer ?? { method: 'jwk', alg: o.key.alg, publicJwk: o.key.publicJwk },
    issuedAt: o.now,
  });
  const res = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId,
    proofs: { jwt: [jwt] },
  });
  return { offer, issuerMetadata, res };
}

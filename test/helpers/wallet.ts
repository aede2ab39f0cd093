/**
 * A wallet app for tests, built on a third-party client (the OpenWallet Foundation's @openid4vc/openid4vci), not on
 * our code: its HTTP goes through app.request, its keys and signatures through jose.
 */
import { createHash } from 'node:crypto';
import { type CallbackContext, type Jwk, clientAuthenticationAnonymous, setGlobalConfig } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';

/** The test origin is plain http; the client insists on https unless told otherwise. */
setGlobalConfig({ allowInsecureUrls: true });

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
export function walletClient(request: (url: string, init?: RequestInit) => Promise<Response>, key: () => WalletKey) {
  const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      request(input instanceof Request ? input.url : String(input), init)) as typeof fetch,
    hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
    generateRandom: (n) => crypto.getRandomValues(new Uint8Array(n)),
    ...signerCallbacks(key),
    clientAuthentication: clientAuthenticationAnonymous(),
  };
  return new Openid4vciClient({ callbacks });
}

/** Signs a key proof by hand (for proofs a well-behaved client would never send). */
export async function handMadeProof(
  key: WalletKey,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<string> {
  const privateKey = await importJWK(await exportJWK(key.privateKey), key.alg);
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, ...header }).sign(privateKey);
}

/** The offer link and PIN from the worker's "Add to a wallet app" page. */
export function offerFromPage(html: string): { deepLink: string; pin: string } {
  const deepLink = html.match(/href="(openid-credential-offer:\/\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
  const pin = html.match(/class="pin"[\s\S]*?<strong>(\d+)<\/strong>/)?.[1] ?? '';
  return { deepLink, pin };
}

/**
 * Ed25519 as the runtime provides it, for the app's signing keys and for throwaway keys. WebCrypto works on every
 * runtime (workerd and Node); the Node entry injects node:crypto's synchronous Ed25519 (worker/runtime/node-signing.ts),
 * which spares each signature WebCrypto's hand-off to the thread pool, and checks signatures on dedicated threads in
 * batches (worker/runtime/node-verify.ts). Signatures are the same bytes either way (Ed25519 is deterministic).
 */
import { importPrivateKey, publicJwkOf } from './keys';

/** Signs bytes with one private key that was prepared once for many signatures. */
export type SignBytes = (data: Uint8Array) => Promise<Uint8Array>;

/** Checks an Ed25519 signature over `data` by the public key `publicX` (the JWK's x); false when it does not verify. */
export type VerifyEd25519 = (publicX: string, signature: Uint8Array, data: Uint8Array) => Promise<boolean>;

/** What the app needs from the runtime's Ed25519. */
export interface Signing {
  /** Prepares a private Ed25519 JWK for signing (imported once, then used for every signature). */
  signWith(privateJwk: JsonWebKey): Promise<SignBytes>;
  /** The public JWK of a fresh key pair whose private half is never kept: a subject nobody can act for. */
  throwawayPublicJwk(): Promise<JsonWebKey>;
  /** The runtime's own signature check, when it has one cheaper than WebCrypto's (the verifier uses WebCrypto otherwise). */
  verifyEd25519?: VerifyEd25519;
}

const ED25519 = { name: 'Ed25519' } as const;

/** Ed25519 on WebCrypto: the default, and the only choice inside workerd. */
export const webCryptoSigning: Signing = {
  async signWith(privateJwk) {
    const key = await importPrivateKey(privateJwk);
    return async (data) => new Uint8Array(await crypto.subtle.sign(ED25519, key, data as Uint8Array<ArrayBuffer>));
  },
  async throwawayPublicJwk() {
    const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
    return publicJwkOf((await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey);
  },
};

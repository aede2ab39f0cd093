/**
 * Ed25519 on node:crypto for the Node runtime: synchronous signing on the calling thread, without WebCrypto's
 * hand-off to the thread pool. Only Node entry points import this module (the Worker bundle must not pull node:crypto).
 */
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { publicJwkOf } from '../credentials/keys';
import type { Signing } from '../credentials/signing';
import { nodeVerifyEd25519 } from './node-verify';

/** The Node runtime's Ed25519: same keys and signatures as WebCrypto, less overhead per signature. */
export const nodeSigning: Signing = {
  async signWith(privateJwk) {
    const { x } = publicJwkOf(privateJwk);
    if (typeof privateJwk.d !== 'string') throw new Error('Not a private key: the JWK has no "d" member');
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x, d: privateJwk.d }, format: 'jwk' });
    return async (data) => new Uint8Array(sign(null, data, key));
  },
  async throwawayPublicJwk() {
    const { publicKey } = generateKeyPairSync('ed25519');
    return publicJwkOf(publicKey.export({ format: 'jwk' }) as JsonWebKey);
  },
  // Checks go to dedicated threads in batches (node-verify.ts), not one thread-pool job each.
  verifyEd25519: nodeVerifyEd25519,
};

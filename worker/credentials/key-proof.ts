/**
 * The wallet's proof of possession in OpenID for Verifiable Credential Issuance: a JWT of type
 * `openid4vci-proof+jwt` signed with the key the credential will be bound to, naming the credential issuer as its
 * audience and carrying the issuer's nonce. The key comes from the header, either as `jwk` (bound as did:jwk) or as
 * a `kid` on a did:key / did:jwk (resolved offline); never both. Pure: no database, runs on Node and workerd.
 */
import { algorithmForKey, importVerifyKey, normalisePublicJwk, verifySignature } from './algorithms';
import { didJwkFromPublicJwk, resolveOfflineDid } from './did';
import { type JsonObject, parseCompactJwt } from './jwt';
import { checkAlgorithm, selectKeys } from './verify-common';

export const KEY_PROOF_TYP = 'openid4vci-proof+jwt';
/** A proof older than this (by its `iat`) is refused, whatever its nonce. */
export const KEY_PROOF_MAX_AGE_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;

export type KeyProofResult =
  | { ok: true; holderDid: string; nonce: string }
  | { ok: false; error: 'invalid_proof' | 'invalid_nonce'; description: string };

const fail = (description: string, error: 'invalid_proof' | 'invalid_nonce' = 'invalid_proof'): KeyProofResult => ({
  ok: false,
  error,
  description,
});

/** The key the proof claims to be signed with, and the DID the credential will name as its holder. */
function proofKey(header: JsonObject): { jwk: JsonWebKey; did: string } | string {
  if (header.jwk !== undefined && header.kid !== undefined) return 'Give the key as jwk or kid, not both';
  if (header.x5c !== undefined || header.trust_chain !== undefined) return 'Only jwk or a did:key / did:jwk kid';
  if (header.jwk !== undefined) {
    const jwk = normalisePublicJwk(header.jwk as JsonWebKey);
    return jwk ? { jwk, did: didJwkFromPublicJwk(jwk) } : 'The jwk is not a supported public key';
  }
  if (typeof header.kid !== 'string') return 'The proof names no key (jwk or kid)';
  const did = header.kid.split('#')[0] ?? '';
  const doc = resolveOfflineDid(did);
  if (!doc) return 'The kid must be a did:key or did:jwk verification method';
  const alg = checkAlgorithm(header);
  if (!alg.ok) return alg.message;
  const keys = selectKeys(doc, did, header.kid, 'authentication', alg.value);
  return keys.ok ? { jwk: keys.value[0]!.jwk, did } : keys.message;
}

/**
 * Checks a key proof for `audience` (the credential issuer identifier) at `now`: type, algorithm, key, signature,
 * audience and age. The nonce is returned for the caller to spend; a proof without one is an `invalid_nonce`.
 */
export async function verifyKeyProof(compact: string, audience: string, now: Date): Promise<KeyProofResult> {
  const parsed = parseCompactJwt(compact);
  if (!parsed.ok) return fail(parsed.message);
  const { header, payload } = parsed.jwt;
  if (header.typ !== KEY_PROOF_TYP) return fail(`The proof's typ must be ${KEY_PROOF_TYP}`);
  const alg = checkAlgorithm(header);
  if (!alg.ok) return fail(alg.message);
  const key = proofKey(header);
  if (typeof key === 'string') return fail(key);
  if (algorithmForKey(key.jwk) !== alg.value) return fail(`The key cannot sign with ${alg.value}`);
  let publicKey: CryptoKey;
  try {
    publicKey = await importVerifyKey(key.jwk, alg.value);
  } catch {
    return fail('The key could not be read');
  }
  if (!(await verifySignature(alg.value, publicKey, parsed.jwt.signature, parsed.jwt.signingInput)))
    return fail('The proof is not signed by the key it names');
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.includes(audience)) return fail(`The proof's audience must be ${audience}`);
  if (typeof payload.iat !== 'number') return fail('The proof has no issued-at time (iat)');
  const ageSeconds = now.getTime() / 1000 - payload.iat;
  if (ageSeconds > KEY_PROOF_MAX_AGE_SECONDS || ageSeconds < -CLOCK_SKEW_SECONDS)
    return fail('The proof was not made just now (iat)');
  if (typeof payload.nonce !== 'string' || !payload.nonce) return fail('The proof carries no nonce', 'invalid_nonce');
  return { ok: true, holderDid: key.did, nonce: payload.nonce };
}

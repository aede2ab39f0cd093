/**
 * The one-core ceiling of an HTTP verifier: if one request cost exactly one Ed25519 verification (R per second
 * on one core) plus what the HTTP stack costs for the cheapest answer it gives (S per second, a static file under
 * the same load), a server could at best answer 1/(1/R + 1/S) verifications a second. The benchmark reports the
 * verifier's rate as a share of that ceiling, with R measured in the same run on the same credential.
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import {
  type DidDocument,
  didWebToDocumentUrl,
  ed25519JwkFromVerificationMethod,
  findVerificationMethod,
} from '../../worker/credentials/did';
import { parseCompactJwt } from '../../worker/credentials/jwt';
import { compareThroughput } from './stats';

/** 1/(1/R + 1/S): the best rate when every request pays one signature check and one pass through the stack. */
export function oneCoreCeiling(rawPerSec: number, stackPerSec: number): number {
  if (!(rawPerSec > 0) || !(stackPerSec > 0)) return Number.NaN;
  return 1 / (1 / rawPerSec + 1 / stackPerSec);
}

/** The signing input, signature and issuer key of a compact EdDSA JWT, the key read from the server's DID document. */
async function signatureOf(baseUrl: string, jwt: string) {
  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) throw new Error(parsed.message);
  const kid = parsed.jwt.header.kid;
  if (typeof kid !== 'string' || !kid.includes('#')) throw new Error('the credential names no key');
  const did = kid.slice(0, kid.indexOf('#'));
  // The document's path on the server under load (its address, not the DID's host name, is what we reach).
  const res = await fetch(`${baseUrl}${new URL(didWebToDocumentUrl(did)).pathname}`);
  if (!res.ok) throw new Error(`DID document: ${res.status}`);
  const doc = (await res.json()) as DidDocument;
  const vm = findVerificationMethod(doc, kid, 'assertionMethod');
  const jwk = vm && ed25519JwkFromVerificationMethod(vm);
  if (!jwk?.x) throw new Error(`no Ed25519 key ${kid} in the DID document`);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  const { signingInput, signature } = parsed.jwt;
  if (!nodeVerify(null, signingInput, key, signature)) throw new Error('node:crypto rejects the signature');
  return { signingInput, signature, key };
}

/**
 * R: synchronous node:crypto Ed25519 verifications per second on one core (this process's main thread), of the
 * credential the load test sends. Median of `runs` runs of `durationMs`.
 */
export async function rawVerifyRate(
  baseUrl: string,
  jwt: string,
  opts: { warmupMs: number; durationMs: number; runs: number },
): Promise<number> {
  const { signingInput, signature, key } = await signatureOf(baseUrl, jwt);
  const op = () => nodeVerify(null, signingInput, key, signature);
  const [result] = await compareThroughput([{ name: 'raw Ed25519 node:crypto.verify', op }], opts);
  return result?.opsPerSec ?? Number.NaN;
}

/**
 * The `eddsa-rdfc-2022` cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites v1.0 §3.3): the document without its
 * proof and the proof options (with the document's @context) are each canonicalised with RDFC-1.0 and hashed with
 * SHA-256; the Ed25519 signature covers proofHash || documentHash and travels as multibase base58btc `proofValue`.
 */
import type { JsonObject } from '../jwt';
import { base58Decode, base58Encode, utf8 } from '../encoding';
import { canonicalNQuads } from './rdfc';

export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';

/** Why a proof could not be checked: the input cannot be canonicalised, or the proof itself is malformed. */
export type ProofFailure =
  | { kind: 'unknown_context'; message: string }
  | { kind: 'jsonld_invalid'; message: string }
  | { kind: 'proof_invalid'; message: string };

export type HashResult = { ok: true; hash: Uint8Array<ArrayBuffer> } | ({ ok: false } & ProofFailure);

/**
 * The data an eddsa-rdfc-2022 signature covers: SHA-256(canonical proof configuration) followed by
 * SHA-256(canonical document). `proofOptions` is the proof without `proofValue`; the document is without `proof`.
 */
export async function hashForProof(unsecured: JsonObject, proofOptions: JsonObject): Promise<HashResult> {
  const proofConfig: JsonObject = { ...proofOptions, '@context': unsecured['@context'] as JsonObject[] };
  const [config, document] = await Promise.all([canonicalNQuads(proofConfig), canonicalNQuads(unsecured)]);
  if (!document.ok) return failureOf(document);
  if (!config.ok) return failureOf(config);
  const [configHash, documentHash] = await Promise.all([sha256(config.nquads), sha256(document.nquads)]);
  const hash = new Uint8Array(64);
  hash.set(configHash, 0);
  hash.set(documentHash, 32);
  return { ok: true, hash };
}

function failureOf(r: { unknownContext?: string; message: string }): { ok: false } & ProofFailure {
  return { ok: false, kind: r.unknownContext ? 'unknown_context' : 'jsonld_invalid', message: r.message };
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
}

/**
 * The proof options of an embedded proof, checked against what this cryptosuite requires (type, cryptosuite,
 * a dateTimeStamp `created`, a matching proof @context when one is given); null when they are acceptable.
 */
export function proofOptionsProblem(document: JsonObject, proof: JsonObject): string | null {
  if (proof.type !== DATA_INTEGRITY_PROOF || proof.cryptosuite !== EDDSA_RDFC_2022)
    return `The proof is not a ${DATA_INTEGRITY_PROOF} with cryptosuite ${EDDSA_RDFC_2022}`;
  if (typeof proof.verificationMethod !== 'string') return 'The proof has no verificationMethod';
  if (typeof proof.proofPurpose !== 'string') return 'The proof has no proofPurpose';
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z'))
    return 'proofValue must be a multibase base58btc (z...) value';
  for (const key of ['created', 'expires'] as const) {
    const value = proof[key];
    if (value !== undefined && (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || !Date.parse(value)))
      return `proof.${key} must be an XML Schema dateTimeStamp`;
  }
  // Data Integrity §4.3: a proof's own @context must be the document's, or its leading part.
  if (proof['@context'] !== undefined) {
    const own = asList(proof['@context']);
    const doc = asList(document['@context']);
    if (own.some((c, i) => JSON.stringify(c) !== JSON.stringify(doc[i])))
      return "The proof's @context does not match the credential's";
  }
  return null;
}

const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** The document without `proof` and the proof without `proofValue`: the two inputs of the hash. */
export function splitSecuredDocument(secured: JsonObject): { unsecured: JsonObject; proofOptions: JsonObject } {
  const { proof, ...unsecured } = secured;
  const { proofValue: _value, ...proofOptions } = proof as JsonObject;
  return { unsecured, proofOptions };
}

/** The 64 signature bytes of a `z...` proofValue, or null when it is not base58btc of that length. */
export function signatureOf(proofValue: string): Uint8Array<ArrayBuffer> | null {
  if (!proofValue.startsWith('z')) return null;
  const bytes = base58Decode(proofValue.slice(1));
  return bytes?.length === 64 ? new Uint8Array(bytes) : null;
}

export type ProofCheck = { ok: true } | ({ ok: false } & ProofFailure) | { ok: false; kind: 'bad_signature' };

/** Verifies the Ed25519 signature of an eddsa-rdfc-2022 proof against `publicKey` (the key is the caller's job). */
export async function verifyEddsaRdfc2022(secured: JsonObject, publicKey: CryptoKey): Promise<ProofCheck> {
  const proof = secured.proof;
  if (!proof || typeof proof !== 'object' || Array.isArray(proof))
    return { ok: false, kind: 'proof_invalid', message: 'Expected one embedded proof object' };
  const problem = proofOptionsProblem(secured, proof as JsonObject);
  if (problem) return { ok: false, kind: 'proof_invalid', message: problem };
  const signature = signatureOf((proof as JsonObject).proofValue as string);
  if (!signature) return { ok: false, kind: 'bad_signature' };
  const { unsecured, proofOptions } = splitSecuredDocument(secured);
  const hashed = await hashForProof(unsecured, proofOptions);
  if (!hashed.ok) return hashed;
  const valid = await crypto.subtle.verify('Ed25519', publicKey, signature, hashed.hash).catch(() => false);
  return valid ? { ok: true } : { ok: false, kind: 'bad_signature' };
}

export interface ProofInput {
  verificationMethod: string;
  privateKey: CryptoKey;
  created: Date;
  proofPurpose?: string;
}

/** Adds an eddsa-rdfc-2022 proof to `unsecured` (which must not carry one); throws if it cannot be canonicalised. */
export async function addEddsaRdfc2022Proof(unsecured: JsonObject, input: ProofInput): Promise<JsonObject> {
  if (unsecured.proof !== undefined) throw new Error('The document already carries a proof');
  const proofOptions: JsonObject = {
    type: DATA_INTEGRITY_PROOF,
    cryptosuite: EDDSA_RDFC_2022,
    created: `${input.created.toISOString().slice(0, 19)}Z`,
    verificationMethod: input.verificationMethod,
    proofPurpose: input.proofPurpose ?? 'assertionMethod',
  };
  const hashed = await hashForProof(unsecured, proofOptions);
  if (!hashed.ok) throw new Error(hashed.message);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', input.privateKey, hashed.hash));
  return { ...unsecured, proof: { ...proofOptions, proofValue: `z${base58Encode(signature)}` } };
}

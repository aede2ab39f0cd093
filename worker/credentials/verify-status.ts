/** Checks one BitstringStatusListEntry: fetch the list, verify it came from the same issuer, read the bit. */
import { bitstringStatusListCredentialSchema, type BitstringStatusListEntry } from '../../schemas/credential';
import type { VerifiedStatusList, VerifierCache } from './cache';
import { ed25519JwkFromVerificationMethod, findVerificationMethod, type DidDocument } from './did';
import type { ErrorCode } from './errors';
import { parseCompactJwt, type JsonObject } from './jwt';
import { decodeStatusList, isBitSet, STATUS_LIST_SIZE } from './status-list';
import { statusEntryProblem } from './verify-shape';
import { checkAlgorithm, dateMs, describeIssue, issuerId, selectKeys, verifyWithKeys } from './verify-common';

export type StatusOutcome =
  | { kind: 'clear'; message: string }
  | { kind: 'set'; code: 'revoked' | 'suspended'; message: string }
  | { kind: 'error'; code: ErrorCode; message: string }
  | { kind: 'unsupported'; message: string };

export interface StatusContext {
  issuer: string;
  issuerDoc: DidDocument;
  fetchStatusList(url: string): Promise<string | null>;
  cache: VerifierCache;
  nowMs: number;
  skewMs: number;
  maxListBytes: number;
}

const PURPOSE_CODES = { revocation: 'revoked', suspension: 'suspended' } as const;

/** Checks one status entry of a credential whose signature already verified against `ctx.issuer`. */
export async function checkStatusEntry(rawEntry: unknown, ctx: StatusContext): Promise<StatusOutcome> {
  const type = (rawEntry as { type?: unknown } | null)?.type;
  if (type !== 'BitstringStatusListEntry') {
    return { kind: 'unsupported', message: `Status type ${JSON.stringify(type ?? null)} is not supported` };
  }
  const problem = statusEntryProblem(rawEntry as JsonObject);
  const entry = rawEntry as BitstringStatusListEntry;
  if (problem) return { kind: 'error', code: 'status_list_invalid', message: `Bad status entry: ${problem}` };
  if (entry.statusPurpose !== 'revocation' && entry.statusPurpose !== 'suspension') {
    return { kind: 'unsupported', message: `Status purpose "${entry.statusPurpose}" is not checked` };
  }
  const url = entry.statusListCredential;
  let token: string | null;
  try {
    token = await ctx.fetchStatusList(url);
  } catch {
    token = null;
  }
  if (typeof token !== 'string')
    return {
      kind: 'error',
      code: 'status_unavailable',
      message: `The ${entry.statusPurpose} list at ${url} could not be fetched`,
    };
  if (token.length > ctx.maxListBytes)
    return { kind: 'error', code: 'status_list_invalid', message: `The status list at ${url} is too large` };

  const list = await loadVerifiedList(token, ctx);
  if (!list.ok) return { kind: 'error', code: 'status_list_invalid', message: `Status list ${url}: ${list.message}` };
  const { value } = list;
  if (value.id !== url)
    return {
      kind: 'error',
      code: 'status_list_invalid',
      message: `The list fetched from ${url} says it is ${value.id}`,
    };
  if (value.purpose !== entry.statusPurpose) {
    return {
      kind: 'error',
      code: 'status_list_invalid',
      message: `The list at ${url} is for ${value.purpose}, not ${entry.statusPurpose}`,
    };
  }
  if (value.validFrom !== undefined && value.validFrom > ctx.nowMs + ctx.skewMs) {
    return { kind: 'error', code: 'status_list_invalid', message: `The status list at ${url} is not valid yet` };
  }
  if (value.validUntil !== undefined && value.validUntil < ctx.nowMs - ctx.skewMs) {
    return { kind: 'error', code: 'status_list_invalid', message: `The status list at ${url} has expired` };
  }
  const index = Number(entry.statusListIndex);
  if (index >= value.bits.length * 8)
    return { kind: 'error', code: 'status_list_invalid', message: `Index ${index} is outside the list at ${url}` };
  if (isBitSet(value.bits, index)) {
    const code = PURPOSE_CODES[entry.statusPurpose];
    return { kind: 'set', code, message: `The credential is ${code} (${url} index ${index})` };
  }
  return { kind: 'clear', message: `Not ${PURPOSE_CODES[entry.statusPurpose]} (${url})` };
}

type ListResult = { ok: true; value: VerifiedStatusList } | { ok: false; message: string };

/**
 * Verifies a status list credential JWT against the credential's issuer, reusing earlier work when the same token
 * comes back: the cache entry records which key verified it, and is only trusted while the issuer's current DID
 * document still lists that exact key for assertions.
 */
async function loadVerifiedList(token: string, ctx: StatusContext): Promise<ListResult> {
  const cached = ctx.cache.statusLists.get(token);
  if (cached && cached.issuer === ctx.issuer) {
    const vm = findVerificationMethod(ctx.issuerDoc, cached.vmId, 'assertionMethod');
    if (vm && ed25519JwkFromVerificationMethod(vm)?.x === cached.x) return { ok: true, value: cached };
  }
  const parsed = parseCompactJwt(token);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { header, payload } = parsed.jwt;
  const alg = checkAlgorithm(header);
  if (!alg.ok) return { ok: false, message: alg.message };
  if (header.typ !== 'vc+jwt')
    return { ok: false, message: `typ must be vc+jwt, got ${JSON.stringify(header.typ ?? null)}` };
  const schema = bitstringStatusListCredentialSchema.safeParse(payload);
  if (!schema.success)
    return { ok: false, message: `not a BitstringStatusListCredential (${describeIssue(schema.error.issues)})` };
  const listIssuer = issuerId(payload.issuer);
  // A list from anyone but the credential's issuer could un-revoke a credential; refuse it outright.
  if (listIssuer !== ctx.issuer || (payload.iss !== undefined && payload.iss !== ctx.issuer)) {
    return { ok: false, message: `it is issued by ${String(listIssuer)}, not by the credential issuer ${ctx.issuer}` };
  }
  if (typeof header.kid !== 'string') return { ok: false, message: 'its JWT has no kid' };
  const keys = selectKeys(ctx.issuerDoc, ctx.issuer, header.kid, 'assertionMethod');
  if (!keys.ok) return { ok: false, message: keys.message };
  const signer = await verifyWithKeys(parsed.jwt, keys.value, ctx.cache);
  if (!signer) return { ok: false, message: 'its signature is not valid for the credential issuer' };
  let bits: Uint8Array;
  try {
    bits = await decodeStatusList(schema.data.credentialSubject.encodedList);
  } catch (error) {
    return { ok: false, message: `encodedList cannot be decoded (${(error as Error).message})` };
  }
  // The spec's minimum length protects holder privacy; a shorter list is a STATUS_LIST_LENGTH_ERROR.
  if (bits.length * 8 < STATUS_LIST_SIZE)
    return { ok: false, message: `the list has ${bits.length * 8} entries, fewer than ${STATUS_LIST_SIZE}` };
  const value: VerifiedStatusList = {
    id: schema.data.id,
    issuer: ctx.issuer,
    purpose: schema.data.credentialSubject.statusPurpose,
    bits,
    vmId: signer.vmId,
    x: signer.x,
    validFrom: dateMs(schema.data.validFrom),
    validUntil: dateMs(schema.data.validUntil),
  };
  ctx.cache.statusLists.set(token, value);
  return { ok: true, value };
}

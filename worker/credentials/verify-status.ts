/** Checks one BitstringStatusListEntry: fetch the list, verify it came from the same issuer, read the bit. */
import { bitstringStatusListCredentialSchema, type BitstringStatusListEntry } from '../../schemas/credential';
import type { VerifiedStatusList, VerifierCache } from './cache';
import { keyFingerprint } from './algorithms';
import { findVerificationMethod, publicJwkFromVerificationMethod, type DidDocument } from './did';
import type { ErrorCode } from './errors';
import { parseCompactJwt, type JsonObject } from './jwt';
import { decodeStatusList, readStatusValue, STATUS_LIST_SIZE } from './status-list';
import { statusEntryProblem } from './verify-shape';
import { checkAlgorithm, dateMs, describeIssue, issuerId, selectKeys, verifyWithKeys } from './verify-common';

export type StatusOutcome =
  | { kind: 'clear'; message: string }
  | { kind: 'set'; code: 'revoked' | 'suspended'; message: string }
  | { kind: 'error'; code: ErrorCode; message: string; rule?: 'status_entry_invalid' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'message'; message: string };

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
  const entryProblem = statusEntryProblem(rawEntry as JsonObject);
  const entry = rawEntry as BitstringStatusListEntry;
  if (entryProblem)
    return {
      kind: 'error',
      code: 'status_list_invalid',
      message: `Bad status entry: ${entryProblem}`,
      rule: 'status_entry_invalid',
    };
  const purpose = entry.statusPurpose;
  if (purpose !== 'revocation' && purpose !== 'suspension' && purpose !== 'message') {
    return { kind: 'unsupported', message: `Status purpose "${purpose}" is not checked` };
  }
  const url = entry.statusListCredential;
  let token: string | null;
  try {
    token = await ctx.fetchStatusList(url);
  } catch {
    token = null;
  }
  if (typeof token !== 'string')
    return { kind: 'error', code: 'status_unavailable', message: `The ${purpose} list at ${url} could not be fetched` };
  if (token.length > ctx.maxListBytes)
    return { kind: 'error', code: 'status_list_invalid', message: `The status list at ${url} is too large` };

  const list = await loadVerifiedList(token, ctx);
  if (!list.ok) return { kind: 'error', code: 'status_list_invalid', message: `Status list ${url}: ${list.message}` };
  const problem = listProblem(list.value, entry, ctx);
  if (problem) return { kind: 'error', code: 'status_list_invalid', message: problem };
  const size = entry.statusSize ?? 1;
  const index = Number(entry.statusListIndex);
  const value = readStatusValue(list.value.bits, index, size);
  if (purpose !== 'message') {
    const code = PURPOSE_CODES[purpose];
    if (value) return { kind: 'set', code, message: `The credential is ${code} (${url} index ${index})` };
    return { kind: 'clear', message: `Not ${code} (${url})` };
  }
  return messageOutcome(entry, value, url);
}

/** Why a verified list cannot answer for this entry (wrong id, purpose, dates or length), or null. */
function listProblem(list: VerifiedStatusList, entry: BitstringStatusListEntry, ctx: StatusContext): string | null {
  const url = entry.statusListCredential;
  if (list.id !== url) return `The list fetched from ${url} says it is ${list.id}`;
  if (list.purpose !== entry.statusPurpose)
    return `The list at ${url} is for ${list.purpose}, not ${entry.statusPurpose}`;
  if (list.validFrom !== undefined && list.validFrom > ctx.nowMs + ctx.skewMs)
    return `The status list at ${url} is not valid yet`;
  if (list.validUntil !== undefined && list.validUntil < ctx.nowMs - ctx.skewMs)
    return `The status list at ${url} has expired`;
  const size = entry.statusSize ?? 1;
  // The spec's minimum length (131,072 entries of statusSize bits) protects holder privacy (STATUS_LIST_LENGTH_ERROR).
  if (list.bits.length * 8 < STATUS_LIST_SIZE * size)
    return `The list at ${url} has fewer than ${STATUS_LIST_SIZE} entries of ${size} bits`;
  const index = Number(entry.statusListIndex);
  if ((index + 1) * size > list.bits.length * 8) return `Index ${index} is outside the list at ${url}`;
  return null;
}

/**
 * A `message` entry: the value's statusMessage says what it means. "valid" is clear, "revoked" and "suspended"
 * fail as they would with their own purposes, any other message is reported (not a failure by itself).
 */
function messageOutcome(entry: BitstringStatusListEntry, value: number, url: string): StatusOutcome {
  const hex = `0x${value.toString(16)}`;
  const found = entry.statusMessage?.find((m) => Number.parseInt(m.status, 16) === value);
  const text = found?.message.trim().toLowerCase();
  if (text === 'revoked' || text === 'suspended')
    return { kind: 'set', code: text, message: `The credential is ${text} (${url} index ${entry.statusListIndex})` };
  if (text === 'valid' || (value === 0 && !found))
    return { kind: 'clear', message: `Not revoked, Not suspended (status ${hex}, ${url})` };
  return { kind: 'message', message: `Status ${hex}: ${found?.message ?? 'no message given'} (${url})` };
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
    const jwk = vm && publicJwkFromVerificationMethod(vm);
    if (jwk && keyFingerprint(jwk) === cached.fingerprint) return { ok: true, value: cached };
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
  const keys = selectKeys(ctx.issuerDoc, ctx.issuer, header.kid, 'assertionMethod', alg.value);
  if (!keys.ok) return { ok: false, message: keys.message };
  const signer = await verifyWithKeys(parsed.jwt, keys.value, ctx.cache);
  if (!signer) return { ok: false, message: 'its signature is not valid for the credential issuer' };
  let bits: Uint8Array;
  try {
    bits = await decodeStatusList(schema.data.credentialSubject.encodedList);
  } catch (error) {
    return { ok: false, message: `encodedList cannot be decoded (${(error as Error).message})` };
  }
  const value: VerifiedStatusList = {
    id: schema.data.id,
    issuer: ctx.issuer,
    purpose: schema.data.credentialSubject.statusPurpose,
    bits,
    vmId: signer.vmId,
    fingerprint: signer.fingerprint,
    validFrom: dateMs(schema.data.validFrom),
    validUntil: dateMs(schema.data.validUntil),
  };
  ctx.cache.statusLists.set(token, value);
  return { ok: true, value };
}

/** W3C Bitstring Status List v1.0: encoding, decoding, index allocation and the status list credential. */
import {
  bitstringStatusListCredentialSchema,
  VC2_CONTEXT,
  type BitstringStatusListCredential,
} from '../../schemas/credential';
import { base64UrlDecode, base64UrlEncode } from './encoding';

/** 131,072 entries = 16 KiB uncompressed, the spec's minimum size, which gives holders herd privacy. */
export const STATUS_LIST_SIZE = 131072;
/** Refuse to inflate more than this (a 4 MiB bitstring = 33.5M entries), so a tiny gzip bomb cannot exhaust memory. */
export const MAX_STATUS_LIST_BYTES = 4 * 1024 * 1024;

/**
 * `message` is the purpose of the single status entry new credentials carry: two bits per credential (statusSize 2),
 * whose value says valid, revoked or suspended (STATUS_MESSAGES). Older credentials carry two 1-bit entries, one
 * `revocation` and one `suspension`, which stay supported.
 */
export type StatusPurpose = 'revocation' | 'suspension' | 'message';

/** Bits per credential in a `message` list: room for valid, revoked and suspended. */
export const MESSAGE_STATUS_SIZE = 2;

/** The value of a credential's status in a `message` list (0x0 valid, 0x1 revoked, 0x2 suspended). */
export const STATUS_VALUES = { valid: 0, revoked: 1, suspended: 2 } as const;

/** statusMessage of a `message` entry: one message per possible value of its 2 bits, as the spec requires. */
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'revoked' },
  { status: '0x2', message: 'suspended' },
  { status: '0x3', message: 'unused' },
] as const;

/** Multibase base64url ("u") of the GZIP-compressed bitstring with the given indices set (index 0 = left-most bit of byte 0). */
export async function encodeStatusList(setIndices: Iterable<number>, size: number = STATUS_LIST_SIZE): Promise<string> {
  if (!Number.isInteger(size) || size <= 0 || size % 8 !== 0)
    throw new Error('Status list size must be a positive multiple of 8');
  const bits = new Uint8Array(size / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new Error(`Status list index out of range: ${index}`);
    bits[index >> 3]! |= 0x80 >> (index & 7);
  }
  const gz = await pipe(bits, new CompressionStream('gzip'), Number.POSITIVE_INFINITY);
  return `u${base64UrlEncode(gz)}`;
}

/** Decodes an encodedList back to the raw bitstring; throws on bad multibase, bad gzip or an oversized list. */
export async function decodeStatusList(encoded: string, maxBytes: number = MAX_STATUS_LIST_BYTES): Promise<Uint8Array> {
  if (typeof encoded !== 'string' || !encoded.startsWith('u'))
    throw new Error('encodedList must be multibase base64url ("u" prefix)');
  const gz = base64UrlDecode(encoded.slice(1));
  if (!gz) throw new Error('encodedList is not valid base64url');
  return pipe(gz, new DecompressionStream('gzip'), maxBytes);
}

/** Whether the bit for `index` is set (left-most bit of the first byte is index 0); out of range reads as unset. */
export function isBitSet(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  return byte !== undefined && index >= 0 && (byte & (0x80 >> (index & 7))) !== 0;
}

/** The `size`-bit status value of entry `index` (bits index*size .. index*size+size-1, most significant first). */
export function readStatusValue(bits: Uint8Array, index: number, size: number): number {
  let value = 0;
  for (let bit = index * size; bit < (index + 1) * size; bit++) value = (value << 1) | (isBitSet(bits, bit) ? 1 : 0);
  return value;
}

/** The bit positions to set so each entry reads back its value with readStatusValue (for encodeStatusList). */
export function statusValueBits(entries: Iterable<{ index: number; value: number }>, size: number): number[] {
  const out: number[] = [];
  for (const { index, value } of entries) {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** size)
      throw new Error(`Status value ${value} does not fit ${size} bits`);
    for (let j = 0; j < size; j++) if (value & (1 << (size - 1 - j))) out.push(index * size + j);
  }
  return out;
}

/**
 * A uniformly random index not in `used`. Random rather than sequential so list positions say nothing about
 * issue order or which holders were issued together (the spec's privacy guidance).
 */
export function randomUnusedIndex(used: Set<number>, size: number = STATUS_LIST_SIZE): number {
  if (used.size >= size) throw new Error('The status list is full');
  const sample = new Uint32Array(16);
  // Rejection sampling keeps the distribution uniform when size does not divide 2^32.
  const limit = Math.floor(0x1_0000_0000 / size) * size;
  for (let round = 0; round < 8; round++) {
    crypto.getRandomValues(sample);
    for (const value of sample) {
      if (value >= limit) continue;
      const index = value % size;
      if (!used.has(index)) return index;
    }
  }
  // Nearly full list: probing is slow, so walk from a random start to the next free slot.
  const start = crypto.getRandomValues(new Uint32Array(1))[0]! % size;
  for (let i = 0; i < size; i++) {
    const index = (start + i) % size;
    if (!used.has(index)) return index;
  }
  throw new Error('The status list is full');
}

export interface StatusListCredentialInput {
  /** The URL the list credential is served from; entries point here via statusListCredential. */
  id: string;
  issuerDid: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date | string;
  validUntil?: Date | string;
}

/** An unsigned BitstringStatusListCredential (sign it with signCredentialJwt). */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  const credential = {
    '@context': [VC2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuerDid,
    validFrom: toDateTimeStamp(input.validFrom),
    ...(input.validUntil ? { validUntil: toDateTimeStamp(input.validUntil) } : {}),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
  const parsed = bitstringStatusListCredentialSchema.safeParse(credential);
  if (!parsed.success) throw new Error(`Invalid status list credential: ${parsed.error.message}`);
  return parsed.data;
}

/** ISO 8601 with seconds precision and a Z suffix (XSD dateTimeStamp). */
export function toDateTimeStamp(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function pipe(
  input: Uint8Array,
  transform: CompressionStream | DecompressionStream,
  maxBytes: number,
): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Write and close without awaiting: the readable side must be drained concurrently or large inputs stall.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`The status list is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

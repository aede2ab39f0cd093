/**
 * The one request-body reader. Every route that reads a body, and the CSRF check, comes through here: the body is
 * counted as its chunks arrive and refused with 413 `payload_too_large` as soon as it passes the limit, whatever
 * Content-Length says (or does not say), before anything is parsed. The bytes are then cached on the request, so
 * Hono's own readers (parseBody, json) parse them without touching the stream again. Of a refused body only its first
 * 8 KiB are kept (`refusedFormField`), so the CSRF check still finds a form's token and the route can answer the
 * form too large on its own page.
 */
import type { z } from 'zod';
import { MAX_COHORT_BYTES } from '../../../schemas/academy';
import { MAX_IMPORT_BYTES } from '../../../schemas/passport';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { MAX_INPUT_BYTES } from '../../services/verification/verify-input';
import { depthOf, parseWith } from '../validate';

/** Multipart framing and the other fields that travel with an uploaded file. */
const FRAMING = 64 * 1024;

/** Every body size the app accepts, by kind of request, in bytes. */
export const BODY_LIMITS = {
  /** Account, organisation, passport and academy forms. */
  form: 64 * 1024,
  /** Forms listing many requirement checkboxes (employer and catalogue roles). */
  checklistForm: 256 * 1024,
  /** A certificate brought to the passport: 64 KB of text or file, in any encoding of the form. */
  importForm: MAX_IMPORT_BYTES * 4,
  /** What a candidate brings to the verifier: a 1 MiB file or paste, plus the other fields. */
  candidateForm: MAX_INPUT_BYTES * 2 + FRAMING,
  /** A cohort upload: a CSV file or an Excel workbook. */
  cohortCsv: MAX_COHORT_BYTES + FRAMING,
  /** JSON API requests by default. */
  json: 256 * 1024,
  /** One credential sent to the public verifier API. */
  jsonCredential: 128 * 1024,
  /** A presentation (several credentials) sent to the public verifier API. */
  jsonPresentation: 1024 * 1024,
  /** A role-fit API request carrying a candidate's credentials. */
  jsonRoleFit: 1536 * 1024,
  /** A cohort sent as JSON rows. */
  jsonCohort: 4 * MAX_COHORT_BYTES,
} as const;

/** The largest form of any kind: the CSRF check reads a form up to this; the route then applies its own limit. */
export const MAX_FORM_BYTES = Math.max(
  BODY_LIMITS.form,
  BODY_LIMITS.checklistForm,
  BODY_LIMITS.importForm,
  BODY_LIMITS.candidateForm,
  BODY_LIMITS.cohortCsv,
);

/** Refuses malformed UTF-8 rather than replacing it; one decoder serves every request (decode() keeps no state). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (limit: number, message?: string) =>
  new AppError('payload_too_large', message ?? `Request body is larger than ${limit} bytes`);

/** How much of a refused body is kept: enough for a form's first fields (the CSRF token comes first). */
const REFUSED_HEAD_BYTES = 8 * 1024;

/**
 * The first bytes of each request whose body was refused as too large. The rest of the body is never read; a later
 * read of the same request is refused again, and the CSRF check can still find the token at the head of a form.
 */
const refusedHeads = new WeakMap<Request, Uint8Array>();

/** The first `REFUSED_HEAD_BYTES` of what was read. */
function headOf(parts: Uint8Array[]): Uint8Array {
  const head = new Uint8Array(
    Math.min(
      REFUSED_HEAD_BYTES,
      parts.reduce((n, p) => n + p.byteLength, 0),
    ),
  );
  let at = 0;
  for (const p of parts) {
    if (at >= head.length) break;
    const piece = p.subarray(0, head.length - at);
    head.set(piece, at);
    at += piece.length;
  }
  return head;
}

/**
 * Reads a stream, counting bytes as they arrive; stops reading once `limit` is passed and answers with the head of
 * what was read instead of the body.
 */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ body: ArrayBuffer } | { refusedHead: Uint8Array }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let next = await reader.read();
  while (!next.done) {
    size += next.value.byteLength;
    parts.push(next.value);
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { refusedHead: headOf(parts) };
    }
    next = await reader.read();
  }
  return { body: await new Blob(parts as BlobPart[]).arrayBuffer() };
}

/** Reads only the first `REFUSED_HEAD_BYTES` of a stream (the capped read, capped there), then stops reading it. */
async function readHead(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const read = await readCapped(stream, REFUSED_HEAD_BYTES);
  return 'refusedHead' in read ? read.refusedHead : new Uint8Array(read.body);
}

/** Refuses the request's body as larger than `limit`, keeping `head` (its first bytes) for the CSRF check. */
function refuse(c: AppContext, head: Uint8Array, limit: number, message?: string): never {
  refusedHeads.set(c.req.raw, head);
  throw tooLarge(limit, message);
}

/**
 * The value of a field near the start of a form whose body was refused as too large, read from the body's first
 * bytes; undefined when the body was not refused or the field is not complete within them. Only for fields that
 * forms put first, such as the CSRF token: the route then refuses the body itself, and can say so on its own page.
 */
export function refusedFormField(c: AppContext, name: string): string | undefined {
  const head = refusedHeads.get(c.req.raw);
  if (!head) return undefined;
  const text = new TextDecoder().decode(head);
  const type = c.req.header('content-type') ?? '';
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (type.includes('multipart/form-data') && boundary) {
    // Parts wholly within the head sit between two delimiters; the last piece may be cut short.
    const parts = text.split(`--${boundary[1] ?? boundary[2]}`).slice(1, -1);
    for (const part of parts) {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) continue;
      const headers = part.slice(0, split);
      if (!new RegExp(`name="${name}"(?!.*filename=)`, 'i').test(headers)) continue;
      return part.slice(split + 4).replace(/\r\n$/, '');
    }
    return undefined;
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    // Only fields followed by another are complete.
    return new URLSearchParams(text.slice(0, Math.max(0, text.lastIndexOf('&')))).get(name) ?? undefined;
  }
  return undefined;
}

/**
 * The raw body, at most `limit` bytes (413 with `message` beyond). Read once per request: later calls, with their
 * own limits, check the cached bytes.
 */
export async function readBodyBytes(c: AppContext, limit: number, message?: string): Promise<ArrayBuffer> {
  // Hono keeps the body's promise here (its type names the resolved value); parseBody and json read from it.
  const cache = c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> };
  const cached = cache.arrayBuffer;
  if (cached) {
    const buf = await cached;
    if (buf.byteLength > limit) throw tooLarge(limit, message);
    return buf;
  }
  // Refused once, the body is gone: a later read (with its own limit and message) is refused again.
  if (refusedHeads.has(c.req.raw)) throw tooLarge(limit, message);
  const declared = c.req.header('content-length');
  // `body` is read only where a stream is needed: on Node, asking a request for it builds a full web Request and
  // a stream over the socket, which the one-go read below does without (a third of the verifier's time per request).
  if (Number(declared ?? '0') > limit) {
    // Over the limit by its own account: only its head is read, for the CSRF check.
    const stream = c.req.raw.body;
    refuse(c, stream ? await readHead(stream) : new Uint8Array(0), limit, message);
  }
  let buf: ArrayBuffer;
  if (declared !== undefined && /^\d+$/.test(declared) && framedByNodeHttp(c)) {
    // Node's HTTP/1.1 parser hands over exactly Content-Length bytes, no more (the rest of the connection is the
    // next request), and the length is within the limit: read in one go, straight from the socket.
    buf = await c.req.raw.arrayBuffer();
    if (buf.byteLength > limit)
      refuse(c, new Uint8Array(buf, 0, Math.min(REFUSED_HEAD_BYTES, buf.byteLength)), limit, message);
  } else {
    const stream = c.req.raw.body;
    const read = stream ? await readCapped(stream, limit) : { body: new ArrayBuffer(0) };
    if ('refusedHead' in read) refuse(c, read.refusedHead, limit, message);
    buf = read.body;
  }
  cache.arrayBuffer = Promise.resolve(buf);
  return buf;
}

/**
 * True when the request came through Node's HTTP/1.1 server (@hono/node-server passes its IncomingMessage as
 * `incoming`), whose parser holds a body to its Content-Length. Elsewhere (Workers, a Request made in process)
 * a Content-Length is only a claim, and the body is counted as it arrives.
 */
function framedByNodeHttp(c: AppContext): boolean {
  const incoming = (c.env as { incoming?: { httpVersionMajor?: unknown } } | undefined)?.incoming;
  return typeof incoming === 'object' && incoming !== null && incoming.httpVersionMajor === 1;
}

export interface FormReadOptions {
  /** Keep every value of a repeated field (checkbox groups) as an array; default true. */
  all?: boolean;
  /** The 413 message shown when the form is too large. */
  tooLarge?: string;
  /** The 400 message when the body is not a readable form. */
  unreadable?: string;
}

/** A posted urlencoded or multipart form as a plain record (files kept as File), at most `limit` bytes. */
export async function readFormFields(
  c: AppContext,
  limit: number,
  options: FormReadOptions = {},
): Promise<Record<string, unknown>> {
  await readBodyBytes(c, limit, options.tooLarge);
  try {
    return (await c.req.parseBody({ all: options.all ?? true })) as Record<string, unknown>;
  } catch {
    // A multipart type without a usable boundary, or a body that is not a form: unreadable, not a crash.
    throw new AppError('bad_request', options.unreadable ?? 'Form body could not be read');
  }
}

/** Reads a JSON body (size-limited while reading, UTF-8 checked, nesting-limited) and validates it. */
export async function jsonBody<S extends z.ZodType>(
  c: AppContext,
  schema: S,
  limit: number = BODY_LIMITS.json,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const buf = await readBodyBytes(c, limit);
  let text: string;
  try {
    text = STRICT_UTF8.decode(buf);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid JSON');
  }
  if (depthOf(value) > 32) throw new AppError('bad_request', 'Request body is nested too deeply');
  return parseWith(schema, value, 'Request body');
}

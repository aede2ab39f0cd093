/**
 * The one request-body reader. Every route that reads a body, and the CSRF check, comes through here: the body is
 * counted as its chunks arrive and refused with 413 `payload_too_large` as soon as it passes the limit, whatever
 * Content-Length says (or does not say), before anything is parsed. The bytes are then cached on the request, so
 * Hono's own readers (parseBody, json) parse them without touching the stream again.
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

/** Reads a stream, counting bytes as they arrive; stops reading and refuses once `limit` is passed. */
async function readCapped(stream: ReadableStream<Uint8Array>, limit: number, message?: string): Promise<ArrayBuffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let next = await reader.read();
  while (!next.done) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit, message);
    }
    parts.push(next.value);
    next = await reader.read();
  }
  return new Blob(parts as BlobPart[]).arrayBuffer();
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
  const declared = c.req.header('content-length');
  if (Number(declared ?? '0') > limit) throw tooLarge(limit, message);
  let buf: ArrayBuffer;
  if (declared !== undefined && /^\d+$/.test(declared) && framedByNodeHttp(c)) {
    // Node's HTTP/1.1 parser hands over exactly Content-Length bytes, no more (the rest of the connection is the
    // next request), and the length is within the limit: read in one go, straight from the socket.
    buf = await c.req.raw.arrayBuffer();
    if (buf.byteLength > limit) throw tooLarge(limit, message);
  } else {
    const stream = c.req.raw.body;
    buf = stream ? await readCapped(stream, limit, message) : new ArrayBuffer(0);
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

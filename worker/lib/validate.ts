/** zod at the boundary: parse bodies, queries and params into typed values or fail with 400 + issues. */
import type { z } from 'zod';
import { AppError } from '../errors';
import type { AppContext } from '../context';

/** Largest request body accepted by JSON and form endpoints (CSV upload has its own limit). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Parses a value with a schema; throws a 400 carrying the zod issues on failure. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'Input'): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError(
      'validation_failed',
      `${what} is not valid`,
      r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return r.data;
}

async function readText(c: AppContext, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new AppError('payload_too_large', `Request body is larger than ${limit} bytes`);
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > limit) throw new AppError('payload_too_large', `Request body is larger than ${limit} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid UTF-8');
  }
}

/** Reads a JSON body (size-limited, UTF-8 checked, nesting-limited) and validates it. */
export async function jsonBody<S extends z.ZodType>(
  c: AppContext,
  schema: S,
  limit = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const text = await readText(c, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid JSON');
  }
  if (depthOf(value) > 32) throw new AppError('bad_request', 'Request body is nested too deeply');
  return parseWith(schema, value, 'Request body');
}

/** Reads an urlencoded or multipart form body as a plain record (files kept as File) and validates it. */
export async function formBody<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.infer<S>> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > 8 * 1024 * 1024) throw new AppError('payload_too_large', 'Upload is larger than 8 MiB');
  let form: Record<string, unknown>;
  try {
    form = (await c.req.parseBody({ all: false })) as Record<string, unknown>;
  } catch {
    throw new AppError('bad_request', 'Form body could not be read');
  }
  return parseWith(schema, form, 'Form');
}

/** Validates the query string. */
export function queryOf<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query(), 'Query');
}

/** Nesting depth of a JSON value, iteratively (a hostile body must not overflow the stack). */
export function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v && typeof v === 'object') {
      if (d > max) max = d;
      if (max > 64) return max;
      for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return max;
}

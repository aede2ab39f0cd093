/** One error class, one JSON shape: { error: { code, message, details } }. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'csrf_failed'
  | 'gone'
  | 'idempotency_key_reused'
  | 'internal';

const statusFor: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  csrf_failed: 403,
  rate_limited: 429,
  // IETF httpapi Idempotency-Key draft: a key reused with a different request payload is 422.
  idempotency_key_reused: 422,
  internal: 500,
};

/** An expected failure with a stable code; the error handler renders it as JSON or as a page. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    status?: ContentfulStatusCode,
  ) {
    super(message);
    this.status = status ?? statusFor[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The JSON body for an error. */
export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);

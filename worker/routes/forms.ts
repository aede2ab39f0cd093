/** Helpers shared by the page routes: form reading with re-render state, the signed-in actor, client address, ids. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { fieldErrors, uuidParam } from '../../schemas/accounts';
import type { FormState } from '../../web/components/form-state';
import type { RoleFormState } from '../../web/pages/employer-roles';
import type { Actor, AppContext } from '../context';
import { AppError } from '../errors';

/** Largest form body the account and organisation forms accept. */
const MAX_FORM_BYTES = 64 * 1024;
/** Form fields never echoed back into a page. */
const SECRET_FIELDS = new Set(['_csrf', 'password', 'currentPassword', 'newPassword', 'token']);

export type FormRead<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; state: FormState };

/**
 * Reads a posted form (repeated fields become arrays) and validates it. On failure returns the typed values
 * (secrets dropped) and one error per field, for the page to render again with a 400.
 */
export async function readForm<S extends z.ZodType>(c: AppContext, schema: S): Promise<FormRead<z.infer<S>>> {
  if (Number(c.req.header('content-length') ?? '0') > MAX_FORM_BYTES) {
    throw new AppError('payload_too_large', 'Form is too large');
  }
  let raw: Record<string, unknown>;
  try {
    raw = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  } catch {
    throw new AppError('bad_request', 'Form body could not be read');
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !SECRET_FIELDS.has(k)) values[k] = v;
  const r = schema.safeParse(raw);
  if (!r.success) return { ok: false, state: { values, errors: fieldErrors(r.error.issues) } };
  return { ok: true, data: r.data, values };
}

/** Turns a service's field-level validation error into form state; anything else is rethrown. */
export function formStateFrom(err: unknown, values: Record<string, string>): FormState {
  if (err instanceof AppError && err.code === 'validation_failed' && Array.isArray(err.details)) {
    const issues = (err.details as { path: string; message: string }[]).map((d) => ({
      path: [d.path],
      message: d.message,
    }));
    return { values, errors: fieldErrors(issues) };
  }
  throw err;
}

/** The caller's address for rate limits: Cloudflare's header, else the first X-Forwarded-For hop, else 'local'. */
export function clientAddress(c: Context): string {
  const cf = c.req.header('cf-connecting-ip')?.trim();
  if (cf) return cf;
  const xff = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return xff || 'local';
}

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The signed-in actor (call only after a guard that requires one). */
export function userActor(c: AppContext): UserActor {
  const actor = c.get('actor');
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue');
  return actor;
}

/** The flash message named by `?notice=` (only known keys, so no text is reflected from the URL). */
export const noticeFrom = (c: AppContext, notices: Record<string, string>) => notices[c.req.query('notice') ?? ''];

/** A UUID from the path; anything malformed is answered like an unknown record (404). */
export function uuidFromPath(c: AppContext, name: string, what: string): string {
  const r = uuidParam.safeParse(c.req.param(name));
  if (!r.success) throw new AppError('not_found', `No such ${what}`);
  return r.data;
}

/** The requirement checkboxes of a posted role form as ticked and typed, so a failed post shows them again. */
export function requirementsAsPosted(raw: Record<string, unknown>): RoleFormState['reqs'] {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const ticked = [raw.req].flat().filter((v): v is string => typeof v === 'string');
  return new Map(
    ticked.map((id) => [
      id,
      {
        requirement: str(`strength-${id}`) === 'recommended' ? 'recommended' : 'required',
        maxAge: str(`maxAge-${id}`),
      },
    ]),
  );
}

/** Page forms: reading a posted form with re-render state, service errors as field errors, flash notices. */
import type { z } from 'zod';
import { fieldErrors } from '../../../schemas/accounts';
import type { FormState } from '../../../web/components/form-state';
import type { RoleFormState } from '../../../web/components/requirement-picker';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { type Lang, type PlainMessageKey, t } from '../../../web/i18n/messages';
import { BODY_LIMITS, readFormFields } from './body';

/** Form fields never echoed back into a page. */
const SECRET_FIELDS = new Set(['_csrf', 'password', 'currentPassword', 'newPassword', 'token']);

export type FormRead<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; state: FormState };

/**
 * Reads a posted form (repeated fields become arrays) and validates it. On failure returns the typed values
 * (secrets dropped) and one error per field, for the page to render again with a 400.
 */
export async function readForm<S extends z.ZodType>(c: AppContext, schema: S): Promise<FormRead<z.infer<S>>> {
  const raw = await readFormFields(c, BODY_LIMITS.form, { tooLarge: 'Form is too large' });
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !SECRET_FIELDS.has(k)) values[k] = v;
  const r = schema.safeParse(raw);
  if (!r.success) return { ok: false, state: { values, errors: fieldErrors(r.error.issues) } };
  return { ok: true, data: r.data, values };
}

/** The posted plain form as read by readForm, for pages that re-show ticked checkboxes after a failed post. */
export function postedForm(c: AppContext): Promise<Record<string, unknown>> {
  return readFormFields(c, BODY_LIMITS.form, { tooLarge: 'Form is too large' });
}

/** The values of a checkbox group in a posted form, whether none, one or several were ticked. */
export function tickedValues(raw: Record<string, unknown>, field: string): string[] {
  const v = raw[field];
  return (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => typeof x === 'string');
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

/**
 * The flash message named by `?notice=`, in the page's language (only known names, so no text is reflected from the
 * URL): `notices` maps each notice name to its catalogue key.
 */
export const noticeFrom = (
  c: AppContext,
  notices: Readonly<Record<string, PlainMessageKey>>,
  lang: Lang = 'en',
): string | undefined => {
  const name = c.req.query('notice') ?? '';
  // Own keys only: ?notice=toString must not pick up Object.prototype's members.
  const key = Object.hasOwn(notices, name) ? notices[name] : undefined;
  return key ? t(lang, key) : undefined;
};

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

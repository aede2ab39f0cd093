/**
 * What the verifier, the share page and the employer's checks have in common: reading what a candidate brought
 * (paste, file or share link), the signed-in employer looking, and how a share that cannot be opened is answered.
 */
import type { z } from 'zod';
import type { EmployerContext } from '../../../web/components/employer-actions';
import type { AppContext, OrgMembership } from '../../context';
import { AppError } from '../../errors';
import { listFrameworks } from '../../services/catalogue/catalogue';
import { roleChoices } from '../../services/employer/employer-roles';
import type { ShareOpenError } from '../../services/passport/shares';
import {
  MAX_INPUT_BYTES,
  type VerifyInput,
  parseVerifyInput,
  readUpload,
} from '../../services/verification/verify-input';
import { BODY_LIMITS, readFormFields } from './body';

export type CandidateForm<T> =
  | { ok: true; data: T; text: string; parsed: Extract<VerifyInput, { ok: true }> }
  | { ok: false; data: T | null; text: string; message: string; status: 400 | 413 };

/**
 * Reads a form carrying what a candidate brought: pasted text (`input`) or an uploaded file (`file`), plus the
 * fields of `schema`. Every problem comes back as a plain-words message, never an exception.
 */
export async function readCandidateForm<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<CandidateForm<z.infer<S>>> {
  const tooLarge = {
    ok: false as const,
    data: null,
    text: '',
    status: 413 as const,
    message: 'That is larger than 1 MB, too large to be a credential or a share link.',
  };
  let raw: Record<string, unknown>;
  try {
    raw = await readFormFields(c, BODY_LIMITS.candidateForm);
  } catch (err) {
    if (err instanceof AppError && err.code === 'payload_too_large') return tooLarge;
    return { ok: false, data: null, text: '', status: 400, message: 'The form could not be read. Try again.' };
  }
  const r = schema.safeParse(raw);
  const data = r.success ? (r.data as z.infer<S>) : null;
  const pasted = typeof raw.input === 'string' ? raw.input : '';
  if (pasted.length > MAX_INPUT_BYTES + 16) return { ...tooLarge, data };
  const file = [raw.file]
    .flat()
    .find((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
  let text = pasted;
  if (file) {
    if (pasted.trim())
      return { ok: false, data, text: pasted, status: 400, message: 'Paste into the box or choose a file, not both.' };
    if (file.size > MAX_INPUT_BYTES) return { ...tooLarge, data };
    const read = readUpload(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok)
      return { ok: false, data, text: '', status: read.problem === 'too_large' ? 413 : 400, message: read.message };
    text = read.text;
  }
  const parsed = parseVerifyInput(text, { origin: c.get('deps').config.PUBLIC_ORIGIN });
  if (!parsed.ok)
    return {
      ok: false,
      data,
      text: file ? '' : text,
      status: parsed.problem === 'too_large' ? 413 : 400,
      message: parsed.message,
    };
  return { ok: true, data: data as z.infer<S>, text, parsed };
}

/** The signed-in viewer's employer membership (approved first), if any: share views are attributed to it. */
export function viewerEmployer(c: AppContext): OrgMembership | null {
  const actor = c.get('actor');
  if (actor.kind !== 'user') return null;
  const employers = actor.memberships.filter((m) => m.kind === 'employer');
  return employers.find((m) => m.status === 'approved') ?? employers[0] ?? null;
}

/** The employer actions' context for a signed-in employer member, else undefined. */
export async function employerContextFor(
  c: AppContext,
  membership: OrgMembership | null,
): Promise<EmployerContext | undefined> {
  const actor = c.get('actor');
  if (!membership || actor.kind !== 'user') return undefined;
  return {
    actor,
    slug: membership.slug,
    name: membership.name,
    roleGroups: await roleChoices(c.get('deps').db, membership.orgId),
  };
}

/** Framework ids to names, for "approved for ..." on result cards. */
export async function frameworkNames(c: AppContext): Promise<Record<string, string>> {
  return Object.fromEntries((await listFrameworks(c.get('deps').db)).map((f) => [f.id, f.name]));
}

/** HTTP status and page for a share that cannot be opened. */
export const SHARE_STATUS: Record<ShareOpenError, 404 | 410> = { not_found: 404, expired: 410, revoked: 410 };

/** What a share that cannot be opened tells the person holding the link. */
export const SHARE_MESSAGES: Record<ShareOpenError, string> = {
  not_found:
    'We could not find that share link. Check that the whole link was copied, or ask the person for a new one.',
  expired: 'That share link has expired. Ask the candidate to share their credentials again from their Care Passport.',
  revoked:
    'The candidate has withdrawn that share link. Ask them for a new one if you still need to check their credentials.',
};

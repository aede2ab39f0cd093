/** The public verifier (paste or upload, no account needed) and the share page a worker's link or QR code opens. */
import type { Hono } from 'hono';
import type { z } from 'zod';
import { verifyForm } from '../../schemas/employer';
import type { EmployerContext } from '../../web/components/employer-actions';
import { SharePage, ShareProblemPage } from '../../web/pages/share';
import { VerifyPage } from '../../web/pages/verify';
import type { AppContext, AppEnv, OrgMembership } from '../context';
import { AppError } from '../errors';
import { guard } from '../policy';
import { listFrameworks } from '../services/catalogue/catalogue';
import { roleChoices } from '../services/employer/employer-roles';
import { checkInput } from '../services/employer/saved-verifications';
import { type ShareOpenError, shareUrl } from '../services/passport/shares';
import { MAX_INPUT_BYTES, type VerifyInput, parseVerifyInput, readUpload } from '../services/verification/verify-input';
import { limitPublic } from './vc-api';

/** Largest candidate form accepted: a 1 MiB file or paste, plus the other fields and multipart framing. */
const MAX_CANDIDATE_FORM_BYTES = MAX_INPUT_BYTES * 2 + 64 * 1024;

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
  if (Number(c.req.header('content-length') ?? '0') > MAX_CANDIDATE_FORM_BYTES) return tooLarge;
  let raw: Record<string, unknown>;
  try {
    raw = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  } catch {
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

export const SHARE_MESSAGES: Record<ShareOpenError, string> = {
  not_found:
    'We could not find that share link. Check that the whole link was copied, or ask the person for a new one.',
  expired: 'That share link has expired. Ask the candidate to share their credentials again from their Care Passport.',
  revoked:
    'The candidate has withdrawn that share link. Ask them for a new one if you still need to check their credentials.',
};

export function verifyRoutes(app: Hono<AppEnv>) {
  const open = guard('public');

  app.get('/verify', open, (c) => c.html(VerifyPage({ actor: c.get('actor') })));

  app.post('/verify', open, async (c) => {
    await limitPublic(c, 'verify');
    const actor = c.get('actor');
    const form = await readCandidateForm(c, verifyForm);
    if (!form.ok) return c.html(VerifyPage({ actor, input: form.text, error: form.message }), form.status);
    // A share link is opened on its own page, so the link the employer keeps is the worker's.
    if (form.parsed.kind === 'share') return c.redirect(`/s/${form.parsed.token}`, 303);
    const checked = await checkInput(c.get('deps'), form.parsed, { viewerOrgId: null, kind: 'opened' });
    if (!checked.ok) throw new AppError('internal', 'Unexpected share result');
    const employer = await employerContextFor(c, viewerEmployer(c));
    return c.html(
      VerifyPage({
        actor,
        report: checked.outcome.report,
        detected: checked.detected,
        carried: form.text,
        employer,
        frameworkNames: await frameworkNames(c),
      }),
    );
  });

  app.get('/s/:token', open, async (c) => {
    // The path holds a secret: never cache it. (The site-wide referrer policy already sends only the origin cross-site.)
    c.header('Cache-Control', 'no-store');
    await limitPublic(c, 'share');
    const actor = c.get('actor');
    const token = c.req.param('token');
    const viewer = viewerEmployer(c);
    const checked = await checkInput(
      c.get('deps'),
      { ok: true, kind: 'share', token },
      { viewerOrgId: viewer?.orgId ?? null, kind: 'opened' },
    );
    if (!checked.ok) return c.html(ShareProblemPage({ actor, reason: checked.reason }), SHARE_STATUS[checked.reason]);
    return c.html(
      SharePage({
        actor,
        report: checked.outcome.report,
        share: checked.share ?? { label: null, expiresAt: '' },
        link: shareUrl(c.get('deps').config, token),
        employer: await employerContextFor(c, viewer),
        frameworkNames: await frameworkNames(c),
      }),
    );
  });
}

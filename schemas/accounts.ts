/** zod schemas for accounts, organisations, invitations, API tokens and platform admin forms. */
import { z } from 'zod';
import { passwordProblem } from '../worker/services/accounts/passwords';
import { catalogueId } from './catalogue';

/**
 * Email as typed: trimmed, lower-cased, checked. The same normalisation is applied wherever emails are compared.
 * `missing` is what an empty field is told: by default it asks for the person's own address.
 */
export const emailField = (missing = 'Enter your email address') =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, missing)
    .max(254, 'Email addresses are at most 254 characters')
    .email('Enter an email address in the right format, like name@example.com');

/** A person's own email address. */
export const email = emailField();

/**
 * A new password, checked against the policy; the one rule that needs the account's email ("not your
 * email address") runs again in the service, where the email is known.
 */
export const newPassword = z
  .string()
  .min(1, 'Enter a password')
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const currentPassword = z.string().min(1, 'Enter your password').max(1024, 'Enter your password');

export const displayName = z.string().trim().min(1, 'Enter your name').max(100, 'Names are at most 100 characters');

/** A same-site path to return to after signing in: must start with one slash (no scheme, no `//host`). */
export const nextPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'Not a path on this site');

/** Keeps a `next` value only when it is a safe same-site path. */
export function safeNext(value: unknown): string | undefined {
  const r = nextPath.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Tokens from emailed links (newToken(): 160 bits, base32 lower-case). */
export const linkToken = z.string().regex(/^[a-z2-7]{20,64}$/, 'This link is not valid');

const optionalNext = z.preprocess((v) => (v === '' ? undefined : v), nextPath.optional());

export const signUpForm = z.object({
  displayName,
  email,
  password: newPassword,
  next: optionalNext,
});

export const signInForm = z.object({
  email,
  password: currentPassword,
  next: optionalNext,
});

export const forgotPasswordForm = z.object({ email });

export const resetPasswordForm = z.object({ token: linkToken, password: newPassword });

export const tokenQuery = z.object({ token: linkToken });
export const verifyEmailQuery = z.object({ token: linkToken, next: optionalNext });

export const profileForm = z.object({
  displayName,
  areaCode: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z
      .string()
      .max(20)
      .regex(/^[A-Z0-9]+$/, 'Choose an area from the list')
      .nullable(),
  ),
});

export const changePasswordForm = z.object({ currentPassword, newPassword });

// ---------------------------------------------------------------- organisations

export const orgRole = z.enum(['owner', 'admin', 'staff'], 'Choose a role');
export type OrgRole = z.infer<typeof orgRole>;

/** Kinds a person can register; 'platform' exists only through the admin CLI. */
export const selfServiceOrgKind = z.enum(
  ['academy', 'employer', 'commissioner'],
  'Choose what kind of organisation this is',
);
export const orgKind = z.enum(['academy', 'employer', 'commissioner', 'platform']);

export const orgName = z
  .string()
  .trim()
  .min(2, 'Enter the organisation name')
  .max(120, 'Names are at most 120 characters');

export const createOrgForm = z.object({ name: orgName, kind: selfServiceOrgKind });

export const inviteForm = z.object({ email, role: orgRole });
export const roleForm = z.object({ role: orgRole });

export const orgParam = z.object({ org: z.string().regex(/^[a-z0-9-]{1,64}$/) });
export const uuidParam = z.string().uuid();

// ---------------------------------------------------------------- API tokens

export const apiScope = z.enum(['issue', 'verify', 'read']);
export type ApiScope = z.infer<typeof apiScope>;

/** A checkbox group arrives as nothing, one string, or several: always an array here. */
const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const apiTokenForm = z.object({
  name: z.string().trim().min(1, 'Give the token a name, like "HR system"').max(80, 'Names are at most 80 characters'),
  scopes: checkboxes(apiScope).pipe(z.array(apiScope).min(1, 'Choose at least one scope')),
});

// ---------------------------------------------------------------- platform admin

export const frameworksForm = z.object({ frameworks: checkboxes(catalogueId).pipe(z.array(catalogueId).max(50)) });

/** The areas (local authority codes) a commissioner plans for, set by a platform admin. */
export const commissionerAreasForm = z.object({
  areas: checkboxes(z.string()).pipe(
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Z0-9]{1,20}$/, 'Choose areas from the list'),
      )
      .min(1, 'Choose at least one area')
      .max(100),
  ),
});

/** One message per field (the first), for showing errors next to form fields. */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? '_form');
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

/** A message to the support team from the contact page. */
export const contactForm = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Names are at most 200 characters'),
  email,
  message: z.string().trim().min(1, 'Enter your message').max(5000, 'Keep your message to 5,000 characters'),
});

/** Why the platform refuses an organisation's application: shown to the applicant and sent in the email. */
export const refusalForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter the reason for refusing, so the applicant knows what to do next')
    .max(1000, 'Keep the reason to 1,000 characters'),
});

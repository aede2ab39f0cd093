/** zod schemas for the verifier, role-fit, employer roles and saved verifications (pages, API and tests). */
import { z } from 'zod';
import { catalogueId } from './catalogue';
import { acceptanceRuleForm } from './catalogue-rules';
import { credentialInput, presentationInput } from './vc-api';

/** A role to assess against: a catalogue role or one of the employer's own roles. */
export const roleRef = z
  .string()
  .trim()
  .regex(/^(role|employer-role):[A-Za-z0-9._-]{1,80}$/, 'Choose the role you are hiring for');

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const toArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Pasted text (share link, JWTs, JSON). Uploads are read separately; 1 MiB is checked by verify-input. */
const pasted = z.preprocess(
  (v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.find((x) => typeof x === 'string') : undefined),
  z.string().max(1_100_000, 'That is larger than 1 MB').optional(),
);

/** POST /verify: paste or upload (the file field is read from the raw form). */
export const verifyForm = z.object({ input: pasted });

/** POST /employer/:org/role-fit: what the candidate brought, and the role. */
export const roleFitForm = z.object({
  input: pasted,
  role: z.preprocess(emptyToUndefined, roleRef.optional()),
});

/** POST /employer/:org/saved: the same input and role, and who the candidate is. */
export const saveVerificationForm = z.object({
  input: pasted,
  role: z.preprocess(emptyToUndefined, roleRef.optional()),
  candidateName: z.string().trim().min(1, "Enter the candidate's name").max(120, 'Names are at most 120 characters'),
});

export const MAX_AGE_MONTHS = 240;

export interface RoleRequirementInput {
  competencyId: string;
  requirement: 'required' | 'recommended';
  /** null: the competency's own refresher period. */
  maxAgeMonths: number | null;
}

/** Ticked requirement checkboxes `req` (competency ids), shared by employers' roles and the admin's catalogue roles. */
const requirementBoxes = z.preprocess(toArray, z.array(catalogueId).min(1, 'Choose at least one requirement').max(150));

/**
 * Reads each ticked requirement's `strength-<id>` (required | recommended) and optional `maxAge-<id>` (months) from
 * the posted form, adding an issue for a bad age.
 */
function requirementsFrom(v: Record<string, unknown>, ids: string[], ctx: z.RefinementCtx): RoleRequirementInput[] {
  const requirements: RoleRequirementInput[] = [];
  for (const id of [...new Set(ids)]) {
    const strength = v[`strength-${id}`];
    const rawAge = v[`maxAge-${id}`];
    const age = typeof rawAge === 'string' ? rawAge.trim() : '';
    let maxAgeMonths: number | null = null;
    if (age) {
      const n = Number(age);
      if (!Number.isInteger(n) || n < 1 || n > MAX_AGE_MONTHS) {
        ctx.addIssue({
          code: 'custom',
          path: [`maxAge-${id}`],
          message: `Enter whole months from 1 to ${MAX_AGE_MONTHS}, or leave it empty`,
        });
        continue;
      }
      maxAgeMonths = n;
    }
    requirements.push({
      competencyId: id,
      requirement: strength === 'recommended' ? 'recommended' : 'required',
      maxAgeMonths,
    });
  }
  return requirements;
}

/**
 * POST /employer/:org/roles/new and /roles/:id. Requirements are ticked checkboxes `req` (competency ids); each
 * has `strength-<id>` (required | recommended) and an optional `maxAge-<id>` in months.
 */
export const employerRoleForm = z
  .object({
    title: z.string().trim().min(1, 'Enter the job title').max(120, 'Job titles are at most 120 characters'),
    catalogueRoleId: z.preprocess(emptyToNull, catalogueId.nullable()),
    bandLabel: z.preprocess(emptyToNull, z.string().trim().max(80, 'Bands are at most 80 characters').nullable()),
    payText: z.preprocess(emptyToNull, z.string().trim().max(200, 'Pay is at most 200 characters').nullable()),
    /** The ladder role this new role was started from: its acceptance rules are copied with its requirements. */
    copiedFrom: z.preprocess(emptyToNull, catalogueId.nullable().optional()),
    req: requirementBoxes,
  })
  .catchall(z.unknown())
  .transform((v, ctx) => ({
    title: v.title,
    catalogueRoleId: v.catalogueRoleId,
    bandLabel: v.bandLabel,
    payText: v.payText,
    ...(v.copiedFrom ? { copiedFrom: v.copiedFrom } : {}),
    requirements: requirementsFrom(v, v.req, ctx),
  }));

/** POST /admin/roles/:id: a catalogue role's requirements (as for employers' roles) and why they changed. */
export const catalogueRoleRequirementsForm = z
  .object({
    req: requirementBoxes,
    note: z
      .string()
      .trim()
      .min(5, 'Say why the requirements change (at least 5 characters); it is shown as their basis')
      .max(300, 'Keep the reason under 300 characters'),
  })
  .catchall(z.unknown())
  .transform((v, ctx) => ({ note: v.note, requirements: requirementsFrom(v, v.req, ctx) }));

export type EmployerRoleInput = z.infer<typeof employerRoleForm>;

/** POST /api/v1/employers/:org/role-fit: a presentation or credentials, and the role. */
export const roleFitApiRequest = z
  .object({
    verifiablePresentation: presentationInput.optional(),
    verifiableCredentials: z.array(credentialInput).min(1).max(20).optional(),
    role: roleRef,
    options: z
      .object({
        /** The challenge you gave the holder; checked, and the presentation's nonce recorded against replay. */
        challenge: z.string().max(256).optional(),
        /** The audience you asked the holder to present to. */
        domain: z.string().max(512).optional(),
      })
      .optional(),
  })
  .refine((b) => (b.verifiablePresentation === undefined) !== (b.verifiableCredentials === undefined), {
    message: 'Send either verifiablePresentation or verifiableCredentials',
    path: ['verifiablePresentation'],
  });

export const savedIdParam = z.string().uuid();

/**
 * POST /employer/:org/roles/:id/rules: the employer's own acceptance rule for one requirement of its role: which
 * provider kinds it accepts and its allowable period (nothing set: back to the sector rule). The reason is needed only
 * where the rule accepts more than the sector rule.
 */
export const employerRuleForm = acceptanceRuleForm
  .pick({ competencyId: true, providers: true, maxAgeMonths: true })
  .extend({
    note: z.preprocess(emptyToUndefined, z.string().trim().max(500, 'Reasons are at most 500 characters').optional()),
  });
export type EmployerRuleFormInput = z.infer<typeof employerRuleForm>;

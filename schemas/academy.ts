/** zod schemas for the academy's pages and API: achievements, issuing, cohort rows, the register and status changes. */
import { z } from 'zod';
import { emailField } from './accounts';
import { achievementInput } from './achievement';
import { catalogueId } from './catalogue';
import { readUkDate } from './dates';

/** Most rows one cohort may hold (CSV or API). */
export const MAX_COHORT_ROWS = 5000;
/** Largest cohort CSV file accepted. */
export const MAX_COHORT_BYTES = 2 * 1024 * 1024;

/** Row ids in paths (credentials, achievements, batches are random UUIDs). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Not an id');

/**
 * A date, stored as YYYY-MM-DD: what <input type=date> sends, or a UK day-first date from a spreadsheet
 * (20/11/2026, 20-11-2026, 20.11.2026), never read month first.
 */
export const isoDate = z
  .string()
  .trim()
  .min(1, 'Enter a date')
  .transform((v, ctx) => {
    const r = readUkDate(v);
    if (r.ok) return r.iso;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

/** Empty strings (blank form fields, blank CSV cells) count as not given. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number, what: string) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${what} must be at most ${max} characters`).optional());
const optionalDate = z.preprocess(blankToUndefined, isoDate.optional());

/** Repeated form fields arrive as a string (one) or an array (several). */
const listOf = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** The new-achievement form: the shared achievement input with form-friendly empty values. */
export const achievementForm = achievementInput.extend({
  achievementType: z.enum(achievementInput.shape.achievementType.options, {
    message: 'Choose the kind of achievement',
  }),
  assessmentMethod: z.enum(achievementInput.shape.assessmentMethod.options, {
    message: 'Choose how learners are assessed',
  }),
  level: optionalText(40, 'Level'),
  validityMonths: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'Enter a whole number of months' })
      .int('Enter a whole number of months')
      .min(1, 'Enter at least 1 month')
      .max(240, 'Enter at most 240 months (20 years)')
      .optional(),
  ),
  alignedIds: z.preprocess(
    listOf,
    z
      .array(catalogueId)
      .min(1, 'Choose at least one catalogue item this achievement covers')
      .max(30, 'Choose at most 30 items'),
  ),
});

/** A learner's email address, typed by the academy's staff (not their own). */
const learnerEmail = emailField("Enter the learner's email address");

/** Evidence fields shared by issuing one credential and renewing one. */
const evidenceFields = {
  assessorName: optionalText(200, 'Assessor name'),
  assessedOn: optionalDate,
  score: optionalText(40, 'Score'),
  notes: optionalText(2000, 'Notes'),
};

/** Issuing one credential from the page. */
export const issueOneForm = z.object({
  name: z.string().trim().min(1, "Enter the learner's name").max(200, 'Names are at most 200 characters'),
  email: learnerEmail,
  completedOn: isoDate,
  ...evidenceFields,
  /** How the certificate is secured: a JWT (default) or an embedded eddsa-rdfc-2022 Data Integrity proof. */
  securing: z.enum(['vc+jwt', 'eddsa-rdfc-2022'], { error: 'Choose how the certificate is signed' }).default('vc+jwt'),
  /** One-time key of this form, so a double click or a resent form issues one certificate. */
  submission: z.uuid().optional(),
  /** Ticked after the warning: the completion date makes it expired already, and it records past training. */
  issueExpired: z.preprocess((v) => v === 'yes', z.boolean()),
});
export type IssueOneInput = z.infer<typeof issueOneForm>;

/** Renewing (re-issuing) a credential: a new completion date and fresh evidence. */
export const renewForm = z.object({ completedOn: isoDate, ...evidenceFields });

export const revokeForm = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Give a reason for revoking (at least 3 characters)')
    .max(500, 'Keep the reason under 500 characters'),
});
export const suspendForm = z.object({ reason: optionalText(500, 'Reason') });

/** The columns of a cohort CSV (and the keys of a cohort row sent to the API). */
export const COHORT_COLUMNS = [
  'name',
  'email',
  'completion_date',
  'assessor_name',
  'assessed_on',
  'score',
  'notes',
] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];
export const REQUIRED_COHORT_COLUMNS: readonly CohortColumn[] = ['name', 'email', 'completion_date'];

/** One learner of a cohort, as validated (dates not in the future are checked by the service, which knows today). */
export const cohortRow = z.object({
  name: z.string().trim().min(1, "Enter the learner's name").max(200, 'Names are at most 200 characters'),
  email: learnerEmail,
  completion_date: isoDate,
  assessor_name: optionalText(200, 'Assessor name'),
  assessed_on: optionalDate,
  score: optionalText(40, 'Score'),
  notes: optionalText(2000, 'Notes'),
});
export type CohortRow = z.infer<typeof cohortRow>;

/** POST /api/v1/academies/:org/cohorts: rows are checked one by one, so a bad row is reported, not a 400. */
/** Confirming a cohort by API: consent to issue rows that would be expired on issue (past training). */
export const cohortConfirmRequest = z.object({ allowExpired: z.boolean().optional() }).strict();

export const cohortApiRequest = z.object({
  achievementId: uuid,
  fileName: z.string().trim().max(200).optional(),
  rows: z
    .array(z.record(z.string().max(40), z.union([z.string().max(4000), z.number(), z.null()])))
    .min(1, 'Send at least one row')
    .max(MAX_COHORT_ROWS, `Send at most ${MAX_COHORT_ROWS} rows per cohort`),
});

export const REGISTER_STATUSES = ['active', 'suspended', 'revoked', 'expired', 'replaced'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** Searching the register of issued credentials. */
export const registerQuery = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100, 'Search for at most 100 characters').optional()),
  achievement: z.preprocess(blankToUndefined, uuid.optional()),
  from: optionalDate,
  to: optionalDate,
  status: z.preprocess(
    blankToUndefined,
    z.enum(REGISTER_STATUSES, { message: 'Choose a status from the list' }).optional(),
  ),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
});
export type RegisterQuery = z.infer<typeof registerQuery>;

/** Retiring a signing key that may be compromised: what happens to what it signed, and why. */
export const retireKeyForm = z.object({
  mode: z.enum(['reissue', 'revoke'], { message: 'Choose whether to re-sign or revoke what the key signed' }),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the key is retired (at least 3 characters)')
    .max(200, 'Keep the reason under 200 characters'),
});

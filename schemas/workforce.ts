/** zod schemas for workforce consent, an employer's area, and the commissioner dashboard's filters and exports. */
import { z } from 'zod';
import { catalogueId } from './catalogue';

/** The dashboard's tables, in page order (also the `table` values of the CSV export). */
export const WORKFORCE_TABLES = [
  'categories',
  'bands',
  'qualifications',
  'training',
  'delegated',
  'progression',
  'issuers',
] as const;
export type WorkforceTable = (typeof WORKFORCE_TABLES)[number];

/** An area (local authority) code such as E08000035. */
export const areaCode = z
  .string()
  .trim()
  .min(1, 'Choose an area from the list')
  .max(20)
  .regex(/^[A-Z0-9]+$/, 'Choose an area from the list');

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** A checkbox: present ("yes"/"on") is true, absent is false. */
const checkbox = z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true' || v === true, z.boolean());

export const workforceForm = z
  .object({
    areaCode: z.preprocess(blankToNull, areaCode.nullable()),
    currentRoleId: z.preprocess(blankToNull, catalogueId.nullable()),
    consent: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.consent && !v.areaCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['areaCode'],
        message: 'Choose the area you work in, so you can be counted there',
      });
    }
  });
export type WorkforceForm = z.infer<typeof workforceForm>;

export const orgAreaForm = z.object({ areaCode: z.preprocess((v) => v ?? '', areaCode) });

export const dashboardQuery = z.object({
  area: z.preprocess(blankToUndefined, z.union([z.literal('all'), areaCode]).default('all')),
  category: z.preprocess(blankToUndefined, z.union([z.literal('all'), catalogueId]).default('all')),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const exportQuery = dashboardQuery.extend({
  table: z.enum(WORKFORCE_TABLES, 'Choose a table to export'),
});

/** Assessing a candidate check against a role the organisation is hiring for. */
import { AppError } from '../../errors';
import { type ResolvedRole, resolveRole } from './employer-roles';
import { type FitLine, type FitSummary, type RoleFitDeps, roleFitFor } from './role-fit';
import { holdingsFromChecks } from './holdings';
import type { CheckOutcome, CheckReport } from './candidate-checks';

export interface RoleFitReport {
  role: ResolvedRole;
  lines: FitLine[];
  summary: FitSummary;
  /** Set when the presentation itself failed, so none of its credentials were counted. */
  notCounted: string | null;
}

/** Assesses a check against a role already resolved for the organisation. */
export async function fitReport(
  deps: RoleFitDeps,
  role: ResolvedRole,
  report: CheckReport,
  now: Date,
): Promise<RoleFitReport | null> {
  // A presentation that failed for itself (not merely because a credential inside did) proves nothing about
  // whose credentials they are, so none of them count.
  const own =
    report.presentation?.errors.filter((e) => e.code !== 'credential_invalid' && e.code !== 'holder_mismatch') ?? [];
  const notCounted = own.length
    ? `The presentation itself did not verify (${own.map((e) => e.message).join('; ')}), so none of its credentials are counted. Ask the candidate for a new share link.`
    : null;
  const holdings = notCounted
    ? []
    : holdingsFromChecks(
        report.credentials.map((c) => c.result),
        report.holder,
      );
  const fit = await roleFitFor(deps, role.ref, holdings, now);
  if (!fit) return null;
  return { role, lines: fit.lines, summary: fit.summary, notCounted };
}

/** Resolves a role for the organisation and assesses the report; 400 when the role is not one it can use. */
export async function fitForOrg(
  deps: RoleFitDeps,
  orgId: string,
  ref: string,
  outcome: CheckOutcome,
  now: Date,
): Promise<RoleFitReport> {
  const role = await resolveRole(deps.db, orgId, ref);
  const fit = role ? await fitReport(deps, role, outcome.report, now) : null;
  if (!fit)
    throw new AppError('validation_failed', 'Choose the role you are hiring for', [
      { path: 'role', message: 'Choose a role from the list' },
    ]);
  return fit;
}

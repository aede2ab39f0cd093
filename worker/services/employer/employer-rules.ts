/**
 * An employer's own acceptance rules on its own roles: which kinds of provider it accepts prior training from and
 * its allowable period, per requirement. The sector rule (the catalogue role's) is the baseline: an employer may be
 * stricter freely; a looser rule needs a reason and the role-fit report says so. Every change is audited.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { employerRoleRequirements, roleRequirements } from '../../../db/schema';
import type { EmployerRuleFormInput } from '../../../schemas/employer';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { type AcceptanceRule, acceptanceWords, parseAcceptance } from '../catalogue/rules';
import { getEmployerRole } from './employer-roles';

/** The catalogue role's rule for one item: the sector baseline an employer's rule is compared with. */
export async function sectorRule(
  db: Database,
  catalogueRoleId: string | null,
  competencyId: string,
): Promise<AcceptanceRule | null> {
  if (!catalogueRoleId) return null;
  const [row] = await db
    .select({ acceptance: roleRequirements.acceptance })
    .from(roleRequirements)
    .where(and(eq(roleRequirements.roleId, catalogueRoleId), eq(roleRequirements.competencyId, competencyId)))
    .limit(1);
  return parseAcceptance(row?.acceptance);
}

/** Where `own` accepts training the sector rule would not: the sector rule in words, else null. */
export function looserThanSector(
  own: Pick<AcceptanceRule, 'providers' | 'maxAgeMonths'>,
  sector: AcceptanceRule | null,
) {
  if (!sector) return null;
  const sectorKinds = sector.providers;
  const widerProviders = !!sectorKinds && (!own.providers || own.providers.some((p) => !sectorKinds.includes(p)));
  const longerPeriod =
    sector.maxAgeMonths != null && (own.maxAgeMonths == null || own.maxAgeMonths > sector.maxAgeMonths);
  return widerProviders || longerPeriod ? `sector rule: ${acceptanceWords(sector)}` : null;
}

/**
 * The rule an employer's form describes: its providers and allowable period, keeping the level and the time allowed
 * after starting from the rule it replaces. Nothing set: the sector rule again (or no rule).
 */
export function employerRule(
  form: EmployerRuleFormInput,
  ctx: { orgName: string; day: string; previous: AcceptanceRule | null; sector: AcceptanceRule | null },
): AcceptanceRule | null {
  if (!form.providers.length && form.maxAgeMonths == null) return ctx.sector;
  const base = ctx.previous ?? ctx.sector;
  const own = {
    ...(form.providers.length ? { providers: form.providers } : {}),
    ...(form.maxAgeMonths != null ? { maxAgeMonths: form.maxAgeMonths } : {}),
  };
  const looser = looserThanSector(own, ctx.sector);
  if (looser && !form.note) {
    throw new AppError('validation_failed', 'Your rule accepts more than the sector rule', [
      { path: 'note', message: `Say why your rule accepts more than the ${looser}` },
    ]);
  }
  return {
    ...own,
    ...(base?.minLevel ? { minLevel: base.minLevel } : {}),
    ...(base?.dueWithinMonths ? { dueWithinMonths: base.dueWithinMonths } : {}),
    ...(base?.dueNote ? { dueNote: base.dueNote } : {}),
    basis: `Set by ${ctx.orgName} on ${ctx.day}${form.note ? `: ${form.note}` : ''}`,
    source: `${ctx.orgName}'s own rule for this role`,
    indicative: false,
    setBy: 'employer',
    ...(looser ? { looserThan: looser } : {}),
  };
}

/** Sets (or clears back to the sector rule) the employer's rule on one requirement of its own role; audited. */
export async function saveEmployerRule(
  db: Database,
  input: { orgId: string; orgName: string; userId: string; roleId: string; form: EmployerRuleFormInput; now: Date },
): Promise<AcceptanceRule | null> {
  const found = await getEmployerRole(db, input.orgId, input.roleId);
  if (!found) throw new AppError('not_found', 'No such role');
  const { form } = input;
  const current = found.requirements.find((r) => r.competencyId === form.competencyId);
  if (!current) {
    throw new AppError('validation_failed', 'That item is not a requirement of this role', [
      { path: 'competencyId', message: 'Choose one of this role’s requirements' },
    ]);
  }
  const sector = await sectorRule(db, found.role.catalogueRoleId, form.competencyId);
  const previous = parseAcceptance(current.acceptance);
  const rule = employerRule(form, {
    orgName: input.orgName,
    day: input.now.toISOString().slice(0, 10),
    previous,
    sector,
  });
  await db.batch([
    db
      .update(employerRoleRequirements)
      .set({ acceptance: rule ? JSON.stringify(rule) : null })
      .where(
        and(
          eq(employerRoleRequirements.employerRoleId, input.roleId),
          eq(employerRoleRequirements.competencyId, form.competencyId),
        ),
      ),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'employer_role.acceptance_rule_updated',
      targetType: 'employer_role',
      targetId: input.roleId,
      details: { competencyId: form.competencyId, rule, note: form.note ?? null },
    }),
  ]);
  return rule;
}

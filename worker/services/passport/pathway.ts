/**
 * The worker's career pathway: where they are and where they want to go on the ladders, the indicative band
 * and pay there, the gap between their credentials and the target role's requirements, and the cross-sector
 * progression routes from the reference data as suggested next steps.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { equivalences, progressionRoutes, roleHistory, roles, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { type Ladder, getRole, listLadders, roleTitle, roleWithBand } from '../catalogue/catalogue';
import { loadHoldings, type RoleFitDeps, roleFitFor } from '../employer/role-fit';

type LadderRole = Ladder['roles'][number];
type RouteRow = typeof progressionRoutes.$inferSelect;
type RoleEquivalence = Pick<typeof equivalences.$inferSelect, 'fromId' | 'toId' | 'relation' | 'label'>;

/** A ladder as drawn: roles from the top (most senior) down, with the worker's place and target marked. */
export interface LadderRowView {
  id: string;
  title: string;
  bandLabel: string | null;
  rank: number;
  verified: boolean;
  isCurrent: boolean;
  isTarget: boolean;
}

/** The rows of one ladder, most senior first (ties by title), marking current and target. Pure. */
export function ladderRows(ladder: Ladder, currentId: string | null, targetId: string | null): LadderRowView[] {
  return [...ladder.roles]
    .sort((a, b) => b.rank - a.rank || roleTitle(a).localeCompare(roleTitle(b)))
    .map((r) => ({
      id: r.id,
      title: roleTitle(r),
      bandLabel: r.band?.label ?? null,
      rank: r.rank,
      verified: r.verified,
      isCurrent: r.id === currentId,
      isTarget: r.id === targetId,
    }));
}

/** The ladders to draw: those holding the current or target role (in catalogue order); none when neither is set. */
export function laddersToShow(ladders: Ladder[], currentId: string | null, targetId: string | null): Ladder[] {
  return ladders.filter((l) => l.roles.some((r) => r.id === currentId || r.id === targetId));
}

export interface SuggestedStep {
  route: RouteRow;
  fromTitle: string;
  toTitle: string;
  /** Set when the route starts from a role only indicatively equivalent to the worker's current one. */
  via: string | null;
  /** 1: a next step from the current role; 2: a step after that (from where a next step leads). */
  hop: 1 | 2;
}

/**
 * Progression routes that start at the worker's current role, or at a role the reference data marks as
 * equivalent to it (indicative), then the routes onward from where those lead (care worker -> senior care
 * worker -> nursing associate or registered manager). With no current role, every route is a next step. Pure.
 */
export function suggestedSteps(
  routes: RouteRow[],
  roleEquivalences: RoleEquivalence[],
  titles: ReadonlyMap<string, string>,
  currentId: string | null,
): SuggestedStep[] {
  const title = (id: string) => titles.get(id) ?? id;
  const step = (route: RouteRow, via: string | null, hop: 1 | 2 = 1): SuggestedStep => ({
    route,
    fromTitle: title(route.fromRoleId),
    toTitle: title(route.toRoleId),
    via,
    hop,
  });
  if (!currentId) return routes.map((r) => step(r, null));
  const starts = new Map<string, string | null>([[currentId, null]]);
  for (const e of roleEquivalences) {
    if (e.relation !== 'equivalent') continue;
    if (e.fromId === currentId && !starts.has(e.toId)) starts.set(e.toId, e.label);
    if (e.toId === currentId && !starts.has(e.fromId)) starts.set(e.fromId, e.label);
  }
  const first = routes
    .filter((r) => starts.has(r.fromRoleId) && r.toRoleId !== currentId)
    .map((r) => step(r, starts.get(r.fromRoleId) ?? null));
  const reached = new Set(first.map((s) => s.route.toRoleId));
  const second = routes
    .filter((r) => reached.has(r.fromRoleId) && !starts.has(r.toRoleId) && !reached.has(r.toRoleId))
    .map((r) => step(r, null, 2));
  return [...first, ...second];
}

/** True when moving from one role to another goes up a band (same band framework), else up the same ladder. Pure. */
export function isStepUp(
  from: { frameworkId: string; rank: number; band: { frameworkId: string; rank: number } | null } | null,
  to: { frameworkId: string; rank: number; band: { frameworkId: string; rank: number } | null },
): boolean {
  if (!from) return false;
  if (from.band && to.band && from.band.frameworkId === to.band.frameworkId) return to.band.rank > from.band.rank;
  return from.frameworkId === to.frameworkId && to.rank > from.rank;
}

/** Everything the pathway page shows for one worker. */
export async function loadPathway(deps: RoleFitDeps, userId: string, now: Date) {
  const { db } = deps;
  const userRows = await db
    .select({ current: users.currentRoleId, target: users.targetRoleId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const u = userRows[0];
  if (!u) throw new AppError('not_found', 'Account not found');
  const [ladders, routes, roleEqs, current, target] = await Promise.all([
    listLadders(db),
    db.select().from(progressionRoutes),
    db.select().from(equivalences).where(eq(equivalences.kind, 'role')),
    u.current ? getRole(db, u.current) : Promise.resolve(null),
    u.target ? getRole(db, u.target) : Promise.resolve(null),
  ]);
  const currentId = current ? current.role.id : null;
  const targetId = target ? target.role.id : null;
  const titles = new Map(ladders.flatMap((l) => l.roles.map((r): [string, string] => [r.id, roleTitle(r)])));
  const fit = targetId ? await roleFitFor(deps, `role:${targetId}`, await loadHoldings(db, userId, now), now) : null;
  return {
    ladders,
    currentId,
    targetId,
    current,
    target,
    shown: laddersToShow(ladders, currentId, targetId),
    fit,
    steps: suggestedSteps(routes, roleEqs, titles, currentId),
  };
}

export type PathwayView = Awaited<ReturnType<typeof loadPathway>>;

/**
 * True when the target role is lower than the current one: lower on the same ladder, or (across ladders) in a
 * lower band of the same band framework. Roles that cannot be compared are not called lower.
 */
async function isBelow(db: Database, targetId: string | null, currentId: string | null): Promise<boolean> {
  if (!targetId || !currentId || targetId === currentId) return false;
  const [target, current] = await Promise.all([roleWithBand(db, targetId), roleWithBand(db, currentId)]);
  if (!target || !current) return false;
  if (target.frameworkId === current.frameworkId) return target.rank < current.rank;
  const sameBands = target.band && current.band && target.band.frameworkId === current.band.frameworkId;
  return !!sameBands && (target.band?.rank ?? 0) < (current.band?.rank ?? 0);
}

/**
 * Saves the worker's current and target roles (null clears one; both null clears the pathway, said as such). A
 * change of current role by a worker who consented to workforce statistics is recorded in role_history (area and
 * roles only) for progression counts. Says whether the target is below the current role, which is saved (someone may
 * want to step down) but worth a word in case they meant to move up.
 */
export async function savePathway(
  db: Database,
  userId: string,
  input: { currentRoleId: string | null; targetRoleId: string | null },
  now: Date,
): Promise<{ targetBelowCurrent: boolean; cleared: boolean }> {
  const ids = [input.currentRoleId, input.targetRoleId].filter((x): x is string => !!x);
  const found = ids.length ? await db.select({ id: roles.id }).from(roles).where(inArray(roles.id, ids)) : [];
  const problems = (['currentRoleId', 'targetRoleId'] as const)
    .filter((k) => input[k] && !found.some((f) => f.id === input[k]))
    .map((k) => ({ path: k, message: 'Choose a role from the list' }));
  if (problems.length) throw new AppError('validation_failed', 'Choose roles from the list', problems);
  const before = (
    await db
      .select({ current: users.currentRoleId, area: users.areaCode, consent: users.workforceConsent })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1)
  )[0];
  if (!before) throw new AppError('not_found', 'Account not found');
  const update = db
    .update(users)
    .set({ currentRoleId: input.currentRoleId, targetRoleId: input.targetRoleId })
    .where(eq(users.id, userId));
  const audit = auditInsert(db, {
    at: now,
    actorUserId: userId,
    action: 'pathway.saved',
    targetType: 'user',
    targetId: userId,
    details: { currentRoleId: input.currentRoleId, targetRoleId: input.targetRoleId },
  });
  if (before.consent && input.currentRoleId && input.currentRoleId !== before.current) {
    const [from, to] = await Promise.all([
      before.current ? roleWithBand(db, before.current) : Promise.resolve(null),
      roleWithBand(db, input.currentRoleId),
    ]);
    const history = db.insert(roleHistory).values({
      id: newId(),
      userId,
      areaCode: before.area,
      fromRoleId: before.current,
      toRoleId: input.currentRoleId,
      bandUp: to ? isStepUp(from, to) : false,
      at: now.toISOString(),
    });
    await db.batch([update, history, audit]);
  } else {
    await db.batch([update, audit]);
  }
  return { targetBelowCurrent: await isBelow(db, input.targetRoleId, input.currentRoleId), cleared: !ids.length };
}

/** Role options for the pathway form: one group per ladder, roles most senior last (as people read a ladder up). */
export function roleOptions(ladders: Ladder[]): { label: string; options: [string, string][] }[] {
  return ladders.map((l) => ({
    label: l.framework.name,
    options: l.roles.map((r: LadderRole): [string, string] => [
      r.id,
      `${roleTitle(r)}${r.band ? ` (${r.band.label})` : ''}`,
    ]),
  }));
}

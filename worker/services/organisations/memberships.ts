/** Who belongs to an organisation and in which role; an organisation always keeps at least one owner. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { memberships, users } from '../../../db/schema';
import type { OrgRole } from '../../../schemas/accounts';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: OrgRole;
  since: string;
}

/** An organisation's members, owners first. */
export async function listMembers(db: Database, orgId: string): Promise<Member[]> {
  return db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(users.displayName));
}

/** Owners may grant any role; admins may grant admin or staff only. */
export function mayGrant(actorRole: OrgRole, role: OrgRole): boolean {
  return actorRole === 'owner' || role !== 'owner';
}

async function membershipOf(db: Database, orgId: string, userId: string) {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

/** SQL: "this org keeps at least one other owner", evaluated inside the changing statement. */
function anotherOwnerRemains(orgId: string, userId: string) {
  return sql`exists (select 1 from ${memberships} m2 where m2.org_id = ${orgId} and m2.role = 'owner' and m2.user_id <> ${userId})`;
}

interface MemberChange {
  orgId: string;
  targetUserId: string;
  actor: { userId: string; role: OrgRole };
  now: Date;
}

/** Changes a member's role. Only owners touch owners; the last owner cannot step down. */
export async function changeMemberRole(db: Database, input: MemberChange & { role: OrgRole }): Promise<void> {
  const target = await membershipOf(db, input.orgId, input.targetUserId);
  if (!target) throw new AppError('not_found', 'No such member');
  if (!mayGrant(input.actor.role, input.role) || !mayGrant(input.actor.role, target.role)) {
    throw new AppError('forbidden', 'Only owners can change owners');
  }
  if (target.role === input.role) return;
  if (target.role === 'owner' && !(await hasOtherOwner(db, input.orgId, input.targetUserId))) {
    throw new AppError('conflict', 'An organisation needs at least one owner. Make someone else an owner first.');
  }
  const [updated] = await db.batch([
    db
      .update(memberships)
      .set({ role: input.role })
      .where(
        and(
          eq(memberships.orgId, input.orgId),
          eq(memberships.userId, input.targetUserId),
          target.role === 'owner' ? anotherOwnerRemains(input.orgId, input.targetUserId) : undefined,
        ),
      )
      .returning({ role: memberships.role }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.actor.userId,
      actorOrgId: input.orgId,
      action: 'membership.role_changed',
      targetType: 'user',
      targetId: input.targetUserId,
      details: { from: target.role, to: input.role },
    }),
  ]);
  if (!updated.length) throw new AppError('conflict', 'An organisation needs at least one owner.');
}

/** Removes a member. Only owners remove owners; the last owner cannot be removed. */
export async function removeMember(db: Database, input: MemberChange): Promise<void> {
  const target = await membershipOf(db, input.orgId, input.targetUserId);
  if (!target) throw new AppError('not_found', 'No such member');
  if (!mayGrant(input.actor.role, target.role)) throw new AppError('forbidden', 'Only owners can remove owners');
  if (target.role === 'owner' && !(await hasOtherOwner(db, input.orgId, input.targetUserId))) {
    throw new AppError('conflict', 'You cannot remove the last owner. Make someone else an owner first.');
  }
  const [deleted] = await db.batch([
    db
      .delete(memberships)
      .where(
        and(
          eq(memberships.orgId, input.orgId),
          eq(memberships.userId, input.targetUserId),
          target.role === 'owner' ? anotherOwnerRemains(input.orgId, input.targetUserId) : undefined,
        ),
      )
      .returning({ userId: memberships.userId }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.actor.userId,
      actorOrgId: input.orgId,
      action: 'membership.removed',
      targetType: 'user',
      targetId: input.targetUserId,
      details: { role: target.role },
    }),
  ]);
  if (!deleted.length) throw new AppError('conflict', 'You cannot remove the last owner.');
}

async function hasOtherOwner(db: Database, orgId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner'), sql`${memberships.userId} <> ${userId}`));
  return (rows[0]?.n ?? 0) > 0;
}

/** Adds someone to an organisation directly (admin CLI, seeds, tests). */
export async function addMember(db: Database, input: { orgId: string; userId: string; role: OrgRole; now: Date }) {
  await db
    .insert(memberships)
    .values({ orgId: input.orgId, userId: input.userId, role: input.role, createdAt: input.now.toISOString() })
    .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: input.role } });
}

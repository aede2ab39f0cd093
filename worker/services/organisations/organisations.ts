/**
 * Organisations (academies, employers, commissioners and the platform), their members and invitations,
 * and the platform admin's approval of them, including the trust registry of what an academy may issue.
 */
import { and, asc, desc, eq, gt, inArray, isNull, like, notInArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunkForInsert, type Database } from '../../../db/client';
import {
  areas,
  frameworks,
  invitations,
  issuerScopes,
  memberships,
  organisationAreas,
  organisations,
  users,
} from '../../../db/schema';
import type { OrgRole } from '../../../schemas/accounts';
import type { AppDeps, OrgMembership } from '../../context';
import { AppError } from '../../errors';
import { hashToken, newId, newToken, slugify } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { bumpTrustEpoch } from '../../lib/cache-epochs';
import { normaliseEmail } from '../accounts/accounts';

export type OrgKind = OrgMembership['kind'];
export type OrgStatus = OrgMembership['status'];
export type Organisation = typeof organisations.$inferSelect;
type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Slugs that name site paths or the platform itself. */
const RESERVED_SLUGS = new Set(['platform', 'new', 'admin', 'api', 'org', 'orgs', 'static', 'dev']);

/** A slug for a new organisation: slugify(name), with -2, -3 ... added when taken or reserved. */
export async function uniqueSlug(db: Database, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: organisations.slug })
        .from(organisations)
        .where(like(organisations.slug, `${base}%`))
    ).map((r) => r.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function getOrganisationBySlug(db: Database, slug: string): Promise<Organisation | null> {
  const rows = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return rows[0] ?? null;
}

export async function getOrganisation(db: Database, id: string): Promise<Organisation | null> {
  const rows = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Every organisation, pending first, then by name (platform admin). */
export async function listOrganisations(db: Database): Promise<Organisation[]> {
  return db
    .select()
    .from(organisations)
    .orderBy(sql`case ${organisations.status} when 'pending' then 0 else 1 end`, asc(organisations.name));
}

/** Creates an organisation, awaiting approval; the creator (if any) becomes its owner. */
export async function createOrganisation(
  db: Database,
  input: { name: string; kind: OrgKind; ownerUserId?: string | null; now: Date },
): Promise<Organisation> {
  const name = input.name.trim();
  if (name.length < 2)
    throw new AppError('validation_failed', 'Enter the organisation name', [
      { path: 'name', message: 'Enter the organisation name' },
    ]);
  // Two registrations of one name at the same moment can pick the same slug; the unique index refuses one, which tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertOrganisation(db, { ...input, name, slug: await uniqueSlug(db, name) });
    } catch (err) {
      if (attempt >= 3 || !(await slugTaken(db, name))) throw err;
    }
  }
}

async function slugTaken(db: Database, name: string): Promise<boolean> {
  return (await getOrganisationBySlug(db, slugify(name))) !== null;
}

async function insertOrganisation(
  db: Database,
  input: { name: string; slug: string; kind: OrgKind; ownerUserId?: string | null; now: Date },
): Promise<Organisation> {
  const name = input.name;
  const org: Organisation = {
    id: newId(),
    slug: input.slug,
    name,
    kind: input.kind,
    status: 'pending',
    areaCode: null,
    approvedAt: null,
    approvedBy: null,
    createdAt: input.now.toISOString(),
  };
  const ops: Batch = [db.insert(organisations).values(org)];
  if (input.ownerUserId) {
    ops.push(
      db
        .insert(memberships)
        .values({ userId: input.ownerUserId, orgId: org.id, role: 'owner', createdAt: org.createdAt }),
    );
  }
  ops.push(
    auditInsert(db, {
      at: input.now,
      actorUserId: input.ownerUserId ?? null,
      actorOrgId: org.id,
      action: 'organisation.created',
      targetType: 'organisation',
      targetId: org.id,
      details: { name, kind: org.kind, slug: org.slug },
    }),
  );
  await db.batch(ops);
  return org;
}

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

/** Invitations not yet accepted and not expired. */
export async function listPendingInvitations(db: Database, orgId: string, now: Date) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now.toISOString())),
    )
    .orderBy(desc(invitations.createdAt));
}

/** Owners may grant any role; admins may grant admin or staff only. */
function mayGrant(actorRole: OrgRole, role: OrgRole): boolean {
  return actorRole === 'owner' || role !== 'owner';
}

/** Invites someone by email; they get a link valid for 7 days. Returns the invitation id. */
export async function inviteMember(
  deps: Pick<AppDeps, 'db' | 'config' | 'clock' | 'mailer'>,
  input: {
    org: Organisation;
    email: string;
    role: OrgRole;
    invitedBy: { userId: string; role: OrgRole; name: string };
  },
): Promise<string> {
  const { db, config, clock, mailer } = deps;
  const email = normaliseEmail(input.email);
  if (!mayGrant(input.invitedBy.role, input.role)) throw new AppError('forbidden', 'Only owners can invite owners');
  const already = await db
    .select({ userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, input.org.id), eq(users.email, email)))
    .limit(1);
  if (already[0]) {
    throw new AppError('validation_failed', 'That person is already a member', [
      { path: 'email', message: 'That person is already a member' },
    ]);
  }
  const now = clock();
  const token = newToken();
  const id = newId();
  await db.batch([
    db.insert(invitations).values({
      id,
      orgId: input.org.id,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      createdBy: input.invitedBy.userId,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
      createdAt: now.toISOString(),
    }),
    auditInsert(db, {
      at: now,
      actorUserId: input.invitedBy.userId,
      actorOrgId: input.org.id,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      details: { role: input.role },
    }),
  ]);
  await mailer.send({
    to: email,
    subject: `You are invited to join ${input.org.name} on Care Passport`,
    body: [
      'Hello,',
      '',
      `${input.invitedBy.name} invited you to join ${input.org.name} on Care Passport as ${input.role}.`,
      'To accept, open this link (sign in, or create an account with this email address, first):',
      `${config.PUBLIC_ORIGIN}/invitations/accept?token=${token}`,
      '',
      `The link works once and expires in ${INVITATION_DAYS} days.`,
    ].join('\n'),
  });
  return id;
}

/** Withdraws a pending invitation of this organisation. */
export async function revokeInvitation(
  db: Database,
  input: { orgId: string; invitationId: string; actorUserId: string; now: Date },
) {
  const found = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(eq(invitations.id, input.invitationId), eq(invitations.orgId, input.orgId), isNull(invitations.acceptedAt)),
    )
    .limit(1);
  if (!found[0]) throw new AppError('not_found', 'No such invitation');
  await db.batch([
    db.delete(invitations).where(eq(invitations.id, input.invitationId)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.actorUserId,
      actorOrgId: input.orgId,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: input.invitationId,
    }),
  ]);
}

export interface InvitationView {
  id: string;
  email: string;
  role: OrgRole;
  expiresAt: string;
  org: { id: string; name: string; slug: string; kind: OrgKind };
}

/** A usable invitation (not accepted, not expired) by its link token, or null. */
export async function findInvitation(db: Database, token: string, now: Date): Promise<InvitationView | null> {
  const rows = await db
    .select({ i: invitations, o: organisations })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, now.toISOString()),
      ),
    )
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.i.id,
    email: r.i.email,
    role: r.i.role,
    expiresAt: r.i.expiresAt,
    org: { id: r.o.id, name: r.o.name, slug: r.o.slug, kind: r.o.kind },
  };
}

/**
 * Accepts an invitation as the signed-in person. Their (confirmed) email must be the invited one; the
 * link works once. Someone already a member keeps their membership (the better of the two roles).
 */
export async function acceptInvitation(
  db: Database,
  input: { token: string; user: { id: string; email: string; emailVerified: boolean }; now: Date },
): Promise<InvitationView> {
  const inv = await findInvitation(db, input.token, input.now);
  if (!inv) throw new AppError('gone', 'This invitation link has been used or has expired. Ask for a new one.');
  if (normaliseEmail(input.user.email) !== inv.email) {
    throw new AppError(
      'forbidden',
      'This invitation was sent to a different email address. Sign in with the address it was sent to.',
    );
  }
  if (!input.user.emailVerified) throw new AppError('forbidden', 'Confirm your email address first');
  const iso = input.now.toISOString();
  // The claim is one conditional update, so two clicks cannot both use the link.
  const claimed = await db
    .update(invitations)
    .set({ acceptedAt: iso })
    .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (!claimed[0]) throw new AppError('gone', 'This invitation link has been used or has expired. Ask for a new one.');
  const rank = sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`;
  const newRank = inv.role === 'owner' ? 0 : inv.role === 'admin' ? 1 : 2;
  await db.batch([
    db
      .insert(memberships)
      .values({ userId: input.user.id, orgId: inv.org.id, role: inv.role, createdAt: iso })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.orgId],
        set: { role: sql`case when ${rank} > ${newRank} then excluded.role else ${memberships.role} end` },
      }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.user.id,
      actorOrgId: inv.org.id,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: inv.id,
      details: { role: inv.role },
    }),
  ]);
  return inv;
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

// ---------------------------------------------------------------- platform admin and the trust registry

/** Competency frameworks: the scopes an academy can be approved to issue against. */
export async function listIssuingFrameworks(db: Database) {
  return db
    .select({ id: frameworks.id, name: frameworks.name, jurisdiction: frameworks.jurisdiction })
    .from(frameworks)
    .where(eq(frameworks.kind, 'competency'))
    .orderBy(asc(frameworks.sortOrder), asc(frameworks.id));
}

/** The frameworks each organisation may issue against, by organisation id. */
export async function issuerScopesByOrg(db: Database, orgIds?: string[]): Promise<Map<string, string[]>> {
  if (orgIds && !orgIds.length) return new Map();
  const rows = await db
    .select({ orgId: issuerScopes.orgId, frameworkId: issuerScopes.frameworkId })
    .from(issuerScopes)
    .where(orgIds ? inArray(issuerScopes.orgId, orgIds) : undefined)
    .orderBy(asc(issuerScopes.frameworkId));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.frameworkId]);
  return out;
}

/** Checks framework ids are competency frameworks (issuing scopes); returns them without duplicates or throws 400. */
export async function checkIssuingFrameworks(db: Database, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const known = (await listIssuingFrameworks(db)).map((f) => f.id);
  const unknown = unique.filter((id) => !known.includes(id));
  if (unknown.length) {
    throw new AppError('validation_failed', 'Unknown framework', [
      { path: 'frameworks', message: `Not a competency framework: ${unknown.join(', ')} (known: ${known.join(', ')})` },
    ]);
  }
  return unique;
}

async function requireOrg(db: Database, orgId: string): Promise<Organisation> {
  const org = await getOrganisation(db, orgId);
  if (!org) throw new AppError('not_found', 'No such organisation');
  return org;
}

/** Statements that make an academy's scopes exactly `ids`; frameworks kept keep their original approval date. */
function replaceScopes(db: Database, orgId: string, ids: string[], adminUserId: string | null, now: Date): Batch {
  const ops: Batch = [
    db
      .delete(issuerScopes)
      .where(and(eq(issuerScopes.orgId, orgId), ids.length ? notInArray(issuerScopes.frameworkId, ids) : undefined)),
  ];
  if (ids.length) {
    const rows = ids.map((frameworkId) => ({
      orgId,
      frameworkId,
      approvedAt: now.toISOString(),
      approvedBy: adminUserId,
    }));
    ops.push(db.insert(issuerScopes).values(rows).onConflictDoNothing());
  }
  return ops;
}

/**
 * Approves (or re-approves) an organisation. For an academy, `frameworkIds` become its entries in the trust
 * registry (issuer_scopes), replacing any earlier ones; leave it out to keep them. The status change, the
 * scopes and the audit event are one batch.
 */
export async function approveOrganisation(
  db: Database,
  input: { orgId: string; frameworkIds?: string[] | undefined; adminUserId: string | null; now: Date },
): Promise<Organisation> {
  const org = await requireOrg(db, input.orgId);
  const ids =
    org.kind === 'academy' && input.frameworkIds ? await checkIssuingFrameworks(db, input.frameworkIds) : undefined;
  const iso = input.now.toISOString();
  const ops: Batch = [
    db
      .update(organisations)
      .set({ status: 'approved', approvedAt: iso, approvedBy: input.adminUserId })
      .where(eq(organisations.id, org.id)),
  ];
  if (ids) ops.push(...replaceScopes(db, org.id, ids, input.adminUserId, input.now));
  ops.push(
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.approved',
      targetType: 'organisation',
      targetId: org.id,
      details: { previousStatus: org.status, ...(ids ? { frameworks: ids } : {}) },
    }),
  );
  await db.batch(ops);
  bumpTrustEpoch();
  return { ...org, status: 'approved', approvedAt: iso, approvedBy: input.adminUserId };
}

/** Suspends an organisation: its members keep their pages, but approved-only actions and API tokens stop working. */
export async function suspendOrganisation(
  db: Database,
  input: { orgId: string; adminUserId: string | null; now: Date },
) {
  const org = await requireOrg(db, input.orgId);
  await db.batch([
    db.update(organisations).set({ status: 'suspended' }).where(eq(organisations.id, org.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.suspended',
      targetType: 'organisation',
      targetId: org.id,
      details: { previousStatus: org.status },
    }),
  ]);
  bumpTrustEpoch();
}

/** The areas each commissioner organisation plans for (organisation_areas), by organisation id. */
export async function commissionerAreasByOrg(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.select().from(organisationAreas);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.areaCode]);
  return out;
}

/** Sets the areas a commissioner plans for (platform admin): every code must be a known area; audited. */
export async function setCommissionerAreas(
  db: Database,
  input: { orgId: string; areaCodes: string[]; adminUserId: string | null; now: Date },
): Promise<string[]> {
  const org = await requireOrg(db, input.orgId);
  if (org.kind !== 'commissioner') throw new AppError('bad_request', 'Only commissioners plan for areas');
  const codes = [...new Set(input.areaCodes)];
  const known = await db.select({ code: areas.code }).from(areas).where(inArray(areas.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) {
    throw new AppError('validation_failed', 'Unknown areas', [
      { path: 'areas', message: `Not a known area: ${unknown.join(', ')}` },
    ]);
  }
  const before = (await commissionerAreasByOrg(db)).get(org.id) ?? [];
  await db.batch([
    db.delete(organisationAreas).where(eq(organisationAreas.orgId, org.id)),
    ...chunkForInsert(
      codes.map((areaCode) => ({ orgId: org.id, areaCode })),
      2,
    ).map((chunk) => db.insert(organisationAreas).values(chunk)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.areas_changed',
      targetType: 'organisation',
      targetId: org.id,
      details: { from: before, to: codes },
    }),
  ]);
  return codes;
}

/** Replaces an academy's approved frameworks. */
export async function setIssuerScopes(
  db: Database,
  input: { orgId: string; frameworkIds: string[]; adminUserId: string | null; now: Date },
): Promise<string[]> {
  const org = await requireOrg(db, input.orgId);
  if (org.kind !== 'academy') throw new AppError('bad_request', 'Only academies have issuing scopes');
  const ids = await checkIssuingFrameworks(db, input.frameworkIds);
  const before = (await issuerScopesByOrg(db, [org.id])).get(org.id) ?? [];
  const ops: Batch = [
    ...replaceScopes(db, org.id, ids, input.adminUserId, input.now),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.scopes_changed',
      targetType: 'organisation',
      targetId: org.id,
      details: { from: before, to: ids },
    }),
  ];
  await db.batch(ops);
  bumpTrustEpoch();
  return ids;
}

/** Inviting people into an organisation by email: the one-time invitation, its revocation and its acceptance. */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { invitations, memberships, organisations, users } from '../../../db/schema';
import type { OrgRole } from '../../../schemas/accounts';
import type { AppDeps } from '../../context';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { DAY_MS } from '../../lib/dates';
import { normaliseEmail } from '../accounts/accounts';
import { mayGrant } from './memberships';
import type { OrgKind, Organisation } from './organisations';
import { t } from '../../../web/i18n/messages';

/** Days an invitation link stays open. */
export const INVITATION_DAYS = 7;

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
    subject: t('en', 'email.inviteSubject', { org: input.org.name }),
    body: t('en', 'email.inviteBody', {
      inviter: input.invitedBy.name,
      org: input.org.name,
      role: input.role,
      link: `${config.PUBLIC_ORIGIN}/invitations/accept?token=${token}`,
      days: INVITATION_DAYS,
    }),
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

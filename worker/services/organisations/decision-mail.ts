/**
 * The platform's decision on an organisation's application: refusing with a reason, and telling the applicant
 * (the organisation's owners) by email when it is approved or refused.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { memberships, organisations, users } from '../../../db/schema';
import type { Mailer } from '../../context';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpTrustEpoch } from '../../lib/cache-epochs';
import { type Organisation, requireOrg } from './organisations';
import { t } from '../../../web/i18n/messages';

/** Refuses a pending organisation with a reason; the reason is stored for the applicant and audited. */
export async function refuseOrganisation(
  db: Database,
  input: { orgId: string; reason: string; adminUserId: string | null; now: Date },
): Promise<Organisation> {
  const org = await requireOrg(db, input.orgId);
  if (org.status !== 'pending') throw new AppError('conflict', 'Only an application awaiting approval can be refused');
  await db.batch([
    db
      .update(organisations)
      .set({ status: 'refused', refusalReason: input.reason })
      .where(eq(organisations.id, org.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.refused',
      targetType: 'organisation',
      targetId: org.id,
      details: { previousStatus: org.status, reason: input.reason },
    }),
  ]);
  bumpTrustEpoch();
  return { ...org, status: 'refused', refusalReason: input.reason };
}

/** The email addresses of an organisation's owners: the people who applied for it. */
async function ownerEmails(db: Database, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return rows.map((r) => r.email);
}

/** Emails the organisation's owners the platform's decision: approved, or refused with the reason. */
export async function sendDecisionMail(
  db: Database,
  mailer: Mailer,
  origin: string,
  org: Pick<Organisation, 'id' | 'name' | 'slug' | 'status' | 'refusalReason'>,
): Promise<void> {
  const approved = org.status === 'approved';
  const link = `${origin}/org/${org.slug}`;
  const subject = t('en', approved ? 'email.approvedSubject' : 'email.refusedSubject', { org: org.name });
  const body = approved
    ? t('en', 'email.approvedBody', { org: org.name, link })
    : t('en', 'email.refusedBody', { org: org.name, reason: org.refusalReason ?? '', link });
  for (const to of await ownerEmails(db, org.id)) await mailer.send({ to, subject, body });
}

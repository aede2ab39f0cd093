/**
 * What kind of training provider an academy is (NHS body, awarding body, other training provider) and whether its
 * statutory and mandatory training is CSTF-aligned: recorded by a platform admin, read by employers' acceptance rules.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { organisations } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpTrustEpoch } from '../../lib/cache-epochs';

export type ProviderKindRecord = (typeof organisations.$inferSelect)['providerKind'];

/** Records an academy's provider kind and CSTF alignment, audited; verifications read it from now on. */
export async function setProviderKind(
  db: Database,
  input: { orgId: string; providerKind: ProviderKindRecord; cstfAligned: boolean; adminUserId: string; now: Date },
): Promise<void> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, input.orgId)).limit(1);
  if (!org) throw new AppError('not_found', 'No such organisation');
  if (org.kind !== 'academy') throw new AppError('bad_request', 'Only academies are training providers');
  await db.batch([
    db
      .update(organisations)
      .set({ providerKind: input.providerKind, cstfAligned: input.cstfAligned })
      .where(eq(organisations.id, org.id)),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.adminUserId,
      action: 'organisation.provider_kind_changed',
      targetType: 'organisation',
      targetId: org.id,
      details: {
        from: { providerKind: org.providerKind, cstfAligned: org.cstfAligned },
        to: { providerKind: input.providerKind, cstfAligned: input.cstfAligned },
      },
    }),
  ]);
  bumpTrustEpoch();
}

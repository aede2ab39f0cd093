/** Revoking, suspending and reinstating credentials: one conditional row update, a list version bump and an audit event, in one batch. */
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { credentials } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsertIfChanged } from '../../lib/audit';
import { bumpStatusEpoch } from '../../lib/cache-epochs';
import { bumpVersions } from './status-lists';

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

const target = { revoke: 'revoked', suspend: 'suspended', reinstate: 'active' } as const;

export interface StatusChange {
  credentialId: string;
  /** The organisation acting; it must be the credential's issuer. */
  orgId: string;
  action: StatusAction;
  reason?: string | undefined;
  actorUserId: string | null;
  now: Date;
}

/**
 * Applies a status change. Revocation is permanent; suspension can be reinstated. The update is conditional on
 * the status read, so two concurrent changes cannot both apply, and a crash leaves either all or none of it.
 */
export async function changeCredentialStatus(db: Database, ch: StatusChange) {
  const rows = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, ch.credentialId), eq(credentials.issuerOrgId, ch.orgId)))
    .limit(1);
  const cred = rows[0];
  if (!cred) throw new AppError('not_found', 'No credential with that id was issued by your organisation');
  if (cred.status === 'revoked') throw new AppError('conflict', 'This credential is revoked; revocation is permanent');
  const next = target[ch.action];
  if (cred.status === next) throw new AppError('conflict', `This credential is already ${next}`);
  if (ch.action === 'reinstate' && cred.status !== 'suspended')
    throw new AppError('conflict', 'Only a suspended credential can be reinstated');
  if (ch.action === 'revoke' && !ch.reason?.trim())
    throw new AppError('validation_failed', 'Give a reason for revoking', [{ path: 'reason', message: 'Required' }]);
  const res = await db.batch([
    db
      .update(credentials)
      .set({ status: next, statusReason: ch.reason?.trim() || null })
      .where(and(eq(credentials.id, cred.id), eq(credentials.status, cred.status), ne(credentials.status, 'revoked'))),
    auditInsertIfChanged(db, {
      at: ch.now,
      actorUserId: ch.actorUserId,
      actorOrgId: ch.orgId,
      action: `credential.${ch.action === 'revoke' ? 'revoked' : ch.action === 'suspend' ? 'suspended' : 'reinstated'}`,
      targetType: 'credential',
      targetId: cred.id,
      details: ch.reason ? { reason: ch.reason.trim() } : {},
    }),
    bumpVersions(db, [cred.revocationListId, cred.suspensionListId]),
  ]);
  bumpStatusEpoch();
  if ((res[0] as { rowsAffected?: number }).rowsAffected === 0) {
    throw new AppError('conflict', 'The credential changed while you were updating it; reload and try again');
  }
  return { credentialId: cred.id, status: next };
}

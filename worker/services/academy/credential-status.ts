/** Revoking, suspending and reinstating credentials: one conditional row update, a list version bump and an audit event, in one batch. */
import { and, eq, ne } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import { credentials } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsertIfChanged } from '../../lib/audit';
import { bumpStatusEpoch } from '../../lib/cache-epochs';
import { bumpVersions } from './status-lists';

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';
type CredentialStatus = (typeof credentials.$inferSelect)['status'];

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

/** The audit action a status change records. */
export const auditActionOf = (action: StatusAction) =>
  `credential.${action === 'revoke' ? 'revoked' : action === 'suspend' ? 'suspended' : 'reinstated'}`;

/**
 * The two statements of one credential's status change, to batch with one `bumpVersions` of its lists: the update,
 * conditional on the status read (so a change that lost a race does nothing), and its audit event, written only
 * when the update changed the row.
 */
export function statusChangeStatements(
  db: Database,
  cred: { id: string; status: CredentialStatus },
  ch: Omit<StatusChange, 'credentialId'>,
  extraDetails: Record<string, unknown> = {},
) {
  const reason = ch.reason?.trim() || null;
  return [
    db
      .update(credentials)
      .set({ status: target[ch.action], statusReason: reason })
      .where(and(eq(credentials.id, cred.id), eq(credentials.status, cred.status), ne(credentials.status, 'revoked'))),
    auditInsertIfChanged(db, {
      at: ch.now,
      actorUserId: ch.actorUserId,
      actorOrgId: ch.orgId,
      action: auditActionOf(ch.action),
      targetType: 'credential',
      targetId: cred.id,
      details: { ...(reason ? { reason } : {}), ...extraDetails },
    }),
  ] as const;
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
    ...statusChangeStatements(db, cred, ch),
    bumpVersions(db, [cred.revocationListId, cred.suspensionListId]),
  ]);
  bumpStatusEpoch();
  if (rowsChanged(res[0]) === 0) {
    throw new AppError('conflict', 'The credential changed while you were updating it; reload and try again');
  }
  return { credentialId: cred.id, status: next };
}

/** The audit log: who did what to which record, and when. Returned as a query so callers can batch it with the change. */
import type { Database } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { newId } from '../lib/ids';

export interface AuditInput {
  at: Date;
  actorUserId?: string | null;
  actorOrgId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** No secrets, no tokens; names and reasons are fine (the log is only shown to the org itself and admins). */
  details?: Record<string, unknown>;
}

/** An insert of one audit event, to run alone or inside `db.batch([...])` with the change it records. */
export function auditInsert(db: Database, e: AuditInput) {
  return db.insert(auditEvents).values({
    id: newId(),
    at: e.at.toISOString(),
    actorUserId: e.actorUserId ?? null,
    actorOrgId: e.actorOrgId ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
  });
}

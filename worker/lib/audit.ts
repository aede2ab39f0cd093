/** The audit log: who did what to which record, and when. Returned as a query so callers can batch it with the change. */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { newId } from './ids';

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

/**
 * An audit insert that only writes when the statement just before it in the same batch changed a row
 * (SQLite's changes()), so a conditional update that lost a race leaves no phantom audit event.
 */
export function auditInsertIfChanged(db: Database, e: AuditInput) {
  // INSERT ... SELECT through the query builder, so it batches on D1 as well as libSQL (db.run(sql) does not).
  return db.insert(auditEvents).select(
    db
      .select({
        id: sql<string>`${newId()}`.as('id'),
        at: sql<string>`${e.at.toISOString()}`.as('at'),
        actorUserId: sql<string | null>`${e.actorUserId ?? null}`.as('actor_user_id'),
        actorOrgId: sql<string | null>`${e.actorOrgId ?? null}`.as('actor_org_id'),
        action: sql<string>`${e.action}`.as('action'),
        targetType: sql<string>`${e.targetType}`.as('target_type'),
        targetId: sql<string | null>`${e.targetId ?? null}`.as('target_id'),
        details: sql<string | null>`${e.details ? JSON.stringify(e.details) : null}`.as('details'),
      })
      .from(sql`(SELECT 1)`)
      .where(sql`changes() > 0`),
  );
}

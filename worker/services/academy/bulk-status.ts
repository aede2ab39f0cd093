/**
 * Revoking, suspending or reinstating several certificates of the register at once: what a change would touch (for
 * the confirmation page) and applying it through the same statements as a single change, one status-list version
 * bump per batch, each certificate's change audited. Certificates already in the wanted state are left alone, so
 * sending the same change twice changes nothing the second time.
 */
import { type SQL, and, asc, count, eq, inArray } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import { credentials } from '../../../db/schema';
import { type BulkAction, type BulkSelection, MAX_BULK_CHANGE } from '../../../schemas/register-bulk';
import { AppError } from '../../errors';
import { bumpStatusEpoch } from '../../lib/cache-epochs';
import { statusChangeStatements } from './credential-status';
import { registerConditions, registerRows } from './register';
import { bumpVersions } from './status-lists';

/** Statuses a certificate must have for each change to apply (revocation is permanent, so never from revoked). */
const ELIGIBLE = {
  revoke: ['active', 'suspended'],
  suspend: ['active'],
  reinstate: ['suspended'],
} as const satisfies Record<BulkAction, readonly ('active' | 'suspended')[]>;

/** Certificates changed per database batch: two statements each plus one version bump, well inside D1's limits. */
const CHUNK = 50;

/** How many chosen certificates the confirmation page lists by name. */
export const PREVIEW_ROWS = 10;

/** The chosen certificates of an organisation: the ticked ids, or everything matching the search. */
export function selectionWhere(orgId: string, sel: BulkSelection, now: Date): SQL {
  if (sel.scope === 'all') return registerConditions(orgId, sel, now);
  return and(eq(credentials.issuerOrgId, orgId), inArray(credentials.id, sel.ids.length ? sel.ids : ['']))!;
}

const eligibleWhere = (orgId: string, sel: BulkSelection, action: BulkAction, now: Date) =>
  and(selectionWhere(orgId, sel, now), inArray(credentials.status, [...ELIGIBLE[action]]))!;

/** What a bulk change would do: how many are chosen, how many it would change, and the first of them. */
export async function previewBulkChange(
  db: Database,
  orgId: string,
  sel: BulkSelection,
  action: BulkAction,
  now: Date,
) {
  const eligible = eligibleWhere(orgId, sel, action, now);
  const [chosen, changing, first] = await Promise.all([
    db
      .select({ n: count() })
      .from(credentials)
      .where(selectionWhere(orgId, sel, now)),
    db.select({ n: count() }).from(credentials).where(eligible),
    registerRows(db, eligible).limit(PREVIEW_ROWS),
  ]);
  const changes = changing[0]?.n ?? 0;
  return { chosen: chosen[0]?.n ?? 0, changes, first, tooMany: changes > MAX_BULK_CHANGE };
}

export type BulkPreview = Awaited<ReturnType<typeof previewBulkChange>>;

export interface BulkChange {
  orgId: string;
  selection: BulkSelection;
  action: BulkAction;
  reason: string;
  actorUserId: string;
  now: Date;
}

/** Applies a bulk change; returns how many certificates changed (those changed meanwhile by someone else are not). */
export async function applyBulkChange(db: Database, ch: BulkChange): Promise<{ changed: number }> {
  const targets = await db
    .select({
      id: credentials.id,
      status: credentials.status,
      revocationListId: credentials.revocationListId,
      suspensionListId: credentials.suspensionListId,
    })
    .from(credentials)
    .where(eligibleWhere(ch.orgId, ch.selection, ch.action, ch.now))
    .orderBy(asc(credentials.id))
    .limit(MAX_BULK_CHANGE + 1);
  if (targets.length > MAX_BULK_CHANGE) {
    throw new AppError(
      'conflict',
      `That would change more than ${MAX_BULK_CHANGE} certificates at once; narrow the search and do it in parts`,
    );
  }
  let changed = 0;
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const lists = [...new Set(chunk.flatMap((t) => [t.revocationListId, t.suspensionListId]))];
    const statements = chunk.flatMap((t) => statusChangeStatements(db, t, ch, { bulk: targets.length }));
    const res = await db.batch([bumpVersions(db, lists), ...statements]);
    // Results: the version bump, then an update and its audit insert per certificate.
    for (let k = 1; k < res.length; k += 2) changed += rowsChanged(res[k]);
  }
  if (targets.length) bumpStatusEpoch();
  return { changed };
}

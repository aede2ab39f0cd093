/**
 * The platform admin's approval and suspension of organisations, and the trust registry: the frameworks an academy
 * is approved to issue against.
 */
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { frameworks, issuerScopes, organisations } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpTrustEpoch } from '../../lib/cache-epochs';
import { type Batch, type Organisation, requireOrg } from './organisations';

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

/**
 * Keeping candidate checks in the employer's records. A saved check keeps the credential JWTs themselves (never
 * the share token), so it can be re-checked after the share has expired: a revocation since shows up, and both
 * the first and the latest check times are kept.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { savedVerifications, users } from '../../../db/schema';
import type { AppDeps } from '../../context';
import type { JsonObject } from '../../credentials/jwt';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { resolveRole } from './employer-roles';
import type { CheckOutcome, CheckReport, StoredInput } from './candidate-checks';
import type { RoleFitReport } from './check-fit';
import { fitReport } from './check-fit';
import { recheckInput } from './candidate-checks';
import type { VerifiedCredential } from '../verification/verifier';

/** A short account of one check, kept from the first time for comparison with later re-checks. */
export interface CheckSnapshot {
  checkedAt: string;
  verified: boolean;
  verdicts: { name: string; verified: boolean; codes: string[] }[];
  roleFitText: string | null;
}

export interface SavedResult {
  original: CheckSnapshot;
  latest: { report: CheckReport; roleFit: RoleFitReport | null };
}

export function snapshotOf(report: CheckReport, fit: RoleFitReport | null): CheckSnapshot {
  return {
    checkedAt: report.checkedAt,
    verified: report.verified,
    verdicts: report.credentials.map((c) => ({
      name: credentialName(c.result),
      verified: c.result.verified,
      codes: c.result.errors.map((e) => e.code),
    })),
    roleFitText: fit?.summary.text ?? null,
  };
}

/** The credential's name (the achievement's, else the credential's own), from the verifier's summary. */
export function credentialName(r: VerifiedCredential): string {
  return r.summary?.name ?? 'Credential';
}

/**
 * A saved result keeps, of each verified credential, only what the record shows (names, dates, alignment,
 * evidence): the credential itself is in the stored input, and a row must stay well under D1's 2 MB limit.
 */
function forStorage(result: SavedResult): SavedResult {
  const pick = (o: unknown, keys: string[]): JsonObject | undefined =>
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.fromEntries(keys.filter((k) => k in (o as JsonObject)).map((k) => [k, (o as JsonObject)[k]]))
      : undefined;
  const slim = (c: JsonObject | undefined): JsonObject | undefined => {
    if (!c) return undefined;
    const subjects = (Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject]).map((s) => {
      const subject = pick(s, ['id', 'type']) ?? {};
      const a = pick((s as JsonObject | undefined)?.achievement, ['id', 'name', 'achievementType']);
      const alignment = (s as { achievement?: { alignment?: unknown } } | undefined)?.achievement?.alignment;
      return a
        ? {
            ...subject,
            achievement: {
              ...a,
              ...(Array.isArray(alignment)
                ? { alignment: alignment.map((x) => pick(x, ['targetCode', 'targetName', 'targetFramework'])) }
                : {}),
            },
          }
        : subject;
    });
    const evidence = Array.isArray(c.evidence) ? c.evidence.map((e) => pick(e, ['name', 'narrative'])) : undefined;
    return {
      ...pick(c, ['id', 'type', 'name', 'issuer', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate']),
      credentialSubject: subjects.length === 1 ? subjects[0] : subjects,
      ...(evidence ? { evidence } : {}),
    };
  };
  const report = {
    ...result.latest.report,
    credentials: result.latest.report.credentials.map((cc) => ({
      ...cc,
      result: { ...cc.result, credential: slim(cc.result.credential) },
    })),
  };
  return { ...result, latest: { ...result.latest, report } };
}

/** Saves a check (and role fit, if one was run) to the organisation's records. */
export async function saveVerification(
  db: Database,
  input: {
    orgId: string;
    userId: string;
    candidateName: string;
    outcome: CheckOutcome;
    roleFit: RoleFitReport | null;
    now: Date;
  },
): Promise<string> {
  const id = newId();
  const result: SavedResult = {
    original: snapshotOf(input.outcome.report, input.roleFit),
    latest: { report: input.outcome.report, roleFit: input.roleFit },
  };
  await db.batch([
    db.insert(savedVerifications).values({
      id,
      orgId: input.orgId,
      createdBy: input.userId,
      candidateName: input.candidateName,
      inputKind: input.outcome.input.source === 'credentials' ? 'credential' : input.outcome.input.source,
      input: JSON.stringify(input.outcome.input),
      roleRef: input.roleFit?.role.ref ?? null,
      result: JSON.stringify(forStorage(result)),
      createdAt: input.outcome.report.checkedAt,
      checkedAt: input.outcome.report.checkedAt,
    }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'verification.saved',
      targetType: 'saved_verification',
      targetId: id,
    }),
  ]);
  return id;
}

export interface SavedSummary {
  id: string;
  candidateName: string | null;
  createdAt: string;
  checkedAt: string;
  verified: boolean;
  credentialCount: number;
  roleTitle: string | null;
  roleFitText: string | null;
}

/** The organisation's saved checks, newest first. */
export async function listSaved(db: Database, orgId: string, limit = 200): Promise<SavedSummary[]> {
  const rows = await db
    .select()
    .from(savedVerifications)
    .where(eq(savedVerifications.orgId, orgId))
    .orderBy(desc(savedVerifications.createdAt))
    .limit(limit);
  return rows.map((r) => {
    const result = JSON.parse(r.result) as SavedResult;
    return {
      id: r.id,
      candidateName: r.candidateName,
      createdAt: r.createdAt,
      checkedAt: r.checkedAt,
      verified: result.latest.report.verified,
      credentialCount: result.latest.report.credentials.length,
      roleTitle: result.latest.roleFit?.role.title ?? null,
      roleFitText: result.latest.roleFit?.summary.text ?? null,
    };
  });
}

/** One saved check of the organisation, with who saved it; null for another organisation's (or none). */
export async function getSaved(db: Database, orgId: string, id: string) {
  const rows = await db
    .select({ s: savedVerifications, by: users.displayName })
    .from(savedVerifications)
    .leftJoin(users, eq(users.id, savedVerifications.createdBy))
    .where(and(eq(savedVerifications.id, id), eq(savedVerifications.orgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.s.id,
    candidateName: row.s.candidateName,
    createdAt: row.s.createdAt,
    checkedAt: row.s.checkedAt,
    savedBy: row.by ?? null,
    roleRef: row.s.roleRef,
    input: JSON.parse(row.s.input) as StoredInput,
    result: JSON.parse(row.s.result) as SavedResult,
  };
}

export type SavedVerification = NonNullable<Awaited<ReturnType<typeof getSaved>>>;

/**
 * Re-checks a saved verification now and keeps the new result as the latest (the first check's snapshot and
 * time stay). The role is assessed again if it still exists; a deleted employer role keeps its last report.
 */
export async function recheckSaved(
  deps: AppDeps,
  input: { orgId: string; id: string; userId: string },
): Promise<SavedVerification> {
  const saved = await getSaved(deps.db, input.orgId, input.id);
  if (!saved) throw new AppError('not_found', 'No such saved check');
  if (saved.input.erased)
    throw new AppError(
      'conflict',
      'The candidate has deleted their account, so their certificates are no longer kept here; this record keeps its verdict but cannot be re-checked',
    );
  const now = deps.clock();
  const report = await recheckInput(deps, saved.input, saved.createdAt);
  let roleFit = saved.result.latest.roleFit;
  if (saved.roleRef) {
    const role = await resolveRole(deps.db, input.orgId, saved.roleRef);
    const fresh = role ? await fitReport(deps, role, report, now) : null;
    if (fresh) roleFit = fresh;
    else if (roleFit)
      report.notes.push(`The role "${roleFit.role.title}" no longer exists; its assessment is from the last check.`);
  }
  const result: SavedResult = { original: saved.result.original, latest: { report, roleFit } };
  await deps.db.batch([
    deps.db
      .update(savedVerifications)
      .set({ result: JSON.stringify(forStorage(result)), checkedAt: report.checkedAt })
      .where(and(eq(savedVerifications.id, input.id), eq(savedVerifications.orgId, input.orgId))),
    auditInsert(deps.db, {
      at: now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'verification.rechecked',
      targetType: 'saved_verification',
      targetId: input.id,
    }),
  ]);
  return { ...saved, checkedAt: report.checkedAt, result };
}

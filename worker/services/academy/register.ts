/** The academy's records: the register of credentials it issued (search, one credential with its trail) and dashboard figures. */
import { type SQL, and, asc, count, desc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  achievementAlignments,
  achievements,
  auditEvents,
  claims,
  competencies,
  credentials,
  frameworks,
  issueBatches,
  organisations,
  users,
} from '../../../db/schema';
import type { RegisterQuery } from '../../../schemas/academy';
import { AppError } from '../../errors';
import { approvedFrameworks } from './achievements';

export const REGISTER_PAGE_SIZE = 25;

type CredentialRow = typeof credentials.$inferSelect;

/** Escapes LIKE wildcards in user input. */
const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** Day after a YYYY-MM-DD date, as the start of that day (for inclusive "to" dates). */
function dayAfter(d: string): string {
  const t = new Date(`${d}T00:00:00.000Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString();
}

/** What a credential's status means today, for people: revoked, suspended, expired, or active. */
export function effectiveStatus(
  c: Pick<CredentialRow, 'status' | 'validUntil'>,
  now: Date,
): 'active' | 'suspended' | 'revoked' | 'expired' {
  if (c.status !== 'active') return c.status;
  return c.validUntil && c.validUntil <= now.toISOString() ? 'expired' : 'active';
}

/** The filter of a register search (learner, achievement, issue dates, status) as one SQL condition. */
export function registerConditions(orgId: string, q: Omit<RegisterQuery, 'page'>, now: Date): SQL {
  const iso = now.toISOString();
  const conds = [eq(credentials.issuerOrgId, orgId)];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(
      or(
        sql`${credentials.subjectName} LIKE ${p} ESCAPE '\\'`,
        sql`${credentials.subjectEmail} LIKE ${p} ESCAPE '\\'`,
      )!,
    );
  }
  if (q.achievement) conds.push(eq(credentials.achievementId, q.achievement));
  if (q.from) conds.push(gte(credentials.issuedAt, `${q.from}T00:00:00.000Z`));
  if (q.to) conds.push(lt(credentials.issuedAt, dayAfter(q.to)));
  switch (q.status) {
    case 'active':
      conds.push(
        eq(credentials.status, 'active'),
        sql`(${credentials.validUntil} IS NULL OR ${credentials.validUntil} > ${iso})`,
      );
      break;
    case 'expired':
      conds.push(eq(credentials.status, 'active'), sql`${credentials.validUntil} <= ${iso}`);
      break;
    case 'suspended':
    case 'revoked':
      conds.push(eq(credentials.status, q.status));
      break;
    case 'replaced':
      conds.push(isNotNull(credentials.replacedById));
      break;
  }
  return and(...conds)!;
}

/** The columns a register row shows (the page, the export and bulk changes read the same). */
export const registerColumns = {
  id: credentials.id,
  subjectName: credentials.subjectName,
  subjectEmail: credentials.subjectEmail,
  achievementId: credentials.achievementId,
  achievementName: achievements.name,
  issuedAt: credentials.issuedAt,
  validFrom: credentials.validFrom,
  validUntil: credentials.validUntil,
  status: credentials.status,
  replacedById: credentials.replacedById,
};

/** Register rows matching a condition, newest first (callers add the limit). */
export const registerRows = (db: Database, where: SQL) =>
  db
    .select(registerColumns)
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .where(where)
    .orderBy(desc(credentials.issuedAt), asc(credentials.id));

/** Searches the credentials an organisation issued, newest first, a page at a time. */
export async function searchRegister(db: Database, orgId: string, q: RegisterQuery, now: Date) {
  const where = registerConditions(orgId, q, now);
  const page = q.page ?? 1;
  const [totalRow, rows] = await Promise.all([
    db.select({ n: count() }).from(credentials).where(where),
    registerRows(db, where)
      .limit(REGISTER_PAGE_SIZE)
      .offset((page - 1) * REGISTER_PAGE_SIZE),
  ]);
  return { rows, total: totalRow[0]?.n ?? 0, page, pageSize: REGISTER_PAGE_SIZE };
}

export type RegisterResult = Awaited<ReturnType<typeof searchRegister>>;

export interface TrailEntry {
  at: string;
  action: string;
  who: string;
  details: Record<string, unknown>;
}

/** Audit events about a credential (and the cohort upload it came from), oldest first, with who acted. */
async function trailOf(db: Database, c: CredentialRow): Promise<TrailEntry[]> {
  const about = c.batchId
    ? or(
        and(eq(auditEvents.targetType, 'credential'), eq(auditEvents.targetId, c.id)),
        and(
          eq(auditEvents.targetType, 'issue_batch'),
          eq(auditEvents.targetId, c.batchId),
          inArray(auditEvents.action, ['batch.uploaded', 'batch.confirmed']),
        ),
      )
    : and(eq(auditEvents.targetType, 'credential'), eq(auditEvents.targetId, c.id));
  const rows = await db
    .select({ e: auditEvents, name: users.displayName, email: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(about)
    .orderBy(asc(auditEvents.at), asc(sql`${auditEvents}.rowid`));
  const out: TrailEntry[] = rows.map((r) => ({
    at: r.e.at,
    action: r.e.action,
    who: r.name ? `${r.name} (${r.email})` : r.e.actorOrgId ? 'API token or system' : 'The learner',
    details: r.e.details ? (JSON.parse(r.e.details) as Record<string, unknown>) : {},
  }));
  if (c.batchId && !out.some((e) => e.action.startsWith('credential.issued'))) {
    // Cohort credentials are issued by chunk; the row itself records when.
    out.push({ at: c.issuedAt, action: 'credential.issued', who: 'Cohort issuing', details: { batchRow: c.batchRow } });
    out.sort((a, b) => a.at.localeCompare(b.at));
  }
  return out;
}

/**
 * Whether the learner has the certificate: claimed (when), already in their passport, a claim link out (until when),
 * the link expired unclaimed, or no link at all. The page puts it in words.
 */
export type CredentialClaim =
  | { state: 'claimed'; at: string }
  | { state: 'in_passport' }
  | { state: 'link_sent'; expiresAt: string }
  | { state: 'link_expired' }
  | { state: 'not_claimed' };

/** One credential an organisation issued, with achievement, claim state, renewal chain and audit trail. */
export async function credentialDetail(db: Database, orgId: string, credentialId: string, now: Date) {
  const rows = await db
    .select({ c: credentials, a: achievements })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .where(and(eq(credentials.id, credentialId), eq(credentials.issuerOrgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No credential with that id was issued by your organisation');
  const [claimRows, trail, batch] = await Promise.all([
    db.select().from(claims).where(eq(claims.credentialId, credentialId)).orderBy(desc(claims.expiresAt)),
    trailOf(db, row.c),
    row.c.batchId
      ? db
          .select({ id: issueBatches.id, fileName: issueBatches.fileName })
          .from(issueBatches)
          .where(eq(issueBatches.id, row.c.batchId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  const iso = now.toISOString();
  const used = claimRows.find((c) => c.usedAt);
  const open = claimRows.find((c) => !c.usedAt && c.expiresAt > iso);
  const claim: CredentialClaim = used
    ? { state: 'claimed', at: used.usedAt! }
    : row.c.subjectUserId
      ? { state: 'in_passport' }
      : open
        ? { state: 'link_sent', expiresAt: open.expiresAt }
        : claimRows.length
          ? { state: 'link_expired' }
          : { state: 'not_claimed' };
  return {
    credential: row.c,
    achievement: row.a,
    status: effectiveStatus(row.c, now),
    claim,
    /** Not in a passport yet, not revoked or renewed, and there is an address to send a new claim link to. */
    canSendClaimLink: !row.c.subjectUserId && row.c.status !== 'revoked' && !row.c.replacedById && !!row.c.subjectEmail,
    batch,
    trail,
  };
}

export type CredentialDetail = Awaited<ReturnType<typeof credentialDetail>>;

/** Credentials issued per achievement of an organisation. */
export async function issuedCounts(db: Database, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: credentials.achievementId, n: count() })
    .from(credentials)
    .where(eq(credentials.issuerOrgId, orgId))
    .groupBy(credentials.achievementId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The organisation's most recently issued credentials. */
export async function recentCredentials(db: Database, orgId: string, limit = 5) {
  return db
    .select({
      id: credentials.id,
      subjectName: credentials.subjectName,
      achievementName: achievements.name,
      issuedAt: credentials.issuedAt,
      status: credentials.status,
    })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .where(eq(credentials.issuerOrgId, orgId))
    .orderBy(desc(credentials.issuedAt), asc(credentials.id))
    .limit(limit);
}

/** The catalogue an academy may align achievements to: its approved frameworks and their items, nothing else. */
export async function issuableCatalogue(db: Database, orgId: string) {
  const ids = await approvedFrameworks(db, orgId);
  if (!ids.length) return [];
  const [fws, items] = await Promise.all([
    db
      .select()
      .from(frameworks)
      .where(inArray(frameworks.id, ids))
      .orderBy(asc(frameworks.sortOrder), asc(frameworks.id)),
    db.select().from(competencies).where(inArray(competencies.frameworkId, ids)).orderBy(asc(competencies.sortOrder)),
  ]);
  return fws.map((f) => ({ framework: f, items: items.filter((c) => c.frameworkId === f.id) }));
}

export type IssuableCatalogue = Awaited<ReturnType<typeof issuableCatalogue>>;

/** The catalogue items (name, refresher period) each achievement aligns to, in one query. */
export async function alignmentsByAchievement(
  db: Database,
  achievementIds: string[],
): Promise<Map<string, { name: string; refreshMonths: number | null }[]>> {
  if (!achievementIds.length) return new Map();
  const rows = await db
    .select({
      a: achievementAlignments.achievementId,
      name: competencies.name,
      refreshMonths: competencies.refreshMonths,
    })
    .from(achievementAlignments)
    .innerJoin(competencies, eq(competencies.id, achievementAlignments.competencyId))
    .where(inArray(achievementAlignments.achievementId, achievementIds))
    .orderBy(asc(competencies.sortOrder));
  const out = new Map<string, { name: string; refreshMonths: number | null }[]>();
  for (const r of rows) out.set(r.a, [...(out.get(r.a) ?? []), { name: r.name, refreshMonths: r.refreshMonths }]);
  return out;
}

/** A credential of any issuer by id, with achievement, issuer and aligned item names (public certificate and verify pages). */
export async function publicCredential(db: Database, credentialId: string) {
  const rows = await db
    .select({ c: credentials, a: achievements, issuerName: organisations.name, issuerSlug: organisations.slug })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(eq(credentials.id, credentialId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  let ids: string[] = [];
  try {
    ids = (JSON.parse(row.c.alignedIds) as unknown[]).filter((x): x is string => typeof x === 'string').slice(0, 50);
  } catch {
    ids = [];
  }
  const aligned = ids.length
    ? await db
        .select({ id: competencies.id, name: competencies.name, framework: frameworks.name })
        .from(competencies)
        .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
        .where(inArray(competencies.id, ids))
    : [];
  return { ...row, aligned };
}

export type PublicCredential = NonNullable<Awaited<ReturnType<typeof publicCredential>>>;

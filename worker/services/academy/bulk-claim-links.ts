/**
 * Sending new claim links to several learners of the register at once: who would get one and who is skipped and why
 * (for the confirmation page), then each send through the same step as the single "send a new claim link" (earlier
 * links closed, the event audited per certificate), under the same per-certificate daily limit.
 */
import { type SQL, and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { achievements, credentials, rateLimits } from '../../../db/schema';
import { type BulkSelection, MAX_BULK_CLAIM_LINKS } from '../../../schemas/register-bulk';
import { AppError } from '../../errors';
import { DAY_MS } from '../../lib/dates';
import { hit } from '../../lib/rate-limit';
import { selectionWhere } from './bulk-status';
import { CLAIM_LINKS_PER_DAY, type Mailer, claimLinkLimitKey, sendNewClaimLink } from './claim-links';
import type { IssueContext } from './issue-types';
import { registerColumns, registerRows } from './register';

/** Why a chosen certificate gets no new claim link. */
export const CLAIM_LINK_SKIPS = ['claimed', 'revoked', 'renewed', 'expired', 'no_email', 'limit'] as const;
export type ClaimLinkSkip = (typeof CLAIM_LINK_SKIPS)[number];

/** How many skipped certificates the confirmation page lists by name (a page of ticks holds at most 100). */
const SKIPPED_ROWS = 100;

/** The reason a certificate takes no new link, worked out in the database (null: it is waiting to be claimed). */
const skipOf = (now: Date) => sql<ClaimLinkSkip | null>`CASE
  WHEN ${credentials.subjectUserId} IS NOT NULL THEN 'claimed'
  WHEN ${credentials.status} = 'revoked' THEN 'revoked'
  WHEN ${credentials.replacedById} IS NOT NULL THEN 'renewed'
  WHEN ${credentials.validUntil} IS NOT NULL AND ${credentials.validUntil} <= ${now.toISOString()} THEN 'expired'
  WHEN coalesce(${credentials.subjectEmail}, '') = '' THEN 'no_email'
END`;

/** The chosen certificates still waiting to be claimed by a learner with an email address. */
const waitingWhere = (orgId: string, sel: BulkSelection, now: Date): SQL =>
  and(selectionWhere(orgId, sel, now), sql`${skipOf(now)} IS NULL`)!;

/** Rate-limit keys looked up per query (D1 binds at most 100 parameters to a statement). */
const KEYS_PER_QUERY = 50;

/** Of these certificates, the ones that had their day's new claim links already. */
async function atDailyLimit(db: Database, ids: string[], now: Date): Promise<Set<string>> {
  const full = new Set<string>();
  for (let i = 0; i < ids.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(
        and(
          inArray(rateLimits.key, ids.slice(i, i + KEYS_PER_QUERY).map(claimLinkLimitKey)),
          sql`${rateLimits.count} >= ${CLAIM_LINKS_PER_DAY}`,
          gt(rateLimits.resetAt, now.getTime()),
        ),
      );
    for (const r of rows) full.add(r.key);
  }
  return new Set(ids.filter((id) => full.has(claimLinkLimitKey(id))));
}

/** A chosen certificate as the confirmation page lists it, with why it is skipped (null: its learner is emailed). */
export type ClaimLinkRow = Awaited<ReturnType<typeof registerRows>>[number] & { skip: ClaimLinkSkip | null };

/**
 * What a bulk send would do: how many are chosen, how many learners would get an email, how many are skipped for
 * each reason, the learners to be emailed and the first skipped certificates with their reason.
 */
export async function previewClaimLinks(db: Database, orgId: string, sel: BulkSelection, now: Date) {
  const chosen = selectionWhere(orgId, sel, now);
  const skip = skipOf(now);
  const [groups, waiting, skippedRows] = await Promise.all([
    db.select({ skip, n: count() }).from(credentials).where(chosen).groupBy(skip),
    registerRows(db, waitingWhere(orgId, sel, now)).limit(MAX_BULK_CLAIM_LINKS + 1),
    db
      .select({ ...registerColumns, skip })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .where(and(chosen, sql`${skip} IS NOT NULL`))
      .orderBy(desc(credentials.issuedAt), asc(credentials.id))
      .limit(SKIPPED_ROWS),
  ]);
  const limited = await atDailyLimit(
    db,
    waiting.map((w) => w.id),
    now,
  );
  const counts = Object.fromEntries(CLAIM_LINK_SKIPS.map((s) => [s, 0])) as Record<ClaimLinkSkip, number>;
  let waitingTotal = 0;
  for (const g of groups) {
    if (g.skip) counts[g.skip] = g.n;
    else waitingTotal = g.n;
  }
  counts.limit = limited.size;
  const rows: ClaimLinkRow[] = waiting.map((r) => ({ ...r, skip: limited.has(r.id) ? 'limit' : null }));
  return {
    chosen: groups.reduce((n, g) => n + g.n, 0),
    sending: waitingTotal - limited.size,
    counts,
    toEmail: rows.filter((r) => !r.skip),
    skipped: [...rows.filter((r) => r.skip), ...skippedRows].slice(0, SKIPPED_ROWS),
    tooMany: waitingTotal > MAX_BULK_CLAIM_LINKS,
  };
}

export type ClaimLinksPreview = Awaited<ReturnType<typeof previewClaimLinks>>;

/**
 * Sends a new claim link to each chosen certificate still waiting to be claimed, one by one through the single
 * send (earlier links closed, audited with how many were sent together). A certificate that had its day's links, or
 * that was claimed, revoked or renewed meanwhile, is skipped. Returns how many were sent and skipped.
 */
export async function sendClaimLinks(
  ctx: IssueContext & { mailer: Mailer },
  orgId: string,
  sel: BulkSelection,
): Promise<{ sent: number; skipped: number }> {
  const { db, now } = ctx;
  // Newest first, as the check page listed them; one more than allowed tells a selection that is too wide.
  const targets = await registerRows(db, waitingWhere(orgId, sel, now)).limit(MAX_BULK_CLAIM_LINKS + 1);
  const tooMany = `That would email more than ${MAX_BULK_CLAIM_LINKS} learners at once; narrow the search and do it in parts`;
  if (targets.length > MAX_BULK_CLAIM_LINKS) throw new AppError('conflict', tooMany);
  let sent = 0;
  for (const { id } of targets) {
    const d = await hit(db, claimLinkLimitKey(id), CLAIM_LINKS_PER_DAY, DAY_MS / 1000, now);
    if (!d.allowed) continue;
    try {
      await sendNewClaimLink(ctx, orgId, id, { bulk: targets.length });
      sent++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return { sent, skipped: targets.length - sent };
}

/**
 * Issuing credentials: load the achievement with its alignments, find each recipient's passport, sign one credential
 * per recipient on random status-list slots (credential-signing.ts), and store them all, with their claims and
 * audit, in one batch. A learner without a passport gets a claim link (claim-links.ts).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { chunkForInsert } from '../../../db/client';
import { type RawStatement, insertRows, rawOf, runRawBatch } from '../../../db/raw-batch';
import {
  achievementAlignments,
  achievements,
  claims,
  competencies,
  credentials,
  frameworks,
  issueRequests,
  organisations,
  users,
} from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { ensureHolderDid } from '../passport/holders';
import { signerFor } from '../organisations/issuers';
import { allocateStatusSlots } from './status-lists';
import { type SignedRow, signFor } from './credential-signing';
import { type IdempotentRequest, findIdempotentIssue } from './issue-idempotency';
import type { IssueContext, IssuedCredential, LoadedAchievement, Recipient } from './issue-types';
import type { Securing } from '../../credentials/securing';

/** Loads an achievement of an organisation with its alignments; 404 when it is not that organisation's. */
export async function loadAchievement(db: Database, orgId: string, achievementId: string): Promise<LoadedAchievement> {
  const rows = await db
    .select({ a: achievements, o: organisations })
    .from(achievements)
    .innerJoin(organisations, eq(organisations.id, achievements.orgId))
    .where(and(eq(achievements.id, achievementId), eq(achievements.orgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No such achievement in this organisation');
  if (row.a.archivedAt) throw new AppError('conflict', 'This achievement is archived and cannot be issued');
  const aligned = await db
    .select({ c: competencies, fname: frameworks.name })
    .from(achievementAlignments)
    .innerJoin(competencies, eq(competencies.id, achievementAlignments.competencyId))
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(eq(achievementAlignments.achievementId, achievementId));
  return { org: row.o, achievement: row.a, aligned: aligned.map((r) => ({ ...r.c, frameworkName: r.fname })) };
}

/** Finds passports by email and makes sure each has a holder DID. */
async function resolveRecipients(ctx: IssueContext, recipients: Recipient[]) {
  const emails = [...new Set(recipients.map((r) => r.email.toLowerCase()))];
  const found = new Map<string, { id: string; did: string | null }>();
  for (const chunk of chunkForInsert(emails, 1)) {
    const rows = await ctx.db
      .select({ id: users.id, email: users.email, did: users.holderDid })
      .from(users)
      .where(inArray(users.email, chunk));
    for (const r of rows) found.set(r.email, { id: r.id, did: r.did });
  }
  for (const [email, u] of found) {
    if (!u.did) found.set(email, { id: u.id, did: await ensureHolderDid(ctx.db, ctx.config, u.id) });
  }
  return recipients.map((r) => {
    const u = found.get(r.email.toLowerCase());
    return { ...r, email: r.email.toLowerCase(), userId: u?.id ?? null, holderDid: u?.did ?? null };
  });
}

/**
 * Issues one credential per recipient and stores them atomically (all or none) with their claims and audit events.
 * Status slots are random; a rare unique-index clash with a concurrent issuer is retried with fresh slots.
 */
export async function issueCredentials(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  recipients: Recipient[],
  extra: { batchId?: string; replacesId?: string; idempotency?: IdempotentRequest; securing?: Securing } = {},
): Promise<IssuedCredential[]> {
  if (loaded.org.status !== 'approved')
    throw new AppError('forbidden', 'This organisation is not approved to issue yet');
  if (!recipients.length) return [];
  if (extra.idempotency && recipients.length !== 1) throw new Error('an idempotency key covers exactly one recipient');
  const { db, now } = ctx;
  if (extra.idempotency) {
    const earlier = await findIdempotentIssue(db, ctx.bodies, loaded.org.id, extra.idempotency);
    if (earlier) return [earlier];
  }
  const resolved = await resolveRecipients(ctx, recipients);
  const signer = await signerFor(ctx, loaded.org, now);
  for (let attempt = 0; ; attempt++) {
    const slots = await allocateStatusSlots(db, loaded.org.id, resolved.length, now);
    const signed: SignedRow[] = [];
    for (let i = 0; i < resolved.length; i++) {
      signed.push(await signFor(ctx, loaded, signer, resolved[i]!, slots[i]!, extra));
    }
    try {
      await storeSigned(ctx, loaded, signed, extra);
      return signed.map((s) => s.result);
    } catch (err) {
      if (attempt < 3 && /UNIQUE constraint failed: credentials\.revocation_list_id/.test(String(err))) continue;
      // The same key in flight twice: the other request stored its credential first; answer with that one.
      if (extra.idempotency && /UNIQUE constraint failed: issue_requests\./.test(String(err))) {
        const winner = await findIdempotentIssue(db, ctx.bodies, loaded.org.id, extra.idempotency);
        if (winner) return [winner];
      }
      throw err;
    }
  }
}

async function storeSigned(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  signed: SignedRow[],
  extra: { replacesId?: string; idempotency?: IdempotentRequest },
) {
  const { db, now, actorUserId } = ctx;
  // The signed bodies first: a failure after this leaves bodies no row names, never a row without its body.
  await ctx.bodies.put(signed.map((s) => ({ key: s.row.id, body: s.result.jwt })));
  // The rows go as raw multi-row inserts (db/raw-batch.ts): for a cohort, building them through the query builder
  // cost more than storing them. Everything below is still one atomic batch.
  const statements: RawStatement[] = [
    ...insertRows(
      credentials,
      signed.map((s) => s.row),
    ),
    ...insertRows(
      claims,
      signed.flatMap((s) => (s.claim ? [s.claim] : [])),
    ),
  ];
  if (extra.idempotency) {
    statements.push(
      rawOf(
        db.insert(issueRequests).values({
          orgId: loaded.org.id,
          key: extra.idempotency.key,
          requestHash: extra.idempotency.requestHash,
          credentialId: signed[0]!.row.id,
          createdAt: now.toISOString(),
        }),
      ),
    );
  }
  if (extra.replacesId) {
    statements.push(
      rawOf(
        db
          .update(credentials)
          .set({ replacedById: signed[0]!.row.id })
          .where(and(eq(credentials.id, extra.replacesId), isNull(credentials.replacedById))),
      ),
    );
  }
  statements.push(
    rawOf(
      auditInsert(db, {
        at: now,
        actorUserId,
        actorOrgId: loaded.org.id,
        action: extra.replacesId
          ? 'credential.renewed'
          : signed.length > 1
            ? 'credential.issued_many'
            : 'credential.issued',
        targetType: 'credential',
        targetId: signed.length === 1 ? signed[0]!.row.id : null,
        details: {
          achievementId: loaded.achievement.id,
          count: signed.length,
          ...(extra.replacesId ? { replaces: extra.replacesId } : {}),
        },
      }),
    ),
  );
  await runRawBatch(db, statements);
}

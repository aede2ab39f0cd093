/**
 * Issuing credentials: build the Open Badges 3.0 credential from an achievement, sign it as vc+jwt with the
 * academy's key, allocate random status-list slots, and store everything for a recipient in one batch.
 * A learner without a passport gets a claim link; the credential is re-signed to their holder DID on claim.
 */
import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { chunkForInsert } from '../../../db/client';
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
import type { Config } from '../../config';
import { didKeyFromPublicJwk } from '../../credentials/did';
import {
  type AlignmentInput,
  type EvidenceInput,
  buildOpenBadgeCredential,
  signCredentialJwt,
} from '../../credentials/issue';
import { parseCompactJwt } from '../../credentials/jwt';
import { generateEd25519KeyPair } from '../../credentials/keys';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { auditInsert, auditInsertIfChanged } from '../../lib/audit';
import { ensureHolderDid } from '../passport/holders';
import { signerFor } from '../organisations/issuers';
import { type StatusSlot, allocateStatusSlots, statusListUrl } from './status-lists';

export const CLAIM_DAYS = 30;
const DAY_MS = 86_400_000;

type OrgRow = typeof organisations.$inferSelect;
type AchievementRow = typeof achievements.$inferSelect;
type CompetencyRow = typeof competencies.$inferSelect;

export interface Evidence {
  assessorName?: string | undefined;
  assessedOn?: string | undefined;
  score?: string | undefined;
  notes?: string | undefined;
}

export interface Recipient {
  email: string;
  name: string;
  /** Date the training was completed (YYYY-MM-DD); defaults to today. */
  completedOn?: string | undefined;
  evidence?: Evidence | undefined;
  /** Batch row this credential answers, for idempotent cohort issuing. */
  batchRow?: number | undefined;
}

export interface IssueContext {
  db: Database;
  config: Config;
  now: Date;
  actorUserId: string | null;
}

export interface IssuedCredential {
  credentialId: string;
  jwt: string;
  email: string;
  subjectUserId: string | null;
  /** Only when the recipient had no passport: the one-time claim token for the emailed link. */
  claimToken: string | null;
  validUntil: string | null;
  batchRow?: number | undefined;
  /** Answered from an earlier request with the same idempotency key: nothing was issued this time. */
  replayed?: boolean;
  /** On a replay: whether the first request's notice to the learner went out. */
  notified?: boolean;
}

/** An achievement with its aligned catalogue items, loaded once per issue call. */
export interface LoadedAchievement {
  org: OrgRow;
  achievement: AchievementRow;
  aligned: (CompetencyRow & { frameworkName: string })[];
}

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

/** Months a credential of this achievement stays valid: its own setting, else the shortest aligned refresher. */
export function validityMonths(a: LoadedAchievement): number | null {
  if (a.achievement.validityMonths) return a.achievement.validityMonths;
  const periods = a.aligned.map((c) => c.refreshMonths).filter((m): m is number => typeof m === 'number' && m > 0);
  return periods.length ? Math.min(...periods) : null;
}

/** Adds whole calendar months in UTC (clamped to the month's last day). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(d.getUTCDate(), last));
  return r;
}

function alignmentsOf(config: Config, a: LoadedAchievement): AlignmentInput[] {
  return a.aligned.map((c) => ({
    targetName: c.name,
    targetUrl: `${config.PUBLIC_ORIGIN}/catalogue/competencies?q=${encodeURIComponent(c.code)}`,
    targetCode: c.id,
    targetFramework: c.frameworkName,
    targetType: c.kind === 'qualification' ? 'ceterms:Credential' : 'ceasn:Competency',
  }));
}

function evidenceOf(e: Evidence | undefined): EvidenceInput[] | undefined {
  if (!e || !(e.assessorName || e.assessedOn || e.score || e.notes)) return undefined;
  const parts = [
    e.assessorName ? `Assessed by ${e.assessorName}` : null,
    e.assessedOn ? `on ${e.assessedOn}` : null,
    e.score ? `score: ${e.score}` : null,
  ].filter(Boolean);
  return [
    {
      name: parts.length ? parts.join(' ') : 'Assessment evidence',
      ...(e.notes ? { narrative: e.notes } : {}),
      genre: 'Assessment',
    },
  ];
}

/** A placeholder subject for a credential awaiting its claim; replaced by the holder's DID when claimed. */
async function pendingSubjectDid(): Promise<string> {
  const { publicJwk } = await generateEd25519KeyPair();
  return didKeyFromPublicJwk(publicJwk);
}

interface SignedRow {
  row: typeof credentials.$inferInsert;
  claim: typeof claims.$inferInsert | null;
  result: IssuedCredential;
}

async function signFor(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  signer: Awaited<ReturnType<typeof signerFor>>,
  recipient: Recipient & { userId: string | null; holderDid: string | null },
  slot: StatusSlot,
  extra: { batchId?: string | undefined; replacesId?: string | undefined },
): Promise<SignedRow> {
  const { config, now } = ctx;
  const id = newId();
  const validFrom = recipient.completedOn ? new Date(`${recipient.completedOn}T00:00:00.000Z`) : now;
  const months = validityMonths(loaded);
  const validUntil = months ? addMonths(validFrom, months) : null;
  const subject = recipient.holderDid ?? (await pendingSubjectDid());
  const evidence = evidenceOf(recipient.evidence);
  const credential = buildOpenBadgeCredential({
    id: `urn:uuid:${id}`,
    issuerDid: signer.did,
    issuerName: loaded.org.name,
    issuerUrl: `${config.PUBLIC_ORIGIN}/issuers/${loaded.org.slug}`,
    holderDid: subject,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    achievement: {
      id: `${config.PUBLIC_ORIGIN}/achievements/${loaded.achievement.id}`,
      achievementType: loaded.achievement.achievementType,
      name: loaded.achievement.name,
      description: loaded.achievement.description,
      criteriaNarrative: loaded.achievement.criteria,
      alignments: alignmentsOf(config, loaded),
    },
    status: {
      revocationListUrl: statusListUrl(config, slot.revocationListId),
      suspensionListUrl: statusListUrl(config, slot.suspensionListId),
      index: slot.index,
    },
    ...(evidence ? { evidence } : {}),
  });
  const jwt = await signCredentialJwt(credential, signer, { now });
  let claimToken: string | null = null;
  let claim: SignedRow['claim'] = null;
  if (!recipient.userId) {
    claimToken = newToken();
    claim = {
      tokenHash: hashToken(claimToken),
      credentialId: id,
      email: recipient.email,
      expiresAt: new Date(now.getTime() + CLAIM_DAYS * DAY_MS).toISOString(),
    };
  }
  const kidFragment = signer.kid.slice(signer.kid.indexOf('#') + 1);
  return {
    row: {
      id,
      issuerOrgId: loaded.org.id,
      achievementId: loaded.achievement.id,
      subjectUserId: recipient.userId,
      subjectDid: recipient.holderDid,
      subjectEmail: recipient.email,
      subjectName: recipient.name,
      jwt,
      kid: kidFragment,
      validFrom: validFrom.toISOString(),
      validUntil: validUntil ? validUntil.toISOString() : null,
      status: 'active',
      revocationListId: slot.revocationListId,
      suspensionListId: slot.suspensionListId,
      statusIndex: slot.index,
      batchId: extra.batchId ?? null,
      batchRow: recipient.batchRow ?? null,
      replacesId: extra.replacesId ?? null,
      evidence: recipient.evidence ? JSON.stringify(recipient.evidence) : null,
      alignedIds: JSON.stringify(loaded.aligned.map((c) => c.id)),
      issuedAt: now.toISOString(),
    },
    claim,
    result: {
      credentialId: id,
      jwt,
      email: recipient.email,
      subjectUserId: recipient.userId,
      claimToken,
      validUntil: validUntil ? validUntil.toISOString() : null,
      batchRow: recipient.batchRow,
    },
  };
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
/** A single issue made idempotent: the caller's key and a hash of what it asked for. */
export interface IdempotentRequest {
  key: string;
  requestHash: string;
}

/** SHA-256 (hex) of a request's canonical JSON, for comparing a retry with the request that first used its key. */
export async function requestHashOf(request: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(request)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The credential an earlier request with this key issued (its claim token is not kept, so it is null), or null when
 * the key is new. A key reused for a different request is refused: answering with the first credential would
 * hide the second request, and issuing would break the promise the key makes.
 */
export async function findIdempotentIssue(
  db: Database,
  orgId: string,
  idem: IdempotentRequest,
): Promise<IssuedCredential | null> {
  const rows = await db
    .select({ r: issueRequests, c: credentials, email: users.email, claimEmail: claims.email })
    .from(issueRequests)
    .innerJoin(credentials, eq(credentials.id, issueRequests.credentialId))
    .leftJoin(users, eq(users.id, credentials.subjectUserId))
    .leftJoin(claims, eq(claims.credentialId, credentials.id))
    .where(and(eq(issueRequests.orgId, orgId), eq(issueRequests.key, idem.key)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (row.r.requestHash !== idem.requestHash) {
    throw new AppError('idempotency_key_reused', 'This idempotency key was already used for a different request', {
      credentialId: row.c.id,
    });
  }
  return {
    credentialId: row.c.id,
    jwt: row.c.jwt,
    email: row.email ?? row.claimEmail ?? '',
    subjectUserId: row.c.subjectUserId,
    claimToken: null,
    validUntil: row.c.validUntil,
    replayed: true,
    notified: row.r.notifiedAt !== null,
  };
}

type Mailer = { send(m: { to: string; subject: string; body: string }): Promise<void> };

/**
 * Tells the learner about a credential, once per idempotency key. A replay whose first request stopped before its
 * email (a crash, a mail failure) sends it now, with a new claim link since the first was never delivered.
 */
export async function notifyIssued(
  ctx: IssueContext & { mailer: Mailer },
  loaded: LoadedAchievement,
  issued: IssuedCredential,
  idempotency?: IdempotentRequest,
): Promise<void> {
  if (issued.replayed && (!idempotency || issued.notified)) return;
  if (issued.replayed && issued.subjectUserId === null) {
    try {
      await sendNewClaimLink(ctx, loaded.org.id, issued.credentialId);
    } catch (err) {
      // Claimed, revoked or renewed since: there is nothing left to tell the learner.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  } else {
    await sendIssueNotices(ctx.mailer, ctx.config, loaded.org.name, loaded.achievement.name, [issued]);
  }
  if (idempotency) {
    await ctx.db
      .update(issueRequests)
      .set({ notifiedAt: ctx.now.toISOString() })
      .where(
        and(
          eq(issueRequests.orgId, loaded.org.id),
          eq(issueRequests.key, idempotency.key),
          isNull(issueRequests.notifiedAt),
        ),
      );
  }
}

export async function issueCredentials(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  recipients: Recipient[],
  extra: { batchId?: string; replacesId?: string; idempotency?: IdempotentRequest } = {},
): Promise<IssuedCredential[]> {
  if (loaded.org.status !== 'approved')
    throw new AppError('forbidden', 'This organisation is not approved to issue yet');
  if (!recipients.length) return [];
  if (extra.idempotency && recipients.length !== 1) throw new Error('an idempotency key covers exactly one recipient');
  const { db, config, now } = ctx;
  if (extra.idempotency) {
    const earlier = await findIdempotentIssue(db, loaded.org.id, extra.idempotency);
    if (earlier) return [earlier];
  }
  const resolved = await resolveRecipients(ctx, recipients);
  const signer = await signerFor(db, config, loaded.org, now);
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
        const winner = await findIdempotentIssue(db, loaded.org.id, extra.idempotency);
        if (winner) return [winner];
      }
      throw err;
    }
  }
}

const CREDENTIAL_COLUMNS = 24;

async function storeSigned(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  signed: SignedRow[],
  extra: { replacesId?: string; idempotency?: IdempotentRequest },
) {
  const { db, now, actorUserId } = ctx;
  // biome-ignore lint/suspicious/noExplicitAny: drizzle's batch takes a heterogeneous tuple of queries
  const statements: any[] = [];
  for (const chunk of chunkForInsert(signed, CREDENTIAL_COLUMNS)) {
    statements.push(db.insert(credentials).values(chunk.map((s) => s.row)));
  }
  const claimRows = signed.flatMap((s) => (s.claim ? [s.claim] : []));
  for (const chunk of chunkForInsert(claimRows, 4)) statements.push(db.insert(claims).values(chunk));
  if (extra.idempotency) {
    statements.push(
      db.insert(issueRequests).values({
        orgId: loaded.org.id,
        key: extra.idempotency.key,
        requestHash: extra.idempotency.requestHash,
        credentialId: signed[0]!.row.id,
        createdAt: now.toISOString(),
      }),
    );
  }
  if (extra.replacesId) {
    statements.push(
      db
        .update(credentials)
        .set({ replacedById: signed[0]!.row.id })
        .where(and(eq(credentials.id, extra.replacesId), isNull(credentials.replacedById))),
    );
  }
  statements.push(
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
  );
  await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
}

/** Emails each recipient: a link to their passport, or a one-time claim link when they have none yet. */
export async function sendIssueNotices(
  mailer: { send(m: { to: string; subject: string; body: string }): Promise<void> },
  config: Config,
  orgName: string,
  achievementName: string,
  issued: IssuedCredential[],
): Promise<void> {
  for (const c of issued) {
    const link = c.claimToken
      ? `${config.PUBLIC_ORIGIN}/claim?token=${c.claimToken}`
      : `${config.PUBLIC_ORIGIN}/passport`;
    await mailer.send({
      to: c.email,
      subject: `${orgName} has issued you a certificate: ${achievementName}`,
      body: c.claimToken
        ? `${orgName} has issued you "${achievementName}".\n\nAdd it to your Care Passport (the link works once and expires in ${CLAIM_DAYS} days):\n${link}\n`
        : `${orgName} has issued you "${achievementName}". It is already in your Care Passport:\n${link}\n`,
    });
  }
}

/**
 * Sends a learner a new claim link for a credential they have not claimed (the first was lost, or expired): any
 * link still open is closed, the new one is stored and the event audited in one batch, then the email goes out.
 */
export async function sendNewClaimLink(
  ctx: IssueContext & { mailer: Mailer },
  orgId: string,
  credentialId: string,
): Promise<{ email: string; expiresAt: string }> {
  const { db, config, now } = ctx;
  const rows = await db
    .select({ c: credentials, a: achievements.name, o: organisations.name })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(and(eq(credentials.id, credentialId), eq(credentials.issuerOrgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No credential with that id was issued by your organisation');
  const email = row.c.subjectEmail;
  if (!email) throw new AppError('conflict', 'No email address is recorded for this learner');
  const token = newToken();
  const tokenHash = hashToken(token);
  const iso = now.toISOString();
  const expiresAt = new Date(now.getTime() + CLAIM_DAYS * DAY_MS).toISOString();
  // Every condition is checked again inside the batch: a claim, revocation or renewal that lands between the read
  // above and this write leaves no new link, no closed links and no audit event behind.
  const waiting = and(
    eq(credentials.id, credentialId),
    isNull(credentials.subjectUserId),
    ne(credentials.status, 'revoked'),
    isNull(credentials.replacedById),
  );
  const [inserted] = await db.batch([
    db.insert(claims).select(
      db
        .select({
          tokenHash: sql<string>`${tokenHash}`.as('token_hash'),
          credentialId: credentials.id,
          email: sql<string>`${email}`.as('email'),
          expiresAt: sql<string>`${expiresAt}`.as('expires_at'),
          usedAt: sql<string | null>`null`.as('used_at'),
        })
        .from(credentials)
        .where(waiting),
    ),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId: ctx.actorUserId,
      actorOrgId: orgId,
      action: 'credential.claim_link_sent',
      targetType: 'credential',
      targetId: credentialId,
    }),
    db
      .update(claims)
      .set({ expiresAt: iso })
      .where(
        and(
          eq(claims.credentialId, credentialId),
          isNull(claims.usedAt),
          gt(claims.expiresAt, iso),
          ne(claims.tokenHash, tokenHash),
          sql`exists (select 1 from ${claims} c2 where c2.token_hash = ${tokenHash})`,
        ),
      ),
  ]);
  if ((inserted as { rowsAffected?: number }).rowsAffected === 0) {
    throw new AppError(
      'conflict',
      row.c.subjectUserId
        ? "It is already in the learner's passport"
        : row.c.status === 'revoked'
          ? 'It was revoked, so it cannot be claimed'
          : row.c.replacedById
            ? 'It was renewed; the newer certificate is the one to claim'
            : 'It is no longer waiting to be claimed',
    );
  }
  await ctx.mailer.send({
    to: email,
    subject: `${row.o} has sent you a new link for your certificate: ${row.a}`,
    body: `${row.o} has issued you "${row.a}".\n\nAdd it to your Care Passport with this new link (it works once and expires in ${CLAIM_DAYS} days; earlier links no longer work):\n${config.PUBLIC_ORIGIN}/claim?token=${token}\n`,
  });
  return { email, expiresAt };
}

/**
 * Claims a credential with a one-time link: re-signs it to the signed-in worker's holder DID (same id, same
 * status slot) and marks the claim used, in one batch. The unbound version was never released.
 */
export async function claimCredential(ctx: IssueContext, token: string, userId: string) {
  const { db, config, now } = ctx;
  const rows = await db
    .select({ cl: claims, cr: credentials, o: organisations })
    .from(claims)
    .innerJoin(credentials, eq(credentials.id, claims.credentialId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(eq(claims.tokenHash, hashToken(token)))
    .limit(1);
  const row = rows[0];
  if (!row || row.cl.usedAt) throw new AppError('gone', 'This claim link has already been used or does not exist');
  if (row.cl.expiresAt <= now.toISOString())
    throw new AppError('gone', 'This claim link has expired; ask the academy to send a new one');
  if (row.cr.status === 'revoked') throw new AppError('gone', 'This credential was revoked by its issuer');
  const holderDid = await ensureHolderDid(db, config, userId);
  const parsed = parseCompactJwt(row.cr.jwt);
  if (!parsed.ok) throw new AppError('internal', 'Stored credential is unreadable');
  const { iss: _iss, iat: _iat, jti: _jti, ...credential } = parsed.jwt.payload;
  (credential.credentialSubject as { id: string }).id = holderDid;
  const signer = await signerFor(db, config, row.o, now);
  const jwt = await signCredentialJwt(credential, signer, { now });
  const res = await db.batch([
    // A link is used up only while the credential is still unclaimed (another link may have won a race).
    db
      .update(claims)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(claims.tokenHash, row.cl.tokenHash),
          isNull(claims.usedAt),
          gt(claims.expiresAt, now.toISOString()),
          sql`exists (select 1 from ${credentials} where ${credentials.id} = ${row.cr.id} and ${credentials.subjectUserId} is null)`,
        ),
      ),
    db
      .update(credentials)
      .set({ jwt, subjectUserId: userId, subjectDid: holderDid, kid: signer.kid.slice(signer.kid.indexOf('#') + 1) })
      .where(and(eq(credentials.id, row.cr.id), isNull(credentials.subjectUserId))),
    auditInsertIfChanged(db, {
      at: now,
      actorUserId: userId,
      actorOrgId: null,
      action: 'credential.claimed',
      targetType: 'credential',
      targetId: row.cr.id,
    }),
  ]);
  if ((res[0] as { rowsAffected?: number }).rowsAffected === 0) {
    throw new AppError('gone', 'This claim link has already been used');
  }
  return { credentialId: row.cr.id };
}

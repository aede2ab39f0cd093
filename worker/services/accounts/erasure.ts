/**
 * What deleting an account does to every table that holds the person (the privacy notice at /privacy says the
 * same in plain words):
 *
 * - deleted: the account, sessions, email tokens, memberships, invitations sent to their email, shares and their
 *   view history, imported credentials, claim links for their credentials, mail to them or naming them in the
 *   outbox, and rate-limit counters keyed by their email or account;
 * - kept, without the person: an academy's register keeps what an issuer needs to answer status checks and renew
 *   or revoke (credential id, achievement, dates, status, status slot, signed JWT, which names the holder only by a
 *   did:key that nothing here links to anyone any more), but loses the learner's account link, name, email and
 *   holder DID; the academy's cohort rows lose name and email; employers' saved checks keep their verdict, dates and
 *   role assessment but lose the candidate's name, the holder DID, the credentials (JWTs) and share link, and can no
 *   longer be re-checked; audit events and role history keep what happened, with the email and name taken out of
 *   their details.
 *
 * Everything is written in one batch (all or nothing). On a local libSQL file the database is then rewritten
 * (VACUUM) and its write-ahead log truncated, so the bytes are gone from the files too; D1 manages its own storage
 * (see SECURITY.md for its point-in-time recovery window).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../../db/client';
import {
  auditEvents,
  claims,
  credentials,
  emailTokens,
  importedCredentials,
  invitations,
  issueBatchRows,
  memberships,
  outbox,
  presentationRequests,
  rateLimits,
  roleHistory,
  savedVerifications,
  sessions,
  shareViews,
  shares,
  users,
  walletOffers,
} from '../../../db/schema';

/** What replaces the person's name, email and identifiers wherever a record is kept. */
export const ERASED = '[deleted account]';
/** Bound parameters per IN list / per OR of instr() terms, well under D1's 100 per statement. */
const CHUNK = 40;

export interface PersonToErase {
  id: string;
  email: string;
  displayName: string;
  holderDid: string | null;
}

type Statement = BatchItem<'sqlite'>;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Replaces every needle inside every string of a JSON value (names and emails matched without case). */
export function redactJson(value: unknown, needles: string[]): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const n of needles) if (n) s = s.replace(new RegExp(escapeRe(n), 'gi'), ERASED);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, needles));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, needles)]));
  return value;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An OR of instr(column, needle) > 0 over needles. */
function containsAny(column: Parameters<typeof sql>[1], needles: string[]) {
  return or(...needles.map((n) => sql`instr(${column}, ${n}) > 0`));
}

/** The ids the person is known by in other records: credentials issued to them, their shares. */
async function identifiersOf(db: Database, p: PersonToErase) {
  const creds = await db
    .select({ id: credentials.id, did: credentials.subjectDid })
    .from(credentials)
    .where(or(eq(credentials.subjectUserId, p.id), eq(credentials.subjectEmail, p.email)));
  const shareRows = await db.select({ id: shares.id }).from(shares).where(eq(shares.userId, p.id));
  const walletRows = await db
    .select({ did: walletOffers.holderDid })
    .from(walletOffers)
    .where(eq(walletOffers.userId, p.id));
  const dids = new Set(
    [p.holderDid, ...creds.map((c) => c.did), ...walletRows.map((w) => w.did)].filter((d): d is string => !!d),
  );
  return { credentialIds: creds.map((c) => c.id), shareIds: shareRows.map((s) => s.id), dids: [...dids] };
}

/** Employers' saved checks about the person: verdicts kept, identifiers and credentials dropped. */
async function savedCheckUpdates(db: Database, needles: string[], names: string[]): Promise<Statement[]> {
  const out: Statement[] = [];
  const seen = new Set<string>();
  for (const part of chunks(needles)) {
    const rows = await db
      .select()
      .from(savedVerifications)
      .where(or(containsAny(savedVerifications.input, part), containsAny(savedVerifications.result, part)));
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const input = JSON.parse(r.input) as Record<string, unknown>;
      const erasedInput = { ...input, credentials: [], holder: null, shareId: null, erased: true };
      const result = redactJson(JSON.parse(r.result), [...needles, ...names]) as Record<string, unknown>;
      out.push(
        db
          .update(savedVerifications)
          .set({
            candidateName: null,
            input: JSON.stringify(erasedInput),
            result: JSON.stringify(stripSharedBy(result)),
          })
          .where(eq(savedVerifications.id, r.id)),
      );
    }
  }
  return out;
}

/** Employers' wallet requests the person answered: the verdict stays, her wallet DID and credentials go. */
async function walletRequestUpdates(db: Database, needles: string[], names: string[]): Promise<Statement[]> {
  const out: Statement[] = [];
  const seen = new Set<string>();
  for (const part of chunks(needles)) {
    const rows = await db
      .select({ id: presentationRequests.id, outcome: presentationRequests.outcome })
      .from(presentationRequests)
      .where(or(inArray(presentationRequests.holderDid, part), containsAny(presentationRequests.outcome, part)));
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const outcome = r.outcome ? redactJson(JSON.parse(r.outcome), [...needles, ...names]) : null;
      out.push(
        db
          .update(presentationRequests)
          .set({ holderDid: null, outcome: outcome === null ? null : JSON.stringify(stripSharedBy(outcome)) })
          .where(eq(presentationRequests.id, r.id)),
      );
    }
  }
  return out;
}

/** The saved result's reports name whoever shared the passport (`sharedBy`); that goes. */
function stripSharedBy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSharedBy);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'sharedBy' ? null : stripSharedBy(v)]));
  return value;
}

/** Rows of JSON text (cohort rows, audit details) that mention the person, rewritten without them. */
async function redactedTextUpdates(db: Database, needles: string[]): Promise<Statement[]> {
  const out: Statement[] = [];
  const batchRows = await db
    .select()
    .from(issueBatchRows)
    .where(containsAny(issueBatchRows.data, needles.slice(0, CHUNK)));
  for (const r of batchRows)
    out.push(
      db
        .update(issueBatchRows)
        .set({ data: JSON.stringify(redactJson(JSON.parse(r.data), needles)), error: null })
        .where(and(eq(issueBatchRows.batchId, r.batchId), eq(issueBatchRows.rowNo, r.rowNo))),
    );
  const events = await db
    .select({ id: auditEvents.id, details: auditEvents.details })
    .from(auditEvents)
    .where(containsAny(auditEvents.details, needles.slice(0, CHUNK)));
  for (const e of events)
    out.push(
      db
        .update(auditEvents)
        .set({ details: JSON.stringify(redactJson(JSON.parse(e.details ?? 'null'), needles)) })
        .where(eq(auditEvents.id, e.id)),
    );
  return out;
}

/**
 * The statements that erase a person, to run in one batch with the account's own deletion. Reads what other
 * records know them by first (credential ids, share ids, holder DIDs), so those records can be found and cleaned.
 */
export async function erasureStatements(db: Database, p: PersonToErase): Promise<Statement[]> {
  const ids = await identifiersOf(db, p);
  const names = p.displayName.trim().length >= 3 ? [p.displayName.trim()] : [];
  // What identifies the person in free text: email, name, holder DIDs, their credential ids and share ids.
  const textNeedles = [p.email, ...names];
  const recordNeedles = [p.email, ...ids.dids, ...ids.credentialIds, ...ids.shareIds];
  const statements: Statement[] = [
    ...(await savedCheckUpdates(db, recordNeedles, names)),
    ...(await walletRequestUpdates(db, recordNeedles, names)),
    ...(await redactedTextUpdates(db, textNeedles)),
  ];
  for (const part of chunks(ids.shareIds))
    statements.push(db.delete(shareViews).where(inArray(shareViews.shareId, part)));
  for (const part of chunks(ids.credentialIds))
    statements.push(db.delete(claims).where(inArray(claims.credentialId, part)));
  statements.push(
    db.delete(shares).where(eq(shares.userId, p.id)),
    db.delete(claims).where(eq(claims.email, p.email)),
    db.delete(importedCredentials).where(eq(importedCredentials.userId, p.id)),
    db.delete(sessions).where(eq(sessions.userId, p.id)),
    db.delete(emailTokens).where(eq(emailTokens.userId, p.id)),
    db.delete(memberships).where(eq(memberships.userId, p.id)),
    db.delete(invitations).where(eq(invitations.email, p.email)),
    db
      .delete(outbox)
      .where(
        or(eq(outbox.to, p.email), containsAny(outbox.body, textNeedles), containsAny(outbox.subject, textNeedles)),
      ),
    db.delete(rateLimits).where(containsAny(rateLimits.key, [p.email, p.id])),
    db
      .update(credentials)
      .set({ subjectUserId: null, subjectEmail: null, subjectName: null, subjectDid: null })
      .where(or(eq(credentials.subjectUserId, p.id), eq(credentials.subjectEmail, p.email))),
    db.update(roleHistory).set({ userId: null }).where(eq(roleHistory.userId, p.id)),
    db.delete(users).where(eq(users.id, p.id)),
  );
  return statements;
}

/**
 * After an erasure on a local libSQL file: rewrites the file (VACUUM) so no freed page or free space inside a page
 * keeps a copy of the erased rows (secure_delete zeroes what it frees, but only on the connection that set it, and
 * not what earlier updates left behind), then moves the write-ahead log into the file and truncates it. D1 and remote
 * libSQL refuse these statements; their storage is the provider's (see SECURITY.md).
 */
export async function flushErasedPages(db: Database): Promise<void> {
  try {
    await db.run(sql`VACUUM`);
    await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  } catch {
    // Not a local libSQL file (D1, remote libSQL): nothing to rewrite here.
  }
}

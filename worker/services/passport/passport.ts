/**
 * The care worker's passport: every credential issued here to them (the newest of each renewal chain) and every
 * credential they brought from elsewhere, with a plain status, grouped by kind; refresher reminders; claim-link
 * look-up; bringing in a credential; exporting everything; and deleting the account.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  achievements,
  claims,
  competencies,
  credentials,
  emailTokens,
  importedCredentials,
  memberships,
  organisations,
  outbox,
  rateLimits,
  roleHistory,
  sessions,
  shareViews,
  shares,
  users,
} from '../../../db/schema';
import type { AppDeps } from '../../context';
import type { JsonObject } from '../../credentials/jwt';
import type { CredentialResult } from '../../credentials/verify';
import { AppError } from '../../errors';
import { hashToken, newId } from '../../lib/ids';
import { depthOf } from '../../lib/validate';
import { auditInsert } from '../../lib/audit';
import { hit } from '../../lib/rate-limit';
import { EXPIRING_DAYS } from '../employer/role-fit';
import { listShares } from './shares';
import { alignedCodes, verifyCredential } from '../verification/verifier';

const DAY_MS = 86_400_000;

export type CompetencyKind = (typeof competencies.$inferSelect)['kind'];
export type PassportKind = CompetencyKind | 'other';

/** Display order of the passport's groups; a credential aligned to several kinds sits in the first that applies. */
export const KIND_ORDER: readonly PassportKind[] = [
  'qualification',
  'care_certificate',
  'mandatory_training',
  'delegated_task',
  'specialism',
  'other',
];

export const KIND_LABELS: Record<PassportKind, string> = {
  qualification: 'Qualifications',
  care_certificate: 'Care Certificate',
  mandatory_training: 'Mandatory training',
  delegated_task: 'Delegated healthcare tasks',
  specialism: 'Specialisms',
  other: 'Other certificates',
};

export type PassportStatus = 'valid' | 'expiring' | 'expired' | 'suspended' | 'revoked';

/** One credential as the worker sees it. */
export interface PassportEntry {
  id: string;
  /** 'issued' here (a row in credentials) or 'imported' (brought from elsewhere). */
  source: 'issued' | 'imported';
  name: string;
  issuerName: string;
  /** Issued by an organisation approved on this platform (imports: as found when they were checked). */
  recognised: boolean;
  validFrom: string | null;
  validUntil: string | null;
  issuedAt: string;
  status: PassportStatus;
  kind: PassportKind;
  alignedIds: string[];
}

/**
 * The status a worker sees: the issuer's word first (revoked, suspended), then the dates: expired once
 * validUntil has passed, expiring within EXPIRING_DAYS (90) of it.
 */
export function statusAt(
  c: { status?: 'active' | 'suspended' | 'revoked'; validUntil: string | null },
  now: Date,
): PassportStatus {
  if (c.status === 'revoked') return 'revoked';
  if (c.status === 'suspended') return 'suspended';
  if (!c.validUntil) return 'valid';
  const until = new Date(c.validUntil).getTime();
  if (until <= now.getTime()) return 'expired';
  return until <= now.getTime() + EXPIRING_DAYS * DAY_MS ? 'expiring' : 'valid';
}

/** The group a credential belongs to: the first kind in KIND_ORDER among its aligned catalogue items. */
export function kindOf(alignedIds: string[], kinds: ReadonlyMap<string, CompetencyKind>): PassportKind {
  const present = new Set(alignedIds.map((id) => kinds.get(id)).filter(Boolean));
  return KIND_ORDER.find((k) => present.has(k as CompetencyKind)) ?? 'other';
}

/** Entries grouped by kind in display order (empty groups left out), each group sorted by name. */
export function groupEntries(entries: PassportEntry[]) {
  return KIND_ORDER.map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    entries: entries
      .filter((e) => e.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name) || b.issuedAt.localeCompare(a.issuedAt)),
  })).filter((g) => g.entries.length);
}

export interface Reminder {
  entry: PassportEntry;
  /** Calendar days until validUntil (negative once it has passed). */
  daysLeft: number;
}

/**
 * Refreshers due within EXPIRING_DAYS and those already expired, soonest first. Revoked or suspended credentials
 * are not refresher reminders (the issuer has acted). Entries are already the newest of each renewal chain, so a
 * renewed credential has replaced the old one here.
 */
export function remindersFrom(entries: PassportEntry[], now: Date): Reminder[] {
  return entries
    .filter((e) => (e.status === 'expiring' || e.status === 'expired') && e.validUntil)
    .map((entry) => ({ entry, daysLeft: calendarDaysBetween(now, new Date(entry.validUntil as string)) }))
    .sort(
      (a, b) =>
        (a.entry.validUntil as string).localeCompare(b.entry.validUntil as string) ||
        a.entry.name.localeCompare(b.entry.name),
    );
}

/** Whole calendar days (UTC) from `from` to `to`: tomorrow is 1, yesterday -1, whatever the time of day. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((day(to) - day(from)) / DAY_MS);
}

/** Every catalogue item's kind (a few hundred rows at most, read in one query). */
export async function competencyKinds(db: Database): Promise<Map<string, CompetencyKind>> {
  const rows = await db.select({ id: competencies.id, kind: competencies.kind }).from(competencies);
  return new Map(rows.map((r) => [r.id, r.kind]));
}

interface StoredVerification {
  verified?: boolean;
  trust?: { recognised?: boolean; name?: string };
  errors?: { code: string }[];
}

const parseIds = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** Every credential in the worker's passport: issued here (newest of each renewal chain) and imported. */
export async function loadPassport(db: Database, userId: string, now: Date): Promise<PassportEntry[]> {
  const [issued, imported, kinds] = await Promise.all([
    db
      .select({ c: credentials, name: achievements.name, org: organisations.name, orgStatus: organisations.status })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
      .where(and(eq(credentials.subjectUserId, userId), isNull(credentials.replacedById))),
    db
      .select()
      .from(importedCredentials)
      .where(eq(importedCredentials.userId, userId))
      .orderBy(asc(importedCredentials.importedAt)),
    competencyKinds(db),
  ]);
  return [
    ...issued.map(({ c, name, org, orgStatus }): PassportEntry => {
      const alignedIds = parseIds(c.alignedIds);
      return {
        id: c.id,
        source: 'issued',
        name,
        issuerName: org,
        recognised: orgStatus === 'approved',
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        issuedAt: c.issuedAt,
        status: statusAt(c, now),
        kind: kindOf(alignedIds, kinds),
        alignedIds,
      };
    }),
    ...imported.map((i): PassportEntry => {
      const v = safeJson<StoredVerification>(i.verification) ?? {};
      const alignedIds = parseIds(i.alignedIds);
      return {
        id: i.id,
        source: 'imported',
        name: i.name,
        issuerName: i.issuer,
        recognised: !!v.trust?.recognised,
        validFrom: i.validFrom,
        validUntil: i.validUntil,
        issuedAt: i.importedAt,
        status: statusAt({ validUntil: i.validUntil }, now),
        kind: kindOf(alignedIds, kinds),
        alignedIds,
      };
    }),
  ];
}

function safeJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export type PassportCredential =
  | {
      source: 'issued';
      row: typeof credentials.$inferSelect;
      name: string;
      issuerName: string;
      recognised: boolean;
      status: PassportStatus;
    }
  | { source: 'imported'; row: typeof importedCredentials.$inferSelect; status: PassportStatus; recognised: boolean };

/** One of the worker's own credentials by id (an older version of a renewal chain too), or null: never someone else's. */
export async function findPassportCredential(
  db: Database,
  userId: string,
  id: string,
  now: Date,
): Promise<PassportCredential | null> {
  const issued = await db
    .select({ c: credentials, name: achievements.name, org: organisations.name, orgStatus: organisations.status })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(and(eq(credentials.id, id), eq(credentials.subjectUserId, userId)))
    .limit(1);
  const i = issued[0];
  if (i) {
    return {
      source: 'issued',
      row: i.c,
      name: i.name,
      issuerName: i.org,
      recognised: i.orgStatus === 'approved',
      status: statusAt(i.c, now),
    };
  }
  const imported = await db
    .select()
    .from(importedCredentials)
    .where(and(eq(importedCredentials.id, id), eq(importedCredentials.userId, userId)))
    .limit(1);
  const m = imported[0];
  if (!m) return null;
  const v = safeJson<StoredVerification>(m.verification) ?? {};
  return {
    source: 'imported',
    row: m,
    status: statusAt({ validUntil: m.validUntil }, now),
    recognised: !!v.trust?.recognised,
  };
}

/** Removes a credential the worker brought in (credentials issued here stay: only their issuer can revoke them). */
export async function removeImported(db: Database, userId: string, id: string, now: Date): Promise<void> {
  const res = await db.batch([
    db.delete(importedCredentials).where(and(eq(importedCredentials.id, id), eq(importedCredentials.userId, userId))),
    auditInsert(db, {
      at: now,
      actorUserId: userId,
      action: 'imported_credential.removed',
      targetType: 'imported_credential',
      targetId: id,
    }),
  ]);
  if ((res[0] as { rowsAffected?: number }).rowsAffected === 0)
    throw new AppError('not_found', 'No such credential in your passport');
}

/** Names of every credential issued here to the worker (older renewals too) and imported, by id (for share lists). */
export async function credentialNames(db: Database, userId: string): Promise<Map<string, string>> {
  const [issued, imported] = await Promise.all([
    db
      .select({ id: credentials.id, name: achievements.name })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .where(eq(credentials.subjectUserId, userId)),
    db
      .select({ id: importedCredentials.id, name: importedCredentials.name })
      .from(importedCredentials)
      .where(eq(importedCredentials.userId, userId)),
  ]);
  return new Map([...issued, ...imported].map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- claim links

export interface ClaimView {
  state: 'open' | 'used' | 'expired' | 'revoked';
  credentialId: string;
  achievementName: string;
  issuerName: string;
  email: string;
  expiresAt: string;
  /** Who holds the credential now (set once claimed). */
  holderUserId: string | null;
}

/** Looks a claim link up without using it; null when the token matches nothing. */
export async function findClaim(db: Database, token: string, now: Date): Promise<ClaimView | null> {
  const rows = await db
    .select({ cl: claims, cr: credentials, a: achievements.name, o: organisations.name })
    .from(claims)
    .innerJoin(credentials, eq(credentials.id, claims.credentialId))
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(eq(claims.tokenHash, hashToken(token)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  const state = r.cl.usedAt
    ? 'used'
    : r.cr.status === 'revoked'
      ? 'revoked'
      : r.cl.expiresAt <= now.toISOString()
        ? 'expired'
        : 'open';
  return {
    state,
    credentialId: r.cr.id,
    achievementName: r.a,
    issuerName: r.o,
    email: r.cl.email,
    expiresAt: r.cl.expiresAt,
    holderUserId: r.cr.subjectUserId,
  };
}

/** "w****@example.org": enough for the link holder to recognise their own address, no more. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}****${email.slice(at)}`;
}

// ---------------------------------------------------------------- bringing a credential in

export type Extracted = { ok: true; jwt: string } | { ok: false; reason: string };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ENVELOPE_PREFIX = 'data:application/vc+jwt,';

function fromEnvelope(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as JsonObject;
    const types = Array.isArray(o.type) ? o.type : [o.type];
    if (types.includes('EnvelopedVerifiableCredential') && typeof o.id === 'string') return o.id;
  }
  return null;
}

/**
 * Finds the credential JWT in what a worker pasted or uploaded: a bare JWT (line breaks from copying are
 * ignored), a data: URL, an EnvelopedVerifiableCredential, or {"verifiableCredential": <either>}. Pure.
 */
export function extractCredentialJwt(input: string): Extracted {
  const text = input.replace(/^\uFEFF/, '').trim();
  if (!text) return { ok: false, reason: 'Paste your certificate, or choose the file it came in.' };
  let candidate: string | null = text;
  if (text.startsWith('{') || text.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'The file looks like JSON but could not be read. It may be incomplete.' };
    }
    if (depthOf(value) > 32) return { ok: false, reason: 'The file is not a certificate we can read.' };
    if (
      Array.isArray(value) ||
      (value && typeof value === 'object' && Array.isArray((value as JsonObject).credentials))
    ) {
      return { ok: false, reason: 'This file holds several certificates. Add them one at a time.' };
    }
    const o = (value ?? {}) as JsonObject;
    candidate = fromEnvelope(o.verifiableCredential) ?? fromEnvelope(o);
    if (!candidate) {
      return {
        ok: false,
        reason:
          'This file has no signed certificate in it. Ask the organisation that gave it to you for the "JWT" or "signed" version.',
      };
    }
  }
  let jwt = candidate.replace(/\s+/g, '');
  if (jwt.startsWith(ENVELOPE_PREFIX)) jwt = jwt.slice(ENVELOPE_PREFIX.length);
  if (!JWT_SHAPE.test(jwt)) {
    return {
      ok: false,
      reason:
        'This does not look like a digital certificate. A certificate is one long line of letters and numbers with two dots in it.',
    };
  }
  return { ok: true, jwt };
}

export type ImportOutcome =
  | { ok: true; id: string; result: CredentialResult; subject: string | null }
  | { ok: false; reason: string; code: string; result?: CredentialResult };

/** Imports at most this many credentials per worker per hour (each may make the verifier fetch an issuer's keys). */
export const IMPORTS_PER_HOUR = 30;

/** The subject id of a verified credential (who it is about). */
export function subjectIdOf(credential: JsonObject | undefined): string | null {
  const s = credential?.credentialSubject;
  const first = (Array.isArray(s) ? s[0] : s) as JsonObject | undefined;
  return typeof first?.id === 'string' ? first.id : null;
}

/** The achievement (or credential) name and the issuer's name of a verified credential. */
export function describeCredential(result: CredentialResult): { name: string; issuer: string } {
  const c = result.credential;
  const s = c?.credentialSubject;
  const first = (Array.isArray(s) ? s[0] : s) as JsonObject | undefined;
  const achievement = first?.achievement as JsonObject | undefined;
  const issuerObj = c?.issuer as JsonObject | string | undefined;
  const issuerName = typeof issuerObj === 'object' && typeof issuerObj?.name === 'string' ? issuerObj.name : undefined;
  const name =
    [achievement?.name, c?.name].find((x): x is string => typeof x === 'string' && x.trim() !== '') ?? 'Certificate';
  return {
    name: name.slice(0, 300),
    issuer: (result.trust?.name ?? issuerName ?? result.issuer ?? 'Unknown issuer').slice(0, 300),
  };
}

/** What the verifier found, kept with an imported credential (the credential itself is in the JWT). */
function storedVerification(r: CredentialResult, now: Date) {
  return JSON.stringify({
    verified: r.verified,
    format: r.format,
    issuer: r.issuer,
    trust: r.trust,
    checks: r.checks,
    errors: r.errors,
    warnings: r.warnings,
    checkedAt: now.toISOString(),
  });
}

/**
 * Verifies a credential the worker brought and stores it. A credential may be about another identifier of
 * theirs (an older wallet), so any subject is accepted and shown. Refused, with a plain reason: anything that
 * does not verify (forged, altered, revoked, suspended, unreadable), except that a genuine credential that has
 * only expired is kept, shown as expired (it still proves the training happened; the refresher is due).
 */
export async function importCredential(deps: AppDeps, userId: string, text: string): Promise<ImportOutcome> {
  const { db, clock } = deps;
  const now = clock();
  const extracted = extractCredentialJwt(text);
  if (!extracted.ok) return { ok: false, reason: extracted.reason, code: 'unreadable' };
  const limit = await hit(db, `import:${userId}`, IMPORTS_PER_HOUR, 3600, now);
  if (!limit.allowed) {
    return {
      ok: false,
      reason: 'You have added a lot of certificates in the last hour. Please try again later.',
      code: 'rate_limited',
    };
  }
  const result = await verifyCredential(deps, extracted.jwt);
  const codes = result.errors.map((e) => e.code);
  const onlyExpired = codes.length > 0 && codes.every((c) => c === 'expired');
  if (!result.verified && !onlyExpired) {
    const first = result.errors[0];
    return { ok: false, code: first?.code ?? 'invalid', reason: first?.message ?? 'It could not be checked.', result };
  }
  const c = result.credential;
  const credentialId = typeof c?.id === 'string' ? c.id : null;
  // Already here? The same JWT, or (for credentials issued here) the same credential id.
  const localId = credentialId?.startsWith('urn:uuid:') ? credentialId.slice('urn:uuid:'.length) : null;
  const [sameJwt, sameIssued] = await Promise.all([
    db
      .select({ id: importedCredentials.id })
      .from(importedCredentials)
      .where(and(eq(importedCredentials.userId, userId), eq(importedCredentials.jwt, extracted.jwt)))
      .limit(1),
    localId
      ? db
          .select({ id: credentials.id })
          .from(credentials)
          .where(and(eq(credentials.id, localId), eq(credentials.subjectUserId, userId)))
          .limit(1)
      : Promise.resolve([]),
  ]);
  if (sameJwt[0] || sameIssued[0]) {
    return { ok: false, code: 'duplicate', reason: 'This certificate is already in your passport.', result };
  }
  const kinds = await competencyKinds(db);
  const aligned = alignedCodes(c ?? {})
    .filter((id) => kinds.has(id))
    .slice(0, 50);
  const { name, issuer } = describeCredential(result);
  const id = newId();
  await db.batch([
    db.insert(importedCredentials).values({
      id,
      userId,
      jwt: extracted.jwt,
      issuer,
      name,
      format: result.format,
      validFrom: typeof c?.validFrom === 'string' ? c.validFrom : null,
      validUntil: typeof c?.validUntil === 'string' ? c.validUntil : null,
      alignedIds: JSON.stringify(aligned),
      verification: storedVerification(result, now),
      importedAt: now.toISOString(),
    }),
    auditInsert(db, {
      at: now,
      actorUserId: userId,
      action: 'imported_credential.added',
      targetType: 'imported_credential',
      targetId: id,
      details: { issuer: result.issuer, recognised: !!result.trust?.recognised },
    }),
  ]);
  return { ok: true, id, result, subject: subjectIdOf(c) };
}

// ---------------------------------------------------------------- export

/**
 * Everything the worker holds, as one JSON document: a manifest and every credential with its JWT (issued
 * here, older renewals included and marked, and imported), plus their shares' history. The JWTs are the
 * credentials: any verifier can check them without this platform's help.
 */
export async function exportPassport(db: Database, userId: string, now: Date) {
  const userRows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = userRows[0];
  if (!user) throw new AppError('not_found', 'Account not found');
  const [issued, imported, current, shareList] = await Promise.all([
    db
      .select({ c: credentials, name: achievements.name, org: organisations.name, orgStatus: organisations.status })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
      .where(eq(credentials.subjectUserId, userId))
      .orderBy(asc(credentials.issuedAt)),
    db
      .select()
      .from(importedCredentials)
      .where(eq(importedCredentials.userId, userId))
      .orderBy(asc(importedCredentials.importedAt)),
    loadPassport(db, userId, now),
    listShares(db, userId),
  ]);
  const kindById = new Map(current.map((e) => [e.id, e.kind]));
  const kinds = await competencyKinds(db);
  const list = [
    ...issued.map(({ c, name, org, orgStatus }) => ({
      id: `urn:uuid:${c.id}`,
      source: 'issued' as const,
      name,
      issuer: org,
      issuerRecognised: orgStatus === 'approved',
      kind: kindById.get(c.id) ?? kindOf(parseIds(c.alignedIds), kinds),
      status: statusAt(c, now),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      issuedAt: c.issuedAt,
      supersededBy: c.replacedById ? `urn:uuid:${c.replacedById}` : null,
      alignedIds: parseIds(c.alignedIds),
      format: 'vc2-jwt',
      jwt: c.jwt,
    })),
    ...imported.map((i) => ({
      id: i.id,
      source: 'imported' as const,
      name: i.name,
      issuer: i.issuer,
      issuerRecognised: !!safeJson<StoredVerification>(i.verification)?.trust?.recognised,
      kind: kindById.get(i.id) ?? 'other',
      status: statusAt({ validUntil: i.validUntil }, now),
      validFrom: i.validFrom,
      validUntil: i.validUntil,
      issuedAt: i.importedAt,
      supersededBy: null,
      alignedIds: parseIds(i.alignedIds),
      format: i.format,
      jwt: i.jwt,
    })),
  ];
  return {
    manifest: {
      format: 'care-passport-export',
      version: 1,
      exportedAt: now.toISOString(),
      holder: { name: user.displayName, email: user.email, did: user.holderDid },
      credentialCount: list.length,
      about:
        'Each "jwt" is a W3C Verifiable Credential (VC 2.0, vc+jwt, signed with Ed25519). Anyone can check one with a ' +
        'VC verifier (for example POST /credentials/verify on this site) without your account. Keep this file private.',
    },
    credentials: list,
    shares: shareList.map((s) => ({
      label: s.label,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      revokedAt: s.revokedAt,
      credentialIds: s.credentialIds.map((id) => `urn:uuid:${id}`),
      views: s.views,
    })),
  };
}

// ---------------------------------------------------------------- account deletion

/**
 * Deletes a worker's account in one batch (all or nothing).
 *
 * Erased: name, email, password hash, holder key and DID (so no new presentation can be signed in their name),
 * area and role choices, sessions, email tokens, memberships, shares and their view history, imported
 * credentials, the local copy of mail sent to them, and rate-limit counters keyed by their email.
 *
 * Kept: credentials issued here stay in their issuer's register (the academy is the controller of its issuing
 * record and must be able to revoke, renew and answer "did we train this person?"), so the row keeps what the
 * academy itself supplied (name and email of the learner, evidence) and the signed JWT, but loses its link to
 * the deleted account. The credentials stay valid for whoever holds them (the worker, if they exported them,
 * and employers they shared them with) because verification needs only the issuer's key and status list.
 * Role history rows keep only area and roles, with no person (anonymous progression counts). Audit events keep
 * the account id, which no longer leads to anyone.
 */
export async function deleteAccount(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  userId: string,
  confirmEmail: string,
): Promise<void> {
  const { db, clock } = deps;
  const now = clock();
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  if (!user) throw new AppError('not_found', 'Account not found');
  if (confirmEmail.trim().toLowerCase() !== user.email) {
    throw new AppError('validation_failed', 'That is not the email address of this account', [
      { path: 'confirmEmail', message: 'Type the email address you sign in with, exactly' },
    ]);
  }
  const sole = await soleOwnerships(db, userId);
  if (sole.length) {
    throw new AppError(
      'conflict',
      `You are the only owner of ${sole.join(', ')}. Make someone else an owner first, so the organisation is not left without one.`,
    );
  }
  const userShares = db.select({ id: shares.id }).from(shares).where(eq(shares.userId, userId));
  await db.batch([
    db.delete(shareViews).where(inArray(shareViews.shareId, userShares)),
    db.delete(shares).where(eq(shares.userId, userId)),
    db.delete(importedCredentials).where(eq(importedCredentials.userId, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(emailTokens).where(eq(emailTokens.userId, userId)),
    db.delete(memberships).where(eq(memberships.userId, userId)),
    db.delete(outbox).where(eq(outbox.to, user.email)),
    db.delete(rateLimits).where(sql`instr(${rateLimits.key}, ${user.email}) > 0`),
    db.update(credentials).set({ subjectUserId: null }).where(eq(credentials.subjectUserId, userId)),
    db.update(roleHistory).set({ userId: null }).where(eq(roleHistory.userId, userId)),
    db.delete(users).where(eq(users.id, userId)),
    auditInsert(db, { at: now, actorUserId: userId, action: 'user.deleted', targetType: 'user', targetId: userId }),
  ]);
}

/** Names of organisations where this person is the only owner. */
async function soleOwnerships(db: Database, userId: string): Promise<string[]> {
  const owned = await db
    .select({ orgId: memberships.orgId, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')));
  if (!owned.length) return [];
  const owners = await db
    .select({ orgId: memberships.orgId, n: sql<number>`count(*)` })
    .from(memberships)
    .where(
      and(
        inArray(
          memberships.orgId,
          owned.slice(0, 90).map((o) => o.orgId),
        ),
        eq(memberships.role, 'owner'),
      ),
    )
    .groupBy(memberships.orgId);
  return owned.filter((o) => (owners.find((x) => x.orgId === o.orgId)?.n ?? 0) <= 1).map((o) => o.name);
}

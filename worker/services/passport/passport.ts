/**
 * The care worker's passport: every credential issued here to them (the newest of each renewal chain) and every
 * credential they brought from elsewhere, with a plain status, grouped by kind; and refresher reminders. Claim
 * links, bringing a credential in, export and account deletion each have their own module beside this one.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { type Database, rowsChanged } from '../../../db/client';
import { type SignedTexts, bodyOf, withSignedText } from '../../../db/credential-bodies';
import { achievements, competencies, credentials, importedCredentials, organisations } from '../../../db/schema';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { EXPIRING_DAYS } from '../employer/role-fit';

const DAY_MS = 86_400_000;

export type CompetencyKind = (typeof competencies.$inferSelect)['kind'];
export type PassportKind = CompetencyKind | 'other';

/** Display order of the passport's groups; a credential aligned to several kinds sits in the first that applies. */
export const KIND_ORDER: readonly PassportKind[] = [
  'qualification',
  'registration',
  'care_certificate',
  'mandatory_training',
  'delegated_task',
  'medicines',
  'specialism',
  'entry',
  'other',
];

export const KIND_LABELS: Record<PassportKind, string> = {
  qualification: 'Qualifications',
  care_certificate: 'Care Certificate',
  mandatory_training: 'Mandatory training',
  delegated_task: 'Delegated healthcare tasks',
  medicines: 'Medicines',
  specialism: 'Specialisms',
  registration: 'Registration',
  entry: 'English and maths',
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

/** What the verifier found when a credential was imported, as kept with it. */
export interface StoredVerification {
  verified?: boolean;
  trust?: { recognised?: boolean; name?: string };
  errors?: { code: string }[];
}

/** A stored JSON list of catalogue ids; empty when the column holds anything else. */
export const parseIds = (json: string): string[] => {
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

/** A stored JSON column, or null when it does not parse. */
export function safeJson<T>(text: string): T | null {
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

/**
 * The signed texts of the worker's own credentials issued here, in the order asked: what a share or a wallet answer
 * hands over. Ids that are not hers, or not issued here, are left out.
 */
export async function heldCredentialTexts(
  src: SignedTexts,
  userId: string,
  ids: readonly string[],
): Promise<{ id: string; jwt: string }[]> {
  if (!ids.length) return [];
  const rows = await src.db
    .select({ id: credentials.id, bodyRef: credentials.bodyRef })
    .from(credentials)
    .where(and(eq(credentials.subjectUserId, userId), inArray(credentials.id, [...ids])));
  const texts = new Map((await withSignedText(src, rows)).map((r) => [r.id, r.jwt]));
  return ids.flatMap((id) => {
    const jwt = texts.get(id);
    return jwt === undefined ? [] : [{ id, jwt }];
  });
}

/** The signed text of a passport credential: from the body store if issued here, as brought in if imported. */
export async function passportCredentialText(src: SignedTexts, cred: PassportCredential): Promise<string> {
  return cred.source === 'imported' ? cred.row.jwt : bodyOf(src, cred.row);
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
  if (rowsChanged(res[0]) === 0) throw new AppError('not_found', 'No such credential in your passport');
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

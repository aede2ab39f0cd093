/**
 * Building and signing one credential: the Open Badges 3.0 document from an achievement and its alignments, its
 * validity, its status slot, and the stored row with the learner's claim when they have no passport yet.
 */
import type { claims, credentials } from '../../../db/schema';
import type { Config } from '../../config';
import { didKeyFromPublicJwk } from '../../credentials/did';
import { type AlignmentInput, type EvidenceInput, buildOpenBadgeCredential } from '../../credentials/issue';
import { type Securing, secureCredential } from '../../credentials/securing';
import type { Signing } from '../../credentials/signing';
import { hashToken, newId, newToken } from '../../lib/ids';
import type { signerFor } from '../organisations/issuers';
import { type StatusSlot, statusListUrl } from './status-lists';
import { DAY_MS, addMonths } from '../../lib/dates';
import { AppError } from '../../errors';
import { CLAIM_DAYS } from './claim-links';
import type { Evidence, IssueContext, IssuedCredential, LoadedAchievement, Recipient } from './issue-types';

/** What an achievement's validity is read from: its own setting and its aligned items' refresher periods. */
type Validity = {
  achievement: { validityMonths: number | null };
  aligned: { refreshMonths: number | null }[];
};

/** Months a credential of this achievement stays valid: its own setting, else the shortest aligned refresher. */
export function validityMonths(a: Validity): number | null {
  if (a.achievement.validityMonths) return a.achievement.validityMonths;
  const periods = a.aligned.map((c) => c.refreshMonths).filter((m): m is number => typeof m === 'number' && m > 0);
  return periods.length ? Math.min(...periods) : null;
}

/** When a credential of this achievement valid from `validFrom` stops being valid; null when it never does. */
export function validUntilOf(a: Validity, validFrom: Date): Date | null {
  const months = validityMonths(a);
  return months ? addMonths(validFrom, months) : null;
}

/**
 * When a credential completed on `completedOn` (YYYY-MM-DD) stopped being valid, if that is already past at `now`:
 * issued, it would be expired from the start. Null when it would still be valid, or never expires.
 */
export function expiredOnIssue(a: Validity, completedOn: string | undefined, now: Date): Date | null {
  if (!completedOn) return null;
  const until = validUntilOf(a, new Date(`${completedOn}T00:00:00.000Z`));
  return until && until.getTime() <= now.getTime() ? until : null;
}

/** The API's refusal of a credential its dates make expired on issue: the field, the day, and how to issue it anyway. */
export function expiredOnIssueError(path: string, expiredAt: Date): AppError {
  const day = expiredAt.toISOString().slice(0, 10);
  return new AppError('validation_failed', `The credential would already be expired on issue: it expired on ${day}`, [
    {
      path,
      message: `With this date the credential expired on ${day}, before it is issued. Check the date, or send options.allowExpired: true to record past training that has expired`,
    },
  ]);
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

const EVIDENCE_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "4 December 2026" for the day 2026-12-04, as evidence states it (the day as given if it is not a real one). */
function evidenceDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) ? iso : EVIDENCE_DAY.format(d);
}

/**
 * The evidence entry of a new credential, named in one sentence: "Assessed by Jo Smith on 4 December 2026, score:
 * 92%", "Assessed on 4 December 2026". Credentials issued before keep the wording they were signed with.
 */
function evidenceOf(e: Evidence | undefined): EvidenceInput[] | undefined {
  if (!e || !(e.assessorName || e.assessedOn || e.score || e.notes)) return undefined;
  const on = e.assessedOn ? evidenceDay(e.assessedOn) : null;
  const assessed = e.assessorName
    ? `Assessed by ${e.assessorName}${on ? ` on ${on}` : ''}`
    : on
      ? `Assessed on ${on}`
      : null;
  const score = e.score ? `${assessed ? 'score' : 'Score'}: ${e.score}` : null;
  const parts = [assessed, score].filter(Boolean);
  return [
    {
      name: parts.length ? parts.join(', ') : 'Assessment evidence',
      ...(e.notes ? { narrative: e.notes } : {}),
      genre: 'Assessment',
    },
  ];
}

/**
 * A placeholder subject for a credential awaiting its claim; replaced by the holder's DID when claimed. Only the
 * public half of its key is ever made use of: nobody can act for this subject.
 */
async function pendingSubjectDid(signing: Signing): Promise<string> {
  return didKeyFromPublicJwk(await signing.throwawayPublicJwk());
}

/** A signed credential ready to store, with its claim (if any) and what the caller is told. */
export interface SignedRow {
  row: typeof credentials.$inferInsert;
  claim: typeof claims.$inferInsert | null;
  result: IssuedCredential;
}

type Signer = Awaited<ReturnType<typeof signerFor>>;
type ResolvedRecipient = Recipient & { userId: string | null; holderDid: string | null };

/** The unsigned Open Badges document for one recipient: issuer, subject, dates, achievement, status and evidence. */
async function credentialDocument(
  { config, signing }: IssueContext,
  loaded: LoadedAchievement,
  signer: Signer,
  recipient: ResolvedRecipient,
  slot: StatusSlot,
  dates: { id: string; validFrom: Date; validUntil: Date | null },
) {
  const { id, validFrom, validUntil } = dates;
  const subject = recipient.holderDid ?? (await pendingSubjectDid(signing));
  const evidence = evidenceOf(recipient.evidence);
  return buildOpenBadgeCredential({
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
    status: { listUrl: statusListUrl(config, slot.revocationListId), index: slot.index },
    ...(evidence ? { evidence } : {}),
  });
}

/** A one-time claim for a learner without a passport (the token goes in their email; only its hash is kept). */
function claimFor(recipient: ResolvedRecipient, credentialId: string, now: Date) {
  if (recipient.userId) return { claimToken: null, claim: null };
  const claimToken = newToken();
  const claim: SignedRow['claim'] = {
    tokenHash: hashToken(claimToken),
    credentialId,
    email: recipient.email,
    expiresAt: new Date(now.getTime() + CLAIM_DAYS * DAY_MS).toISOString(),
  };
  return { claimToken, claim };
}

/** Builds and signs one recipient's credential with its status slot; the learner's claim when they have no passport. */
export async function signFor(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  signer: Signer,
  recipient: ResolvedRecipient,
  slot: StatusSlot,
  extra: { batchId?: string | undefined; replacesId?: string | undefined; securing?: Securing | undefined },
): Promise<SignedRow> {
  const { now } = ctx;
  const id = newId();
  const validFrom = recipient.completedOn ? new Date(`${recipient.completedOn}T00:00:00.000Z`) : now;
  const validUntil = validUntilOf(loaded, validFrom);
  const credential = await credentialDocument(ctx, loaded, signer, recipient, slot, { id, validFrom, validUntil });
  const { text: jwt, format } = await secureCredential(credential, signer, now, extra.securing);
  const { claimToken, claim } = claimFor(recipient, id, now);
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
      format,
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
      format,
      email: recipient.email,
      subjectUserId: recipient.userId,
      claimToken,
      validUntil: validUntil ? validUntil.toISOString() : null,
      batchRow: recipient.batchRow,
    },
  };
}

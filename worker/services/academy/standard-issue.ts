/**
 * Issuing from the standard VC-API body: an academy sends an unsigned VC 2.0 / Open Badges 3.0 credential for one
 * of its achievements; the service makes the academy its issuer, fills id, validFrom and the status entry, refuses
 * what the academy may not award, signs it as vc+jwt (or, when asked, with an eddsa-rdfc-2022 Data Integrity proof)
 * and stores it in the register like any other credential.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { credentials, users } from '../../../db/schema';
import { openBadgeCredentialSchema } from '../../../schemas/credential';
import type { standardIssueRequest } from '../../../schemas/vc-api';
import type { Config } from '../../config';
import { type StoredFormat, secureCredential } from '../../credentials/securing';
import type { JsonObject } from '../../credentials/jwt';
import { MESSAGE_STATUS_SIZE, STATUS_MESSAGES, toDateTimeStamp } from '../../credentials/status-list';
import { vc2ShapeProblem } from '../../credentials/verify-shape';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { newId } from '../../lib/ids';
import { signerFor } from '../organisations/issuers';
import { alignedCodes } from '../verification/summary';
import { lookupTrust } from '../verification/trust';
import { expiredOnIssueError, validUntilOf } from './credential-signing';
import type { IssueContext, LoadedAchievement } from './issue-types';
import { loadAchievement } from './issuance';
import { allocateStatusSlots, statusListUrl } from './status-lists';

export type StandardIssueRequest = z.infer<typeof standardIssueRequest>;

export interface StandardIssued {
  credentialId: string;
  /** The compact JWT, or for format vc+di the credential's JSON text with its proof. */
  jwt: string;
  format: StoredFormat;
  subjectUserId: string | null;
}

/** The academy's achievement a posted credential names by its URL on this service; 422 when it names another. */
async function achievementFor(ctx: IssueContext, orgId: string, achievementUrl: string): Promise<LoadedAchievement> {
  const prefix = `${ctx.config.PUBLIC_ORIGIN}/achievements/`;
  const id = achievementUrl.startsWith(prefix) ? achievementUrl.slice(prefix.length) : '';
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('validation_failed', 'The achievement must be one of your achievements on this service', [
      { path: 'credential.credentialSubject.achievement.id', message: `Use ${prefix}<achievement id>` },
    ]);
  }
  return loadAchievement(ctx.db, orgId, id);
}

/** A posted credential's dates: as posted, else from now and the achievement's validity. */
function datesOf(loaded: LoadedAchievement, posted: JsonObject, now: Date) {
  const validFrom = typeof posted.validFrom === 'string' ? new Date(posted.validFrom) : now;
  const validUntil =
    typeof posted.validUntil === 'string' ? new Date(posted.validUntil) : validUntilOf(loaded, validFrom);
  return { validFrom, validUntil };
}

/** The posted credential completed by the issuer: issuer profile, id, dates, the single status entry. */
function completeCredential(
  config: Config,
  loaded: LoadedAchievement,
  posted: JsonObject,
  fill: { id: string; issuerDid: string; listId: string; index: number; now: Date },
): JsonObject {
  const { validFrom, validUntil } = datesOf(loaded, posted, fill.now);
  const listUrl = statusListUrl(config, fill.listId);
  return {
    ...posted,
    id: `urn:uuid:${fill.id}`,
    issuer: {
      id: fill.issuerDid,
      type: ['Profile'],
      name: loaded.org.name,
      url: `${config.PUBLIC_ORIGIN}/issuers/${loaded.org.slug}`,
    },
    validFrom: toDateTimeStamp(validFrom),
    issuanceDate: toDateTimeStamp(validFrom),
    ...(validUntil ? { validUntil: toDateTimeStamp(validUntil), expirationDate: toDateTimeStamp(validUntil) } : {}),
    credentialStatus: {
      id: `${listUrl}#${fill.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusListIndex: String(fill.index),
      statusListCredential: listUrl,
      statusSize: MESSAGE_STATUS_SIZE,
      statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
    },
  };
}

/** Refuses a credential that breaks the data model or aligns the achievement outside the academy's approval. */
async function checkIssuable(ctx: IssueContext, credential: JsonObject, issuerDid: string): Promise<void> {
  const shape = vc2ShapeProblem(credential, true);
  const parsed = openBadgeCredentialSchema.safeParse(credential);
  if (shape || !parsed.success) {
    const message = shape?.message ?? parsed.error?.issues[0]?.message ?? 'invalid';
    throw new AppError('validation_failed', `Not an Open Badges 3.0 credential: ${message}`, [
      { path: 'credential', message },
    ]);
  }
  const trust = await lookupTrust(ctx.db, ctx.config, issuerDid, credential);
  if (!trust.approvedForThis) {
    throw new AppError('forbidden', 'The achievement aligns to items outside the frameworks you are approved for', {
      alignedTo: alignedCodes(credential),
      approvedFor: trust.approvedFor ?? [],
    });
  }
}

/**
 * Refuses a credential whose dates make it expired before it is issued, unless the academy said it records past
 * training (`options.allowExpired`), as the service's own body and the academy's form do.
 */
function refuseExpired(loaded: LoadedAchievement, posted: JsonObject, now: Date, allowed: boolean): void {
  const { validUntil } = datesOf(loaded, posted, now);
  if (allowed || !validUntil || validUntil.getTime() > now.getTime()) return;
  throw expiredOnIssueError(
    `credential.${typeof posted.validUntil === 'string' ? 'validUntil' : 'validFrom'}`,
    validUntil,
  );
}

/** Issues one posted credential for the acting academy (see the module comment); returns the signed JWT. */
export async function issueStandardCredential(
  ctx: IssueContext,
  orgId: string,
  request: StandardIssueRequest,
): Promise<StandardIssued> {
  const posted = request.credential as JsonObject & StandardIssueRequest['credential'];
  const loaded = await achievementFor(ctx, orgId, posted.credentialSubject.achievement.id);
  if (loaded.org.status !== 'approved')
    throw new AppError('forbidden', 'This organisation is not approved to issue yet');
  refuseExpired(loaded, posted, ctx.now, request.options?.allowExpired === true);
  const signer = await signerFor(ctx, loaded.org, ctx.now);
  const postedIssuer = typeof posted.issuer === 'string' ? posted.issuer : posted.issuer?.id;
  if (postedIssuer !== undefined && postedIssuer !== signer.did) {
    throw new AppError('validation_failed', 'The issuer must be your organisation', [
      { path: 'credential.issuer', message: `Leave it out or use ${signer.did}` },
    ]);
  }
  const holder = (
    await ctx.db.select({ id: users.id }).from(users).where(eq(users.holderDid, posted.credentialSubject.id)).limit(1)
  )[0];
  for (let attempt = 0; ; attempt++) {
    const [slot] = await allocateStatusSlots(ctx.db, orgId, 1, ctx.now);
    const id = newId();
    const credential = completeCredential(ctx.config, loaded, posted, {
      id,
      issuerDid: signer.did,
      listId: slot!.revocationListId,
      index: slot!.index,
      now: ctx.now,
    });
    await checkIssuable(ctx, credential, signer.did);
    const { text: jwt, format } = await secureCredential(credential, signer, ctx.now, request.options?.securing);
    try {
      await store(ctx, loaded, {
        id,
        jwt,
        format,
        credential,
        slot: slot!,
        kid: signer.kid,
        userId: holder?.id ?? null,
      });
      return { credentialId: id, jwt, format, subjectUserId: holder?.id ?? null };
    } catch (err) {
      if (attempt < 3 && /UNIQUE constraint failed: credentials\.revocation_list_id/.test(String(err))) continue;
      throw err;
    }
  }
}

async function store(
  ctx: IssueContext,
  loaded: LoadedAchievement,
  s: {
    id: string;
    jwt: string;
    format: StoredFormat;
    credential: JsonObject;
    slot: { revocationListId: string; suspensionListId: string; index: number };
    kid: string;
    userId: string | null;
  },
): Promise<void> {
  const subject = s.credential.credentialSubject as JsonObject;
  const iso = ctx.now.toISOString();
  // The signed body first, so the row never points at nothing (db/credential-bodies.ts).
  await ctx.bodies.put([{ key: s.id, body: s.jwt }]);
  await ctx.db.batch([
    ctx.db.insert(credentials).values({
      id: s.id,
      issuerOrgId: loaded.org.id,
      achievementId: loaded.achievement.id,
      subjectUserId: s.userId,
      subjectDid: String(subject.id),
      subjectEmail: null,
      subjectName: typeof subject.name === 'string' ? subject.name.slice(0, 200) : null,
      format: s.format,
      kid: s.kid.slice(s.kid.indexOf('#') + 1),
      validFrom: new Date(String(s.credential.validFrom)).toISOString(),
      validUntil: typeof s.credential.validUntil === 'string' ? new Date(s.credential.validUntil).toISOString() : null,
      status: 'active',
      revocationListId: s.slot.revocationListId,
      suspensionListId: s.slot.suspensionListId,
      statusIndex: s.slot.index,
      alignedIds: JSON.stringify(alignedCodes(s.credential)),
      issuedAt: iso,
    }),
    auditInsert(ctx.db, {
      at: ctx.now,
      actorUserId: ctx.actorUserId,
      actorOrgId: loaded.org.id,
      action: 'credential.issued',
      targetType: 'credential',
      targetId: s.id,
      details: { achievementId: loaded.achievement.id, count: 1, body: 'vc-api' },
    }),
  ]);
}

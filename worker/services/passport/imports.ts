/** A worker bringing in a credential issued elsewhere: reading it out of what they pasted, verifying it, keeping it. */
import { and, eq } from 'drizzle-orm';
import { credentials, importedCredentials } from '../../../db/schema';
import type { AppDeps } from '../../context';
import type { JsonObject } from '../../credentials/jwt';
import type { CredentialResult } from '../../credentials/verify';
import { newId } from '../../lib/ids';
import { depthOf } from '../../lib/validate';
import { auditInsert } from '../../lib/audit';
import { competencyKinds } from './passport';
import { hit } from '../../lib/rate-limit';
import { type VerifiedCredential, verifyCredential } from '../verification/verifier';

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

/**
 * A credential secured with an embedded proof (Data Integrity), as a wallet offer delivers it (ldp_vc): one JSON
 * object with a proof, kept as its JSON text (the form the verifier and the download read). Pure.
 */
function embeddedProofCredential(text: string): Extracted {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The credential could not be read.' };
  }
  const o = value as JsonObject | null;
  if (!o || typeof o !== 'object' || Array.isArray(o) || depthOf(o) > 32 || !o.proof || typeof o.proof !== 'object')
    return { ok: false, reason: 'The credential has no proof we can check.' };
  return { ok: true, jwt: JSON.stringify(o) };
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

/** The achievement (or credential) name and the issuer's name of a verified credential, as the passport shows them. */
export function describeCredential(result: VerifiedCredential): { name: string; issuer: string } {
  const s = result.summary;
  return {
    name: (s?.name ?? 'Certificate').slice(0, 300),
    issuer: (result.trust?.name ?? s?.issuerName ?? result.issuer ?? 'Unknown issuer').slice(0, 300),
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
export async function importCredential(
  deps: AppDeps,
  userId: string,
  text: string,
  opts: { embeddedProof?: boolean } = {},
): Promise<ImportOutcome> {
  const { db, clock } = deps;
  const now = clock();
  const extracted = opts.embeddedProof ? embeddedProofCredential(text) : extractCredentialJwt(text);
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
  const summary = result.summary;
  const credentialId = summary?.id ?? null;
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
  const aligned = (summary?.alignedCodes ?? []).filter((id) => kinds.has(id)).slice(0, 50);
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
      validFrom: summary?.validFrom ?? null,
      validUntil: summary?.validUntil ?? null,
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
  return { ok: true, id, result, subject: summary?.subjectId ?? null };
}

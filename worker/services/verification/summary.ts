/**
 * What a verified credential says, read once by the verifier (verifier.ts attaches it to every credential result,
 * inside presentations too). The passport, candidate checks and role fit use it instead of re-reading the JWT.
 */
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import type { CredentialResult } from '../../credentials/verify';

/** What a verified credential says, read once by the verifier; every consumer uses this instead of re-parsing. */
export interface CredentialSummary {
  /** The credential's id. */
  id: string | null;
  /** credentialSubject.id (of the first subject). */
  subjectId: string | null;
  /** Every subject's id, in order (null for a subject without one): a credential is a holder's only if all are theirs. */
  subjectIds: (string | null)[];
  /** credentialSubject.name if present. */
  subjectName: string | null;
  /** The achievement's name, else the credential's own, else "Credential". */
  name: string;
  achievementType: string | null;
  /** The issuer's DID. */
  issuerId: string;
  /** The issuer's name as the credential gives it (the trust directory's name is on the result's `trust`). */
  issuerName: string | null;
  /** Catalogue codes from credentialSubject.achievement.alignment. */
  alignedCodes: string[];
  /** ISO instants: VC 2.0 validFrom/validUntil, VC 1.1 issuanceDate/expirationDate, else the JWT's nbf/iat and exp. */
  validFrom: string | null;
  validUntil: string | null;
  /** The verifier's verdict in one word: revoked and suspended win over expired; anything else failing is invalid. */
  status: 'valid' | 'expired' | 'revoked' | 'suspended' | 'invalid';
  /** The achievement's own level field, if it has one (role fit also reads a level from the name). */
  level: string | null;
  /** The evidence's names, narratives and descriptions (who assessed or delegated, review dates). */
  evidence: string[];
}

/** Texts of a credential's Open Badges `evidence[]`. */
export function evidenceTexts(evidence: unknown): string[] {
  if (!Array.isArray(evidence)) return [];
  return evidence.flatMap((e) =>
    e && typeof e === 'object'
      ? (['name', 'narrative', 'description'] as const)
          .map((k) => (e as JsonObject)[k])
          .filter((v): v is string => typeof v === 'string')
      : [],
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const named = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Catalogue ids a credential's achievement aligns to (Open Badges `alignment[].targetCode`). */
export function alignedCodes(credential: JsonObject): string[] {
  const subject = credential.credentialSubject as JsonObject | JsonObject[] | undefined;
  const first = Array.isArray(subject) ? subject[0] : subject;
  const achievement = first?.achievement as JsonObject | undefined;
  const alignment = achievement?.alignment;
  if (!Array.isArray(alignment)) return [];
  return [
    ...new Set(
      alignment
        .map((a) => (a && typeof a === 'object' ? (a as JsonObject).targetCode : undefined))
        .filter((c): c is string => typeof c === 'string'),
    ),
  ];
}

/** The verdict of a result in one word (see CredentialSummary.status). */
export function statusOf(result: CredentialResult): CredentialSummary['status'] {
  if (result.verified) return 'valid';
  const codes = result.errors.map((e) => e.code);
  if (codes.includes('revoked')) return 'revoked';
  if (codes.includes('suspended')) return 'suspended';
  return codes.length > 0 && codes.every((c) => c === 'expired') ? 'expired' : 'invalid';
}

function isoOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** nbf (else iat) and exp of the JWT a verified credential came in, as ISO strings (VC 1.1 dates travel there). */
function jwtDates(jwt: string | undefined): { from: string | null; until: string | null } {
  const parsed = jwt ? parseCompactJwt(jwt) : null;
  if (!parsed?.ok) return { from: null, until: null };
  const p = parsed.jwt.payload;
  const at = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : null);
  return { from: at(p.nbf) ?? at(p.iat), until: at(p.exp) };
}

/**
 * The summary of a credential result, or null when the credential could not be read and trusted (its signature
 * did not verify). `jwt` gives the token it came in; only read when the credential has no dates of its own.
 */
export function summarise(result: CredentialResult, jwt?: () => string | undefined): CredentialSummary | null {
  const c = result.credential;
  if (!c || !result.issuer) return null;
  const subjects = (Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject]) as (
    | JsonObject
    | undefined
  )[];
  const first = subjects[0];
  const achievement = first?.achievement as JsonObject | undefined;
  const issuer = c.issuer as JsonObject | string | undefined;
  let validFrom = isoOf(c.validFrom) ?? isoOf(c.issuanceDate);
  let validUntil = isoOf(c.validUntil) ?? isoOf(c.expirationDate);
  if (!validFrom || !validUntil) {
    const dates = jwtDates(jwt?.());
    validFrom ??= dates.from;
    validUntil ??= dates.until;
  }
  return {
    id: str(c.id),
    subjectId: str(first?.id),
    subjectIds: subjects.map((s) => str(s?.id)),
    subjectName: str(first?.name),
    name: named(achievement?.name) ?? named(c.name) ?? 'Credential',
    achievementType: str(achievement?.achievementType),
    issuerId: result.issuer,
    issuerName: issuer && typeof issuer === 'object' ? str(issuer.name) : null,
    alignedCodes: alignedCodes(c),
    validFrom,
    validUntil,
    status: statusOf(result),
    level: typeof achievement?.level === 'number' ? String(achievement.level) : str(achievement?.level),
    evidence: evidenceTexts(c.evidence),
  };
}

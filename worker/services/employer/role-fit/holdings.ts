/**
 * What a person holds, as role fit reads it: their own credentials from the database, or credentials a candidate
 * shared or pasted (verification results). Levels, provider kinds and evidence are read here, once.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { achievements, credentials, importedCredentials, organisations } from '../../../../db/schema';
import { parseCompactJwt } from '../../../credentials/jwt';
import type { CredentialResult } from '../../../credentials/verify';
import { type ProviderKind, providerKindsOf } from '../../catalogue/rules';
import { alignedCodes, evidenceTexts } from '../../verification/summary';
import type { Holding, PriorEvidence } from './types';

/** A level from an achievement's level field ("2") or its title ("Safeguarding adults level 3"); ranges are not a level. */
export function statedLevel(level: unknown, name: string | null | undefined): number | null {
  const own = typeof level === 'number' ? String(level) : typeof level === 'string' ? level.trim() : '';
  if (/^[1-8]$/.test(own)) return Number(own);
  const m = name?.match(/\blevel\s*([1-8])\b(?!\s*[-–]\s*\d)/i);
  return m ? Number(m[1]) : null;
}

/** The delegating professional's role and the review date, where the evidence text states them. */
export function readEvidence(texts: (string | null | undefined)[], assessedBy: string | null): PriorEvidence | null {
  const all = texts.filter((t): t is string => !!t).join(' \n ');
  const delegating = all.match(/delegated by (?:an? |the )?([A-Za-z][A-Za-z '-]{2,60}?)(?=[,.;\n]| on | for |$)/i);
  const review = all.match(/review(?:ed)?(?: is)?(?: due| date)?(?: on| by)?:?\s*(\d{4}-\d{2}-\d{2})/i);
  const by = assessedBy ?? all.match(/assessed by ([^,.;\n]+?)(?= on |[,.;\n]|$)/i)?.[1] ?? null;
  if (!delegating && !review && !by) return null;
  return { assessedBy: by, delegatingRole: delegating?.[1]?.trim() ?? null, reviewDate: review?.[1] ?? null };
}

/** Evidence as stored with a credential issued here ({ assessorName, assessedOn, notes }). */
function storedEvidence(json: string | null): PriorEvidence | null {
  if (!json) return null;
  try {
    const e = JSON.parse(json) as { assessorName?: string; notes?: string };
    return readEvidence([e.notes], e.assessorName ?? null);
  } catch {
    return null;
  }
}

/** A worker's own credentials as holdings: issued here (newest of each renewal chain) and imported ones that verified. */
export async function loadHoldings(db: Database, userId: string, now: Date): Promise<Holding[]> {
  const issued = await db
    .select({ c: credentials, a: achievements.name, level: achievements.level, o: organisations })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(and(eq(credentials.subjectUserId, userId), isNull(credentials.replacedById)));
  const imported = await db.select().from(importedCredentials).where(eq(importedCredentials.userId, userId));
  const t = now.toISOString();
  return [
    ...issued.map(({ c, a, level, o }) => ({
      credentialId: c.id,
      name: a,
      issuerName: o.name,
      alignedIds: JSON.parse(c.alignedIds) as string[],
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      state: (c.status === 'revoked'
        ? 'revoked'
        : c.status === 'suspended'
          ? 'suspended'
          : c.validUntil && c.validUntil <= t
            ? 'expired'
            : 'valid') as Holding['state'],
      recognised: o.status === 'approved',
      level: statedLevel(level, a),
      providerKinds: o.status === 'approved' ? providerKindsOf(o) : [],
      evidence: storedEvidence(c.evidence),
    })),
    ...imported.map((i) => {
      const v = JSON.parse(i.verification) as {
        verified?: boolean;
        trust?: { recognised?: boolean; providerKinds?: ProviderKind[] };
        errors?: { code: string }[];
      };
      // A genuine credential whose only failure is its end date is kept by the import as "expired", not "invalid".
      const onlyExpired = !v.verified && !!v.errors?.length && v.errors.every((e) => e.code === 'expired');
      // Imported dates may carry offsets or no milliseconds: compare instants, not strings.
      const lapsed = !!i.validUntil && new Date(i.validUntil).getTime() <= now.getTime();
      return {
        credentialId: i.id,
        name: i.name,
        issuerName: i.issuer,
        alignedIds: JSON.parse(i.alignedIds) as string[],
        validFrom: i.validFrom ?? i.importedAt,
        validUntil: i.validUntil,
        state: (!v.verified && !onlyExpired ? 'invalid' : lapsed ? 'expired' : 'valid') as Holding['state'],
        recognised: !!v.trust?.recognised,
        level: statedLevel(null, i.name),
        providerKinds: v.trust?.providerKinds ?? [],
      };
    }),
  ];
}

/** Options for holdingsFromResults. */
export interface FromResultsOptions {
  /**
   * The presentation's holder: a credential issued to anyone else never meets anything (it proves nothing about
   * the person presenting it), even when it verifies on its own.
   */
  holder?: string | null;
  /** The credential JWTs, in the same order as the results: VC 1.1 JWTs keep their dates in nbf/iat/exp. */
  jwts?: (string | null)[];
}

type Subject = { id?: unknown; achievement?: { name?: string; level?: unknown } } | undefined;

function stateOf(r: CredentialResult, notTheHolder: boolean): Holding['state'] {
  const codes = r.errors.map((e) => e.code);
  const onlyExpired = codes.length > 0 && codes.every((x) => x === 'expired');
  if (notTheHolder) return 'invalid';
  if (r.verified) return 'valid';
  if (codes.includes('revoked')) return 'revoked';
  if (codes.includes('suspended')) return 'suspended';
  return onlyExpired ? 'expired' : 'invalid';
}

/** Holdings from verification results (a shared presentation or pasted credentials). Expired ones still count as "expired". */
/**
 * Who issued a credential, for people (never its identifier): the registered name, else the name the credential
 * gives itself marked as not recognised, else words saying so.
 */
export function issuerWords(registeredName: string | null | undefined, ownName: unknown): string {
  if (registeredName) return registeredName;
  return typeof ownName === 'string' && ownName.trim()
    ? `${ownName.trim()} (issuer not recognised here)`
    : 'Issuer not recognised here';
}

export function holdingsFromResults(results: CredentialResult[], options: FromResultsOptions = {}): Holding[] {
  return results.flatMap((r, i) => {
    const c = r.credential;
    if (!c) return [];
    const subjects = (Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject]) as Subject[];
    const notTheHolder = !!options.holder && (!subjects.length || subjects.some((s) => s?.id !== options.holder));
    const subject = subjects[0];
    const claims = jwtClaims(options.jwts?.[i] ?? null);
    const name = subject?.achievement?.name ?? (typeof c.name === 'string' ? c.name : 'Credential');
    const trust = r.trust as (typeof r.trust & { providerKinds?: ProviderKind[] }) | undefined;
    return [
      {
        credentialId: typeof c.id === 'string' ? c.id : `credential-${i + 1}`,
        name,
        issuerName: issuerWords(r.trust?.name, (c.issuer as { name?: unknown } | undefined)?.name),
        alignedIds: alignedCodes(c),
        // VC 2.0 validFrom/validUntil; VC 1.1 issuanceDate/expirationDate, or the JWT's nbf/iat/exp they travel in.
        validFrom: isoOf(c.validFrom) ?? isoOf(c.issuanceDate) ?? claims.from ?? new Date(0).toISOString(),
        validUntil: isoOf(c.validUntil) ?? isoOf(c.expirationDate) ?? claims.until,
        state: stateOf(r, notTheHolder),
        recognised: !!r.trust?.recognised,
        level: statedLevel(subject?.achievement?.level, name),
        providerKinds: trust?.recognised ? (trust.providerKinds ?? []) : [],
        evidence: readEvidence(evidenceTexts(c.evidence), null),
      },
    ];
  });
}

function isoOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** nbf (else iat) and exp of a JWT as ISO strings, unverified: only used for dates of an already verified credential. */
function jwtClaims(jwt: string | null): { from: string | null; until: string | null } {
  if (!jwt) return { from: null, until: null };
  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return { from: null, until: null };
  const p = parsed.jwt.payload;
  const at = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000).toISOString() : null);
  return { from: at(p.nbf) ?? at(p.iat), until: at(p.exp) };
}

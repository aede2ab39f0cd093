/**
 * Role fit and gap analysis: which requirements of a role a person's credentials already meet and in date,
 * which are expiring or expired, which are missing, and what would close each gap. One pure function serves
 * the worker's career pathway and the employer's role-fit report; loaders below gather its inputs.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import {
  achievements,
  competencies,
  credentials,
  employerRoleRequirements,
  employerRoles,
  equivalences,
  importedCredentials,
  organisations,
  roles,
} from '../../../db/schema';
import { parseCompactJwt } from '../../credentials/jwt';
import type { CredentialResult } from '../../credentials/verify';
import { EpochCache, epochs } from '../../lib/cache-epochs';
import { addMonths } from '../../lib/dates';
import { alignedCodes } from '../verification/summary';

export const EXPIRING_DAYS = 90;
const DAY_MS = 86_400_000;

/** One credential as role fit sees it. */
export interface Holding {
  credentialId: string;
  name: string;
  issuerName: string;
  /** Catalogue items the credential aligns to. */
  alignedIds: string[];
  validFrom: string;
  validUntil: string | null;
  /** Only 'valid' and 'expired' credentials count; revoked, suspended or unverifiable ones never meet anything. */
  state: 'valid' | 'expired' | 'revoked' | 'suspended' | 'invalid';
  recognised: boolean;
}

export interface Requirement {
  competencyId: string;
  name: string;
  code: string;
  kind: string;
  requirement: 'required' | 'recommended';
  /** Oldest acceptable training in months (null: does not expire). */
  maxAgeMonths: number | null;
}

export interface Equivalence {
  fromId: string;
  toId: string;
  relation: 'equivalent' | 'satisfies';
  label: string;
}

export type FitStatus = 'met' | 'expiring' | 'expired' | 'missing';

export interface FitLine {
  requirement: Requirement;
  status: FitStatus;
  /** The credential that meets (or last met) it, if any. */
  holding: Holding | null;
  /** When it stops being in date (the earlier of validUntil and training date + max age). */
  inDateUntil: string | null;
  /** Set when the requirement is met through an equivalence (always indicative). */
  via: { fromId: string; label: string } | null;
  /** What would close the gap, in plain words. */
  action: string | null;
}

export interface FitSummary {
  required: number;
  requiredMet: number;
  requiredExpiring: number;
  requiredExpired: number;
  requiredMissing: number;
  /** Required items counted as met only through credentials from issuers not recognised here. */
  requiredUnrecognised: number;
  recommendedMet: number;
  recommended: number;
  /** Plain-language line, e.g. "Can skip 9 of 12 required training items; 2 need a refresher; 1 is missing." */
  text: string;
}

/** Longest chain of equivalences followed (e.g. Level 4 apprenticeship -> Level 4 -> Level 3 -> Level 2 Diploma). */
export const MAX_EQUIVALENCE_HOPS = 4;

/**
 * Which catalogue ids meet a requirement for `target`: itself, anything that satisfies it, anything equivalent,
 * and so on along chains (what satisfies something that satisfies the target satisfies the target too).
 * 'satisfies' is followed only from what is held to what is required; 'equivalent' both ways. Each id maps to
 * the equivalence it meets the target through (a chain folded into one, labels joined), or null for the target.
 */
export function meetingIds(target: string, eqs: Equivalence[]): Map<string, Equivalence | null> {
  const out = new Map<string, Equivalence | null>([[target, null]]);
  let frontier = [target];
  for (let hop = 0; hop < MAX_EQUIVALENCE_HOPS && frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      const reached = out.get(id) ?? null;
      for (const e of eqs) {
        const held = e.toId === id ? e.fromId : e.relation === 'equivalent' && e.fromId === id ? e.toId : null;
        if (held === null || out.has(held)) continue;
        out.set(
          held,
          reached
            ? {
                fromId: held,
                toId: target,
                relation: e.relation === 'equivalent' && reached.relation === 'equivalent' ? 'equivalent' : 'satisfies',
                label: `${e.label}; ${reached.label}`,
              }
            : e,
        );
        next.push(held);
      }
    }
    frontier = next;
  }
  return out;
}

/** A date from an ISO string; an unreadable one counts as the epoch, so it can never look in date. */
function dateOf(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

function deadline(h: Holding, maxAgeMonths: number | null): Date | null {
  // `!= null`, not truthiness: a maximum age of 0 months means "must be renewed now", not "never lapses".
  const byAge = maxAgeMonths != null ? addMonths(dateOf(h.validFrom), maxAgeMonths) : null;
  const byValidity = h.validUntil ? dateOf(h.validUntil) : null;
  if (byAge && byValidity) return byAge < byValidity ? byAge : byValidity;
  return byAge ?? byValidity;
}

type Rank = [inDate: number, recognised: number, untilMs: number, direct: number];

/** Assesses each requirement against the holdings at `now`. Pure: same inputs, same report. */
export function assessRoleFit(requirements: Requirement[], holdings: Holding[], eqs: Equivalence[], now: Date) {
  const usable = holdings.filter((h) => h.state === 'valid' || h.state === 'expired');
  const nowMs = now.getTime();
  const soon = nowMs + EXPIRING_DAYS * DAY_MS;
  const lines: FitLine[] = requirements.map((req) => {
    const ids = meetingIds(req.competencyId, eqs);
    let best: { h: Holding; until: Date | null; via: Equivalence | null; rank: Rank } | null = null;
    for (const h of usable) {
      // A direct alignment wins over one through an equivalence on the same credential.
      const match = h.alignedIds.includes(req.competencyId) ? req.competencyId : h.alignedIds.find((id) => ids.has(id));
      if (!match) continue;
      const until = deadline(h, req.maxAgeMonths);
      const untilMs = until ? until.getTime() : Number.POSITIVE_INFINITY;
      const via = ids.get(match) ?? null;
      // Prefer in date over lapsed, then a recognised issuer, then the latest deadline (none = never lapses), then a direct match.
      const rank: Rank = [h.state === 'valid' && untilMs > nowMs ? 1 : 0, h.recognised ? 1 : 0, untilMs, via ? 0 : 1];
      if (!best || compareRank(rank, best.rank) > 0) best = { h, until, via, rank };
    }
    const refresh = req.maxAgeMonths ? ` (refresher every ${req.maxAgeMonths} months)` : '';
    if (!best) {
      return {
        requirement: req,
        status: 'missing',
        holding: null,
        inDateUntil: null,
        via: null,
        action: `Complete ${req.name}${refresh}`,
      };
    }
    const untilMs = best.until?.getTime() ?? Number.POSITIVE_INFINITY;
    const status: FitStatus =
      best.h.state !== 'valid' || untilMs <= nowMs ? 'expired' : untilMs <= soon ? 'expiring' : 'met';
    const action =
      status === 'expired'
        ? `Refresh ${req.name}${refresh}`
        : status === 'expiring'
          ? `Book a refresher for ${req.name} before ${best.until?.toISOString().slice(0, 10)}`
          : null;
    return {
      requirement: req,
      status,
      holding: best.h,
      inDateUntil: best.until ? best.until.toISOString() : null,
      via: best.via
        ? { fromId: best.via.fromId === req.competencyId ? best.via.toId : best.via.fromId, label: best.via.label }
        : null,
      action,
    };
  });
  return { lines, summary: summarise(lines) };
}

function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? 1 : -1;
  return 0;
}

const items = (n: number, what = 'item') => `${n} ${what}${n === 1 ? '' : 's'}`;

function summarise(lines: FitLine[]): FitSummary {
  const req = lines.filter((l) => l.requirement.requirement === 'required');
  const rec = lines.filter((l) => l.requirement.requirement === 'recommended');
  const n = (s: FitStatus) => req.filter((l) => l.status === s).length;
  const held = (l: FitLine) => l.status === 'met' || l.status === 'expiring';
  const s: Omit<FitSummary, 'text'> = {
    required: req.length,
    requiredMet: n('met'),
    requiredExpiring: n('expiring'),
    requiredExpired: n('expired'),
    requiredMissing: n('missing'),
    requiredUnrecognised: req.filter((l) => held(l) && l.holding && !l.holding.recognised).length,
    recommended: rec.length,
    recommendedMet: rec.filter(held).length,
  };
  const skip = s.requiredMet + s.requiredExpiring;
  const parts = [
    s.required
      ? `Can skip ${skip} of ${s.required} required training ${s.required === 1 ? 'item' : 'items'}`
      : 'No required training items',
  ];
  if (s.requiredExpiring) parts.push(`${s.requiredExpiring} expiring within ${EXPIRING_DAYS} days`);
  if (s.requiredExpired) parts.push(`${s.requiredExpired} need${s.requiredExpired === 1 ? 's' : ''} a refresher`);
  if (s.requiredMissing) parts.push(`${s.requiredMissing} missing`);
  if (s.requiredUnrecognised) {
    parts.push(
      `${s.requiredUnrecognised} ${s.requiredUnrecognised === 1 ? 'rests' : 'rest'} on issuers not recognised here`,
    );
  }
  if (s.recommended) parts.push(`${s.recommendedMet} of ${items(s.recommended, 'recommended item')} held`);
  return { ...s, text: `${parts.join('; ')}.` };
}

// ---------------------------------------------------------------- loaders

/** Requirements of a catalogue role ("role:<id>") or an employer's own role ("employer-role:<id>"). */
export async function loadRequirements(db: Database, roleRef: string): Promise<Requirement[] | null> {
  const [kind, id] = roleRef.split(':', 2) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'role') {
    // An unknown role is "no such role" (null), not a role without requirements.
    const exists = await db.select({ id: roles.id }).from(roles).where(eq(roles.id, id)).limit(1);
    if (!exists.length) return null;
    const { requirementsOf } = await import('../catalogue/catalogue');
    const reqs = await requirementsOf(db, id);
    return reqs.map((r) => ({
      competencyId: r.competency.id,
      name: r.competency.name,
      code: r.competency.code,
      kind: r.competency.kind,
      requirement: r.requirement,
      maxAgeMonths: r.maxAgeMonths,
    }));
  }
  if (kind === 'employer-role') {
    const rows = await db
      .select({ r: employerRoleRequirements, c: competencies })
      .from(employerRoleRequirements)
      .innerJoin(competencies, eq(competencies.id, employerRoleRequirements.competencyId))
      .where(eq(employerRoleRequirements.employerRoleId, id));
    const exists = await db
      .select({ id: employerRoles.id })
      .from(employerRoles)
      .where(eq(employerRoles.id, id))
      .limit(1);
    if (!exists.length) return null;
    return rows.map(({ r, c }) => ({
      competencyId: c.id,
      name: c.name,
      code: c.code,
      kind: c.kind,
      requirement: r.requirement,
      maxAgeMonths: r.maxAgeMonths ?? c.refreshMonths,
    }));
  }
  return null;
}

/**
 * Competency equivalences touching any of the given ids (both directions), followed outwards for up to
 * MAX_EQUIVALENCE_HOPS hops so meetingIds can walk chains. Queried in chunks (D1's bound-parameter limit).
 */
export async function loadEquivalences(db: Database, ids: string[]): Promise<Equivalence[]> {
  const seen = new Set<string>();
  const byId = new Map<string, Equivalence>();
  let frontier = [...new Set(ids)];
  for (let hop = 0; hop < MAX_EQUIVALENCE_HOPS && frontier.length; hop++) {
    for (const id of frontier) seen.add(id);
    const next = new Set<string>();
    for (let i = 0; i < frontier.length; i += 40) {
      const chunk = frontier.slice(i, i + 40);
      const rows = await db
        .select()
        .from(equivalences)
        .where(
          and(
            eq(equivalences.kind, 'competency'),
            or(inArray(equivalences.toId, chunk), inArray(equivalences.fromId, chunk)),
          ),
        );
      for (const e of rows) {
        byId.set(e.id, { fromId: e.fromId, toId: e.toId, relation: e.relation, label: e.label });
        for (const other of [e.fromId, e.toId]) if (!seen.has(other)) next.add(other);
      }
    }
    frontier = [...next];
  }
  return [...byId.values()];
}

/** A worker's own credentials as holdings: issued here (newest of each renewal chain) and imported ones that verified. */
export async function loadHoldings(db: Database, userId: string, now: Date): Promise<Holding[]> {
  const issued = await db
    .select({ c: credentials, a: achievements.name, o: organisations.name, ostatus: organisations.status })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(and(eq(credentials.subjectUserId, userId), isNull(credentials.replacedById)));
  const imported = await db.select().from(importedCredentials).where(eq(importedCredentials.userId, userId));
  const t = now.toISOString();
  return [
    ...issued.map(({ c, a, o, ostatus }) => ({
      credentialId: c.id,
      name: a,
      issuerName: o,
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
      recognised: ostatus === 'approved',
    })),
    ...imported.map((i) => {
      const v = JSON.parse(i.verification) as {
        verified?: boolean;
        trust?: { recognised?: boolean };
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

/** Holdings from verification results (a shared presentation or pasted credentials). Expired ones still count as "expired". */
export function holdingsFromResults(results: CredentialResult[], options: FromResultsOptions = {}): Holding[] {
  return results.flatMap((r, i) => {
    const c = r.credential;
    if (!c) return [];
    const codes = r.errors.map((e) => e.code);
    const onlyExpired = codes.length > 0 && codes.every((x) => x === 'expired');
    const subjects = (Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject]) as (
      | { id?: unknown; achievement?: { name?: string } }
      | undefined
    )[];
    const notTheHolder = !!options.holder && (!subjects.length || subjects.some((s) => s?.id !== options.holder));
    const state: Holding['state'] = notTheHolder
      ? 'invalid'
      : r.verified
        ? 'valid'
        : codes.includes('revoked')
          ? 'revoked'
          : codes.includes('suspended')
            ? 'suspended'
            : onlyExpired
              ? 'expired'
              : 'invalid';
    const subject = subjects[0];
    const claims = jwtClaims(options.jwts?.[i] ?? null);
    return [
      {
        credentialId: typeof c.id === 'string' ? c.id : `credential-${i + 1}`,
        name: subject?.achievement?.name ?? (typeof c.name === 'string' ? c.name : 'Credential'),
        issuerName: r.trust?.name ?? r.issuer ?? 'Unknown issuer',
        alignedIds: alignedCodes(c),
        // VC 2.0 validFrom/validUntil; VC 1.1 issuanceDate/expirationDate, or the JWT's nbf/iat/exp they travel in.
        validFrom: isoOf(c.validFrom) ?? isoOf(c.issuanceDate) ?? claims.from ?? new Date(0).toISOString(),
        validUntil: isoOf(c.validUntil) ?? isoOf(c.expirationDate) ?? claims.until,
        state,
        recognised: !!r.trust?.recognised,
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

type RoleBasis = { requirements: Requirement[]; eqs: Equivalence[] } | null;

async function loadRoleBasis(db: Database, roleRef: string): Promise<RoleBasis> {
  const requirements = await loadRequirements(db, roleRef);
  if (!requirements) return null;
  const eqs = await loadEquivalences(
    db,
    requirements.map((r) => r.competencyId),
  );
  return { requirements, eqs };
}

/**
 * Catalogue roles' requirements and equivalences are reference data, read-only in the product: they are held per
 * database handle for CATALOGUE_ROLE_TTL_MS: an admin's edit in this process is seen at once (epoch), one made in
 * another process or directly in the database within that time.
 * Employers' own roles change through their pages and are always read afresh.
 */
export const CATALOGUE_ROLE_TTL_MS = 60_000;
const catalogueBasis = new WeakMap<Database, EpochCache<RoleBasis>>();
/** Expiry runs on the wall clock: the app's clock may stand still (tests, what-if runs). */
const wallClock = () => new Date();

function roleBasis(db: Database, roleRef: string): Promise<RoleBasis> {
  if (!roleRef.startsWith('role:')) return loadRoleBasis(db, roleRef);
  let cache = catalogueBasis.get(db);
  if (!cache) {
    cache = new EpochCache<RoleBasis>(CATALOGUE_ROLE_TTL_MS, epochs.catalogue, wallClock, 500);
    catalogueBasis.set(db, cache);
  }
  return cache.get(roleRef, () => loadRoleBasis(db, roleRef));
}

/** Loads requirements, equivalences and runs the assessment; null when the role does not exist. */
export async function roleFitFor(db: Database, roleRef: string, holdings: Holding[], now: Date) {
  const basis = await roleBasis(db, roleRef);
  return basis ? assessRoleFit(basis.requirements, holdings, basis.eqs, now) : null;
}

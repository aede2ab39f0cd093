/**
 * Role fit and gap analysis: which requirements of a role a person's credentials already meet and in date,
 * which are expiring or expired, which are missing, and what would close each gap. One pure function serves
 * the worker's career pathway and the employer's role-fit report; loaders below gather its inputs.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  achievements,
  competencies,
  credentials,
  employerRoleRequirements,
  employerRoles,
  equivalences,
  importedCredentials,
  organisations,
} from '../../db/schema';
import type { CredentialResult } from '../credentials/verify';
import { addMonths } from './issuance';
import { alignedCodes } from './verifier';

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
  recommendedMet: number;
  recommended: number;
  /** Plain-language line, e.g. "Can skip 9 of 12 required training items; 2 need a refresher; 1 is missing." */
  text: string;
}

/** Which catalogue ids meet a requirement for `target`: itself, anything that satisfies it, anything equivalent. */
export function meetingIds(target: string, eqs: Equivalence[]): Map<string, Equivalence | null> {
  const out = new Map<string, Equivalence | null>([[target, null]]);
  for (const e of eqs) {
    if (e.toId === target && !out.has(e.fromId)) out.set(e.fromId, e);
    if (e.relation === 'equivalent' && e.fromId === target && !out.has(e.toId)) out.set(e.toId, e);
  }
  return out;
}

function deadline(h: Holding, maxAgeMonths: number | null): Date | null {
  const byAge = maxAgeMonths ? addMonths(new Date(h.validFrom), maxAgeMonths) : null;
  const byValidity = h.validUntil ? new Date(h.validUntil) : null;
  if (byAge && byValidity) return byAge < byValidity ? byAge : byValidity;
  return byAge ?? byValidity;
}

/** Assesses each requirement against the holdings at `now`. Pure: same inputs, same report. */
export function assessRoleFit(requirements: Requirement[], holdings: Holding[], eqs: Equivalence[], now: Date) {
  const usable = holdings.filter((h) => h.state === 'valid' || h.state === 'expired');
  const soon = now.getTime() + EXPIRING_DAYS * DAY_MS;
  const lines: FitLine[] = requirements.map((req) => {
    const ids = meetingIds(req.competencyId, eqs);
    let best: { h: Holding; until: Date | null; via: Equivalence | null; rank: [number, number, number] } | null = null;
    for (const h of usable) {
      const match = h.alignedIds.find((id) => ids.has(id));
      if (!match) continue;
      const until = deadline(h, req.maxAgeMonths);
      const untilMs = until ? until.getTime() : Number.POSITIVE_INFINITY;
      const via = ids.get(match) ?? null;
      // Prefer in date over lapsed, then the latest deadline (none = never lapses), then a direct match.
      const rank: [number, number, number] = [h.state === 'valid' && untilMs > now.getTime() ? 1 : 0, untilMs, via ? 0 : 1];
      if (!best || compareRank(rank, best.rank) > 0) best = { h, until, via, rank };
    }
    const refresh = req.maxAgeMonths ? ` (refresher every ${req.maxAgeMonths} months)` : '';
    if (!best) {
      return { requirement: req, status: 'missing', holding: null, inDateUntil: null, via: null, action: `Complete ${req.name}${refresh}` };
    }
    const untilMs = best.until?.getTime() ?? Number.POSITIVE_INFINITY;
    const status: FitStatus =
      best.h.state !== 'valid' || untilMs <= now.getTime() ? 'expired' : untilMs <= soon ? 'expiring' : 'met';
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
      via: best.via ? { fromId: best.via.fromId === req.competencyId ? best.via.toId : best.via.fromId, label: best.via.label } : null,
      action,
    };
  });
  return { lines, summary: summarise(lines) };
}

function compareRank(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? 1 : -1;
  return 0;
}

function summarise(lines: FitLine[]): FitSummary {
  const req = lines.filter((l) => l.requirement.requirement === 'required');
  const rec = lines.filter((l) => l.requirement.requirement === 'recommended');
  const n = (s: FitStatus) => req.filter((l) => l.status === s).length;
  const s: Omit<FitSummary, 'text'> = {
    required: req.length,
    requiredMet: n('met'),
    requiredExpiring: n('expiring'),
    requiredExpired: n('expired'),
    requiredMissing: n('missing'),
    recommended: rec.length,
    recommendedMet: rec.filter((l) => l.status === 'met' || l.status === 'expiring').length,
  };
  const skip = s.requiredMet + s.requiredExpiring;
  const parts = [`Can skip ${skip} of ${s.required} required training items`];
  if (s.requiredExpiring) parts.push(`${s.requiredExpiring} expiring within ${EXPIRING_DAYS} days`);
  if (s.requiredExpired) parts.push(`${s.requiredExpired} need${s.requiredExpired === 1 ? 's' : ''} a refresher`);
  if (s.requiredMissing) parts.push(`${s.requiredMissing} missing`);
  return { ...s, text: `${parts.join('; ')}.` };
}

// ---------------------------------------------------------------- loaders

/** Requirements of a catalogue role ("role:<id>") or an employer's own role ("employer-role:<id>"). */
export async function loadRequirements(db: Database, roleRef: string): Promise<Requirement[] | null> {
  const [kind, id] = roleRef.split(':', 2) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'role') {
    const { requirementsOf } = await import('./catalogue');
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
    const exists = await db.select({ id: employerRoles.id }).from(employerRoles).where(eq(employerRoles.id, id)).limit(1);
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

/** Competency equivalences touching any of the given ids (both directions). */
export async function loadEquivalences(db: Database, ids: string[]): Promise<Equivalence[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(equivalences)
    .where(and(eq(equivalences.kind, 'competency'), or(inArray(equivalences.toId, ids), inArray(equivalences.fromId, ids))));
  return rows.map((e) => ({ fromId: e.fromId, toId: e.toId, relation: e.relation, label: e.label }));
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
      state: (c.status === 'revoked' ? 'revoked' : c.status === 'suspended' ? 'suspended' : c.validUntil && c.validUntil <= t ? 'expired' : 'valid') as Holding['state'],
      recognised: ostatus === 'approved',
    })),
    ...imported.map((i) => {
      const v = JSON.parse(i.verification) as { verified?: boolean; trust?: { recognised?: boolean } };
      return {
        credentialId: i.id,
        name: i.name,
        issuerName: i.issuer,
        alignedIds: JSON.parse(i.alignedIds) as string[],
        validFrom: i.validFrom ?? i.importedAt,
        validUntil: i.validUntil,
        state: (!v.verified ? 'invalid' : i.validUntil && i.validUntil <= t ? 'expired' : 'valid') as Holding['state'],
        recognised: !!v.trust?.recognised,
      };
    }),
  ];
}

/** Holdings from verification results (a shared presentation or pasted credentials). Expired ones still count as "expired". */
export function holdingsFromResults(results: CredentialResult[]): Holding[] {
  return results.flatMap((r, i) => {
    const c = r.credential;
    if (!c) return [];
    const codes = r.errors.map((e) => e.code);
    const onlyExpired = codes.length > 0 && codes.every((x) => x === 'expired');
    const state: Holding['state'] = r.verified
      ? 'valid'
      : codes.includes('revoked')
        ? 'revoked'
        : codes.includes('suspended')
          ? 'suspended'
          : onlyExpired
            ? 'expired'
            : 'invalid';
    const subject = (Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject) as
      | { achievement?: { name?: string } }
      | undefined;
    return [
      {
        credentialId: typeof c.id === 'string' ? c.id : `credential-${i + 1}`,
        name: subject?.achievement?.name ?? (typeof c.name === 'string' ? c.name : 'Credential'),
        issuerName: r.trust?.name ?? r.issuer ?? 'Unknown issuer',
        alignedIds: alignedCodes(c),
        validFrom: typeof c.validFrom === 'string' ? c.validFrom : new Date(0).toISOString(),
        validUntil: typeof c.validUntil === 'string' ? c.validUntil : null,
        state,
        recognised: !!r.trust?.recognised,
      },
    ];
  });
}

/** Loads requirements, equivalences and runs the assessment; null when the role does not exist. */
export async function roleFitFor(db: Database, roleRef: string, holdings: Holding[], now: Date) {
  const requirements = await loadRequirements(db, roleRef);
  if (!requirements) return null;
  const eqs = await loadEquivalences(
    db,
    requirements.map((r) => r.competencyId),
  );
  return assessRoleFit(requirements, holdings, eqs, now);
}

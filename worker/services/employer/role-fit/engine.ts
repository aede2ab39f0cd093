/**
 * Role fit and gap analysis: which requirements of a role a person's credentials already meet, in date and
 * accepted here; which need a refresher, local sign-off or training; and what stands between the person and the
 * role. One pure function serves the worker's career pathway and the employer's role-fit report.
 */
import { acceptanceWords, PROVIDER_WORDS } from '../../catalogue/rules';
import { addMonths } from '../../../lib/dates';
import { EXPIRING_DAYS } from './constants';
import { isPersonSpecific, summarise } from './report-text';
import type { Equivalence, FitLine, FitStatus, Holding, LevelledItem, Requirement, RoleContext } from './types';

const DAY_MS = 86_400_000;

/** Longest chain of equivalences followed (e.g. Level 4 apprenticeship -> Level 4 -> Level 3 -> Level 2 Diploma). */
export const MAX_EQUIVALENCE_HOPS = 4;

/**
 * Which catalogue ids meet a requirement for `target`: itself, anything that satisfies or includes it, anything
 * equivalent, and so on along chains. 'comparable' relations never meet anything. Each id maps to the equivalence
 * it meets the target through (a chain folded into one, labels joined), or null for the target.
 */
export function meetingIds(target: string, eqs: Equivalence[]): Map<string, Equivalence | null> {
  const out = new Map<string, Equivalence | null>([[target, null]]);
  let frontier = [target];
  for (let hop = 0; hop < MAX_EQUIVALENCE_HOPS && frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      const reached = out.get(id) ?? null;
      for (const e of eqs) {
        if (e.relation === 'comparable') continue;
        const held = e.toId === id ? e.fromId : e.relation === 'equivalent' && e.fromId === id ? e.toId : null;
        if (held === null || out.has(held)) continue;
        out.set(held, reached ? fold(held, target, e, reached) : e);
        next.push(held);
      }
    }
    frontier = next;
  }
  return out;
}

function fold(held: string, target: string, e: Equivalence, reached: Equivalence): Equivalence {
  const relation = e.relation === 'equivalent' && reached.relation === 'equivalent' ? 'equivalent' : 'satisfies';
  const weakest = [e.strength, reached.strength].includes('indicative')
    ? 'indicative'
    : [e.strength, reached.strength].includes('published')
      ? 'published'
      : (e.strength ?? reached.strength);
  return {
    fromId: held,
    toId: target,
    relation,
    label: `${e.label}; ${reached.label}`,
    ...(weakest ? { strength: weakest } : {}),
    ...(e.source || reached.source ? { source: [e.source, reached.source].filter(Boolean).join('; ') } : {}),
  };
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

/** A valid credential before its deadline (none: it does not run out). */
function inDateAt(h: Holding, until: Date | null, nowMs: number): boolean {
  return h.state === 'valid' && (until === null || until.getTime() > nowMs);
}

/**
 * The ids a holding counts for once levels are read: an alignment to an older item that collapsed its levels
 * (safeguarding adults "levels 1-3") counts at the level the credential states, else only at level 1.
 */
export function readLevels(h: Holding, levels: LevelledItem[]): { ids: string[]; notes: Map<string, string> } {
  const notes = new Map<string, string>();
  if (!levels.length) return { ids: h.alignedIds, notes };
  const ids = [...h.alignedIds];
  for (const a of h.alignedIds) {
    const family = levels.filter((l) => l.levelOf === a);
    if (!family.length) continue;
    const stated = h.level ? family.find((l) => l.level === h.level) : undefined;
    const chosen = stated ?? family.find((l) => l.level === 1);
    if (!chosen) continue;
    ids.push(chosen.id);
    notes.set(
      chosen.id,
      stated
        ? `Counted at level ${stated.level}, the level the certificate states.`
        : 'Counted as level 1 only: the certificate is aligned to "levels 1-3" and does not state its level.',
    );
  }
  return { ids, notes };
}

/** Why valid training is not accepted under the requirement's rule (empty: accepted). */
function rejections(req: Requirement, h: Holding, level: number | null, nowMs: number): string[] {
  const rule = req.acceptance;
  if (!rule) return [];
  const out: string[] = [];
  if (rule.providers) {
    const kinds = new Set(h.providerKinds ?? []);
    if (h.recognised) kinds.add('approved_academy');
    if (!rule.providers.some((p) => kinds.has(p))) {
      out.push(`accepted here only from ${rule.providers.map((p) => PROVIDER_WORDS[p]).join(' or ')}`);
    }
  }
  if (rule.minLevel && (level ?? 1) < rule.minLevel) {
    out.push(`level ${level ?? 1} held; this role needs level ${rule.minLevel} or above`);
  }
  if (rule.maxAgeMonths != null && addMonths(dateOf(h.validFrom), rule.maxAgeMonths).getTime() <= nowMs) {
    const whose = rule.setBy === 'employer' ? 'your allowable period' : "this role's allowable period";
    out.push(`${AGE_REJECTION} ${rule.maxAgeMonths} months ago (${whose})`);
  }
  return out;
}

type Rank = [inDate: number, accepted: number, recognised: number, untilMs: number, direct: number];

function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? 1 : -1;
  return 0;
}

interface Candidate {
  h: Holding;
  until: Date | null;
  via: Equivalence | null;
  rank: Rank;
  rejected: string[];
  levelNote: string | null;
}

/** The best holding for one requirement: in date, accepted, recognised, latest deadline, direct. */
function bestCandidate(req: Requirement, usable: Holding[], eqs: Equivalence[], ctx: RoleContext, nowMs: number) {
  const ids = meetingIds(req.competencyId, eqs);
  let best: Candidate | null = null;
  for (const h of usable) {
    const read = readLevels(h, ctx.levels ?? []);
    // A direct alignment wins over one through an equivalence on the same credential.
    const match = read.ids.includes(req.competencyId) ? req.competencyId : read.ids.find((id) => ids.has(id));
    if (!match) continue;
    const until = deadline(h, req.maxAgeMonths);
    const untilMs = until ? until.getTime() : Number.POSITIVE_INFINITY;
    const via = ids.get(match) ?? null;
    const level = match === req.competencyId ? (req.level ?? h.level ?? null) : (h.level ?? null);
    const rejected = rejections(req, h, level, nowMs);
    const inDate = inDateAt(h, until, nowMs) ? 1 : 0;
    const rank: Rank = [inDate, rejected.length ? 0 : 1, h.recognised ? 1 : 0, untilMs, via ? 0 : 1];
    if (!best || compareRank(rank, best.rank) > 0) {
      best = { h, until, via, rank, rejected, levelNote: read.notes.get(match) ?? null };
    }
  }
  return best;
}

/** Items below the requirement on its own scale: what it includes, and lower levels of its family. */
export function lowerLevels(target: string, eqs: Equivalence[], levels: LevelledItem[]): Set<string> {
  const out = new Set<string>();
  let frontier = [target];
  for (let hop = 0; hop < MAX_EQUIVALENCE_HOPS && frontier.length; hop++) {
    const next: string[] = [];
    for (const e of eqs) {
      if (e.relation === 'includes' && frontier.includes(e.fromId) && !out.has(e.toId)) {
        out.add(e.toId);
        next.push(e.toId);
      }
    }
    frontier = next;
  }
  const own = levels.find((l) => l.id === target);
  if (own) for (const l of levels) if (l.levelOf === own.levelOf && l.level < own.level) out.add(l.id);
  return out;
}

/** A held item at a lower level than the requirement (a level 1 certificate against a level 2 requirement). */
function lowerHeld(req: Requirement, usable: Holding[], eqs: Equivalence[], ctx: RoleContext) {
  const lower = lowerLevels(req.competencyId, eqs, ctx.levels ?? []);
  if (!lower.size) return null;
  for (const h of usable) {
    if (h.state !== 'valid') continue;
    const read = readLevels(h, ctx.levels ?? []);
    const id = read.ids.find((x) => lower.has(x));
    if (id) return { h, note: read.notes.get(id) ?? null };
  }
  return null;
}

/**
 * Something held that is comparable to the requirement, or to an item that meets it, although no published
 * equivalence exists: the comparable item itself, or anything that meets it (the 2015 Care Certificate for its 2025
 * standards; a Welsh Level 3 Practice diploma for NHS band 3's Level 3, through the English Level 3 diploma).
 */
function comparableHeld(req: Requirement, usable: Holding[], eqs: Equivalence[]) {
  const targets = meetingIds(req.competencyId, eqs);
  for (const e of eqs) {
    if (e.relation !== 'comparable') continue;
    const other = targets.has(e.toId) ? e.fromId : targets.has(e.fromId) ? e.toId : null;
    if (!other || targets.has(other)) continue;
    const meets = meetingIds(other, eqs);
    const h = usable.find((x) => x.alignedIds.some((id) => meets.has(id)));
    if (h) return { h, e };
  }
  return null;
}

/** An equivalence's label with its strength and source, as a line's note shows it. */
function sourcedLabel(e: Equivalence): string {
  return `${e.label} (${e.strength ?? 'indicative'}${e.source ? `; source: ${e.source}` : '; no source recorded'})`;
}

const refreshText = (req: Requirement) => (req.maxAgeMonths ? ` (refresher every ${req.maxAgeMonths} months)` : '');

/** A line for a requirement nothing held meets. */
function unmetLine(req: Requirement, usable: Holding[], eqs: Equivalence[], ctx: RoleContext): FitLine {
  const blank = { requirement: req, holding: null, inDateUntil: null, via: null };
  const low = lowerHeld(req, usable, eqs, ctx);
  if (low) {
    return {
      ...blank,
      status: 'not_accepted',
      holding: low.h,
      action: `Complete ${req.name}${refreshText(req)}`,
      notes: [
        ...(low.note ? [low.note] : []),
        `Valid but not accepted here: ${low.h.name} is below the level this role needs (${req.name}).`,
      ],
    };
  }
  const cmp = comparableHeld(req, usable, eqs);
  if (cmp) {
    return {
      ...blank,
      status: 'compare',
      holding: cmp.h,
      action: `No published equivalence: compare the content of ${cmp.h.name} with ${req.name}`,
      notes: [sourcedLabel(cmp.e)],
    };
  }
  const due = req.acceptance?.dueWithinMonths ?? req.detail?.registration?.withinMonthsOfStart ?? null;
  if (due) {
    const note = req.acceptance?.dueNote;
    return {
      ...blank,
      status: 'due_later',
      action: `Needed within ${due} months of starting${note ? `: ${note}` : ''}`,
    };
  }
  if (isPersonSpecific(req)) {
    return {
      ...blank,
      status: 'missing',
      action: `Training and sign-off here, by the person who delegates or supervises ${req.name}`,
    };
  }
  return { ...blank, status: 'missing', action: `Complete ${req.name}${refreshText(req)}` };
}

/** Plain words for a person-specific competence's prior evidence. */
function evidenceNote(h: Holding): string {
  const e = h.evidence;
  const parts = [`Prior evidence: ${h.name}, ${h.validFrom.slice(0, 10)}`];
  if (e?.delegatingRole) parts.push(`delegated by a ${e.delegatingRole}`);
  else if (e?.assessedBy) parts.push(`assessed by ${e.assessedBy}`);
  if (e?.reviewDate) parts.push(`review due ${e.reviewDate}`);
  return `${parts.join(', ')}.`;
}

const AGE_REJECTION = 'completed more than';

/**
 * Why valid training is not accepted, and what to do: a refresher when only the allowable period rules it out,
 * else training with an accepted provider. Names the employer's own rule where it is theirs.
 */
function notAccepted(req: Requirement, rejected: string[]) {
  const rule = req.acceptance;
  const lapsed = rejected.every((r) => r.startsWith(AGE_REJECTION));
  const own = rule?.setBy === 'employer';
  const note = own
    ? `Valid but not accepted under your rule: ${rejected.join('; ')}.`
    : `Valid but not accepted here: ${rejected.join('; ')}${rule?.indicative ? ' (indicative: the common NHS trust rule)' : ''}.`;
  const whose = own ? 'your rule accepts' : 'this role accepts';
  const action = lapsed
    ? `Refresh ${req.name}: ${whose} training completed within the last ${rule?.maxAgeMonths} months`
    : `Repeat ${req.name} with a provider ${whose}`;
  return { note, action, lapsed };
}

/** The equivalence a line is met through, as the report shows it (from the held item's side). */
function viaOf(req: Requirement, best: Candidate): FitLine['via'] {
  if (!best.via) return null;
  return {
    fromId: best.via.fromId === req.competencyId ? best.via.toId : best.via.fromId,
    label: best.via.label,
    ...(best.via.strength ? { strength: best.via.strength } : {}),
    ...(best.via.source ? { source: best.via.source } : {}),
  };
}

/**
 * A professional registration with a certificate held. A certificate shows registration on a date; only the
 * regulator's live register shows that it is current (renewed, no conditions, not struck off), so it is never
 * "met and in date" here. One older than a renewal period, or expired, may have lapsed.
 */
function registerLine(req: Requirement, best: Candidate, nowMs: number): FitLine {
  const reg = req.detail?.registration;
  const body = reg?.regulator ?? 'the regulator';
  const until = deadline(best.h, req.maxAgeMonths ?? reg?.renewMonths ?? null);
  const stale = !inDateAt(best.h, until, nowMs);
  const notes = [
    ...(best.levelNote ? [best.levelNote] : []),
    `The certificate shows registration on ${best.h.validFrom.slice(0, 10)}; only the ${body} register shows whether it is current.`,
  ];
  if (stale) {
    notes.push(
      reg?.renewMonths
        ? `It is older than one renewal period (every ${reg.renewMonths / 12} years) or has expired: the registration may have lapsed.`
        : 'The certificate has expired: the registration may have lapsed.',
    );
  }
  if (best.rejected.length) notes.push(notAccepted(req, best.rejected).note);
  return {
    requirement: req,
    status: 'check_register',
    holding: best.h,
    // No "in date until": only the register says how long a registration is current.
    inDateUntil: null,
    via: viaOf(req, best),
    action: `Check the ${body} register${reg?.withinMonthsOfStart ? '' : ' before starting'}`,
    notes,
  };
}

/** Accepted under the common NHS trust rule, which a trust may set differently: said on the line. */
const INDICATIVE_ACCEPTANCE = 'Accepted under the common NHS trust rule (indicative): a trust may set its own.';

function heldLine(req: Requirement, best: Candidate, nowMs: number): FitLine {
  const untilMs = best.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const inDate = inDateAt(best.h, best.until, nowMs);
  const notes = best.levelNote ? [best.levelNote] : [];
  const soon = nowMs + EXPIRING_DAYS * DAY_MS;
  let status: FitStatus = !inDate ? 'expired' : untilMs <= soon ? 'expiring' : 'met';
  let lapsed = false;
  let action: string | null =
    status === 'expired'
      ? `Refresh ${req.name}${refreshText(req)}`
      : status === 'expiring'
        ? `Book a refresher for ${req.name} before ${best.until?.toISOString().slice(0, 10)}`
        : null;
  if (isPersonSpecific(req)) {
    // Competence to do this for one person, delegated by one professional, does not move with the worker.
    status = 'local_signoff';
    notes.unshift(evidenceNote(best.h));
    action = 'Needs local sign-off: the knowledge carries over, the competence is assessed again here';
  } else if (inDate && best.rejected.length) {
    status = 'not_accepted';
    const words = notAccepted(req, best.rejected);
    notes.push(words.note);
    action = words.action;
    lapsed = words.lapsed;
  } else if (inDate && req.acceptance?.indicative && req.acceptance.setBy !== 'employer') {
    notes.push(INDICATIVE_ACCEPTANCE);
  }
  return {
    ...(lapsed ? { lapsed } : {}),
    requirement: req,
    status,
    holding: best.h,
    inDateUntil: best.until ? best.until.toISOString() : null,
    via: viaOf(req, best),
    action,
    ...(notes.length ? { notes } : {}),
  };
}

/** Names the employer's own rule on its line ("Your rule: ..."), and says where it accepts more than the sector rule. */
function withOwnRule(line: FitLine): FitLine {
  const rule = line.requirement.acceptance;
  if (rule?.setBy !== 'employer') return line;
  const own = [`Your rule: ${acceptanceWords(rule)}.`];
  if (rule.looserThan) own.push(`Your rule accepts more than the sector rule (${rule.looserThan}).`);
  return { ...line, notes: [...(line.notes ?? []), ...own] };
}

/** Assesses each requirement against the holdings at `now`. Pure: same inputs, same report. */
export function assessRoleFit(
  requirements: Requirement[],
  holdings: Holding[],
  eqs: Equivalence[],
  now: Date,
  ctx: RoleContext = {},
) {
  const usable = holdings.filter((h) => h.state === 'valid' || h.state === 'expired');
  const nowMs = now.getTime();
  const lines: FitLine[] = requirements.map((req) => {
    const best = bestCandidate(req, usable, eqs, ctx, nowMs);
    if (!best) return withOwnRule(unmetLine(req, usable, eqs, ctx));
    return withOwnRule(req.kind === 'registration' ? registerLine(req, best, nowMs) : heldLine(req, best, nowMs));
  });
  return { lines, summary: summarise(lines, usable, ctx) };
}

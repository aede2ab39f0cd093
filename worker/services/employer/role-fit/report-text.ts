/**
 * The words of a role-fit report: the first sentence (can this person start in this role, and after what), the
 * route plan (skip, refreshers, short training, local sign-off, qualifications and registration) and the counts line.
 */
import { EXPIRING_DAYS_TEXT } from './constants';
import type { FitLine, FitStatus, FitSummary, Holding, Requirement, RoleContext, RoutePlan } from './types';

/** Kinds that take months or years (or a regulator) rather than a short course. */
const LONGER_KINDS = new Set(['qualification', 'registration', 'entry']);

/** Delegated activities and medicines administration: competence tied to one person and setting. */
export function isPersonSpecific(req: Requirement): boolean {
  return req.kind === 'delegated_task' || req.kind === 'medicines' || !!req.detail?.personSpecific;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const OPEN: FitStatus[] = ['missing', 'expired', 'not_accepted', 'compare'];
const held = (l: FitLine) => l.status === 'met' || l.status === 'expiring';

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What a person-specific line is about, in the headline's words. */
const signOffWord = (l: FitLine) => (l.requirement.kind === 'medicines' ? 'medicines' : 'delegated tasks');

/** The first sentence of the report: the answer to "can they start in this role?". */
export function headline(lines: FitLine[], ctx: RoleContext): string {
  const title = ctx.title ?? 'this role';
  const required = lines.filter((l) => l.requirement.requirement === 'required');
  // What the rules allow to follow the start (Welsh registration qualifications) never blocks it.
  const later = (r: Requirement) => !!(r.acceptance?.dueWithinMonths || r.detail?.registration?.withinMonthsOfStart);
  const blocking = required.filter(
    (l) => LONGER_KINDS.has(l.requirement.kind) && OPEN.includes(l.status) && !later(l.requirement),
  );
  if (blocking.length) {
    return `Not ready to start as ${title} yet: needs ${listOf(blocking.map((l) => l.requirement.name))}.`;
  }
  const shortOnes = required.filter(
    (l) => !LONGER_KINDS.has(l.requirement.kind) && !isPersonSpecific(l.requirement) && !later(l.requirement),
  );
  const refresh = (l: FitLine) => l.status === 'expired' || !!l.lapsed;
  const short = shortOnes.filter((l) => OPEN.includes(l.status) && !refresh(l)).length;
  const refreshers = shortOnes.filter(refresh).length;
  const after = [short ? plural(short, 'short course') : '', refreshers ? plural(refreshers, 'refresher') : '']
    .filter(Boolean)
    .join(' and ');
  // A registration certificate is checked on the live register: before starting, or within the rules' time.
  const toCheck = required.filter((l) => l.status === 'check_register');
  const checkFirst = toCheck.filter((l) => !later(l.requirement)).map((l) => l.requirement.name);
  const checkLater = toCheck.filter((l) => later(l.requirement)).map((l) => l.requirement.name);
  const once = checkFirst.length
    ? `${after ? ', and' : ''} once ${listOf(checkFirst)} ${checkFirst.length === 1 ? 'is' : 'are'} confirmed on the live register`
    : '';
  const parts = [`Ready to start as ${title}${after ? ` after ${after}` : ''}${once}`];
  if (checkLater.length) parts.push(`confirm ${listOf(checkLater)} on the live register`);
  const signOff = [
    ...new Set(
      lines
        .filter(
          (l) =>
            l.status === 'local_signoff' ||
            (isPersonSpecific(l.requirement) && l.status === 'missing' && l.requirement.requirement === 'required'),
        )
        .map(signOffWord),
    ),
  ];
  if (signOff.length) {
    const verb = signOff.length === 1 && signOff[0] === 'medicines' ? 'needs' : 'need';
    parts.push(`${listOf(signOff)} ${verb} local sign-off`);
  }
  const due = required.filter((l) => l.status === 'due_later');
  if (due.length) parts.push(`${listOf(due.map((l) => l.requirement.name))} due after starting`);
  const unrecognised = required.filter(
    (l) => (held(l) || l.status === 'check_register') && l.holding && !l.holding.recognised,
  ).length;
  if (unrecognised) {
    parts.push(
      `${plural(unrecognised, 'item')} ${unrecognised === 1 ? 'rests' : 'rest'} on certificates from issuers not recognised here: check them first`,
    );
  }
  return `${parts.join('; ')}.`;
}

function longerText(l: FitLine): string {
  const r = l.requirement;
  const d = r.detail;
  const reg = d?.registration;
  const bits: string[] = [];
  if (reg) {
    bits.push(
      reg.withinMonthsOfStart
        ? `register within ${reg.withinMonthsOfStart} months of starting`
        : 'register before starting',
    );
    if (reg.renewMonths) bits.push(`renewed every ${reg.renewMonths / 12} years`);
    bits.push(reg.legalBasis);
  }
  if (d?.duration) bits.push(d.duration);
  if (d?.routes?.length) bits.push(d.routes.join(' or '));
  if (d?.funding) bits.push(d.funding);
  if (l.status === 'due_later' && r.acceptance?.dueNote) bits.push(r.acceptance.dueNote);
  const tag = r.requirement === 'recommended' ? ' (recommended)' : '';
  return `${r.name}${tag}${bits.length ? `: ${bits.join('; ')}` : ''}`;
}

/** The route plan: what can be skipped and what is still needed, by how long it takes. */
export function routePlan(lines: FitLine[]): RoutePlan {
  const plan: RoutePlan = { skip: [], refreshers: [], shortTraining: [], localSignOff: [], longer: [] };
  for (const l of lines) {
    const r = l.requirement;
    const tag = r.requirement === 'recommended' ? ' (recommended)' : '';
    if (isPersonSpecific(r)) {
      if (l.status === 'local_signoff' || l.status === 'missing') plan.localSignOff.push(`${r.name}${tag}`);
    } else if (l.status === 'check_register') {
      const body = r.detail?.registration?.regulator ?? 'the regulator';
      plan.longer.push(`${r.name}${tag}: certificate held; check the ${body} register`);
    } else if (held(l)) {
      plan.skip.push(r.name);
      if (l.status === 'expiring') plan.refreshers.push(`${r.name} (before ${l.inDateUntil?.slice(0, 10)})`);
    } else if ((l.status === 'expired' || l.lapsed) && !LONGER_KINDS.has(r.kind)) {
      plan.refreshers.push(`${r.name}${tag}`);
    } else if (LONGER_KINDS.has(r.kind)) {
      plan.longer.push(longerText(l));
    } else {
      const hours = r.detail?.typicalHours;
      plan.shortTraining.push(`${r.name}${hours ? ` (about ${plural(hours, 'hour')})` : ''}${tag}`);
    }
  }
  return plan;
}

/** Report-wide notes that no single requirement carries. */
export function reportNotes(usable: Holding[], ctx: RoleContext): string[] {
  const notes: string[] = [];
  const scw = usable.some((h) => h.alignedIds.some((id) => id.startsWith('reg-scw-')));
  if (scw && ctx.jurisdiction === 'England') {
    notes.push(
      'England has no register for care workers: Social Care Wales registration is not needed for this role and does not carry over (indicative).',
    );
  }
  return notes;
}

/** The counts line, the headline, the route plan and the report notes. */
export function summarise(lines: FitLine[], usable: Holding[], ctx: RoleContext): FitSummary {
  const req = lines.filter((l) => l.requirement.requirement === 'required');
  const rec = lines.filter((l) => l.requirement.requirement === 'recommended');
  const n = (s: FitStatus) => req.filter((l) => l.status === s).length;
  const s: Omit<FitSummary, 'text'> = {
    required: req.length,
    requiredMet: n('met'),
    requiredExpiring: n('expiring'),
    requiredExpired: n('expired'),
    requiredMissing: n('missing'),
    requiredCheckRegister: n('check_register'),
    requiredUnrecognised: req.filter((l) => held(l) && l.holding && !l.holding.recognised).length,
    recommended: rec.length,
    recommendedMet: rec.filter(held).length,
  };
  const skip = s.requiredMet + s.requiredExpiring;
  const parts = [
    s.required
      ? `Can skip ${skip} of ${s.required} required ${s.required === 1 ? 'item' : 'items'}`
      : 'No required items',
  ];
  if (s.requiredExpiring) parts.push(`${s.requiredExpiring} expiring within ${EXPIRING_DAYS_TEXT}`);
  if (s.requiredExpired) parts.push(`${s.requiredExpired} need${s.requiredExpired === 1 ? 's' : ''} a refresher`);
  if (n('not_accepted')) parts.push(`${n('not_accepted')} valid but not accepted here`);
  if (n('local_signoff')) parts.push(`${n('local_signoff')} need${n('local_signoff') === 1 ? 's' : ''} local sign-off`);
  if (n('compare')) parts.push(`${n('compare')} to compare (no published equivalence)`);
  if (n('due_later')) parts.push(`${n('due_later')} due after starting`);
  if (s.requiredCheckRegister) parts.push(`${s.requiredCheckRegister} to check on the live register`);
  if (s.requiredMissing) parts.push(`${s.requiredMissing} missing`);
  if (s.requiredUnrecognised) {
    parts.push(
      `${s.requiredUnrecognised} ${s.requiredUnrecognised === 1 ? 'rests' : 'rest'} on issuers not recognised here`,
    );
  }
  if (s.recommended) parts.push(`${s.recommendedMet} of ${plural(s.recommended, 'recommended item')} held`);
  return {
    ...s,
    text: `${parts.join('; ')}.`,
    headline: headline(lines, ctx),
    routes: routePlan(lines),
    notes: reportNotes(usable, ctx),
  };
}

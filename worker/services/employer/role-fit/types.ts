/** The shapes role fit works on: what a person holds, what a role requires, and the report lines. */
import type { AcceptanceRule, ItemDetail, ProviderKind } from '../../catalogue/rules';

/** What a credential's evidence says about a person-specific competence (delegated activity, medicines). */
export interface PriorEvidence {
  /** Who assessed or delegated, as written on the credential. */
  assessedBy: string | null;
  /** The delegating professional's role, when stated (e.g. "district nurse"). */
  delegatingRole: string | null;
  /** The review date set for the competence, when stated. */
  reviewDate: string | null;
}

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
  /** The level the credential states (e.g. 2 for "Safeguarding adults level 2"); absent: not stated. */
  level?: number | null;
  /** What kind of provider issued it (for acceptance rules); absent: unknown. */
  providerKinds?: ProviderKind[];
  /** Evidence carried by the credential, for person-specific competences. */
  evidence?: PriorEvidence | null;
}

export interface Requirement {
  competencyId: string;
  name: string;
  code: string;
  kind: string;
  requirement: 'required' | 'recommended';
  /** Oldest acceptable training in months (null: does not expire). */
  maxAgeMonths: number | null;
  /** False where the source marks the item unverified: the report labels it indicative. */
  verified?: boolean;
  /** Why the role asks for it, with its source (catalogue roles; an employer's own role names its own). */
  basis?: string | null;
  /** The item's own level, for items passported by level. */
  level?: number | null;
  /** Who this role accepts prior training from, minimum level, allowable period, time allowed after starting. */
  acceptance?: AcceptanceRule | null;
  /** Typical hours, duration, routes, funding, registration rule. */
  detail?: ItemDetail | null;
}

export interface Equivalence {
  fromId: string;
  toId: string;
  relation: 'equivalent' | 'satisfies' | 'includes' | 'comparable';
  label: string;
  strength?: 'official' | 'published' | 'indicative';
  source?: string;
}

/** A levelled item and the older collapsed item it came from (CSTF-SGA-L2 of CSTF-SGA). */
export interface LevelledItem {
  id: string;
  levelOf: string;
  level: number;
}

/**
 * met / expiring: can be skipped; expired: refresher due; missing: training needed; not_accepted: valid but not
 * accepted here (provider, level or allowable period); local_signoff: person-specific competence, prior evidence
 * shown; due_later: may be completed after starting (registration timeline); compare: something comparable is held
 * but no published equivalence exists; check_register: a registration certificate is held, but only the regulator's
 * live register shows that the registration is current.
 */
export type FitStatus =
  | 'met'
  | 'expiring'
  | 'expired'
  | 'missing'
  | 'not_accepted'
  | 'local_signoff'
  | 'due_later'
  | 'compare'
  | 'check_register';

export interface FitLine {
  requirement: Requirement;
  status: FitStatus;
  /** The credential that meets (or last met) it, if any. */
  holding: Holding | null;
  /** When it stops being in date (the earlier of validUntil and training date + max age). */
  inDateUntil: string | null;
  /** Set when the requirement is met through an equivalence (always indicative). */
  via: { fromId: string; label: string; strength?: string; source?: string } | null;
  /** What would close the gap, in plain words. */
  action: string | null;
  /** Why valid training is not accepted here, how a level was read, what to compare: plain sentences. */
  notes?: string[];
  /** Not accepted only because it is older than the role's allowable period: a refresher closes the gap. */
  lapsed?: boolean;
}

/** The report's route plan: what can be skipped and what stands between the person and the role. */
export interface RoutePlan {
  skip: string[];
  refreshers: string[];
  shortTraining: string[];
  localSignOff: string[];
  /** Qualifications, registration and entry requirements, each with its duration, route and funding. */
  longer: string[];
}

export interface FitSummary {
  required: number;
  requiredMet: number;
  requiredExpiring: number;
  requiredExpired: number;
  requiredMissing: number;
  /** Required registrations held as certificates, to check on the regulator's live register. */
  requiredCheckRegister: number;
  /** Required items counted as met only through credentials from issuers not recognised here. */
  requiredUnrecognised: number;
  recommendedMet: number;
  recommended: number;
  /** Plain-language line, e.g. "Can skip 9 of 12 required items; 2 need a refresher; 1 is missing." */
  text: string;
  /** The first sentence: the answer to "can they start?", e.g. "Ready to start as X after 2 short courses". */
  headline?: string;
  routes?: RoutePlan;
  /** Report-wide notes (e.g. England has no register for care workers). */
  notes?: string[];
}

/** What the assessment knows about the role beyond its requirements. */
export interface RoleContext {
  title?: string;
  /** 'England', 'Wales' or 'UK'; null when unknown. */
  jurisdiction?: string | null;
  levels?: LevelledItem[];
}

/** The shapes issuing passes between its steps (loading, signing, storing, claim links), kept apart so no step imports another's module for a type. */
import type { CredentialBodies } from '../../../db/credential-bodies';
import type { Database } from '../../../db/client';
import type { achievements, competencies, organisations } from '../../../db/schema';
import type { Config } from '../../config';
import type { CacheKit } from '../../lib/cache-kit';
import type { AppDeps } from '../../context';
import type { Signing } from '../../credentials/signing';

type OrgRow = typeof organisations.$inferSelect;
type AchievementRow = typeof achievements.$inferSelect;
type CompetencyRow = typeof competencies.$inferSelect;

export interface Evidence {
  assessorName?: string | undefined;
  assessedOn?: string | undefined;
  score?: string | undefined;
  notes?: string | undefined;
}

export interface Recipient {
  email: string;
  name: string;
  /** Date the training was completed (YYYY-MM-DD); defaults to today. */
  completedOn?: string | undefined;
  evidence?: Evidence | undefined;
  /** Batch row this credential answers, for idempotent cohort issuing. */
  batchRow?: number | undefined;
}

export interface IssueContext {
  db: Database;
  /** Where the signed credentials are stored (written before their rows). */
  bodies: CredentialBodies;
  config: Config;
  /** The app's caches (the decrypted signing key is held there). */
  caches: CacheKit;
  /** The runtime's Ed25519 (signing with the issuer's key, throwaway subject keys). */
  signing: Signing;
  now: Date;
  actorUserId: string | null;
}

export interface IssuedCredential {
  credentialId: string;
  /** The compact JWT, or for a Data Integrity credential (format vc+di) its JSON text. */
  jwt: string;
  format: 'vc+jwt' | 'vc+di';
  email: string;
  subjectUserId: string | null;
  /** Only when the recipient had no passport: the one-time claim token for the emailed link. */
  claimToken: string | null;
  validUntil: string | null;
  batchRow?: number | undefined;
  /** Answered from an earlier request with the same idempotency key: nothing was issued this time. */
  replayed?: boolean;
  /** On a replay: whether the first request's notice to the learner went out. */
  notified?: boolean;
}

/** An achievement with its aligned catalogue items, loaded once per issue call. */
export interface LoadedAchievement {
  org: OrgRow;
  achievement: AchievementRow;
  aligned: (CompetencyRow & { frameworkName: string })[];
}

/** The issuing context for a request or job: the app's database, config and caches, the time now and who acts. */
export function issueContext(
  deps: Pick<AppDeps, 'db' | 'bodies' | 'config' | 'caches' | 'clock' | 'signing'>,
  actorUserId: string | null,
): IssueContext {
  const { db, bodies, config, caches, signing } = deps;
  return { db, bodies, config, caches, signing, now: deps.clock(), actorUserId };
}

/**
 * Checking what a candidate brought (a share, a presentation, pasted credentials) into one report, assessing it
 * against a role, and keeping the result in the employer's records. A saved check keeps the credential JWTs
 * themselves (never the share token), so it can be re-checked after the share has expired: a revocation since
 * shows up, and both the first and the latest check times are kept.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { savedVerifications, users } from '../../../db/schema';
import type { AppDeps } from '../../context';
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import { ENVELOPED_VC_PREFIX } from '../../credentials/presentation';
import type {
  CheckResult,
  CredentialResult,
  PresentationResult,
  VerificationError,
  VerificationWarning,
} from '../../credentials/verify';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';
import { type ResolvedRole, resolveRole } from './employer-roles';
import { type FitLine, type FitSummary, holdingsFromResults, roleFitFor } from './role-fit';
import { type ShareOpenError, openShare } from '../passport/shares';
import { verifyCredential, verifyPresentation } from '../verification/verifier';
import { type CredentialItem, type VerifyInput, formatLabel } from '../verification/verify-input';

export type CheckSource = 'share' | 'presentation' | 'credentials';

/** What a re-check needs: the credential JWTs and the holder they were presented by (never a share token). */
export interface StoredInput {
  v: 1;
  source: CheckSource;
  credentials: string[];
  /** The holder DID whose signature was verified when first checked (share or presentation), else null. */
  holder: string | null;
  shareId: string | null;
}

export interface CredentialCheck {
  result: CredentialResult;
  /** Whether the credential was issued to the holder presenting it; null when nobody presented it. */
  belongsToHolder: boolean | null;
  /** When it could not be verified: what it says about itself (name, issuer), read without trusting it. */
  claimed?: { name?: string | undefined; issuer?: string | undefined } | undefined;
}

/** What a credential JWT says it is, read without verifying (only shown next to "could not be confirmed"). */
export function claimedBy(jwt: string | undefined): CredentialCheck['claimed'] {
  if (!jwt) return undefined;
  const parsed = parseCompactJwt(jwt);
  if (!parsed.ok) return undefined;
  const p = parsed.jwt.payload;
  const c = (p.vc && typeof p.vc === 'object' ? p.vc : p) as JsonObject;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
  const issuer = c.issuer ?? p.iss;
  const subject = (Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject) as
    | JsonObject
    | undefined;
  const achievement = subject?.achievement as JsonObject | undefined;
  const claimed = {
    name: str(achievement?.name) ?? str(c.name),
    issuer:
      issuer && typeof issuer === 'object'
        ? (str((issuer as JsonObject).name) ?? str((issuer as JsonObject).id))
        : str(issuer),
  };
  return claimed.name || claimed.issuer ? claimed : undefined;
}

const checkOf = (
  result: CredentialResult,
  jwt: string | undefined,
  belongsToHolder: boolean | null,
): CredentialCheck => ({
  result,
  belongsToHolder,
  ...(result.credential ? {} : { claimed: claimedBy(jwt) }),
});

export interface PresentationCheck {
  verified: boolean;
  holder: string | null;
  checks: CheckResult[];
  errors: VerificationError[];
  warnings: VerificationWarning[];
  /** True when we asked for it (a share link, or an API caller's challenge). */
  requested: boolean;
  audience: string | null;
}

/** One check of what a candidate brought. */
export interface CheckReport {
  checkedAt: string;
  source: CheckSource;
  verified: boolean;
  holder: string | null;
  /** For a share: the passport holder's name on their account here. */
  sharedBy: string | null;
  presentation: PresentationCheck | null;
  credentials: CredentialCheck[];
  /** Plain-words caveats for the reader (pasted credentials prove less than a share, etc.). */
  notes: string[];
}

export interface RoleFitReport {
  role: ResolvedRole;
  lines: FitLine[];
  summary: FitSummary;
  /** Set when the presentation itself failed, so none of its credentials were counted. */
  notCounted: string | null;
}

export interface CheckOutcome {
  report: CheckReport;
  input: StoredInput;
}

const subjectIds = (c: JsonObject | undefined): unknown[] => {
  const s = c?.credentialSubject;
  return (Array.isArray(s) ? s : [s]).map((x) => (x && typeof x === 'object' ? (x as JsonObject).id : undefined));
};

function belongs(result: CredentialResult, holder: string | null): boolean | null {
  if (!holder || !result.credential) return null;
  const ids = subjectIds(result.credential);
  return ids.length > 0 && ids.every((id) => id === holder);
}

/** The credential JWTs enveloped in a presentation, in order (read without verifying: the verifier did that). */
function envelopedJwts(payload: JsonObject | null): string[] {
  const list = payload?.verifiableCredential;
  if (!Array.isArray(list)) return [];
  return list.map((v) => {
    const id = v && typeof v === 'object' ? (v as JsonObject).id : undefined;
    return typeof id === 'string' && id.startsWith(ENVELOPED_VC_PREFIX) ? id.slice(ENVELOPED_VC_PREFIX.length) : '';
  });
}

/** Verifies pasted credentials one by one. Nothing binds them to the person in front of you; the notes say so. */
export async function checkCredentials(deps: AppDeps, items: CredentialItem[]): Promise<CheckOutcome> {
  const results = await Promise.all(items.map((it) => verifyCredential(deps, it.jwt)));
  const holders = new Set(
    results.flatMap((r) => (r.credential ? subjectIds(r.credential).filter((x) => typeof x === 'string') : [])),
  );
  const notes = [
    'These credentials were pasted or uploaded: they show what was issued, not that the person in front of you is who it was issued to. A share link from their passport proves that.',
  ];
  if (holders.size > 1) notes.push(`These credentials were issued to ${holders.size} different holders.`);
  return {
    report: {
      checkedAt: deps.clock().toISOString(),
      source: 'credentials',
      verified: results.every((r) => r.verified),
      holder: null,
      sharedBy: null,
      presentation: null,
      credentials: results.map((result, i) => checkOf(result, items[i]?.jwt, null)),
      notes,
    },
    input: { v: 1, source: 'credentials', credentials: items.map((i) => i.jwt), holder: null, shareId: null },
  };
}

/**
 * Verifies a presentation. `requested` is true when we set its audience and nonce (a share, an API challenge);
 * a pasted one is checked without replay protection, and the notes say what that means.
 */
export async function checkPresentation(
  deps: AppDeps,
  jwt: string,
  opts: {
    audience?: string | undefined;
    nonce?: string | undefined;
    requested: boolean;
    source?: CheckSource;
    sharedBy?: string | null;
    shareId?: string | null;
  },
): Promise<CheckOutcome> {
  const r: PresentationResult = await verifyPresentation(
    deps,
    jwt,
    { ...(opts.audience ? { audience: opts.audience } : {}), ...(opts.nonce ? { nonce: opts.nonce } : {}) },
    { replayCheck: opts.requested },
  );
  const holder = r.holder ?? null;
  const parsed = parseCompactJwt(jwt);
  const payload = parsed.ok ? parsed.jwt.payload : null;
  const jwts = envelopedJwts(payload);
  const aud = payload?.aud;
  const audience =
    typeof aud === 'string' ? aud : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string').join(', ') : null;
  const notes: string[] = [];
  if (!opts.requested) {
    notes.push(
      `We did not ask for this presentation, so we cannot tell whether it was made for you or copied from someone else's request${audience ? ` (it was made for ${audience})` : ''}. A share link from their passport is stronger.`,
    );
  }
  const source = opts.source ?? 'presentation';
  return {
    report: {
      checkedAt: deps.clock().toISOString(),
      source,
      verified: r.verified,
      holder,
      sharedBy: opts.sharedBy ?? null,
      presentation: {
        verified: r.verified,
        holder,
        checks: r.checks,
        errors: r.errors,
        warnings: r.warnings,
        requested: opts.requested,
        audience,
      },
      credentials: r.credentials.map((result, i) => checkOf(result, jwts[i], belongs(result, holder))),
      notes,
    },
    // Only a presentation whose holder signature verified is kept with its holder; the JWTs are kept either way.
    input: { v: 1, source, credentials: jwts.filter(Boolean), holder, shareId: opts.shareId ?? null },
  };
}

/** Opens a share (recording the view) and verifies the presentation it returns against its audience and nonce. */
export async function checkShare(
  deps: AppDeps,
  input: { token: string; viewerOrgId: string | null; kind: 'opened' | 'verified' },
): Promise<
  | { ok: true; outcome: CheckOutcome; share: { id: string; label: string | null; expiresAt: string } }
  | { ok: false; reason: ShareOpenError }
> {
  const opened = await openShare(deps.db, deps.config, {
    token: input.token,
    now: deps.clock(),
    viewerOrgId: input.viewerOrgId,
    kind: input.kind,
  });
  if (!opened.ok) return opened;
  const owner = await deps.db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, opened.share.userId))
    .limit(1);
  const outcome = await checkPresentation(deps, opened.presentationJwt, {
    audience: opened.audience,
    nonce: opened.nonce,
    requested: true,
    source: 'share',
    sharedBy: owner[0]?.name ?? null,
    shareId: opened.share.id,
  });
  return {
    ok: true,
    outcome,
    share: { id: opened.share.id, label: opened.share.label, expiresAt: opened.share.expiresAt },
  };
}

/**
 * Checks stored input again, now: each credential is verified afresh (revocation, suspension, expiry and trust
 * may have changed) and, where a holder presented them, checked to be about that holder.
 */
export async function recheckInput(deps: AppDeps, stored: StoredInput, firstCheckedAt: string): Promise<CheckReport> {
  const results = await Promise.all(stored.credentials.map((jwt) => verifyCredential(deps, jwt)));
  const credentials = results.map((result, i) =>
    checkOf(result, stored.credentials[i], belongs(result, stored.holder)),
  );
  const notes = stored.holder
    ? [
        `The holder's signature on the presentation was checked on ${firstCheckedAt.slice(0, 10)}; this re-check verifies each credential again.`,
      ]
    : [
        'These credentials were pasted or uploaded: they show what was issued, not that the person in front of you is who it was issued to.',
      ];
  return {
    checkedAt: deps.clock().toISOString(),
    source: stored.source,
    verified: credentials.every((c) => c.result.verified && c.belongsToHolder !== false),
    holder: stored.holder,
    sharedBy: null,
    presentation: null,
    credentials,
    notes,
  };
}

/** Assesses a check against a role already resolved for the organisation. */
export async function fitReport(
  db: Database,
  role: ResolvedRole,
  report: CheckReport,
  now: Date,
  jwts?: string[],
): Promise<RoleFitReport | null> {
  // A presentation that failed for itself (not merely because a credential inside did) proves nothing about
  // whose credentials they are, so none of them count.
  const own =
    report.presentation?.errors.filter((e) => e.code !== 'credential_invalid' && e.code !== 'holder_mismatch') ?? [];
  const notCounted = own.length
    ? `The presentation itself did not verify (${own.map((e) => e.message).join('; ')}), so none of its credentials are counted. Ask the candidate for a new share link.`
    : null;
  const results = report.credentials.map((c) => c.result);
  const holdings = notCounted
    ? []
    : holdingsFromResults(results, { holder: report.holder, ...(jwts?.length === results.length ? { jwts } : {}) });
  const fit = await roleFitFor(db, role.ref, holdings, now);
  if (!fit) return null;
  return { role, lines: fit.lines, summary: fit.summary, notCounted };
}

/** Resolves a role for the organisation and assesses the report; 400 when the role is not one it can use. */
export async function fitForOrg(
  db: Database,
  orgId: string,
  ref: string,
  outcome: CheckOutcome,
  now: Date,
): Promise<RoleFitReport> {
  const role = await resolveRole(db, orgId, ref);
  const fit = role ? await fitReport(db, role, outcome.report, now, outcome.input.credentials) : null;
  if (!fit)
    throw new AppError('validation_failed', 'Choose the role you are hiring for', [
      { path: 'role', message: 'Choose a role from the list' },
    ]);
  return fit;
}

// ---------------------------------------------------------------- saved records

/** A short account of one check, kept from the first time for comparison with later re-checks. */
export interface CheckSnapshot {
  checkedAt: string;
  verified: boolean;
  verdicts: { name: string; verified: boolean; codes: string[] }[];
  roleFitText: string | null;
}

export interface SavedResult {
  original: CheckSnapshot;
  latest: { report: CheckReport; roleFit: RoleFitReport | null };
}

export function snapshotOf(report: CheckReport, fit: RoleFitReport | null): CheckSnapshot {
  return {
    checkedAt: report.checkedAt,
    verified: report.verified,
    verdicts: report.credentials.map((c) => ({
      name: credentialName(c.result),
      verified: c.result.verified,
      codes: c.result.errors.map((e) => e.code),
    })),
    roleFitText: fit?.summary.text ?? null,
  };
}

/** The credential's name (the achievement's, else the credential's own). */
export function credentialName(r: CredentialResult): string {
  const c = r.credential;
  const s = c?.credentialSubject;
  const first = (Array.isArray(s) ? s[0] : s) as JsonObject | undefined;
  const a = first?.achievement as JsonObject | undefined;
  return (typeof a?.name === 'string' ? a.name : typeof c?.name === 'string' ? c.name : null) ?? 'Credential';
}

/**
 * A saved result keeps, of each verified credential, only what the record shows (names, dates, alignment,
 * evidence): the credential itself is in the stored input, and a row must stay well under D1's 2 MB limit.
 */
function forStorage(result: SavedResult): SavedResult {
  const pick = (o: unknown, keys: string[]): JsonObject | undefined =>
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.fromEntries(keys.filter((k) => k in (o as JsonObject)).map((k) => [k, (o as JsonObject)[k]]))
      : undefined;
  const slim = (c: JsonObject | undefined): JsonObject | undefined => {
    if (!c) return undefined;
    const subjects = (Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject]).map((s) => {
      const subject = pick(s, ['id', 'type']) ?? {};
      const a = pick((s as JsonObject | undefined)?.achievement, ['id', 'name', 'achievementType']);
      const alignment = (s as { achievement?: { alignment?: unknown } } | undefined)?.achievement?.alignment;
      return a
        ? {
            ...subject,
            achievement: {
              ...a,
              ...(Array.isArray(alignment)
                ? { alignment: alignment.map((x) => pick(x, ['targetCode', 'targetName', 'targetFramework'])) }
                : {}),
            },
          }
        : subject;
    });
    const evidence = Array.isArray(c.evidence) ? c.evidence.map((e) => pick(e, ['name', 'narrative'])) : undefined;
    return {
      ...pick(c, ['id', 'type', 'name', 'issuer', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate']),
      credentialSubject: subjects.length === 1 ? subjects[0] : subjects,
      ...(evidence ? { evidence } : {}),
    };
  };
  const report = {
    ...result.latest.report,
    credentials: result.latest.report.credentials.map((cc) => ({
      ...cc,
      result: { ...cc.result, credential: slim(cc.result.credential) },
    })),
  };
  return { ...result, latest: { ...result.latest, report } };
}

/** Saves a check (and role fit, if one was run) to the organisation's records. */
export async function saveVerification(
  db: Database,
  input: {
    orgId: string;
    userId: string;
    candidateName: string;
    outcome: CheckOutcome;
    roleFit: RoleFitReport | null;
    now: Date;
  },
): Promise<string> {
  const id = newId();
  const result: SavedResult = {
    original: snapshotOf(input.outcome.report, input.roleFit),
    latest: { report: input.outcome.report, roleFit: input.roleFit },
  };
  await db.batch([
    db.insert(savedVerifications).values({
      id,
      orgId: input.orgId,
      createdBy: input.userId,
      candidateName: input.candidateName,
      inputKind: input.outcome.input.source === 'credentials' ? 'credential' : input.outcome.input.source,
      input: JSON.stringify(input.outcome.input),
      roleRef: input.roleFit?.role.ref ?? null,
      result: JSON.stringify(forStorage(result)),
      createdAt: input.outcome.report.checkedAt,
      checkedAt: input.outcome.report.checkedAt,
    }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'verification.saved',
      targetType: 'saved_verification',
      targetId: id,
    }),
  ]);
  return id;
}

export interface SavedSummary {
  id: string;
  candidateName: string | null;
  createdAt: string;
  checkedAt: string;
  verified: boolean;
  credentialCount: number;
  roleTitle: string | null;
  roleFitText: string | null;
}

/** The organisation's saved checks, newest first. */
export async function listSaved(db: Database, orgId: string, limit = 200): Promise<SavedSummary[]> {
  const rows = await db
    .select()
    .from(savedVerifications)
    .where(eq(savedVerifications.orgId, orgId))
    .orderBy(desc(savedVerifications.createdAt))
    .limit(limit);
  return rows.map((r) => {
    const result = JSON.parse(r.result) as SavedResult;
    return {
      id: r.id,
      candidateName: r.candidateName,
      createdAt: r.createdAt,
      checkedAt: r.checkedAt,
      verified: result.latest.report.verified,
      credentialCount: result.latest.report.credentials.length,
      roleTitle: result.latest.roleFit?.role.title ?? null,
      roleFitText: result.latest.roleFit?.summary.text ?? null,
    };
  });
}

/** One saved check of the organisation, with who saved it; null for another organisation's (or none). */
export async function getSaved(db: Database, orgId: string, id: string) {
  const rows = await db
    .select({ s: savedVerifications, by: users.displayName })
    .from(savedVerifications)
    .leftJoin(users, eq(users.id, savedVerifications.createdBy))
    .where(and(eq(savedVerifications.id, id), eq(savedVerifications.orgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.s.id,
    candidateName: row.s.candidateName,
    createdAt: row.s.createdAt,
    checkedAt: row.s.checkedAt,
    savedBy: row.by ?? null,
    roleRef: row.s.roleRef,
    input: JSON.parse(row.s.input) as StoredInput,
    result: JSON.parse(row.s.result) as SavedResult,
  };
}

export type SavedVerification = NonNullable<Awaited<ReturnType<typeof getSaved>>>;

/**
 * Re-checks a saved verification now and keeps the new result as the latest (the first check's snapshot and
 * time stay). The role is assessed again if it still exists; a deleted employer role keeps its last report.
 */
export async function recheckSaved(
  deps: AppDeps,
  input: { orgId: string; id: string; userId: string },
): Promise<SavedVerification> {
  const saved = await getSaved(deps.db, input.orgId, input.id);
  if (!saved) throw new AppError('not_found', 'No such saved check');
  const now = deps.clock();
  const report = await recheckInput(deps, saved.input, saved.createdAt);
  let roleFit = saved.result.latest.roleFit;
  if (saved.roleRef) {
    const role = await resolveRole(deps.db, input.orgId, saved.roleRef);
    const fresh = role ? await fitReport(deps.db, role, report, now, saved.input.credentials) : null;
    if (fresh) roleFit = fresh;
    else if (roleFit)
      report.notes.push(`The role "${roleFit.role.title}" no longer exists; its assessment is from the last check.`);
  }
  const result: SavedResult = { original: saved.result.original, latest: { report, roleFit } };
  await deps.db.batch([
    deps.db
      .update(savedVerifications)
      .set({ result: JSON.stringify(forStorage(result)), checkedAt: report.checkedAt })
      .where(and(eq(savedVerifications.id, input.id), eq(savedVerifications.orgId, input.orgId))),
    auditInsert(deps.db, {
      at: now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'verification.rechecked',
      targetType: 'saved_verification',
      targetId: input.id,
    }),
  ]);
  return { ...saved, checkedAt: report.checkedAt, result };
}

// ---------------------------------------------------------------- one entry point for what a candidate brings

export type InputCheck =
  | {
      ok: true;
      outcome: CheckOutcome;
      detected: string;
      share: { id: string; label: string | null; expiresAt: string } | null;
    }
  | { ok: false; reason: ShareOpenError };

/**
 * Checks parsed candidate input: opens a share (recording a view of `kind` by `viewerOrgId`), verifies a pasted
 * presentation (no replay check: we did not ask for it), or verifies pasted credentials.
 */
export async function checkInput(
  deps: AppDeps,
  input: Extract<VerifyInput, { ok: true }>,
  opts: { viewerOrgId: string | null; kind: 'opened' | 'verified' },
): Promise<InputCheck> {
  if (input.kind === 'share') {
    const r = await checkShare(deps, { token: input.token, viewerOrgId: opts.viewerOrgId, kind: opts.kind });
    if (!r.ok) return r;
    return { ok: true, outcome: r.outcome, detected: 'a share link', share: r.share };
  }
  if (input.kind === 'presentation') {
    return {
      ok: true,
      outcome: await checkPresentation(deps, input.jwt, { requested: false }),
      detected: formatLabel('vp+jwt'),
      share: null,
    };
  }
  const outcome = await checkCredentials(deps, input.credentials);
  outcome.report.notes.push(...input.notes);
  const formats = [...new Set(input.credentials.map((c) => formatLabel(c.format)))];
  const n = input.credentials.length;
  return {
    ok: true,
    outcome,
    detected: `${n === 1 ? 'one credential' : `${n} credentials`} (${formats.join(', ')})`,
    share: null,
  };
}

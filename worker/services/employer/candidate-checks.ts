/**
 * Checking what a candidate brought (a share, a presentation, pasted credentials) into one report, and checking
 * stored input again later. The report says, per credential, what the verifier found and whether it was issued to
 * the holder who presented it.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { AppDeps } from '../../context';
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import type { CheckResult, VerificationError, VerificationWarning } from '../../credentials/verify';
import { type ShareOpenError, openShare } from '../passport/shares';
import { type VerifiedCredential, envelopedJwts, verifyCredential, verifyPresentation } from '../verification/verifier';
import type { CredentialItem, VerifyInput } from '../verification/verify-input';

export type CheckSource = 'share' | 'presentation' | 'credentials';

/** What a re-check needs: the credential JWTs and the holder they were presented by (never a share token). */
export interface StoredInput {
  v: 1;
  source: CheckSource;
  credentials: string[];
  /** The holder DID whose signature was verified when first checked (share or presentation), else null. */
  holder: string | null;
  shareId: string | null;
  /** Set when the candidate deleted their account: the verdict is kept, the credentials were dropped. */
  erased?: boolean;
}

export interface CredentialCheck {
  /** What the verifier found; its summary says what the credential is (absent in checks saved before summaries). */
  result: VerifiedCredential;
  /** Whether the credential was issued to the holder presenting it; null when nobody presented it. */
  belongsToHolder: boolean | null;
  /** When it could not be verified: what it says about itself (name, issuer), read without trusting it. */
  claimed?: { name?: string | undefined; issuer?: string | undefined } | undefined;
}

function unverifiedClaims(text: string): JsonObject | null {
  if (!text.startsWith('{')) {
    const parsed = parseCompactJwt(text);
    return parsed.ok ? parsed.jwt.payload : null;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

/**
 * What a credential (a JWT, or a Data Integrity credential's JSON text) says it is, read without verifying (only
 * shown next to "could not be confirmed").
 */
export function claimedBy(jwt: string | undefined): CredentialCheck['claimed'] {
  const p = jwt ? unverifiedClaims(jwt) : null;
  if (!p) return undefined;
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
  result: VerifiedCredential,
  jwt: string | undefined,
  belongsToHolder: boolean | null,
): CredentialCheck => ({
  result,
  belongsToHolder,
  ...(result.summary ? {} : { claimed: claimedBy(jwt) }),
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

export interface CheckOutcome {
  report: CheckReport;
  input: StoredInput;
}

function belongs(result: VerifiedCredential, holder: string | null): boolean | null {
  if (!holder || !result.summary) return null;
  const ids = result.summary.subjectIds;
  return ids.length > 0 && ids.every((id) => id === holder);
}

/** Verifies pasted credentials one by one. Nothing binds them to the person in front of you; the notes say so. */
export async function checkCredentials(deps: AppDeps, items: CredentialItem[]): Promise<CheckOutcome> {
  const results = await Promise.all(items.map((it) => verifyCredential(deps, it.jwt)));
  const holders = new Set(results.flatMap((r) => (r.summary?.subjectIds ?? []).filter((x) => typeof x === 'string')));
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
  const r = await verifyPresentation(
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
  const opened = await openShare(deps.db, deps.bodies, deps.config, {
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
      detected: 'a bundle of credentials signed by the person sharing them',
      share: null,
    };
  }
  const outcome = await checkCredentials(deps, input.credentials);
  outcome.report.notes.push(...input.notes);
  const n = input.credentials.length;
  return {
    ok: true,
    outcome,
    // Formats are technical details: each credential's card shows its own.
    detected: n === 1 ? 'one credential' : `${n} credentials`,
    share: null,
  };
}

/**
 * OpenID for Verifiable Presentations 1.0, verifier side: an employer asks any wallet app for proof. The request is
 * passed by reference (the QR code or same-device link holds our client identifier and a `request_uri`) and signed
 * with this service's did:web key under the `decentralized_identifier:` client identifier prefix (see
 * request-objects.ts); it asks by DCQL for our credentials (jwt_vc_json). The wallet posts its vp+jwt to the response
 * endpoint (direct_post), where it is verified by the same pipeline as a share link, once, and kept for the employer.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { organisations, presentationRequests, walletOffers } from '../../../db/schema';
import type { WalletResponseForm } from '../../../schemas/oid4vp';
import type { Config } from '../../config';
import type { AppDeps } from '../../context';
import { auditInsert } from '../../lib/audit';
import { newId, newToken } from '../../lib/ids';
import { type CheckReport, checkPresentation } from '../employer/candidate-checks';
import { type RoleFitReport, fitReport } from '../employer/check-fit';
import { resolveRole } from '../employer/employer-roles';
import { challengeInsert } from '../verification/challenges';
import { WalletIssuanceError } from './oauth-error';
import { requestObjectUri, verifierDid } from './request-objects';

export const PRESENTATION_REQUEST_MINUTES = 10;
/** The id of the one credential query in our DCQL query; the wallet's vp_token is keyed by it. */
export const DCQL_CREDENTIAL_ID = 'care_credentials';

export type PresentationRequestRow = typeof presentationRequests.$inferSelect;
export type PresentationRequestStatus = 'pending' | 'checking' | 'verified' | 'failed' | 'expired';

/** What the employer sees once the wallet has answered. */
export interface PresentationOutcome {
  report: CheckReport | null;
  fit: RoleFitReport | null;
  /** Set when the wallet answered with an error instead of a presentation (e.g. the holder declined). */
  declined?: string;
}

/** The response endpoint wallets post to (direct_post); one for the whole service, the state names the request. */
export const responseUri = (config: Config) => `${config.PUBLIC_ORIGIN}/oid4vp/response`;

/** Our client identifier: the `decentralized_identifier:` prefix with the service's did:web (OpenID4VP 1.0 5.9.3). */
export const verifierClientId = (config: Config) => `decentralized_identifier:${verifierDid(config)}`;

/**
 * The DCQL query: any Open Badges 3.0 credential as a jwt_vc_json, several allowed in the one presentation (our
 * vp+jwt carries them all). The role is applied to what comes back, not to the query.
 */
export function dcqlQuery() {
  return {
    credentials: [
      {
        id: DCQL_CREDENTIAL_ID,
        format: 'jwt_vc_json',
        meta: { type_values: [['VerifiableCredential', 'OpenBadgeCredential']] },
      },
    ],
  };
}

/** The authorisation request (OpenID4VP 1.0 section 5): the claims of the signed request object. */
export function authorizationRequest(config: Config, row: Pick<PresentationRequestRow, 'nonce' | 'state'>) {
  return {
    response_type: 'vp_token',
    client_id: verifierClientId(config),
    response_uri: responseUri(config),
    response_mode: 'direct_post',
    nonce: row.nonce,
    state: row.state,
    dcql_query: dcqlQuery(),
    client_metadata: {
      client_name: 'Care Passport',
      vp_formats_supported: { jwt_vc_json: { alg_values: ['ES256', 'EdDSA'] } },
    },
  };
}

/** The `openid4vp://` link (and QR code text): only the client identifier and where to fetch the signed request. */
export function requestLink(config: Config, row: Pick<PresentationRequestRow, 'state'>): string {
  const params = new URLSearchParams({
    client_id: verifierClientId(config),
    request_uri: requestObjectUri(config, row.state),
  });
  return `openid4vp://?${params}`;
}

/** Starts a request for the employer (role optional: a role ref the caller has resolved for the organisation). */
export async function createPresentationRequest(
  deps: { db: Database; config: Config },
  input: { orgId: string; userId: string; roleRef: string | null; now: Date },
): Promise<string> {
  const { db } = deps;
  const id = newId();
  const nonce = newToken();
  const expiresAt = new Date(input.now.getTime() + PRESENTATION_REQUEST_MINUTES * 60_000).toISOString();
  await db.batch([
    db.insert(presentationRequests).values({
      id,
      orgId: input.orgId,
      createdBy: input.userId,
      roleRef: input.roleRef,
      nonce,
      state: newToken(),
      expiresAt,
      createdAt: input.now.toISOString(),
    }),
    // The nonce is also a stored verifier challenge for our client identifier, so the presentation pipeline binds
    // the wallet's answer to this request's audience and consumes it once, as for any challenge we issue.
    challengeInsert(
      db,
      { challenge: nonce, audience: verifierClientId(deps.config), holder: null, expiresAt },
      input.now,
    ),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'presentation_request.created',
      targetType: 'presentation_request',
      targetId: id,
    }),
  ]);
  return id;
}

/** One of the organisation's requests (null for anyone else's). */
export async function getPresentationRequest(db: Database, orgId: string, id: string) {
  const rows = await db
    .select()
    .from(presentationRequests)
    .where(and(eq(presentationRequests.id, id), eq(presentationRequests.orgId, orgId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Where a request stands now: one still open past its expiry is expired (also a check cut short by a crash). */
export function requestStatus(row: PresentationRequestRow, now: Date): PresentationRequestStatus {
  const open = row.status === 'pending' || row.status === 'checking';
  if (open && row.expiresAt <= now.toISOString()) return 'expired';
  return row.status as PresentationRequestStatus;
}

/** The stored outcome of an answered request. */
export function outcomeOf(row: PresentationRequestRow): PresentationOutcome | null {
  return row.outcome ? (JSON.parse(row.outcome) as PresentationOutcome) : null;
}

/**
 * The one presentation in a vp_token: the DCQL form `{"care_credentials": ["<vp+jwt>"]}` (1.0), or a bare vp+jwt
 * string (older wallets).
 */
export function presentationFromVpToken(vpToken: string): string {
  const raw = vpToken.trim();
  if (!raw.startsWith('{')) return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new WalletIssuanceError('invalid_request', 'vp_token is not valid JSON');
  }
  const entry = (parsed as Record<string, unknown>)?.[DCQL_CREDENTIAL_ID];
  const list = Array.isArray(entry) ? entry : [entry];
  if (list.length !== 1 || typeof list[0] !== 'string')
    throw new WalletIssuanceError('invalid_request', `vp_token must hold one presentation for ${DCQL_CREDENTIAL_ID}`);
  return list[0];
}

/**
 * Takes the request named by `state` for this answer, once: unknown, expired and already answered requests are
 * refused. The row is claimed before verifying, so two answers racing cannot both be checked.
 */
async function claimRequest(db: Database, state: string, now: Date): Promise<PresentationRequestRow> {
  const rows = await db.select().from(presentationRequests).where(eq(presentationRequests.state, state)).limit(1);
  const row = rows[0];
  if (!row) throw new WalletIssuanceError('invalid_request', 'No such presentation request');
  if (requestStatus(row, now) === 'expired')
    throw new WalletIssuanceError('invalid_request', 'This presentation request has expired');
  const claimed = await db
    .update(presentationRequests)
    .set({ status: 'checking', respondedAt: now.toISOString() })
    .where(and(eq(presentationRequests.id, row.id), eq(presentationRequests.status, 'pending')))
    .returning({ id: presentationRequests.id });
  if (claimed.length !== 1)
    throw new WalletIssuanceError('invalid_request', 'This presentation request has already been answered');
  return row;
}

async function settle(db: Database, row: PresentationRequestRow, outcome: PresentationOutcome, verified: boolean) {
  await db
    .update(presentationRequests)
    .set({
      status: verified ? 'verified' : 'failed',
      holderDid: outcome.report?.holder ?? null,
      outcome: JSON.stringify(outcome),
    })
    .where(eq(presentationRequests.id, row.id));
}

/**
 * Receives a wallet's direct_post answer: claims the request by its state, verifies the presentation against the
 * request's nonce and our client identifier (holder binding, status and trust as for a share), assesses the role if
 * one was chosen, and stores the outcome for the employer. An error answer (the holder declined) is stored as such.
 */
export async function receiveWalletResponse(
  deps: AppDeps,
  form: WalletResponseForm,
): Promise<{ verified: boolean; declined: boolean; reason: string | null }> {
  const now = deps.clock();
  const row = await claimRequest(deps.db, form.state, now);
  if (!form.vp_token) {
    const declined = (form.error_description ?? form.error ?? '').slice(0, 200);
    await settle(deps.db, row, { report: null, fit: null, declined }, false);
    return { verified: false, declined: true, reason: declined };
  }
  try {
    const checked = await checkPresentation(deps, presentationFromVpToken(form.vp_token), {
      audience: verifierClientId(deps.config),
      nonce: row.nonce,
      requested: true,
    });
    const role = row.roleRef ? await resolveRole(deps.db, row.orgId, row.roleRef) : null;
    const fit = role ? await fitReport(deps, role, checked.report, now) : null;
    const { verified } = checked.report;
    await settle(deps.db, row, { report: checked.report, fit }, verified);
    const reason = verified ? null : (checked.report.presentation?.errors[0]?.message ?? 'It did not verify');
    return { verified, declined: false, reason };
  } catch (err) {
    await settle(deps.db, row, { report: null, fit: null, declined: (err as Error).message.slice(0, 200) }, false);
    throw err;
  }
}

/**
 * The employers a worker's wallet copies were presented to (her "where it went" history): answers whose holder is
 * the DID of a wallet we issued one of her certificates into, newest first.
 */
export async function listWalletPresentations(db: Database, userId: string) {
  const herWallets = db
    .select({ did: walletOffers.holderDid })
    .from(walletOffers)
    .where(and(eq(walletOffers.userId, userId), isNotNull(walletOffers.holderDid)));
  return db
    .select({
      at: presentationRequests.respondedAt,
      status: presentationRequests.status,
      employerName: organisations.name,
      holderDid: presentationRequests.holderDid,
    })
    .from(presentationRequests)
    .innerJoin(organisations, eq(organisations.id, presentationRequests.orgId))
    .where(inArray(presentationRequests.holderDid, herWallets))
    .orderBy(desc(presentationRequests.respondedAt))
    .limit(100);
}

/**
 * The passport as a wallet, presenting side: a worker answers an OpenID for Verifiable Presentations request (an
 * employer's "Ask a wallet app", here or at another verifier) from her passport. Requests with response mode
 * direct_post are answered when carried by value under the `redirect_uri:` client identifier prefix, or signed by
 * the verifier's DID under `decentralized_identifier:` (by reference or by value; see wallet-request-objects.ts). She
 * sees who asks and which certificates fit; only when she sends is a vp+jwt signed with her passport's holder key
 * (audience = the client identifier, nonce = the request's nonce) and posted to the response address: handed to
 * this service's own response handling in-process when that is where it goes, otherwise fetched under the policy.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { auditEvents, organisations, presentationRequests } from '../../../db/schema';
import {
  type PassportWalletRequest,
  passportSignedWalletRequest,
  passportWalletRequest,
  walletResponseForm,
} from '../../../schemas/oid4vp';
import type { AppDeps } from '../../context';
import { base64UrlDecode } from '../../credentials/encoding';
import { MAX_PRESENTATION_SECONDS, signPresentationJwt } from '../../credentials/presentation';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { allowedLocalOrigins, boundedPost, fetchAllowed, outboundOf } from '../verification/fetch';
import { WalletIssuanceError } from '../wallets/oauth-error';
import { receiveWalletResponse, requestStatus, responseUri, verifierClientId } from '../wallets/presentation-requests';
import { holderSigner } from './holders';
import { type PassportStatus, heldCredentialTexts, loadPassport } from './passport';
import { SignedRequestError, signedRequestParams } from './wallet-request-objects';

/** The only credential format the passport presents: its vc+jwt certificates. */
const PRESENTED_FORMAT = 'jwt_vc_json';

/** A request the passport will not answer, or an answer it cannot send, in words for the worker. */
export class WalletAnswerError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

/** A signed request's claims read with the request schema (they come from the verifier, checked by its signature). */
async function readSignedRequest(deps: AppDeps, params: Record<string, string>): Promise<PassportWalletRequest> {
  let claims: Record<string, unknown>;
  try {
    claims = await signedRequestParams(deps, params);
  } catch (err) {
    if (err instanceof SignedRequestError) throw new WalletAnswerError(err.message);
    throw err;
  }
  const parsed = passportSignedWalletRequest.safeParse(claims);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'request');
  if (field === 'response_mode')
    throw new WalletAnswerError('The passport answers only requests that ask for the answer by direct_post');
  throw new WalletAnswerError(`This is not a request for proof the passport can read (${field})`);
}

/**
 * Reads request parameters (from the link's query, or the same-device route's query): a signed request (by
 * reference or by value) once its signature checks out, otherwise by value with the request schema.
 */
export async function readWalletRequestParams(
  deps: AppDeps,
  params: Record<string, string>,
): Promise<PassportWalletRequest> {
  if (params.request_uri !== undefined || params.request !== undefined) return readSignedRequest(deps, params);
  const parsed = passportWalletRequest.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  if (field === 'client_id' || (field === '' && params.client_id))
    throw new WalletAnswerError(
      'The passport answers only requests whose client identifier is redirect_uri: with their own response address',
    );
  if (field === 'response_mode')
    throw new WalletAnswerError('The passport answers only requests that ask for the answer by direct_post');
  throw new WalletAnswerError(`This is not a request for proof the passport can read (${field || 'request'})`);
}

/** Reads a pasted `openid4vp://` link (fetching and checking a signed request it refers to). */
export async function readWalletRequestLink(deps: AppDeps, link: string): Promise<PassportWalletRequest> {
  const text = link.trim();
  const q = text.indexOf('?');
  if (!/^openid4vp:/i.test(text) || q < 0) throw new WalletAnswerError('Paste a link that starts with openid4vp://');
  return readWalletRequestParams(deps, Object.fromEntries(new URLSearchParams(text.slice(q + 1))));
}

/** The request as an `openid4vp://` link again, to carry it from the page that shows it to the one that sends. */
export function walletRequestLink(params: Record<string, string>): string {
  return `openid4vp://?${new URLSearchParams(params)}`;
}

/** The types a stored credential declares (a vc+jwt's payload, or a Data Integrity credential's JSON). */
function credentialTypes(stored: string): string[] {
  try {
    const doc = stored.startsWith('{')
      ? JSON.parse(stored)
      : JSON.parse(new TextDecoder().decode(base64UrlDecode(stored.split('.')[1] ?? '') ?? new Uint8Array()));
    const type = doc?.type ?? doc?.vc?.type;
    return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [type].filter(Boolean);
  } catch {
    return [];
  }
}

/** Whether a credential's types meet one of the query's type sets (DCQL `type_values`; none asked = any). */
function typesMatch(types: string[], typeValues: string[][] | undefined): boolean {
  if (!typeValues?.length) return true;
  return typeValues.some((set) => set.every((t) => types.includes(t)));
}

/** One of her certificates that fits the request. */
export interface MatchingCertificate {
  id: string;
  name: string;
  issuerName: string;
  status: PassportStatus;
}

/** What the worker is shown before anything is sent. */
export interface WalletRequestView {
  /** Who asks: the employer's name when the request is this service's own, otherwise the response address's host. */
  verifier: string;
  host: string;
  /** Where the answer would be posted: the page carries it, so a send goes only where she was shown. */
  responseUri: string;
  ownService: boolean;
  /** The DCQL credential query answered (the vp_token is keyed by its id). */
  queryId: string;
  matching: MatchingCertificate[];
}

/** Names the verifier, refusing addresses the fetch policy forbids and own requests no longer open. */
async function verifierOf(deps: AppDeps, req: PassportWalletRequest) {
  const { db, config, clock } = deps;
  const url = new URL(req.response_uri);
  if (url.origin === new URL(config.PUBLIC_ORIGIN).origin) {
    if (req.response_uri !== responseUri(config))
      throw new WalletAnswerError('This service has no such response address');
    // This service signs every request it makes: an unsigned one naming its requests would be refused on arrival,
    // after using up the employer's request.
    if (req.client_id !== verifierClientId(config))
      throw new WalletAnswerError('This request is not signed by this service, so the passport will not answer it');
    const rows = await db
      .select({ row: presentationRequests, orgName: organisations.name })
      .from(presentationRequests)
      .innerJoin(organisations, eq(organisations.id, presentationRequests.orgId))
      .where(eq(presentationRequests.state, req.state ?? ''))
      .limit(1);
    const found = rows[0];
    if (!found || requestStatus(found.row, clock()) !== 'pending')
      throw new WalletAnswerError('This request is no longer open: it was answered already or has expired');
    return { verifier: found.orgName, host: url.host, responseUri: req.response_uri, ownService: true };
  }
  if (!fetchAllowed(req.response_uri, allowedLocalOrigins(config)))
    throw new WalletAnswerError(
      'This request would send your certificates to a private or unsafe address, so the passport will not answer it',
    );
  return { verifier: url.host, host: url.host, responseUri: req.response_uri, ownService: false };
}

/** Who asks and which of her certificates fit the request's DCQL query; nothing is sent. */
export async function reviewWalletRequest(
  deps: AppDeps,
  userId: string,
  req: PassportWalletRequest,
): Promise<WalletRequestView> {
  const who = await verifierOf(deps, req);
  const query = req.dcql_query.credentials.find((q) => q.format === PRESENTED_FORMAT);
  if (!query)
    throw new WalletAnswerError(
      'This request asks for a kind of credential the passport does not hold (not jwt_vc_json)',
    );
  const entries = (await loadPassport(deps.db, userId, deps.clock())).filter(
    (e) => e.source === 'issued' && e.status !== 'revoked' && e.status !== 'suspended',
  );
  const stored = await heldCredentialTexts(
    deps,
    userId,
    entries.map((e) => e.id),
  );
  const fits = new Set(
    stored.filter((s) => typesMatch(credentialTypes(s.jwt), query.meta?.type_values)).map((s) => s.id),
  );
  const matching = entries
    .filter((e) => fits.has(e.id))
    .map((e) => ({ id: e.id, name: e.name, issuerName: e.issuerName, status: e.status }));
  return { ...who, queryId: query.id, matching };
}

/** The verifier's word on a sent answer. */
export interface WalletAnswerResult {
  verifier: string;
  accepted: boolean;
  reason: string | null;
}

/** Hands the answer to this service's own response handling, the same code the response endpoint runs. */
async function answerOwn(deps: AppDeps, form: Record<string, string>): Promise<Omit<WalletAnswerResult, 'verifier'>> {
  const parsed = walletResponseForm.parse(form);
  try {
    const r = await receiveWalletResponse(deps, parsed);
    return { accepted: r.verified, reason: r.reason };
  } catch (err) {
    if (err instanceof WalletIssuanceError) return { accepted: false, reason: err.description };
    throw err;
  }
}

/** Posts the answer to another verifier's response address (direct_post), under the fetch policy. */
async function answerRemote(
  deps: AppDeps,
  uri: string,
  form: Record<string, string>,
): Promise<Omit<WalletAnswerResult, 'verifier'>> {
  const body = { contentType: 'application/x-www-form-urlencoded', text: new URLSearchParams(form).toString() };
  const res = await boundedPost(outboundOf(deps), uri, body);
  if (!res) return { accepted: false, reason: 'The verifier could not be reached' };
  if (res.status >= 200 && res.status < 300) return { accepted: true, reason: null };
  let reason = `The verifier answered with status ${res.status}`;
  try {
    const said = JSON.parse(res.text) as { error_description?: unknown };
    if (typeof said.error_description === 'string') reason = said.error_description.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  return { accepted: false, reason };
}

/**
 * Sends the certificates she ticked: checks again that the request is answerable, still goes where she was shown
 * (`shownResponseUri`: a request by reference is fetched again and may have changed) and each certificate is hers
 * and fits, signs the presentation with her passport's holder key, posts it, and records where it went.
 */
export async function sendWalletAnswer(
  deps: AppDeps,
  input: { userId: string; req: PassportWalletRequest; credentialIds: string[]; shownResponseUri?: string },
): Promise<WalletAnswerResult> {
  const { db, config } = deps;
  const now = deps.clock();
  const view = await reviewWalletRequest(deps, input.userId, input.req);
  if (input.shownResponseUri !== undefined && input.shownResponseUri !== view.responseUri)
    throw new WalletAnswerError(
      'This request has changed since you saw it and now sends to another address; check who asks before sending',
    );
  const ids = [...new Set(input.credentialIds)];
  if (!ids.length) throw new WalletAnswerError('Choose at least one certificate to send');
  if (!ids.every((id) => view.matching.some((m) => m.id === id)))
    throw new WalletAnswerError('Some of those certificates are not in your passport or do not fit this request');
  const signer = await holderSigner(db, config, input.userId);
  if (!signer) throw new WalletAnswerError('Your passport signs with your own wallet, so it cannot answer for you');
  const held = await heldCredentialTexts(deps, input.userId, ids);
  const vp = await signPresentationJwt({
    holderDid: signer.did,
    kid: signer.kid,
    privateKey: signer.privateKey,
    credentialJwts: held.map((c) => c.jwt),
    audience: input.req.client_id,
    nonce: input.req.nonce,
    validSeconds: Math.min(300, MAX_PRESENTATION_SECONDS),
    now,
  });
  const form: Record<string, string> = { vp_token: JSON.stringify({ [view.queryId]: [vp] }) };
  if (input.req.state) form.state = input.req.state;
  const sent = view.ownService ? await answerOwn(deps, form) : await answerRemote(deps, input.req.response_uri, form);
  await auditInsert(db, {
    at: now,
    actorUserId: input.userId,
    action: 'passport.presented',
    targetType: 'presentation',
    details: { verifier: view.verifier, count: ids.length, accepted: sent.accepted },
  });
  return { verifier: view.verifier, ...sent };
}

/** Where she sent proof from her passport in answer to a request (her "where it went" history), newest first. */
export async function listPassportAnswers(db: Database, userId: string) {
  const rows = await db
    .select({ at: auditEvents.at, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'passport.presented')))
    .orderBy(desc(auditEvents.at))
    .limit(100);
  return rows.map((r) => {
    const d = JSON.parse(r.details ?? '{}') as { verifier?: string; count?: number; accepted?: boolean };
    return { at: r.at, verifier: d.verifier ?? '', count: d.count ?? 0, accepted: d.accepted === true };
  });
}

/**
 * The passport as a wallet, reading a request for proof that is signed (OpenID for Verifiable Presentations 1.0 with
 * JAR): passed by reference (`request_uri`, fetched by GET) or by value (`request`). The request object must be a JWT
 * of type `oauth-authz-req+jwt`, signed by a key of the DID that the `decentralized_identifier:` client identifier
 * names (its DID document resolved as for credentials: ours from the database, did:key and did:jwk offline, other
 * did:web under the fetch policy), and must name the same client identifier; its claims are then the request.
 * A request_uri on this service is served in-process by the function its endpoint runs; any other is fetched under
 * the fetch policy.
 */
import type { AppDeps } from '../../context';
import { defaultVerifierCache } from '../../credentials/cache';
import { type JsonObject, parseCompactJwt } from '../../credentials/jwt';
import { checkAlgorithm, selectKeys, verifyWithKeys } from '../../credentials/verify-common';
import { AppError } from '../../errors';
import { boundedFetchText, fetchAllowed, outboundOf } from '../verification/fetch';
import { verifierDeps } from '../verification/verifier';
import { authorizationRequest } from '../wallets/presentation-requests';
import { REQUEST_OBJECT_TYP, requestObjectUri, signedRequestObject } from '../wallets/request-objects';

/** The client identifier prefix of a request signed by a DID. */
export const DID_CLIENT_PREFIX = 'decentralized_identifier:';

/** A signed request the passport will not read, in words for the worker. */
export class SignedRequestError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

const NOT_SIGNED_RIGHT = 'This request is not signed by the verifier it names, so the passport will not answer it';

/** The request object behind a request_uri: this service's own in-process, another's under the fetch policy. */
async function fetchRequestObject(deps: AppDeps, uri: string): Promise<string> {
  const { config } = deps;
  const own = requestObjectUri(config, '');
  if (uri.startsWith(own)) {
    try {
      const state = decodeURIComponent(uri.slice(own.length));
      return await signedRequestObject(deps, state, (row) => authorizationRequest(config, row));
    } catch (err) {
      // A state that cannot be decoded (URIError) names no request, like an unknown one.
      if (!(err instanceof AppError || err instanceof URIError)) throw err;
      throw new SignedRequestError('This request is no longer open: it was answered already or has expired');
    }
  }
  const out = outboundOf(deps);
  if (!fetchAllowed(uri, out.allowLocal))
    throw new SignedRequestError(
      'This request points at a private or unsafe address, so the passport will not fetch it',
    );
  const text = await boundedFetchText(out, uri, `application/${REQUEST_OBJECT_TYP}, application/jwt`);
  if (text === null)
    throw new SignedRequestError('The request could not be fetched from the verifier. Try again later.');
  return text.trim();
}

/** Checks the request object's signature against the DID in `clientId`; returns its claims. */
async function verifiedClaims(deps: AppDeps, clientId: string, compact: string): Promise<JsonObject> {
  const parsed = parseCompactJwt(compact);
  if (!parsed.ok) throw new SignedRequestError('The request is not a signed request the passport can read');
  const { header, payload } = parsed.jwt;
  if (header.typ !== REQUEST_OBJECT_TYP) throw new SignedRequestError(NOT_SIGNED_RIGHT);
  const alg = checkAlgorithm(header);
  const did = clientId.slice(DID_CLIENT_PREFIX.length);
  if (!alg.ok || typeof header.kid !== 'string' || !header.kid.startsWith(`${did}#`))
    throw new SignedRequestError(NOT_SIGNED_RIGHT);
  const vd = verifierDeps(deps);
  const doc = await vd.resolveDid(did).catch(() => null);
  if (!doc)
    throw new SignedRequestError('The verifier’s identifier could not be resolved, so the request cannot be checked');
  const keys = selectKeys(doc, did, header.kid, 'authentication', alg.value);
  if (!keys.ok || !(await verifyWithKeys(parsed.jwt, keys.value, vd.cache ?? defaultVerifierCache())))
    throw new SignedRequestError(NOT_SIGNED_RIGHT);
  if (payload.client_id !== clientId) throw new SignedRequestError(NOT_SIGNED_RIGHT);
  if (typeof payload.exp === 'number' && payload.exp * 1000 <= deps.clock().getTime())
    throw new SignedRequestError('This request has expired');
  return payload;
}

/**
 * The parameters of a signed request (by reference or by value), after its signature checked out. Only the
 * `decentralized_identifier:` client identifier prefix is read this way; others are refused in words.
 */
export async function signedRequestParams(deps: AppDeps, params: Record<string, string>): Promise<JsonObject> {
  const clientId = params.client_id ?? '';
  if (!clientId.startsWith(DID_CLIENT_PREFIX))
    throw new SignedRequestError(
      'The passport answers requests passed by reference or signed only from verifiers identified by a DID (decentralized_identifier:)',
    );
  if (params.request_uri_method !== undefined && params.request_uri_method.toLowerCase() !== 'get')
    throw new SignedRequestError('The passport fetches signed requests only by GET');
  const compact = params.request ?? (await fetchRequestObject(deps, params.request_uri ?? ''));
  return verifiedClaims(deps, clientId, compact);
}

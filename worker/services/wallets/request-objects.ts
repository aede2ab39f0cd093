/**
 * The employer's request for proof passed by reference and signed (OpenID for Verifiable Presentations 1.0 with JAR,
 * RFC 9101): the QR code carries only our client identifier and a `request_uri`; the wallet fetches the request there
 * (GET) as a JWT of type `oauth-authz-req+jwt`, signed by this service's did:web key. The client identifier uses the
 * `decentralized_identifier:` prefix with that DID, so a wallet checks the signature against the DID document at
 * `/.well-known/did.json` and knows the request comes from this service, unaltered.
 *
 * The key is the platform's did:web key, not the employer organisation's: every request is answered at this
 * service's one response endpoint and verified by it, so the service is the verifier (the employer's name travels as
 * the client name). Employers hold no signing keys, and giving them some only for this would publish DID documents
 * for organisations that are not issuers; one verifier identity also keeps one audience for presentations.
 */
import { eq } from 'drizzle-orm';
import { presentationRequests } from '../../../db/schema';
import type { Config } from '../../config';
import { signJwt } from '../../credentials/jwt';
import { AppError } from '../../errors';
import { PLATFORM_SLUG, type SignerDeps, ensurePlatformOrg, issuerDid, signerFor } from '../organisations/issuers';
import { WalletIssuanceError } from './oauth-error';

/** The JWT type of a signed authorisation request (RFC 9101 section 4). */
export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt';
/** The audience of a request object when the wallet's metadata is not known (OpenID4VP 1.0 section 5.8). */
export const STATIC_WALLET_AUDIENCE = 'https://self-issued.me/v2';

/** The DID that signs our requests: the platform's did:web (the origin's host). */
export const verifierDid = (config: Config) => issuerDid(config, { slug: PLATFORM_SLUG, kind: 'platform' });

/** Where a wallet fetches the signed request named by its state. */
export const requestObjectUri = (config: Config, state: string) =>
  `${config.PUBLIC_ORIGIN}/oid4vp/requests/${encodeURIComponent(state)}`;

/**
 * The request object for the request named by `state`, signed now with the platform's current key; `payload` makes
 * the request's parameters. Refused (`invalid_request_uri`) once the request is answered or expired; unknown is 404.
 */
export async function signedRequestObject(
  deps: SignerDeps & { clock: () => Date },
  state: string,
  payload: (row: typeof presentationRequests.$inferSelect) => Record<string, unknown>,
): Promise<string> {
  const now = deps.clock();
  const rows = await deps.db.select().from(presentationRequests).where(eq(presentationRequests.state, state)).limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No such presentation request');
  if (row.status !== 'pending')
    throw new WalletIssuanceError('invalid_request_uri', 'This presentation request has already been answered');
  if (row.expiresAt <= now.toISOString())
    throw new WalletIssuanceError('invalid_request_uri', 'This presentation request has expired');
  const signer = await signerFor(deps, await ensurePlatformOrg(deps.db, now), now);
  const request = payload(row);
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.floor(new Date(row.expiresAt).getTime() / 1000);
  // iss names the signer: the DID itself (wallets match it against the kid's DID), aud the wallet (the static one).
  return signJwt(
    { alg: 'EdDSA', typ: REQUEST_OBJECT_TYP, kid: signer.kid },
    { ...request, iss: signer.did, aud: STATIC_WALLET_AUDIENCE, iat, exp },
    signer.privateKey,
  );
}

/**
 * The passport as a wallet, receiving side: a worker brings in a certificate another issuer offers by OpenID for
 * Verifiable Credential Issuance (pre-authorised code with a PIN). The passport reads the offer, finds the issuer's
 * endpoints in its metadata, redeems the code with the PIN, proves possession of her holder key (a JWT proof signed
 * by her did:key) and takes the credential, then checks it with our verifier and keeps it as an imported certificate.
 * Other issuers are fetched under the fetch policy; this service's own issuers are served in-process by the same
 * service functions their endpoints use.
 */
import type { z } from 'zod';
import {
  type IncomingCredentialOffer,
  incomingCredentialOffer,
  incomingIssuerMetadata,
  incomingNonceResponse,
  incomingServerMetadata,
  incomingTokenResponse,
  walletCredentialResponse,
} from '../../../schemas/oid4vci';
import type { Config } from '../../config';
import type { AppDeps } from '../../context';
import { signJwt } from '../../credentials/jwt';
import { KEY_PROOF_TYP } from '../../credentials/key-proof';
import { AppError } from '../../errors';
import { type Outbound, boundedFetchText, boundedPost, fetchAllowed, outboundOf } from '../verification/fetch';
import { PRE_AUTHORIZED_GRANT, credentialIssuerMetadata, walletIssuerFor } from '../wallets/issuer-metadata';
import { issueNonce } from '../wallets/nonces';
import { WalletIssuanceError } from '../wallets/oauth-error';
import { redeemPreAuthorizedCode } from '../wallets/tokens';
import { issueWalletCopy } from '../wallets/wallet-copy';
import { holderSigner } from './holders';
import { importCredential } from './imports';

/** The formats the passport takes from a wallet offer: a vc+jwt, or a credential with a Data Integrity proof. */
const TAKEN_FORMATS: readonly string[] = ['jwt_vc_json', 'ldp_vc'];

/** The ids of the configurations in issuer metadata that the passport can take. */
function takenConfigurations(supported: Record<string, { format: string }>): string[] {
  return Object.entries(supported)
    .filter(([, c]) => TAKEN_FORMATS.includes(c.format))
    .map(([id]) => id);
}

/** A credential as it comes in a credential response: a compact JWT as is, a JSON credential (ldp_vc) as its text. */
function credentialText(credential: unknown): string {
  return typeof credential === 'string' ? credential : JSON.stringify(credential);
}

/** An offer the passport cannot take, in words for the worker. */
export class OfferIntakeError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

const PIN_REFUSED =
  'The issuer did not accept the PIN, or the offer has expired or was used already. Check the PIN, or ask for a new offer.';
const UNSAFE = 'This offer points at a private or unsafe address, so the passport will not fetch from it';
const UNREACHABLE = 'The issuer could not be reached, or its answer could not be read. Try again later.';

/** Reads a pasted `openid-credential-offer://` link (the offer by value, or by reference under the fetch policy). */
export async function readOfferLink(out: Outbound, link: string): Promise<IncomingCredentialOffer> {
  const text = link.trim();
  const q = text.indexOf('?');
  if (!/^openid-credential-offer:/i.test(text) || q < 0)
    throw new OfferIntakeError('Paste a link that starts with openid-credential-offer://');
  const params = new URLSearchParams(text.slice(q + 1));
  let json = params.get('credential_offer');
  const uri = params.get('credential_offer_uri');
  if (json === null && uri !== null) {
    if (!fetchAllowed(uri, out.allowLocal)) throw new OfferIntakeError(UNSAFE);
    json = await boundedFetchText(out, uri, 'application/json');
    if (json === null) throw new OfferIntakeError(UNREACHABLE);
  }
  const offer = incomingCredentialOffer.safeParse(parseJson(json ?? ''));
  if (!offer.success)
    throw new OfferIntakeError('This is not an offer the passport can take (it needs a pre-authorised code)');
  return offer.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What the passport needs of an issuer, whether it answers over the network or in-process. */
interface IssuerClient {
  /** The configuration ids the issuer offers in a format the passport takes. */
  configurations(): string[];
  token(code: string, pin: string | undefined): Promise<string>;
  nonce(): Promise<string>;
  credential(accessToken: string, body: object): Promise<string>;
}

/** The issuer's refusal in words: a wrong PIN or spent offer gets the plain message; others say what the issuer said. */
function refusal(code: string | undefined, description: string | undefined): OfferIntakeError {
  if (code === 'invalid_grant' || (code === 'invalid_request' && /tx_code|PIN/i.test(description ?? '')))
    return new OfferIntakeError(PIN_REFUSED);
  return new OfferIntakeError(`The issuer refused: ${(description ?? code ?? 'no reason given').slice(0, 300)}`);
}

/** One of this service's own issuers, served by the functions its endpoints run. */
async function ownIssuer(deps: AppDeps, issuerId: string): Promise<IssuerClient> {
  const { db, config, clock } = deps;
  const prefix = `${config.PUBLIC_ORIGIN}/issuers/`;
  const slug =
    issuerId === config.PUBLIC_ORIGIN ? null : issuerId.startsWith(prefix) ? issuerId.slice(prefix.length) : '';
  const org = slug === '' ? null : await walletIssuerFor(db, slug);
  if (!org) throw new OfferIntakeError('This service has no such credential issuer');
  const refused = (err: unknown) => {
    if (err instanceof WalletIssuanceError) throw refusal(err.walletCode, err.description);
    throw err;
  };
  return {
    configurations: () =>
      takenConfigurations(credentialIssuerMetadata(config, org).credential_configurations_supported),
    token: (code, pin) =>
      redeemPreAuthorizedCode(db, { issuer: org, code, txCode: pin, now: clock() }).then((g) => g.accessToken, refused),
    nonce: () => issueNonce(db, clock()).then((n) => n.nonce),
    credential: (accessToken, body) =>
      issueWalletCopy(deps, { issuer: org, accessToken, body, now: clock() }).then(
        (c) => credentialText(c.credential),
        refused,
      ),
  };
}

/** A JSON answer from another issuer read with `schema`; a refusal or an unreadable answer becomes a plain error. */
async function remoteJson<S extends z.ZodType>(
  out: Outbound,
  schema: S,
  url: string,
  send: { body?: { contentType: string; text: string }; headers?: Record<string, string> },
): Promise<z.infer<S>> {
  if (!fetchAllowed(url, out.allowLocal)) throw new OfferIntakeError(UNSAFE);
  const res = send.body
    ? await boundedPost(out, url, send.body, send.headers)
    : await boundedFetchText(out, url, 'application/json').then((text) =>
        text === null ? null : { status: 200, text },
      );
  if (!res) throw new OfferIntakeError(UNREACHABLE);
  const json = parseJson(res.text) as { error?: string; error_description?: string } | undefined;
  if (res.status < 200 || res.status >= 300) throw refusal(json?.error, json?.error_description);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new OfferIntakeError(UNREACHABLE);
  return parsed.data;
}

/** The well-known address of an identifier's metadata (the identifier's path goes after the well-known part). */
function wellKnown(identifier: string, name: string): string {
  const u = new URL(identifier);
  return `${u.origin}/.well-known/${name}${u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')}`;
}

/** Another issuer, reached over the network under the fetch policy. */
async function remoteIssuer(out: Outbound, issuerId: string): Promise<IssuerClient> {
  const meta = await remoteJson(out, incomingIssuerMetadata, wellKnown(issuerId, 'openid-credential-issuer'), {});
  if (meta.credential_issuer !== issuerId) throw new OfferIntakeError('The issuer metadata names another issuer');
  const server = meta.authorization_servers?.[0] ?? issuerId;
  const { token_endpoint } = await remoteJson(
    out,
    incomingServerMetadata,
    wellKnown(server, 'oauth-authorization-server'),
    {},
  );
  const form = (fields: Record<string, string>) => ({
    contentType: 'application/x-www-form-urlencoded',
    text: new URLSearchParams(fields).toString(),
  });
  return {
    configurations: () => takenConfigurations(meta.credential_configurations_supported),
    token: async (code, pin) => {
      const fields: Record<string, string> = { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': code };
      if (pin) fields.tx_code = pin;
      return (await remoteJson(out, incomingTokenResponse, token_endpoint, { body: form(fields) })).access_token;
    },
    nonce: async () => {
      if (!meta.nonce_endpoint) throw new OfferIntakeError('The issuer offers no nonce for a key proof');
      return (await remoteJson(out, incomingNonceResponse, meta.nonce_endpoint, { body: form({}) })).c_nonce;
    },
    credential: async (accessToken, body) => {
      const res = await remoteJson(out, walletCredentialResponse, meta.credential_endpoint, {
        body: { contentType: 'application/json', text: JSON.stringify(body) },
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const first = res.credentials[0]?.credential;
      if (!first) throw new OfferIntakeError('The issuer sent no credential');
      return credentialText(first);
    },
  };
}

/** Whether an issuer identifier is one of this service's own (served in-process). */
function isOwnIssuer(config: Config, issuerId: string): boolean {
  return new URL(issuerId).origin === new URL(config.PUBLIC_ORIGIN).origin;
}

/**
 * Takes an offer for the worker: redeems it with her PIN, binds the credential to her passport's holder key, checks
 * it and keeps it as an imported certificate. Returns the imported certificate's id.
 */
export async function takeWalletOffer(
  deps: AppDeps,
  input: { userId: string; link: string; pin: string | undefined },
): Promise<{ id: string }> {
  const { db, config, clock } = deps;
  const out = outboundOf(deps);
  const offer = await readOfferLink(out, input.link);
  const issuerId = offer.credential_issuer;
  const own = isOwnIssuer(config, issuerId);
  if (!own && !fetchAllowed(issuerId, out.allowLocal)) throw new OfferIntakeError(UNSAFE);
  const signer = await holderSigner(db, config, input.userId);
  if (!signer) throw new OfferIntakeError('Your passport signs with your own wallet, so it cannot take offers for you');
  const issuer = own ? await ownIssuer(deps, issuerId) : await remoteIssuer(out, issuerId);
  const configurationId = offer.credential_configuration_ids.find((id) => issuer.configurations().includes(id));
  if (!configurationId) throw new OfferIntakeError('This offer is for a kind of credential the passport cannot hold');
  const grant = offer.grants[PRE_AUTHORIZED_GRANT];
  if (grant.tx_code && !input.pin) throw new OfferIntakeError('This offer needs the PIN that came with it');
  const accessToken = await issuer.token(grant['pre-authorized_code'], input.pin);
  const nonce = await issuer.nonce();
  const proof = await signJwt(
    { alg: 'EdDSA', typ: KEY_PROOF_TYP, kid: signer.kid },
    { aud: issuerId, iat: Math.floor(clock().getTime() / 1000), nonce },
    signer.privateKey,
  );
  // A vc+jwt, or a Data Integrity credential's JSON text (ldp_vc).
  const jwt = await issuer.credential(accessToken, {
    credential_configuration_id: configurationId,
    proofs: { jwt: [proof] },
  });
  const imported = await importCredential(deps, input.userId, jwt, { embeddedProof: jwt.startsWith('{') });
  if (!imported.ok) throw new OfferIntakeError(`The credential was taken but not added: ${imported.reason}`);
  return { id: imported.id };
}

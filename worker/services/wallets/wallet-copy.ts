/**
 * The credential endpoint's work: for a valid access token and a key proof, issue the wallet's own copy of the offered
 * credential. The copy is a NEW credential signed by the academy's current key, bound to the wallet's DID
 * (`credentialSubject.id`), with the same achievement, evidence and validity, secured as the requested configuration
 * asks (a vc+jwt, or an eddsa-rdfc-2022 Data Integrity proof for ldp_vc), and the SAME status entry as the
 * passport copy: the register holds one status per award, so revoking or suspending the original reaches every
 * copy at once, with no second entry to forget. The copy is recorded on the offer row and audited.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { type CredentialBodies, bodyOf } from '../../../db/credential-bodies';
import { credentials, walletOffers } from '../../../db/schema';
import { walletCredentialRequest } from '../../../schemas/oid4vci';
import type { JsonObject } from '../../credentials/jwt';
import { secureCredential, unsecuredCredential } from '../../credentials/securing';
import { verifyKeyProof } from '../../credentials/key-proof';
import { auditInsertIfChanged } from '../../lib/audit';
import { hashToken, newId } from '../../lib/ids';
import { type SignerDeps, signerFor } from '../organisations/issuers';
import {
  type IssuerOrg,
  WALLET_CONFIGURATIONS,
  type WalletConfigurationId,
  credentialIssuerId,
} from './issuer-metadata';
import { spendNonce } from './nonces';
import { WalletIssuanceError } from './oauth-error';

type Offer = typeof walletOffers.$inferSelect;

/** The offer an access token was issued for, still unspent and in date. */
async function offerForToken(db: Database, issuer: IssuerOrg, token: string | null, now: Date): Promise<Offer> {
  const invalid = (why: string) => new WalletIssuanceError('invalid_token', why);
  if (!token) throw invalid('Send the access token from the token endpoint');
  const rows = await db
    .select()
    .from(walletOffers)
    .where(and(eq(walletOffers.accessTokenHash, hashToken(token)), eq(walletOffers.issuerOrgId, issuer.id)))
    .limit(1);
  const offer = rows[0];
  if (!offer) throw invalid('Unknown access token');
  if (!offer.accessTokenExpiresAt || offer.accessTokenExpiresAt <= now.toISOString())
    throw invalid('The access token has expired');
  if (offer.issuedAt) throw invalid('This access token has already been used for its credential');
  return offer;
}

/** The checked request: the configuration asked for and the one proof's JWT. */
function readRequest(body: unknown): { configurationId: WalletConfigurationId; proofJwt: string } {
  const parsed = walletCredentialRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WalletIssuanceError(
      'invalid_credential_request',
      `Expected credential_configuration_id and one proof in proofs.jwt (check ${issue?.path.join('.') || 'the body'})`,
    );
  }
  const configurationId = parsed.data.credential_configuration_id;
  if (!Object.hasOwn(WALLET_CONFIGURATIONS, configurationId))
    throw new WalletIssuanceError(
      'unknown_credential_configuration',
      `Only ${Object.keys(WALLET_CONFIGURATIONS).join(' and ')} are offered`,
    );
  return { configurationId: configurationId as WalletConfigurationId, proofJwt: parsed.data.proofs.jwt[0] as string };
}

/** The passport credential's document with a new id and the wallet as its subject; registered claims are re-made. */
async function copyFor(
  { db, bodies }: { db: Database; bodies: CredentialBodies },
  offer: Offer,
  holderDid: string,
  copyId: string,
): Promise<JsonObject> {
  const denied = (why: string) => new WalletIssuanceError('credential_request_denied', why);
  const rows = await db
    .select({
      id: credentials.id,
      bodyRef: credentials.bodyRef,
      format: credentials.format,
      status: credentials.status,
    })
    .from(credentials)
    .where(and(eq(credentials.id, offer.credentialId), eq(credentials.subjectUserId, offer.userId)))
    .limit(1);
  const original = rows[0];
  if (!original) throw denied('The credential is no longer in the passport');
  if (original.status !== 'active') throw denied('The credential has been withdrawn by its issuer');
  // The same reading a claim uses to re-sign a stored credential (a JWT's claims, or the JSON without its proof).
  const document = unsecuredCredential(await bodyOf({ db, bodies }, original), original.format)?.credential;
  const subject = document?.credentialSubject;
  if (!document || !subject || typeof subject !== 'object' || Array.isArray(subject))
    throw denied('This credential cannot be copied into a wallet');
  return {
    ...document,
    id: `urn:uuid:${copyId}`,
    credentialSubject: { ...(subject as JsonObject), id: holderDid },
  };
}

/** A wallet copy as issued: a compact vc+jwt (jwt_vc_json), or the credential with its proof as JSON (ldp_vc). */
export type WalletCredential = string | JsonObject;

/** Issues the wallet's copy for a credential request (see the module comment). */
export async function issueWalletCopy(
  deps: SignerDeps & { bodies: CredentialBodies },
  input: { issuer: IssuerOrg; accessToken: string | null; body: unknown; now: Date },
): Promise<{ credential: WalletCredential; walletCredentialId: string; holderDid: string }> {
  const { db, config } = deps;
  const offer = await offerForToken(db, input.issuer, input.accessToken, input.now);
  const { configurationId, proofJwt } = readRequest(input.body);
  const proof = await verifyKeyProof(proofJwt, credentialIssuerId(config, input.issuer), input.now);
  if (!proof.ok) throw new WalletIssuanceError(proof.error, proof.description);
  if (!(await spendNonce(db, proof.nonce, input.now)))
    throw new WalletIssuanceError('invalid_nonce', 'The nonce is unknown, used or expired; get a new one');
  const walletCredentialId = newId();
  const document = await copyFor(deps, offer, proof.holderDid, walletCredentialId);
  const signer = await signerFor(deps, input.issuer, input.now);
  const secured = await secureCredential(document, signer, input.now, WALLET_CONFIGURATIONS[configurationId]);
  const [recorded] = await db.batch([
    db
      .update(walletOffers)
      .set({
        walletCredentialId,
        holderDid: proof.holderDid,
        walletJwt: secured.text,
        issuedAt: input.now.toISOString(),
      })
      .where(and(eq(walletOffers.id, offer.id), isNull(walletOffers.issuedAt)))
      .returning({ id: walletOffers.id }),
    auditInsertIfChanged(db, {
      at: input.now,
      actorUserId: offer.userId,
      actorOrgId: input.issuer.id,
      action: 'credential.wallet_issued',
      targetType: 'credential',
      targetId: offer.credentialId,
      details: { offerId: offer.id, walletCredentialId, holderDid: proof.holderDid, format: secured.format },
    }),
  ]);
  // Two requests racing on one token: the second finds the offer already spent and issues nothing.
  if (!recorded.length) throw new WalletIssuanceError('invalid_token', 'This access token has already been used');
  const credential = secured.format === 'vc+jwt' ? secured.text : (JSON.parse(secured.text) as JsonObject);
  return { credential, walletCredentialId, holderDid: proof.holderDid };
}

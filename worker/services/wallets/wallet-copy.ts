/**
 * The credential endpoint's work: for a valid access token and a key proof, issue the wallet's own copy of the offered
 * credential. The copy is a NEW credential signed by the academy's current key, bound to the wallet's DID
 * (`credentialSubject.id`), with the same achievement, evidence and validity, and the SAME status entry as the
 * passport copy: the register holds one status per award, so revoking or suspending the original reaches every
 * copy at once, with no second entry to forget. The copy is recorded on the offer row and audited.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { credentials, walletOffers } from '../../../db/schema';
import { walletCredentialRequest } from '../../../schemas/oid4vci';
import { signCredentialJwt } from '../../credentials/issue';
import type { JsonObject } from '../../credentials/jwt';
import { unsecuredCredential } from '../../credentials/securing';
import { verifyKeyProof } from '../../credentials/key-proof';
import { auditInsertIfChanged } from '../../lib/audit';
import { hashToken, newId } from '../../lib/ids';
import { type SignerDeps, signerFor } from '../organisations/issuers';
import { CREDENTIAL_CONFIGURATION_ID, type IssuerOrg, credentialIssuerId } from './issuer-metadata';
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

/** The checked request: the one proof's JWT. */
function readRequest(body: unknown): string {
  const parsed = walletCredentialRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WalletIssuanceError(
      'invalid_credential_request',
      `Expected credential_configuration_id and one proof in proofs.jwt (check ${issue?.path.join('.') || 'the body'})`,
    );
  }
  if (parsed.data.credential_configuration_id !== CREDENTIAL_CONFIGURATION_ID)
    throw new WalletIssuanceError('unknown_credential_configuration', `Only ${CREDENTIAL_CONFIGURATION_ID} is offered`);
  return parsed.data.proofs.jwt[0] as string;
}

/** The passport credential's document with a new id and the wallet as its subject; registered claims are re-made. */
async function copyFor(db: Database, offer: Offer, holderDid: string, copyId: string): Promise<JsonObject> {
  const denied = (why: string) => new WalletIssuanceError('credential_request_denied', why);
  const rows = await db
    .select({ jwt: credentials.jwt, format: credentials.format, status: credentials.status })
    .from(credentials)
    .where(and(eq(credentials.id, offer.credentialId), eq(credentials.subjectUserId, offer.userId)))
    .limit(1);
  const original = rows[0];
  if (!original) throw denied('The credential is no longer in the passport');
  if (original.status !== 'active') throw denied('The credential has been withdrawn by its issuer');
  // The same reading a claim uses to re-sign a stored credential (a JWT's claims, or the JSON without its proof).
  const document = unsecuredCredential(original.jwt, original.format)?.credential;
  const subject = document?.credentialSubject;
  if (!document || !subject || typeof subject !== 'object' || Array.isArray(subject))
    throw denied('This credential cannot be copied into a wallet');
  return {
    ...document,
    id: `urn:uuid:${copyId}`,
    credentialSubject: { ...(subject as JsonObject), id: holderDid },
  };
}

/** Issues the wallet's copy for a credential request (see the module comment); returns the signed vc+jwt. */
export async function issueWalletCopy(
  deps: SignerDeps,
  input: { issuer: IssuerOrg; accessToken: string | null; body: unknown; now: Date },
): Promise<{ jwt: string; walletCredentialId: string; holderDid: string }> {
  const { db, config } = deps;
  const offer = await offerForToken(db, input.issuer, input.accessToken, input.now);
  const proofJwt = readRequest(input.body);
  const proof = await verifyKeyProof(proofJwt, credentialIssuerId(config, input.issuer), input.now);
  if (!proof.ok) throw new WalletIssuanceError(proof.error, proof.description);
  if (!(await spendNonce(db, proof.nonce, input.now)))
    throw new WalletIssuanceError('invalid_nonce', 'The nonce is unknown, used or expired; get a new one');
  const walletCredentialId = newId();
  const document = await copyFor(db, offer, proof.holderDid, walletCredentialId);
  const signer = await signerFor(deps, input.issuer, input.now);
  const jwt = await signCredentialJwt(document, signer, { now: input.now });
  const [recorded] = await db.batch([
    db
      .update(walletOffers)
      .set({ walletCredentialId, holderDid: proof.holderDid, walletJwt: jwt, issuedAt: input.now.toISOString() })
      .where(and(eq(walletOffers.id, offer.id), isNull(walletOffers.issuedAt)))
      .returning({ id: walletOffers.id }),
    auditInsertIfChanged(db, {
      at: input.now,
      actorUserId: offer.userId,
      actorOrgId: input.issuer.id,
      action: 'credential.wallet_issued',
      targetType: 'credential',
      targetId: offer.credentialId,
      details: { offerId: offer.id, walletCredentialId, holderDid: proof.holderDid },
    }),
  ]);
  // Two requests racing on one token: the second finds the offer already spent and issues nothing.
  if (!recorded.length) throw new WalletIssuanceError('invalid_token', 'This access token has already been used');
  return { jwt, walletCredentialId, holderDid: proof.holderDid };
}

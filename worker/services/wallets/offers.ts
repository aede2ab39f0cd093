/**
 * Offers from the worker's passport: she asks to put one of her certificates into a wallet app and gets a single-use
 * credential offer (pre-authorised code, valid for a few minutes) with a PIN shown only to her. Nothing leaves the
 * service until a wallet redeems the offer with that PIN; every copy issued shows in her history.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { achievements, credentials, organisations, walletOffers } from '../../../db/schema';
import type { Config } from '../../config';
import type { Mailer } from '../../context';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { hashToken, newId, newToken } from '../../lib/ids';
import { PRE_AUTHORIZED_GRANT, WALLET_CONFIGURATIONS, credentialIssuerId } from './issuer-metadata';
import { t } from '../../../web/i18n/messages';

export const OFFER_MINUTES = 10;
export const TX_CODE_LENGTH = 6;

/** What the worker's page shows once: the offer (for the QR code and the deep link) and the PIN. */
export interface CreatedWalletOffer {
  offerId: string;
  credentialName: string;
  issuerName: string;
  deepLink: string;
  txCode: string;
  expiresAt: string;
}

/** The stored form of a PIN: hashed together with its code, so the PIN alone cannot be looked up. */
export function txCodeHash(code: string, txCode: string): string {
  return hashToken(`${code}:${txCode}`);
}

/** A random numeric PIN of TX_CODE_LENGTH digits, uniform (rejection sampling). */
function newTxCode(): string {
  const limit = 10 ** TX_CODE_LENGTH;
  const bound = Math.floor(0x1_0000_0000 / limit) * limit;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while ((buf[0] as number) >= bound);
  return String((buf[0] as number) % limit).padStart(TX_CODE_LENGTH, '0');
}

/**
 * The credential offer object (OpenID4VCI 1.0 section 4.1.1) for a pre-authorised code with a numeric PIN. Both
 * configurations are offered (vc+jwt first); the wallet asks for the one it holds, and gets one copy.
 */
export function credentialOffer(issuer: string, code: string) {
  return {
    credential_issuer: issuer,
    credential_configuration_ids: Object.keys(WALLET_CONFIGURATIONS),
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        'pre-authorized_code': code,
        tx_code: {
          input_mode: 'numeric',
          length: TX_CODE_LENGTH,
          description: 'The PIN shown on your Care Passport page',
        },
      },
    },
  };
}

/** The same-device / QR link wallets register for: the offer passed by value. */
export function offerDeepLink(offer: object): string {
  return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

/**
 * Creates an offer of one of the worker's own credentials issued here. Refused for anyone else's credential (404, as
 * if it did not exist), for a withdrawn one, or when its academy is no longer approved.
 */
export async function createWalletOffer(
  db: Database,
  config: Config,
  input: { userId: string; credentialId: string; now: Date },
): Promise<CreatedWalletOffer> {
  const rows = await db
    .select({ c: credentials, org: organisations, name: achievements.name })
    .from(credentials)
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .where(and(eq(credentials.id, input.credentialId), eq(credentials.subjectUserId, input.userId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No such certificate in your passport');
  if (row.c.status !== 'active')
    throw new AppError('conflict', 'This certificate was withdrawn by its issuer and cannot go into a wallet');
  if (row.org.status !== 'approved' || (row.org.kind !== 'academy' && row.org.kind !== 'platform'))
    throw new AppError('conflict', 'The issuer of this certificate cannot issue into wallets at the moment');
  const code = newToken();
  const txCode = newTxCode();
  const offerId = newId();
  const expiresAt = new Date(input.now.getTime() + OFFER_MINUTES * 60_000).toISOString();
  await db.batch([
    db.insert(walletOffers).values({
      id: offerId,
      userId: input.userId,
      credentialId: row.c.id,
      issuerOrgId: row.org.id,
      codeHash: hashToken(code),
      txCodeHash: txCodeHash(code, txCode),
      expiresAt,
      createdAt: input.now.toISOString(),
    }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.userId,
      action: 'wallet_offer.created',
      targetType: 'credential',
      targetId: row.c.id,
      details: { offerId },
    }),
  ]);
  const offer = credentialOffer(credentialIssuerId(config, row.org), code);
  return {
    offerId,
    credentialName: row.name,
    issuerName: row.org.name,
    deepLink: offerDeepLink(offer),
    txCode,
    expiresAt,
  };
}

/**
 * Emails the offer's PIN to the worker's verified address, as the second channel for it. The mail holds the
 * PIN and what it is for, never the offer (no link, no code): whoever reads a mail with both could take the
 * credential into a wallet of their own, so the offer stays on her screen and the PIN travels apart from it.
 */
export async function mailOfferPin(mailer: Mailer, to: string, offer: CreatedWalletOffer): Promise<void> {
  await mailer.send({
    to,
    subject: t('en', 'email.pinSubject', { credential: offer.credentialName }),
    body: t('en', 'email.pinBody', {
      credential: offer.credentialName,
      issuer: offer.issuerName,
      pin: offer.txCode,
      minutes: OFFER_MINUTES,
      until: offer.expiresAt.slice(11, 16),
    }),
  });
}

/** The copies of the worker's credentials issued into wallet apps, newest first (her "where it went" history). */
export async function listWalletIssuances(db: Database, userId: string) {
  return db
    .select({
      offerId: walletOffers.id,
      credentialId: walletOffers.credentialId,
      walletCredentialId: walletOffers.walletCredentialId,
      holderDid: walletOffers.holderDid,
      issuedAt: walletOffers.issuedAt,
      name: achievements.name,
      issuerName: organisations.name,
    })
    .from(walletOffers)
    .innerJoin(credentials, eq(credentials.id, walletOffers.credentialId))
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, walletOffers.issuerOrgId))
    .where(and(eq(walletOffers.userId, userId), isNotNull(walletOffers.issuedAt)))
    .orderBy(desc(walletOffers.issuedAt));
}

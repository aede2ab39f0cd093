/**
 * The token endpoint's work: a wallet exchanges the pre-authorised code and the worker's PIN for a short-lived
 * access token, once. Wrong PINs count against the offer; after MAX_TX_CODE_ATTEMPTS it stops working.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { walletOffers } from '../../../db/schema';
import { hashToken, newToken, safeEqual } from '../../lib/ids';
import type { IssuerOrg } from './issuer-metadata';
import { WalletIssuanceError } from './oauth-error';
import { txCodeHash } from './offers';

export const MAX_TX_CODE_ATTEMPTS = 5;
export const ACCESS_TOKEN_SECONDS = 300;
/** Access tokens for the credential endpoint; the prefix tells them apart from organisation API tokens. */
export const WALLET_TOKEN_PREFIX = 'cpw_';

export interface AccessTokenGrant {
  accessToken: string;
  expiresIn: number;
}

const grantError = (description: string) => new WalletIssuanceError('invalid_grant', description);

/** Redeems a pre-authorised code with its PIN for `issuer`; any failure is an `invalid_grant` saying why. */
export async function redeemPreAuthorizedCode(
  db: Database,
  input: { issuer: IssuerOrg; code: string; txCode: string | undefined; now: Date },
): Promise<AccessTokenGrant> {
  const rows = await db
    .select()
    .from(walletOffers)
    .where(and(eq(walletOffers.codeHash, hashToken(input.code)), eq(walletOffers.issuerOrgId, input.issuer.id)))
    .limit(1);
  const offer = rows[0];
  if (!offer) throw grantError('Unknown pre-authorized code');
  if (offer.redeemedAt) throw grantError('This offer has already been used');
  if (offer.expiresAt <= input.now.toISOString()) throw grantError('This offer has expired');
  if (offer.failedAttempts >= MAX_TX_CODE_ATTEMPTS) throw grantError('Too many wrong PINs; ask for a new offer');
  if (!input.txCode) throw new WalletIssuanceError('invalid_request', 'This offer needs the PIN (tx_code)');
  if (!safeEqual(txCodeHash(input.code, input.txCode), offer.txCodeHash)) {
    await db
      .update(walletOffers)
      .set({ failedAttempts: sql`${walletOffers.failedAttempts} + 1` })
      .where(eq(walletOffers.id, offer.id));
    throw grantError('Wrong PIN (tx_code)');
  }
  const accessToken = `${WALLET_TOKEN_PREFIX}${newToken()}`;
  const res = await db
    .update(walletOffers)
    .set({
      accessTokenHash: hashToken(accessToken),
      accessTokenExpiresAt: new Date(input.now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
      redeemedAt: input.now.toISOString(),
    })
    .where(
      and(
        eq(walletOffers.id, offer.id),
        isNull(walletOffers.redeemedAt),
        lt(walletOffers.failedAttempts, MAX_TX_CODE_ATTEMPTS),
      ),
    )
    .returning({ id: walletOffers.id });
  // Two wallets racing with the same code: only the first conditional update wins.
  if (res.length === 0) throw grantError('This offer has already been used');
  return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

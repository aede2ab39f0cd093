/** Words of the wallet pages: putting a certificate into a wallet app (English only for now). */

export const en = {
  'wallets.pinEmailed':
    'We have also emailed this PIN to {email}. The email does not hold the offer, so keep this page open to scan the code.',
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {};

/** Words of the wallet pages: putting a certificate into a wallet app (in Welsh too: it is part of the worker's journey). */

export const en = {
  'wallets.pinEmailed':
    'We have also emailed this PIN to {email}. The email does not hold the offer, so keep this page open to scan the code.',
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {
  'wallets.pinEmailed':
    'Rydym hefyd wedi anfon y PIN hwn mewn e-bost i {email}. Nid yw’r e-bost yn cynnwys y cynnig, felly cadwch y dudalen hon ar agor i sganio’r cod.',
};

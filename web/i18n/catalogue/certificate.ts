/**
 * Words of the printable certificate (`/certificates/:id`), the page a care worker prints or saves for each
 * credential, with its QR code. In Welsh when the visitor chose Welsh; names and issuer data stay as written.
 */

export const en = {
  'certificate.revokedLabel': 'REVOKED.',
  'certificate.revokedBanner': '{label} The issuer has revoked this certificate. It is not valid.',
  'certificate.suspendedLabel': 'SUSPENDED.',
  'certificate.suspendedBanner':
    '{label} The issuer has suspended this certificate. Do not rely on it until it is reinstated.',
  'certificate.expiredLabel': 'EXPIRED.',
  'certificate.expiredBanner': '{label} This certificate has passed its expiry date; the training needs a refresher.',
  'certificate.renewed': 'The learner has renewed this training; a newer certificate replaces this one.',
  'certificate.theLearner': 'The learner',
  'certificate.title': '{name}: certificate',
  'certificate.head': 'Certificate',
  'certificate.headRevoked': 'Certificate (REVOKED)',
  'certificate.awardedTo': 'awarded to {name}',
  'certificate.by': 'by {issuer}',
  'certificate.completed': 'Completed',
  'certificate.issued': 'Issued',
  'certificate.validUntil': 'Valid until',
  'certificate.noExpiry': 'Does not expire',
  'certificate.status': 'Status',
  'certificate.statusActive': 'Valid',
  'certificate.statusRevoked': 'REVOKED',
  'certificate.statusSuspended': 'Suspended',
  'certificate.statusExpired': 'Expired',
  'certificate.kind': 'Kind',
  'certificate.level': 'Level',
  'certificate.covers': 'Covers',
  'certificate.qr': 'QR code: check this certificate at {url}',
  'certificate.scan':
    'Scan the code or open {url} to check that this certificate is genuine and still valid. It is a digitally signed credential (W3C Verifiable Credential, Open Badges 3.0).',
  'certificate.checkNow': 'Check it now',
  'certificate.download': 'Download the signed credential',
  'certificate.print': "Use your browser's Print to print it or save it as PDF.",
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {
  'certificate.revokedLabel': 'WEDI’I DIDDYMU.',
  'certificate.revokedBanner': '{label} Mae’r cyhoeddwr wedi diddymu’r dystysgrif hon. Nid yw’n ddilys.',
  'certificate.suspendedLabel': 'WEDI’I HATAL.',
  'certificate.suspendedBanner':
    '{label} Mae’r cyhoeddwr wedi atal y dystysgrif hon. Peidiwch â dibynnu arni nes iddi gael ei hadfer.',
  'certificate.expiredLabel': 'WEDI DOD I BEN.',
  'certificate.expiredBanner':
    '{label} Mae dyddiad dod i ben y dystysgrif hon wedi mynd heibio; mae angen hyfforddiant gloywi.',
  'certificate.renewed':
    'Mae’r dysgwr wedi adnewyddu’r hyfforddiant hwn; mae tystysgrif fwy newydd yn cymryd lle’r un hon.',
  'certificate.theLearner': 'Y dysgwr',
  'certificate.title': '{name}: tystysgrif',
  'certificate.head': 'Tystysgrif',
  'certificate.headRevoked': 'Tystysgrif (WEDI’I DIDDYMU)',
  'certificate.awardedTo': 'a ddyfarnwyd i {name}',
  'certificate.by': 'gan {issuer}',
  'certificate.completed': 'Cwblhawyd',
  'certificate.issued': 'Cyhoeddwyd',
  'certificate.validUntil': 'Dilys tan',
  'certificate.noExpiry': 'Nid yw’n dod i ben',
  'certificate.status': 'Statws',
  'certificate.statusActive': 'Dilys',
  'certificate.statusRevoked': 'WEDI’I DIDDYMU',
  'certificate.statusSuspended': 'Wedi’i hatal',
  'certificate.statusExpired': 'Wedi dod i ben',
  'certificate.kind': 'Math',
  'certificate.level': 'Lefel',
  'certificate.covers': 'Yn cwmpasu',
  'certificate.qr': 'Cod QR: gwiriwch y dystysgrif hon yn {url}',
  'certificate.scan':
    'Sganiwch y cod neu agorwch {url} i wirio bod y dystysgrif hon yn un go iawn a’i bod yn dal yn ddilys. Mae’n dystysgrif ddigidol wedi’i llofnodi (W3C Verifiable Credential, Open Badges 3.0).',
  'certificate.checkNow': 'Ei gwirio nawr',
  'certificate.download': 'Lawrlwytho’r dystysgrif wedi’i llofnodi',
  'certificate.print': 'Defnyddiwch orchymyn Argraffu eich porwr i’w hargraffu neu i’w chadw fel PDF.',
};

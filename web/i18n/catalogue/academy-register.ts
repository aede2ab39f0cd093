/**
 * Words of the academy register: the search, its results and export, bulk status changes, new claim links for
 * several learners, and one certificate's page. Academies work in English for now, so there is no Welsh yet.
 */

export const en = {
  'register.learner': 'Learner',
  'register.colLearner': 'Learner',
  'register.colAchievement': 'Achievement',
  'register.colIssued': 'Issued',
  'register.certificatesLabel': 'Certificates',
  'register.linksSection': 'Send new claim links',
  'register.linksIntro':
    'For the chosen certificates not yet in a learner’s passport: each learner gets a new link by email, and earlier links stop working. You see who will get one before anything is sent.',
  'register.linksReview': 'Review new claim links',
  'register.linksTitle': 'Check the claim links · Register of issued certificates',
  'register.linksHeading': 'Send new claim links',
  'register.linksHeadingOne': 'Send a new claim link to 1 learner?',
  'register.linksHeadingMany': 'Send new claim links to {count} learners?',
  'register.linksChosenOne': 'You chose 1 certificate.',
  'register.linksChosenMany': 'You chose {count} certificates.',
  'register.linksSendingOne':
    '1 learner will get an email with a new claim link; any earlier link for that certificate stops working.',
  'register.linksSendingMany':
    '{count} learners will get an email with a new claim link; any earlier links for those certificates stop working.',
  'register.linksSendingNone':
    'No learner will get an email: none of the chosen certificates is waiting to be claimed.',
  'register.linksSkippedOne': '1 certificate is skipped:',
  'register.linksSkippedMany': '{count} certificates are skipped:',
  'register.linksSkipCount': '{reason}: {count}',
  'register.skipClaimed': 'Already in the learner’s passport',
  'register.skipRevoked': 'Revoked',
  'register.skipRenewed': 'Renewed: the newer certificate is the one to claim',
  'register.skipExpired': 'Expired',
  'register.skipNoEmail': 'No email address recorded',
  'register.skipLimit': '{limit} new links already sent in the last day',
  'register.linksTooMany':
    'That is more than {max} learners to email at once. Narrow the search (for example by issue dates) and send them in parts.',
  'register.linksToEmail': 'Learners who will get an email',
  'register.linksSkippedTable': 'Certificates skipped',
  'register.linksSkippedFirst': 'The first {shown} of {count} certificates skipped',
  'register.colWhy': 'Why skipped',
  'register.linksAudit': 'Each certificate’s audit trail records that a new link was sent and who sent it.',
  'register.linksSendOne': 'Send 1 claim link',
  'register.linksSendMany': 'Send {count} claim links',
  'register.linksBack': 'Back to the register without sending anything',
  'register.linksSentOne': '1 new claim link sent. The earlier link for that certificate no longer works.',
  'register.linksSentMany': '{count} new claim links sent. Earlier links for those certificates no longer work.',
  'register.linksSentNone': 'No claim link sent: none of the chosen certificates was waiting to be claimed.',
} as const;

/** No Welsh yet: academy pages are in English for now. */
export const cy: { readonly [K in keyof typeof en]?: string } = {};

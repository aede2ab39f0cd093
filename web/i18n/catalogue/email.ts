/**
 * Words of the emails the service sends: claim links, the wallet PIN, invitations, password reset, sign-up,
 * organisation decisions and the contact form. English only for now (emails are not yet sent in Welsh). Each body is
 * one message, lines separated by new lines, so a translator sees the whole email.
 */

export const en = {
  'email.issuedSubject': '{org} has issued you a certificate: {achievement}',
  'email.issuedClaimBody':
    '{org} has issued you "{achievement}".\n\nAdd it to your Care Passport (the link works once and expires in {days} days):\n{link}\n',
  'email.issuedPassportBody': '{org} has issued you "{achievement}". It is already in your Care Passport:\n{link}\n',
  'email.newLinkSubject': '{org} has sent you a new link for your certificate: {achievement}',
  'email.newLinkBody':
    '{org} has issued you "{achievement}".\n\nAdd it to your Care Passport with this new link (it works once and expires in {days} days; earlier links no longer work):\n{link}\n',
  'email.pinSubject': 'Your PIN for adding {credential} to a wallet app',
  'email.pinBody':
    'You asked to put a copy of "{credential}" from {issuer} into a wallet app.\n\nWhen your wallet app asks for a PIN, enter: {pin}\n\nThe PIN works only with the QR code or link shown on your Care Passport page, once, for {minutes} minutes (until {until} UTC). This email does not contain the offer itself.\nIf you did not ask for this, nothing leaves your passport unless someone has the offer on your screen as well as this PIN; you can ignore this email.\n',
  'email.inviteSubject': 'You are invited to join {org} on Care Passport',
  'email.inviteBody':
    'Hello,\n\n{inviter} invited you to join {org} on Care Passport as {role}.\nTo accept, open this link (sign in, or create an account with this email address, first):\n{link}\n\nThe link works once and expires in {days} days.',
  'email.resetSubject': 'Reset your Care Passport password',
  'email.resetBody':
    'Hello {name},\n\nSomeone asked to reset the password of your Care Passport account. To choose a new password, open this link:\n{link}\n\nThe link works once and expires in {hours} hour. Resetting signs you out everywhere.\nIf you did not ask for this, ignore this message; your password has not changed.',
  'email.signUpTakenSubject': 'Someone tried to create a Care Passport account with your email',
  'email.signUpTakenBody':
    'Hello {name},\n\nSomeone (perhaps you) tried to create a new Care Passport account with this email address, which already has an account.\n\nIf it was you, sign in here: {signIn}\nForgotten your password? Reset it here: {forgot}\n\nIf it was not you, you can ignore this message; nothing has changed.',
  'email.confirmSubject': 'Confirm your email for Care Passport',
  'email.confirmBody':
    'Hello {name},\n\nPlease confirm your email address by opening this link:\n{link}\n\nThe link works once and expires in {hours} hours. If you did not create an account, ignore this message.',
  'email.approvedSubject': '{org} is approved on Care Passport',
  'email.approvedBody':
    "Hello,\n\nThe platform team approved {org}. You can now use everything your organisation needs.\nYour organisation's page: {link}",
  'email.refusedSubject': '{org} was not approved on Care Passport',
  'email.refusedBody':
    "Hello,\n\nThe platform team could not approve {org}. The reason given:\n\n{reason}\n\nYour organisation's page: {link}\n\nReply to the support address if you want to ask about this decision.",
  'email.contactSubject': 'Contact form: {name}',
  'email.contactBody': 'From: {name} <{email}>\n\n{message}',
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {};

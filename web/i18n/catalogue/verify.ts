/** Words of the public verifier and of the page a share link opens. */

export const en = {
  'verify.title': 'Check a credential',
  'verify.resultTitle': 'Verification result',
  'verify.intro':
    'Paste what the candidate gave you: a {shareLink} from their Care Passport, or a {credential} (a long code starting with {eyJ}), or upload the file. You do not need an account. We check the signature, the issuer, the dates, and whether it has been revoked or suspended.',
  'verify.introShareLink': 'share link',
  'verify.introCredential': 'credential',
  'verify.problemTitle': 'We could not check that',
  'verify.detected': 'What you gave us: {detected}.',
  'verify.again': 'Check something else',
  'verify.inputLabel': 'Share link or credential',
  'verify.inputHint':
    'A link like https://…/s/…, one or more credentials (up to {max}), a presentation, or the JSON a wallet gives you.',
  'verify.submit': 'Check',
  'shared.title': 'Shared credentials',
  'shared.heading': 'Credentials shared by {who}',
  'shared.someone': 'A Care Passport holder',
  'shared.until':
    'This link works until {date}. The person sharing it can see when it was opened and by which organisation.',
  'shared.hiring':
    'Hiring? {signIn} as employer staff to check these against the role you are hiring for and save the result to your records.',
  'shared.signIn': 'Sign in',
  'shared.notFoundTitle': 'Share link not found',
  'shared.notFoundText':
    'We could not find this share link. Check that the whole link was copied, or ask the person for a new one.',
  'shared.expiredTitle': 'This share link has expired',
  'shared.expiredText':
    'Share links only work for the time the person chose. Ask them to share their credentials again from their Care Passport.',
  'shared.revokedTitle': 'This share link was withdrawn',
  'shared.revokedText':
    'The person who shared it has stopped sharing. Ask them for a new link if you still need to check their credentials.',
  'shared.fileInstead': 'You can also {link} they send you.',
  'shared.fileLink': 'check a credential file',
} as const;

export const cy: { [K in keyof typeof en]?: string } = {
  'verify.title': 'Gwirio tystysgrif',
  'verify.resultTitle': 'Canlyniad y dilysu',
  'verify.intro':
    'Gludwch yr hyn a roddodd yr ymgeisydd i chi: {shareLink} o’u Care Passport, neu {credential} (cod hir sy’n dechrau gydag {eyJ}), neu lanlwythwch y ffeil. Does dim angen cyfrif arnoch chi. Rydyn ni’n gwirio’r llofnod, y cyhoeddwr, y dyddiadau, ac a yw wedi’i diddymu neu wedi’i hatal.',
  'verify.introShareLink': 'dolen rannu',
  'verify.introCredential': 'dystysgrif ddigidol',
  'verify.problemTitle': 'Doedden ni ddim yn gallu gwirio hynny',
  'verify.detected': 'Yr hyn a roesoch chi i ni: {detected}.',
  'verify.again': 'Gwirio rhywbeth arall',
  'verify.inputLabel': 'Dolen rannu neu dystysgrif ddigidol',
  'verify.inputHint':
    'Dolen fel https://…/s/…, un neu ragor o dystysgrifau digidol (hyd at {max}), cyflwyniad, neu’r JSON y mae waled yn ei roi i chi.',
  'verify.submit': 'Gwirio',
  'shared.title': 'Tystysgrifau a rannwyd',
  'shared.heading': 'Tystysgrifau a rannwyd gan {who}',
  'shared.someone': 'ddeiliad Care Passport',
  'shared.until':
    'Mae’r ddolen hon yn gweithio tan {date}. Gall y sawl sy’n ei rhannu weld pryd y cafodd ei hagor a gan ba sefydliad.',
  'shared.hiring':
    'Yn recriwtio? {signIn} fel aelod o staff cyflogwr i gymharu’r rhain â’r swydd rydych chi’n recriwtio ar ei chyfer a chadw’r canlyniad yn eich cofnodion.',
  'shared.signIn': 'Mewngofnodwch',
  'shared.notFoundTitle': 'Heb ddod o hyd i’r ddolen rannu',
  'shared.notFoundText':
    'Doedden ni ddim yn gallu dod o hyd i’r ddolen rannu hon. Gwnewch yn siŵr bod y ddolen gyfan wedi’i chopïo, neu gofynnwch i’r person am un newydd.',
  'shared.expiredTitle': 'Mae’r ddolen rannu hon wedi dod i ben',
  'shared.expiredText':
    'Dim ond am yr amser a ddewisodd y person y mae dolenni rhannu’n gweithio. Gofynnwch iddyn nhw rannu eu tystysgrifau eto o’u Care Passport.',
  'shared.revokedTitle': 'Cafodd y ddolen rannu hon ei thynnu’n ôl',
  'shared.revokedText':
    'Mae’r person a’i rhannodd wedi rhoi’r gorau i rannu. Gofynnwch iddyn nhw am ddolen newydd os oes angen i chi wirio eu tystysgrifau o hyd.',
  'shared.fileInstead': 'Gallwch chi hefyd {link} y maen nhw’n ei hanfon atoch chi.',
  'shared.fileLink': 'wirio ffeil tystysgrif',
};

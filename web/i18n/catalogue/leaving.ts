/** Words of leaving: deleting the account, what it erases and what issuers and employers keep, and the goodbye. */

export const en = {
  'leaving.title': 'Delete your account',
  'leaving.downloadFirst': 'First, download your certificates',
  'leaving.downloadFirstBody':
    'Once your account is gone we cannot give them back to you. The download is one file with every certificate in it; each one can still be checked by any employer.',
  'leaving.download': 'Download all my certificates',
  'leaving.whatHappens': 'What happens when you delete',
  'leaving.staysValid': 'Your certificates stay valid',
  'leaving.staysValidBody':
    'Certificates are signed by the organisations that issued them. Anyone who already has one (you, if you downloaded it, and employers you shared it with) can still check it. Issuers can still withdraw them.',
  'leaving.weErase': 'We erase your personal data here',
  'leaving.eraseName': 'your name, email address and password',
  'leaving.eraseKey': 'your passport key, so nothing new can ever be signed in your name',
  'leaving.eraseShares': 'your share links and the record of who viewed them (the links stop working)',
  'leaving.eraseImported': 'certificates you added from elsewhere',
  'leaving.erasePathway': 'your career pathway choices and area',
  'leaving.eraseMemberships': 'your memberships of organisations, and you are signed out on every device',
  'leaving.eraseInvitations': 'invitations and messages sent to you, and the links in them',
  'leaving.othersKeep': 'What the issuers and employers keep, without you',
  'leaving.othersKeepBody':
    'Each training provider keeps the record it needs to say whether a certificate it issued is still valid (the certificate, its dates and whether it was withdrawn), but not your name or email address. Employers who saved a check of your passport keep its result (verified or not, and for which role), but not your name, your certificates or your share link. Our security log keeps what happened, without your name or email. See {link}.',
  'leaving.privacyLink': 'how we handle personal data',
  'leaving.delete': 'Delete',
  'leaving.cannotUndo': 'This cannot be undone.',
  'leaving.confirm': 'Delete your account for good?',
  'leaving.emailLabel': 'Type your email address to confirm',
  'leaving.emailHint': 'The address you sign in with: {email}',
  'leaving.submit': 'Delete my account',
  'leaving.deletedTitle': 'Your account is deleted',
  'leaving.deletedBody':
    'Your personal data has been erased and you are signed out. The certificates you downloaded are still yours and still valid.',
  'leaving.toHome': 'Go to the home page',
} as const;

export const cy: { [K in keyof typeof en]?: string } = {
  'leaving.title': 'Dileu eich cyfrif',
  'leaving.downloadFirst': 'Yn gyntaf, lawrlwythwch eich tystysgrifau',
  'leaving.downloadFirstBody':
    'Unwaith y bydd eich cyfrif wedi mynd, allwn ni ddim eu rhoi nhw’n ôl i chi. Un ffeil yw’r hyn a gewch, gyda phob tystysgrif ynddi; gall unrhyw gyflogwr wirio pob un ohonyn nhw o hyd.',
  'leaving.download': 'Lawrlwytho fy holl dystysgrifau',
  'leaving.whatHappens': 'Beth sy’n digwydd pan fyddwch chi’n dileu',
  'leaving.staysValid': 'Mae eich tystysgrifau’n parhau’n ddilys',
  'leaving.staysValidBody':
    'Mae tystysgrifau wedi’u llofnodi gan y sefydliadau a’u cyhoeddodd. Gall unrhyw un sydd ag un yn barod (chi, os gwnaethoch chi ei lawrlwytho, a chyflogwyr y gwnaethoch chi ei rhannu â nhw) ei gwirio o hyd. Gall cyhoeddwyr eu tynnu’n ôl o hyd.',
  'leaving.weErase': 'Rydyn ni’n dileu eich data personol yma',
  'leaving.eraseName': 'eich enw, eich cyfeiriad e-bost a’ch cyfrinair',
  'leaving.eraseKey': 'allwedd eich pasbort, fel na all dim byd newydd fyth gael ei lofnodi yn eich enw',
  'leaving.eraseShares': 'eich dolenni rhannu a’r cofnod o bwy a’u hagorodd (mae’r dolenni’n peidio â gweithio)',
  'leaving.eraseImported': 'tystysgrifau a ychwanegwyd gennych chi o rywle arall',
  'leaving.erasePathway': 'eich dewisiadau ar gyfer eich llwybr gyrfa, a’ch ardal',
  'leaving.eraseMemberships': 'eich aelodaeth o sefydliadau, a chewch eich allgofnodi ar bob dyfais',
  'leaving.eraseInvitations': 'gwahoddiadau a negeseuon a anfonwyd atoch chi, a’r dolenni ynddyn nhw',
  'leaving.othersKeep': 'Beth mae’r cyhoeddwyr a’r cyflogwyr yn ei gadw, hebddoch chi',
  'leaving.othersKeepBody':
    'Mae pob darparwr hyfforddiant yn cadw’r cofnod sydd ei angen arno i ddweud a yw tystysgrif a gyhoeddodd yn dal yn ddilys (y dystysgrif, ei dyddiadau ac a gafodd ei thynnu’n ôl), ond nid eich enw na’ch cyfeiriad e-bost. Mae cyflogwyr a gadwodd wiriad o’ch pasbort yn cadw ei ganlyniad (wedi’i ddilysu neu beidio, ac ar gyfer pa rôl), ond nid eich enw, eich tystysgrifau na’ch dolen rannu. Mae ein cofnod diogelwch yn cadw’r hyn a ddigwyddodd, heb eich enw na’ch e-bost. Gweler {link}.',
  'leaving.privacyLink': 'sut rydyn ni’n trin data personol',
  'leaving.delete': 'Dileu',
  'leaving.cannotUndo': 'Does dim modd dadwneud hyn.',
  'leaving.confirm': 'Dileu eich cyfrif am byth?',
  'leaving.emailLabel': 'Teipiwch eich cyfeiriad e-bost i gadarnhau',
  'leaving.emailHint': 'Y cyfeiriad rydych chi’n mewngofnodi ag ef: {email}',
  'leaving.submit': 'Dileu fy nghyfrif',
  'leaving.deletedTitle': 'Mae eich cyfrif wedi’i ddileu',
  'leaving.deletedBody':
    'Mae eich data personol wedi’i ddileu ac rydych chi wedi’ch allgofnodi. Mae’r tystysgrifau a lawrlwythwyd gennych chi yn dal yn eiddo i chi ac yn dal yn ddilys.',
  'leaving.toHome': 'Mynd i’r hafan',
};

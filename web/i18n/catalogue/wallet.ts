/**
 * Words of the passport and wallet apps: putting a certificate into a wallet app, answering a request for proof from
 * the passport, taking a wallet offer into the passport, and where certificates went through wallets.
 */

export const en = {
  'walletOffer.title': 'Add to a wallet app',
  'walletOffer.back': 'Back to the certificate',
  'walletOffer.intro':
    'Put a copy of {name} from {issuer} into a wallet app that speaks OpenID for Verifiable Credential Issuance (for example an EU or government wallet, or another credential wallet). The copy is signed by {issuer} and tied to your wallet; if the certificate is withdrawn, the copy stops checking out too.',
  'walletOffer.ownOnly': 'Only for your own wallet.',
  'walletOffer.once':
    'This offer works once, for {minutes} minutes (until {until}). Do not show the code and PIN to anyone else.',
  'walletOffer.scan': '1. Scan the code with your wallet app',
  'walletOffer.qrLabel': 'QR code: offer of {name} for your wallet app',
  'walletOffer.onThisPhone': 'On this phone?',
  'walletOffer.openLink': 'Open the offer in my wallet app',
  'walletOffer.enterPin': '2. Enter this PIN when the wallet asks',
  'walletOffer.pinIs': 'Your PIN is',
  'walletOffer.listed': 'Each copy put into a wallet is listed with your share links, under {link}.',
  'walletOffer.listedLink': 'where your certificates went',
  'answer.title': 'Answer a request for proof',
  'answer.intro':
    'If an employer asks you for proof from a wallet app and you do not have one, your passport can answer. Nothing is sent until you choose the certificates and press Send.',
  'answer.linkLabel': 'The request link',
  'answer.linkHint':
    'An employer\'s "Ask a wallet app" page shows a link that starts with openid4vp://. Copy it and paste it here.',
  'answer.show': 'Show the request',
  'answer.asksHere': '{verifier} asks for proof of your certificates through Care Passport.',
  'answer.asksElsewhere': '{verifier} asks for proof of your certificates (the answer goes to {host}).',
  'answer.which': 'Which certificates to send',
  'answer.whichHint': 'Only what you tick is sent, signed by your passport.',
  'answer.send': 'Send proof to {verifier}',
  'answer.nothingFits':
    'None of the certificates in your passport fit what this request asks for, so there is nothing to send.',
  'answer.decline': 'Do not answer',
  'answer.accepted': 'Your proof was sent to {verifier}, which accepted it.',
  'answer.refused': 'Your proof was sent to {verifier}, which did not accept it: {reason}',
  'answer.whereWent': 'See where your certificates went',
  'takeOffer.title': 'Add a certificate from a wallet offer',
  'takeOffer.intro':
    'If an issuer offers you a certificate for a wallet app, your passport can take it. We check that it is genuine before adding it, and it is bound to your passport.',
  'takeOffer.linkLabel': 'The offer link',
  'takeOffer.linkHint':
    'The offer link starts with openid-credential-offer:// (a wallet offer QR code holds the same link).',
  'takeOffer.pinLabel': 'PIN',
  'takeOffer.pinHint': 'The PIN the issuer gave you with the offer, if it came with one.',
  'takeOffer.submit': 'Take the certificate',
  'walletHistory.copiesTitle': 'Copies in wallet apps',
  'walletHistory.copy': '{when}: {name} ({issuer}) went into a wallet app with the identifier {did}',
  'walletHistory.noCopies': 'You have not put any certificate into a wallet app.',
  'walletHistory.shownTitle': 'Shown from a wallet app',
  'walletHistory.shownVerified': '{when}: your wallet app sent proof to {employer}, which checked out',
  'walletHistory.shownNotVerified': '{when}: your wallet app sent proof to {employer}, which did not check out',
  'walletHistory.answersTitle': 'Sent from your passport in answer to a request',
  'walletHistory.sentOneAccepted': '{when}: you sent one certificate to {verifier}, which accepted it',
  'walletHistory.sentOneRefused': '{when}: you sent one certificate to {verifier}, which did not accept it',
  'walletHistory.sentManyAccepted': '{when}: you sent {count} certificates to {verifier}, which accepted it',
  'walletHistory.sentManyRefused': '{when}: you sent {count} certificates to {verifier}, which did not accept it',
} as const;

export const cy: { [K in keyof typeof en]?: string } = {
  'walletOffer.title': 'Ychwanegu at ap waled',
  'walletOffer.back': 'Yn ôl i’r dystysgrif',
  'walletOffer.intro':
    'Rhowch gopi o {name} gan {issuer} mewn ap waled sy’n deall OpenID for Verifiable Credential Issuance (er enghraifft waled gan yr UE neu gan lywodraeth, neu waled tystysgrifau arall). Mae’r copi wedi’i lofnodi gan {issuer} ac wedi’i glymu wrth eich waled; os caiff y dystysgrif ei thynnu’n ôl, bydd y copi’n methu’r gwiriad hefyd.',
  'walletOffer.ownOnly': 'Ar gyfer eich waled eich hun yn unig.',
  'walletOffer.once':
    'Mae’r cynnig hwn yn gweithio unwaith, am {minutes} munud (tan {until}). Peidiwch â dangos y cod na’r PIN i neb arall.',
  'walletOffer.scan': '1. Sganiwch y cod gyda’ch ap waled',
  'walletOffer.qrLabel': 'Cod QR: cynnig {name} ar gyfer eich ap waled',
  'walletOffer.onThisPhone': 'Ar y ffôn hwn?',
  'walletOffer.openLink': 'Agor y cynnig yn fy ap waled',
  'walletOffer.enterPin': '2. Rhowch y PIN hwn pan fydd y waled yn gofyn',
  'walletOffer.pinIs': 'Eich PIN yw',
  'walletOffer.listed': 'Mae pob copi a roddir mewn waled wedi’i restru gyda’ch dolenni rhannu, o dan {link}.',
  'walletOffer.listedLink': 'ble aeth eich tystysgrifau',
  'answer.title': 'Ateb cais am brawf',
  'answer.intro':
    'Os bydd cyflogwr yn gofyn i chi am brawf o ap waled a chithau heb un, gall eich pasbort ateb. Does dim byd yn cael ei anfon nes i chi ddewis y tystysgrifau a phwyso Anfon.',
  'answer.linkLabel': 'Dolen y cais',
  'answer.linkHint':
    'Mae tudalen “Ask a wallet app” y cyflogwr yn dangos dolen sy’n dechrau gydag openid4vp://. Copïwch hi a’i gludo yma.',
  'answer.show': 'Dangos y cais',
  'answer.asksHere': 'Mae {verifier} yn gofyn am brawf o’ch tystysgrifau drwy Care Passport.',
  'answer.asksElsewhere': 'Mae {verifier} yn gofyn am brawf o’ch tystysgrifau (mae’r ateb yn mynd i {host}).',
  'answer.which': 'Pa dystysgrifau i’w hanfon',
  'answer.whichHint': 'Dim ond yr hyn rydych chi’n ei dicio sy’n cael ei anfon, wedi’i lofnodi gan eich pasbort.',
  'answer.send': 'Anfon prawf at {verifier}',
  'answer.nothingFits':
    'Does dim un o’r tystysgrifau yn eich pasbort yn cyfateb i’r hyn y mae’r cais hwn yn gofyn amdano, felly does dim byd i’w anfon.',
  'answer.decline': 'Peidio ag ateb',
  'answer.accepted': 'Cafodd eich prawf ei anfon at {verifier}, a wnaeth ei dderbyn.',
  'answer.refused': 'Cafodd eich prawf ei anfon at {verifier}, ond ni wnaeth ei dderbyn: {reason}',
  'answer.whereWent': 'Gweld ble aeth eich tystysgrifau',
  'takeOffer.title': 'Ychwanegu tystysgrif o gynnig waled',
  'takeOffer.intro':
    'Os bydd cyhoeddwr yn cynnig tystysgrif i chi ar gyfer ap waled, gall eich pasbort ei chymryd. Rydyn ni’n gwirio ei bod hi’n ddilys cyn ei hychwanegu, ac mae hi’n cael ei chlymu wrth eich pasbort.',
  'takeOffer.linkLabel': 'Dolen y cynnig',
  'takeOffer.linkHint':
    'Mae dolen y cynnig yn dechrau gydag openid-credential-offer:// (mae cod QR cynnig waled yn cynnwys yr un ddolen).',
  'takeOffer.pinLabel': 'PIN',
  'takeOffer.pinHint': 'Y PIN a roddodd y cyhoeddwr i chi gyda’r cynnig, os oedd un.',
  'takeOffer.submit': 'Cymryd y dystysgrif',
  'walletHistory.copiesTitle': 'Copïau mewn apiau waled',
  'walletHistory.copy': '{when}: aeth {name} ({issuer}) i ap waled gyda’r dynodydd {did}',
  'walletHistory.noCopies': 'Dydych chi ddim wedi rhoi unrhyw dystysgrif mewn ap waled.',
  'walletHistory.shownTitle': 'Wedi’u dangos o ap waled',
  'walletHistory.shownVerified':
    '{when}: anfonodd eich ap waled brawf at {employer}, a chafodd ei wirio’n llwyddiannus',
  'walletHistory.shownNotVerified':
    '{when}: anfonodd eich ap waled brawf at {employer}, ond ni chafodd ei wirio’n llwyddiannus',
  'walletHistory.answersTitle': 'Wedi’u hanfon o’ch pasbort mewn ateb i gais',
  'walletHistory.sentOneAccepted': '{when}: anfonoch chi un dystysgrif at {verifier}, a wnaeth ei derbyn',
  'walletHistory.sentOneRefused': '{when}: anfonoch chi un dystysgrif at {verifier}, ond ni wnaeth ei derbyn',
  'walletHistory.sentManyAccepted': '{when}: anfonoch chi {count} o dystysgrifau at {verifier}, a wnaeth eu derbyn',
  'walletHistory.sentManyRefused': '{when}: anfonoch chi {count} o dystysgrifau at {verifier}, ond ni wnaeth eu derbyn',
};

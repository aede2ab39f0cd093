/** Words of the home page (in Welsh too) and of the privacy notice (English only for now). */

export const en = {
  'home.title': 'Your training, trusted everywhere',
  'home.heading': 'Your care training, trusted by every employer',
  'home.intro':
    'Care Passport keeps signed, portable records of your training and qualifications. Move to a new employer without starting your training again.',
  'home.workers': 'Care workers',
  'home.workersText':
    'Keep your certificates in one place, see your next step on the career ladder, and share proof with a link.',
  'home.openPassport': 'Open my passport',
  'home.createPassport': 'Create my passport',
  'home.employers': 'Employers',
  'home.employersText':
    "Check a candidate's training in seconds and see which requirements of the role are already met and in date.",
  'home.verify': 'Verify a passport',
  'home.academies': 'Academies and training providers',
  'home.academiesText':
    'Issue signed certificates after training, to one learner or a whole cohort, and revoke or renew them.',
  'home.signInToIssue': 'Sign in to issue',
  'home.ladders': 'Career ladders',
  'home.laddersText':
    "England's Care Workforce Pathway, Wales's pay and progression bands and NHS Agenda for Change, side by side.",
  'home.browseLadders': 'Browse the ladders',
  'home.organisations': 'For organisations',
  'home.organisationsText':
    'Academies, employers and councils register once; the platform checks who you are before you can issue or verify on behalf of your organisation.',
  'home.register': 'Register your academy, employer or council',
  'privacy.title': 'Privacy',
  'privacy.heading': 'How Care Passport handles personal data',
  'privacy.keepTitle': 'What we keep and why',
  'privacy.account': '{what}: your name, email address and a hash of your password, so you can sign in.',
  'privacy.accountWhat': 'Your account',
  'privacy.certificates':
    '{what}: training providers issue them to your email address; you decide who sees them by sharing a link. Every opening of a link is recorded and shown to you.',
  'privacy.certificatesWhat': 'Your certificates',
  'privacy.providers':
    '{what}: each provider keeps a register of the certificates it issued, so it can withdraw or renew them and answer whether they are still valid.',
  'privacy.providersWhat': "Training providers' records",
  'privacy.employers': '{what}: an employer may save the result of checking what you shared with them.',
  'privacy.employersWhat': "Employers' checks",
  'privacy.workforce':
    '{what}: only if you agree, you are counted in anonymous figures for your area; small numbers are hidden. You can withdraw at any time in your account.',
  'privacy.workforceWhat': 'Workforce figures',
  'privacy.security':
    '{what}: a log of important actions (issuing, withdrawing, changes to accounts and organisations), and counters that limit repeated attempts. Request logs hold no personal data.',
  'privacy.securityWhat': 'Security',
  'privacy.deleteTitle': 'When you delete your account',
  'privacy.deleteText':
    "You can delete your account at any time from your passport. Certificates issued to you stay valid for whoever holds a copy, because checking one needs only the issuer's signature and its public status list.",
  'privacy.tableCaption': 'What happens to each record',
  'privacy.record': 'Record',
  'privacy.onDeletion': 'On deletion',
  'privacy.erased': 'Erased',
  'privacy.rowAccount': 'Your account: name, email address, password, area, roles, consent choices',
  'privacy.rowKey': 'Your passport key (the key that signs what you share)',
  'privacy.rowKeyOutcome': 'Erased, so nothing new can be signed in your name',
  'privacy.rowSessions': 'Sessions, sign-in and reset links, invitations sent to you',
  'privacy.rowShares': 'Share links and the record of who opened them',
  'privacy.rowSharesOutcome': 'Erased; the links stop working',
  'privacy.rowImports': 'Certificates you brought in from elsewhere',
  'privacy.rowMail': 'Messages sent to you or naming you (our mail log)',
  'privacy.rowCounters': 'Sign-in and rate-limit counters with your email or account',
  'privacy.rowIssued': "A training provider's record of certificates it issued you",
  'privacy.rowIssuedOutcome':
    'Kept without you: the certificate, its dates and status (so it can still be checked and withdrawn), without your name, email or account',
  'privacy.rowCohort': "A training provider's upload of a class list that named you",
  'privacy.rowCohortOutcome': 'Kept without you: your name and email are removed from the row',
  'privacy.rowSaved': "An employer's saved check of your passport",
  'privacy.rowSavedOutcome':
    'Kept without you: the result (verified or not, role assessment, dates), without your name, certificates or share link; it can no longer be re-checked',
  'privacy.rowLog': 'Security log and anonymous career-move counts',
  'privacy.rowLogOutcome': 'Kept without you: what happened and when, with your name and email removed',
  'privacy.backups':
    'The database is rewritten when an account is deleted, so the erased data does not linger in the file. Backups taken before the deletion still hold it until the operator deletes them in turn.',
  'privacy.questionsTitle': 'Questions',
  'privacy.questions':
    'Write to the operator of this service. To report a security problem, see the security contact in our security policy.',
} as const;

/** Welsh for the home page; the privacy notice is English only for now (it says so to a visitor who chose Welsh). */
export const cy: { readonly [K in keyof typeof en]?: string } = {
  'home.title': 'Eich hyfforddiant, y gellir ymddiried ynddo ym mhobman',
  'home.heading': 'Eich hyfforddiant gofal, y mae pob cyflogwr yn gallu ymddiried ynddo',
  'home.intro':
    'Mae Care Passport yn cadw cofnodion wedi’u llofnodi o’ch hyfforddiant a’ch cymwysterau, y gallwch chi fynd â nhw i unrhyw le. Symudwch at gyflogwr newydd heb ddechrau eich hyfforddiant eto.',
  'home.workers': 'Gweithwyr gofal',
  'home.workersText':
    'Cadwch eich tystysgrifau mewn un lle, gwelwch eich cam nesaf ar yr ysgol yrfa, a rhannwch brawf gyda dolen.',
  'home.openPassport': 'Agor fy mhasbort',
  'home.createPassport': 'Creu fy mhasbort',
  'home.employers': 'Cyflogwyr',
  'home.employersText':
    'Gwiriwch hyfforddiant ymgeisydd mewn eiliadau a gweld pa ofynion y swydd sydd wedi’u bodloni’n barod ac sy’n dal yn ddilys.',
  'home.verify': 'Dilysu pasbort',
  'home.academies': 'Academïau a darparwyr hyfforddiant',
  'home.academiesText':
    'Cyhoeddwch dystysgrifau wedi’u llofnodi ar ôl hyfforddiant, i un dysgwr neu i garfan gyfan, a’u diddymu neu eu hadnewyddu.',
  'home.signInToIssue': 'Mewngofnodi i gyhoeddi',
  'home.ladders': 'Ysgolion gyrfa',
  'home.laddersText':
    'Llwybr y Gweithlu Gofal yn Lloegr (Care Workforce Pathway), bandiau cyflog a dilyniant Cymru, ac Agenda for Change y GIG, ochr yn ochr.',
  'home.browseLadders': 'Pori’r ysgolion gyrfa',
  'home.organisations': 'I sefydliadau',
  'home.organisationsText':
    'Mae academïau, cyflogwyr a chynghorau yn cofrestru unwaith; mae’r platfform yn gwirio pwy ydych chi cyn i chi allu cyhoeddi neu ddilysu ar ran eich sefydliad.',
  'home.register': 'Cofrestru eich academi, eich cyflogwr neu eich cyngor',
};

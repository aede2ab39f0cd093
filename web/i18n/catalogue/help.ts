/** Words of the help pages: a short guide per audience (care workers, employers, academies, commissioners). */

export const en = {
  'help.title': 'Help',
  'help.choose': 'Choose who you are for the steps that matter to you.',
  'help.stuck': 'Still stuck? {contact}.',
  'help.contactLink': 'Contact us',
  'help.all': 'All help',
  'help.workersName': 'Care workers',
  'help.workersTitle': 'Help for care workers',
  'help.workersIntro': 'Keep your training certificates in one place and show them to any employer.',
  'help.workersClaim': 'Claim a certificate',
  'help.workersClaim1': 'After your training, your academy emails you a claim link.',
  'help.workersClaim2': 'Open the link and sign in, or create your passport with the same email address.',
  'help.workersClaim3':
    'The certificate is added to your passport. A link works for a limited time; ask the academy for a new one if it has run out.',
  'help.workersShare': 'Share your passport',
  'help.workersShare1': 'Open your passport and choose "Share".',
  'help.workersShare2': 'Pick what to share and for how long, then copy the link or show the QR code.',
  'help.workersShare3': 'You can withdraw a share at any time; the employer then sees nothing more.',
  'help.employersName': 'Employers',
  'help.employersTitle': 'Help for employers',
  'help.employersIntro': 'Check a candidate’s training in seconds, without phoning the academy.',
  'help.employersVerify': 'Verify a passport or certificate',
  'help.employersVerify1':
    'Open "Verify" and paste the share link, or upload the certificate file the candidate gave you.',
  'help.employersVerify2': 'Each certificate is checked: signed by an approved academy, not revoked, in date.',
  'help.employersReport': 'Read a report',
  'help.employersReport1':
    'Green checks passed; amber ones need your judgement (for example a refresher due soon); red ones failed.',
  'help.employersReport2':
    'For a role you have set up, the report shows which requirements are already met and which are missing.',
  'help.employersReport3': 'Framework mappings are indicative: they guide your decision, they do not make it.',
  'help.academiesName': 'Academies and training providers',
  'help.academiesTitle': 'Help for academies and training providers',
  'help.academiesIntro': 'Issue signed certificates to one learner or a whole cohort.',
  'help.academiesCohort': 'Issue a cohort',
  'help.academiesCohort1': 'Define the achievement once (for example "Moving and handling, level 2").',
  'help.academiesCohort2':
    'Download the Excel or CSV template from the achievement’s page and fill in one learner per row. UK dates (20/05/2026) are fine.',
  'help.academiesCohort3':
    'Upload the file: every row is checked and you see a preview. Nothing is issued until you confirm.',
  'help.academiesCohort4': 'Each learner is emailed a claim link. The result file lists every certificate issued.',
  'help.commissionersName': 'Commissioners',
  'help.commissionersTitle': 'Help for commissioners',
  'help.commissionersIntro':
    'See the training of the care workforce in your area, from workers who agreed to share it.',
  'help.commissionersFigures': 'Read your area’s figures',
  'help.commissionersFigures1': 'The platform team sets the areas your organisation plans for.',
  'help.commissionersFigures2':
    'Figures count only workers who consented, and small numbers are hidden so nobody can be identified.',
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {
  'help.title': 'Help',
  'help.choose': 'Dewiswch pwy ydych chi i weld y camau sy’n bwysig i chi.',
  'help.stuck': 'Dal yn sownd? {contact}.',
  'help.contactLink': 'Cysylltwch â ni',
  'help.all': 'Pob tudalen help',
  'help.workersName': 'Gweithwyr gofal',
  'help.workersTitle': 'Help i weithwyr gofal',
  'help.workersIntro': 'Cadwch eich tystysgrifau hyfforddiant mewn un lle a’u dangos i unrhyw gyflogwr.',
  'help.workersClaim': 'Hawlio tystysgrif',
  'help.workersClaim1': 'Ar ôl eich hyfforddiant, bydd eich academi yn anfon dolen hawlio atoch chi mewn e-bost.',
  'help.workersClaim2': 'Agorwch y ddolen a mewngofnodwch, neu crëwch eich pasbort gyda’r un cyfeiriad e-bost.',
  'help.workersClaim3':
    'Mae’r dystysgrif yn cael ei hychwanegu at eich pasbort. Mae dolen yn gweithio am gyfnod cyfyngedig; gofynnwch i’r academi am un newydd os yw hi wedi dod i ben.',
  'help.workersShare': 'Rhannu eich pasbort',
  'help.workersShare1': 'Agorwch eich pasbort a dewiswch "Rhannu â chyflogwr".',
  'help.workersShare2': 'Dewiswch beth i’w rannu ac am ba hyd, yna copïwch y ddolen neu dangoswch y cod QR.',
  'help.workersShare3':
    'Gallwch chi roi’r gorau i rannu unrhyw bryd; wedyn fydd y cyflogwr ddim yn gweld dim byd rhagor.',
  'help.employersName': 'Cyflogwyr',
  'help.employersTitle': 'Help i gyflogwyr',
  'help.employersIntro': 'Gwiriwch hyfforddiant ymgeisydd mewn eiliadau, heb ffonio’r academi.',
  'help.employersVerify': 'Dilysu pasbort neu dystysgrif',
  'help.employersVerify1':
    'Agorwch "Dilysu" a gludwch y ddolen rannu, neu lanlwythwch y ffeil tystysgrif a roddodd yr ymgeisydd i chi.',
  'help.employersVerify2':
    'Mae pob tystysgrif yn cael ei gwirio: wedi’i llofnodi gan academi gymeradwy, heb ei diddymu, a heb ddod i ben.',
  'help.employersReport': 'Darllen adroddiad',
  'help.employersReport1':
    'Mae’r gwiriadau gwyrdd wedi pasio; mae angen i chi farnu’r rhai oren (er enghraifft hyfforddiant gloywi sy’n ddyledus cyn bo hir); mae’r rhai coch wedi methu.',
  'help.employersReport2':
    'Ar gyfer swydd rydych chi wedi’i sefydlu, mae’r adroddiad yn dangos pa ofynion sydd wedi’u bodloni’n barod a pha rai sydd ar goll.',
  'help.employersReport3':
    'Mae’r cysylltiadau â fframweithiau yn rhai dangosol: maen nhw’n arwain eich penderfyniad, dydyn nhw ddim yn ei wneud drosoch chi.',
  'help.academiesName': 'Academïau a darparwyr hyfforddiant',
  'help.academiesTitle': 'Help i academïau a darparwyr hyfforddiant',
  'help.academiesIntro': 'Cyhoeddwch dystysgrifau wedi’u llofnodi i un dysgwr neu i garfan gyfan.',
  'help.academiesCohort': 'Cyhoeddi tystysgrifau i garfan',
  'help.academiesCohort1': 'Diffiniwch y cyflawniad unwaith (er enghraifft "Symud a thrafod, lefel 2").',
  'help.academiesCohort2':
    'Lawrlwythwch y templed Excel neu CSV o dudalen y cyflawniad a llenwch un dysgwr ym mhob rhes. Mae dyddiadau yn y drefn Brydeinig (20/05/2026) yn iawn.',
  'help.academiesCohort3':
    'Lanlwythwch y ffeil: mae pob rhes yn cael ei gwirio ac rydych chi’n gweld rhagolwg. Does dim byd yn cael ei gyhoeddi nes i chi gadarnhau.',
  'help.academiesCohort4':
    'Mae pob dysgwr yn cael dolen hawlio mewn e-bost. Mae’r ffeil ganlyniadau yn rhestru pob tystysgrif a gyhoeddwyd.',
  'help.commissionersName': 'Comisiynwyr',
  'help.commissionersTitle': 'Help i gomisiynwyr',
  'help.commissionersIntro': 'Gwelwch hyfforddiant y gweithlu gofal yn eich ardal, gan weithwyr a gytunodd i’w rannu.',
  'help.commissionersFigures': 'Darllen ffigurau eich ardal',
  'help.commissionersFigures1':
    'Tîm y platfform sy’n gosod yr ardaloedd y mae eich sefydliad yn cynllunio ar eu cyfer.',
  'help.commissionersFigures2':
    'Dim ond gweithwyr a roddodd ganiatâd sy’n cael eu cyfrif yn y ffigurau, ac mae niferoedd bach yn cael eu cuddio fel na all neb gael ei adnabod.',
};

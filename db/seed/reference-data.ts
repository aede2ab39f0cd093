/**
 * The reference catalogue: career ladders, pay points, competencies, role requirements,
 * equivalences, progression routes and demo areas, copied from the shared reference facts
 * (care-reference.json) into the project's own typed data. See db/seed/README.md for the basis.
 *
 * IDs are stable slugs: credentials align to competency ids (alignment targetCode) and pages use
 * role ids in URLs, so an id is never renamed once published. Competency ids are their code in
 * lower case.
 */
import type { AcceptanceRule, ItemDetail } from '../../worker/services/catalogue/rules';
import type {
  areas,
  bands,
  competencies,
  equivalences,
  frameworks,
  payPoints,
  progressionRoutes,
  roleRequirements,
  roles,
} from '../schema';

export type FrameworkRow = typeof frameworks.$inferSelect;
export type BandRow = typeof bands.$inferSelect;
export type PayPointRow = typeof payPoints.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type CompetencyRow = typeof competencies.$inferSelect;
export type RoleRequirementRow = typeof roleRequirements.$inferSelect;
export type EquivalenceRow = typeof equivalences.$inferSelect;
export type ProgressionRouteRow = typeof progressionRoutes.$inferSelect;
export type AreaRow = typeof areas.$inferSelect;

// ---------------------------------------------------------------- sources

const SRC = {
  cwp: "DHSC Care Workforce Pathway for adult social care (first published 2024-01-10, updated 2025-04-09); ASC-WDS role category ids from Skills for Care's ASC-WDS code (2025)",
  wales:
    "Social Care Fair Work Forum draft voluntary pay and progression framework (job bands A-E), as discussed in a 2023 consultation response on 'Rebalancing Care and Support'",
  afc: 'NHS Agenda for Change pay rates, England: 2024/25 (healthcareers.nhs.uk); 2025/26 published table; 2026/27 published 3.3% award (confirmed 12 Feb 2026, effective 1 Apr 2026). Each pay point names the source for its year.',
  dhsc: "DHSC note 'Mapping roles across the health and social care sectors', appendix to the independent report on social care (Feb 2022); the mapping is indicative, not contractual",
  careCertificate:
    'Care Certificate standards (Skills for Care, HEE, Skills for Health 2015); March 2025 revision adds Standard 16',
  cstf: 'Skills for Health Core Skills Training Framework (England v1.1); refresher periods are indicative readings except information governance (annual) and safeguarding adults L1-3 (3 years). The framework publishes no codes; the CSTF-* codes are Care Passport identifiers.',
  oliverMcGowan: 'Health and Care Act 2022 (from 2022-07-01); Oliver McGowan Code of Practice 2025',
  dha: 'Skills for Care guiding principles for delegated healthcare activities (2023, refreshed 2024); local authority policies',
  qualifications:
    'Regulated qualifications and apprenticeship standards for adult social care and healthcare support in England (Ofqual register; Institute for Apprenticeships); Level 2 Adult Social Care Certificate: Ofqual 610/4009/5',
  registration:
    "DHSC note 'Mapping roles across the health and social care sectors' (Feb 2022): registration bodies named per role",
  product: 'Care Passport indicative mapping (not from an official source)',
  afc2526:
    'NHS Agenda for Change pay scales 2025/26, England: https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26',
  afc2627:
    'NHS Agenda for Change 2026/27, England: 3.3% award confirmed by Written Ministerial Statement on 12 Feb 2026, effective 1 Apr 2026 (https://www.commons-sense.co.uk/proposed-bills/1994 ; https://www.england.nhs.uk/long-read/actions-to-deliver-agenda-for-change-uplift-and-a-fairer-deal-for-nurses)',
  walesPay:
    'NHS Wales 2026/27: 3.3%, with the lowest bands lifted to the Real Living Wage (+3.8% to 5.9%), backdated to April 2026: https://www.parliamenttoday.com/members/viewnews.html?id=172195',
  southernHealth:
    'Southern Health NHS Foundation Trust, transferring training (passported by level; accepted from the NHS or an approved CSTF provider): https://intranet.southernhealth.nhs.uk/all-about-me/leadership-education-and-development-lead/help-hub/transferring-training/',
  imperial:
    'Imperial College Healthcare NHS Trust, transferring mandatory and core skills training (accepted only from NHS bodies, e-LfH and the Resuscitation Council; local authorities and other companies not accepted; the trust applies its own allowable period): https://imperial.nhs.uk/education/education-resources/transferring-mandatory-core-skills-training',
  scwRegistration:
    'Social Care Wales registration: domiciliary care workers (legal requirement from April 2020) and adult care home workers (from October 2022); register within 6 months of starting, renew every 3 years: https://socialcare.wales/registration/domiciliary-care-workers-what-you-need-to-know ; http://www.gov.uk/find-licences/adult-care-home-worker-registration-wales',
  scwRoutes:
    'Social Care Wales routes to registration: qualification; employer assessment after AWIF or the Principles and Values Award within 12 months, then the qualification within the first 3-year registration period (up to 6 years); confirmed competence (3 of the last 5 years): https://content.socialcare.wales/qualifications-funding/induction-frameworks/induction-for-health-and-social-care-awif/social-care-worker-flow-chart ; https://socialcare.wales/registration/registering-as-a-domiciliary-care-worker-or-adult-care-home-worker-confirmed-competence-route',
  scwSenior:
    'Social Care Wales qualification framework: domiciliary care senior worker (Core plus L3 Practice, or L2 Practice, or L4: required for practice) and adult care home senior care worker (Core plus L3 or L4: recommended for practice); other UK qualifications accepted are listed: https://socialcare.wales/qualification-framework/job-roles/domiciliary-support-services-adults/domiciliary-care-senior-worker-supervisor-services-for-adults ; https://socialcare.wales/qualification-framework/job-roles/care-home-services-for-adults/adult-care-home-senior-care-worker',
  l2ascc:
    'Level 2 Adult Social Care Certificate, per awarding body: NQual 610/4009/5 (288 GLH, TQT 360) https://www.nqual.co.uk/qualifications/level-2-adult-social-care-certificate ; Gateway Qualifications 610/4234/1 (336 GLH, TQT 369) https://gatewayqualifications.org.uk/qualification/gateway-qualifications-level-2-adult-social-care-certificate ; 15 units, unit 15 learning disability and autism, basic life support within health and safety: https://www.caringalliance.co.uk/level2-care-certificate-course',
  ommt: 'Oliver McGowan training: everyone completes the e-learning, then Tier 1 (1-hour live online) or Tier 2 (1 day face to face, which contains Tier 1): https://extranet.nhsglos.nhs.uk/learning-disability-and-autism-training/become-a-t1-t2-trainer ; Code of Practice: https://www.gov.uk/government/publications/oliver-mcgowan-code-of-practice-easy-read',
  ommtLawful:
    'The duty is for training appropriate to role; Oliver McGowan is the preferred and recommended package, not the only lawful one: https://www.lincslmc.co.uk/oliver-mcgowan-training-is-not-mandatory/',
  nursingAssociate:
    'Becoming a nursing associate: GCSE 9-4 English and maths or Functional Skills Level 2; mostly by apprenticeship, direct entry self-funded (https://nursing-associates.hee.nhs.uk/about-the-role/become-nursing-associate/); 2-year programme, paid at band 3 while training, band 4 once qualified (https://www.rcn.org.uk/Professional-Development/Your-career/HCA/Career-paths-for-HCAs)',
  medicines:
    'NICE guideline SC1 Managing medicines in care homes (2014) https://www.nice.org.uk/guidance/sc1 and NICE guideline NG67 Managing medicines for adults receiving social care in the community (2017) https://www.nice.org.uk/guidance/ng67: staff who give medicines are trained and assessed as competent by their employer, with an annual review (not checked against the text for this release)',
  dhaPrinciples:
    'Skills for Care delegated healthcare activities guiding principles (May 2023, refreshed November 2024; voluntary, adapted locally): https://www.skillsforcare.org.uk/Support-for-leaders-and-managers/Workforce-commissioning-planning/Delegated-healthcare-interventions/Guide-for-social-care-employers-and-managers/Delegated-healthcare-interventions-guide-for-social-care-employers-and-managers.aspx',
  regulators:
    'Professional regulators: NMC (nurses and nursing associates; revalidation every 3 years), Social Work England, HCPC. Legal basis from general knowledge, not checked against a source for this release',
  qualificationLevels:
    'Qualification levels in England, Wales and Northern Ireland: NVQs sit at each level beside other qualifications, and qualifications at the same level can be very different in content: http://www.nidirect.gov.uk/qualifications',
  seniorHealthcareSupportWorker:
    'RCN, senior healthcare support worker (AfC band 3): entry requirements list prior experience as a support worker, a Level 3 qualification (e.g. NVQ 3), Level 2 English and maths, and completion of the Level 3 Diploma in Healthcare Support, which maps to the Senior Healthcare Support Worker apprenticeship standard: https://www.rcn.org.uk/Professional-Development/Your-career/HCA/Senior-Healthcare-Support-Worker',
  assistantPractitioner:
    'Assistant practitioner (AfC band 4): trainees work in the NHS, often as healthcare assistants, and usually hold a healthcare qualification at level 3 (NHS Health Careers: https://www.healthcareers.nhs.uk/explore-roles/wider-healthcare-team/roles-wider-healthcare-team/clinical-support-staff/assistant-practitioner); assistant practitioners have completed or are working towards a Level 5 qualification such as a foundation degree, after at least six months working in health and care (RCN: https://www.rcn.org.uk/Professional-Development/Your-career/HCA/Assistant-Practitioner)',
  englandNoRegister:
    'England has no statutory register for adult social care workers (general knowledge, not checked against a source for this release)',
} as const;

/** Shown with band 2 and band 3 pay: NHS Wales differs and reform is pending. */
const LOW_BAND_NOTE = `Pending: structural reform of the lowest pay bands (2 and 3) is under negotiation for 2026/27, so these England figures may change. NHS Wales pays more at these bands from 2026/27 (Real Living Wage); Welsh figures are not shown. Sources: ${SRC.afc2627}; ${SRC.walesPay}`;

// ---------------------------------------------------------------- frameworks

export const FRAMEWORKS: readonly FrameworkRow[] = [
  {
    id: 'england-cwp',
    name: 'Care Workforce Pathway (adult social care, England)',
    jurisdiction: 'England',
    kind: 'ladder',
    source: SRC.cwp,
    verified: true,
    note: 'The pathway suggests learning and qualifications; it does not mandate them. There is no official mapping from pathway categories to NHS bands.',
    sortOrder: 1,
  },
  {
    id: 'dhsc-role-map',
    name: 'Social care job roles (DHSC health and social care role mapping)',
    jurisdiction: 'England',
    kind: 'ladder',
    source: SRC.dhsc,
    verified: true,
    note: 'Each role points at its indicative Agenda for Change band; the bands are comparisons, not pay entitlements.',
    sortOrder: 2,
  },
  {
    id: 'nhs-afc',
    name: 'NHS Agenda for Change (bands 2-6)',
    jurisdiction: 'England',
    kind: 'ladder',
    source: SRC.afc,
    verified: true,
    note: 'Every pay point carries its year and its own source. England figures: NHS Wales pays more at the lowest bands from 2026/27, and structural reform of bands 2 and 3 is under negotiation, so these figures may change.',
    sortOrder: 3,
  },
  {
    id: 'wales-ppf',
    name: 'Wales social care pay and progression framework (draft, bands A-E)',
    jurisdiction: 'Wales',
    kind: 'ladder',
    source: SRC.wales,
    verified: false,
    note: 'Draft and voluntary; some band titles are inferred and band B has no known title. Indicative only.',
    sortOrder: 4,
  },
  {
    id: 'care-certificate-2015',
    name: 'Care Certificate (2015 standards)',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.careCertificate,
    verified: true,
    note: 'Fifteen standards; still held by most of the workforce.',
    sortOrder: 10,
  },
  {
    id: 'care-certificate-2025',
    name: 'Care Certificate (2025 standards)',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.careCertificate,
    verified: true,
    note: 'March 2025 revision: standards 4 and 9 renamed, standard 16 added.',
    sortOrder: 11,
  },
  {
    id: 'cstf',
    name: 'Core Skills Training Framework (statutory and mandatory training)',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.cstf,
    verified: false,
    note: 'Aim: let staff move between employers without duplicating statutory and mandatory training. Refresher periods are indicative except where an item says otherwise.',
    sortOrder: 12,
  },
  {
    id: 'oliver-mcgowan',
    name: 'Oliver McGowan Mandatory Training on Learning Disability and Autism',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.oliverMcGowan,
    verified: true,
    note: 'Required for staff of CQC-registered providers. No refresher period is given in the source.',
    sortOrder: 13,
  },
  {
    id: 'dha',
    name: 'Delegated healthcare activities',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.dha,
    verified: true,
    note: 'Examples, not a closed list. Person-specific training by a health professional, assessed against defined competencies. The guiding principles are voluntary and adapted locally and set no re-assessment period; annual re-assessment is common local policy.',
    sortOrder: 14,
  },
  {
    id: 'qualifications',
    name: 'Qualifications and apprenticeships (England)',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.qualifications,
    verified: true,
    note: 'Includes legacy NVQ / QCF awards held by long-serving staff.',
    sortOrder: 15,
  },
  {
    id: 'specialisms',
    name: 'Care specialisms',
    jurisdiction: 'England',
    kind: 'competency',
    source: `${SRC.dhsc}: specialisms named for care workers`,
    verified: true,
    note: null,
    sortOrder: 16,
  },
  {
    id: 'professional-registration',
    name: 'Professional registration',
    jurisdiction: 'UK',
    kind: 'competency',
    source: SRC.registration,
    verified: true,
    note: "The regulator's register is the authority; a credential here records that registration was checked.",
    sortOrder: 17,
  },
  {
    id: 'wales-qualifications',
    name: 'Wales induction and registration qualifications',
    jurisdiction: 'Wales',
    kind: 'competency',
    source: `${SRC.wales}; registration qualifications and the All Wales Induction Framework as listed there`,
    verified: false,
    note: 'Indicative only; confirm against Social Care Wales before production use.',
    sortOrder: 18,
  },
  {
    id: 'medicines',
    name: 'Medicines',
    jurisdiction: 'UK',
    kind: 'competency',
    source: SRC.medicines,
    verified: false,
    note: 'Knowledge of safe handling transfers between employers; competence to administer is assessed again by each employer.',
    sortOrder: 19,
  },
  {
    id: 'entry-requirements',
    name: 'Entry requirements (English and maths)',
    jurisdiction: 'England',
    kind: 'competency',
    source: SRC.nursingAssociate,
    verified: true,
    note: 'Entry gates for training programmes, not training items.',
    sortOrder: 20,
  },
];

// ---------------------------------------------------------------- bands

export const BANDS: readonly BandRow[] = [
  {
    id: 'afc-band-2',
    frameworkId: 'nhs-afc',
    code: '2',
    label: 'Band 2',
    rank: 2,
    typicalRoles: 'Healthcare assistant',
    note: LOW_BAND_NOTE,
  },
  {
    id: 'afc-band-3',
    frameworkId: 'nhs-afc',
    code: '3',
    label: 'Band 3',
    rank: 3,
    typicalRoles: 'Senior healthcare support worker; trainee nursing associate',
    note: LOW_BAND_NOTE,
  },
  {
    id: 'afc-band-4',
    frameworkId: 'nhs-afc',
    code: '4',
    label: 'Band 4',
    rank: 4,
    typicalRoles: 'Assistant practitioner; registered nursing associate',
    note: null,
  },
  {
    id: 'afc-band-5',
    frameworkId: 'nhs-afc',
    code: '5',
    label: 'Band 5',
    rank: 5,
    typicalRoles: 'Newly qualified registered nurse',
    note: null,
  },
  {
    id: 'afc-band-6',
    frameworkId: 'nhs-afc',
    code: '6',
    label: 'Band 6',
    rank: 6,
    typicalRoles: 'Specialist nurse; community/district nurse; experienced AHP',
    note: null,
  },
  {
    id: 'wales-band-a',
    frameworkId: 'wales-ppf',
    code: 'A',
    label: 'Band A',
    rank: 1,
    typicalRoles: 'Social care assistant (inferred)',
    note: 'May be new joiners; communication and teamwork listed as values/attributes. Indicative.',
  },
  {
    id: 'wales-band-b',
    frameworkId: 'wales-ppf',
    code: 'B',
    label: 'Band B',
    rank: 2,
    typicalRoles: null,
    note: 'Title not found in sources. Indicative.',
  },
  {
    id: 'wales-band-c',
    frameworkId: 'wales-ppf',
    code: 'C',
    label: 'Band C',
    rank: 3,
    typicalRoles: 'Senior social care worker (inferred)',
    note: 'Provides care and support, sometimes to an advanced level of specialism. Indicative.',
  },
  {
    id: 'wales-band-d',
    frameworkId: 'wales-ppf',
    code: 'D',
    label: 'Band D',
    rank: 4,
    typicalRoles: 'Social care professional practitioner',
    note: 'Possible route into social work. Indicative.',
  },
  {
    id: 'wales-band-e',
    frameworkId: 'wales-ppf',
    code: 'E',
    label: 'Band E',
    rank: 5,
    typicalRoles: 'Social care manager',
    note: 'Manages the service. Indicative.',
  },
];

// ---------------------------------------------------------------- pay points

/** Agenda for Change pay points by year, in GBP, exactly as in the reference facts. */
export const AFC_PAY_TABLE = {
  '2024/25': { 2: [23615], 3: [24071, 25674], 4: [26530, 29114], 5: [29970, 32324, 36483], 6: [37338, 39405, 44962] },
  '2025/26': { 2: [24465], 3: [24937, 26598], 4: [27485, 30162], 5: [31049, 33487, 37796], 6: [38682, 40823, 46580] },
  '2026/27': { 2: [25272], 3: [25760, 27476], 4: [28392, 31157], 5: [32074, 34592, 39043], 6: [39959, 42170, 48117] },
} as const satisfies Record<string, Record<2 | 3 | 4 | 5 | 6, readonly number[]>>;

/** Years of service before each pay point applies, per band. */
export const AFC_STEP_YEARS = { 2: [0], 3: [0, 2], 4: [0, 3], 5: [0, 2, 4], 6: [0, 2, 5] } as const;

/** The published 2026/27 award: 3.3% on 2025/26 (confirmed 12 Feb 2026, effective 1 Apr 2026). */
export const AFC_2026_27_UPLIFT = 0.033;

/** One source per pay year. */
export const PAY_SOURCE: Record<keyof typeof AFC_PAY_TABLE, string> = {
  '2024/25': 'NHS Agenda for Change pay rates 2024/25, England (healthcareers.nhs.uk)',
  '2025/26': `NHS Agenda for Change pay rates 2025/26, England (band 2 and band 3 entry advanced in April for the National Living Wage): ${SRC.afc2526}`,
  '2026/27': `NHS Agenda for Change pay rates 2026/27, England: the published 3.3% award on 2025/26. ${SRC.afc2627}`,
};

export const PAY_POINTS: readonly PayPointRow[] = (
  Object.keys(AFC_PAY_TABLE) as (keyof typeof AFC_PAY_TABLE)[]
).flatMap((year) =>
  ([2, 3, 4, 5, 6] as const).flatMap((band) =>
    AFC_PAY_TABLE[year][band].map((amountGbp, i) => ({
      id: `afc-band-${band}-${year.replace('/', '-')}-${i + 1}`,
      bandId: `afc-band-${band}`,
      year,
      point: i + 1,
      amountGbp,
      stepYears: AFC_STEP_YEARS[band][i] ?? null,
      computed: false,
      source: PAY_SOURCE[year],
    })),
  ),
);

// ---------------------------------------------------------------- roles

const role = (
  r: Omit<RoleRow, 'verified' | 'description' | 'externalId' | 'note' | 'bandId'> & Partial<RoleRow>,
): RoleRow => ({
  bandId: null,
  description: null,
  externalId: null,
  verified: true,
  note: null,
  ...r,
});

export const ROLES: readonly RoleRow[] = [
  // England Care Workforce Pathway. Rank is seniority; it equals the ASC-WDS id except for
  // personal assistants, who sit alongside care or support workers.
  role({
    id: 'cwp-new-to-care',
    frameworkId: 'england-cwp',
    title: 'New to care',
    rank: 1,
    externalId: '1',
    description: "Is in a care-providing role that's a start point for a career in social care",
    note: 'In the pathway since 2024-01 (January 2024 label A).',
  }),
  role({
    id: 'cwp-care-or-support-worker',
    frameworkId: 'england-cwp',
    title: 'Care or support worker',
    rank: 2,
    externalId: '2',
    description: "Is established in their role, they've consolidated their skills and experience",
    note: 'In the pathway since 2024-01 (January 2024 label B).',
  }),
  role({
    id: 'cwp-enhanced-care-worker',
    frameworkId: 'england-cwp',
    title: 'Enhanced care worker',
    rank: 3,
    externalId: '3',
    description: 'Is delegated activities by regulated professionals or provides specialist support',
    note: 'Added to the pathway 2025-04.',
  }),
  role({
    id: 'cwp-personal-assistant',
    frameworkId: 'england-cwp',
    title: 'Personal assistant',
    rank: 2,
    externalId: null,
    description: null,
    note: 'Added to the pathway 2025-04; not in the ASC-WDS role category list. Rank 2 (alongside care or support worker) is a Care Passport placement.',
  }),
  role({
    id: 'cwp-supervisor-or-leader',
    frameworkId: 'england-cwp',
    title: 'Supervisor or leader',
    rank: 4,
    externalId: '4',
    description: 'Might be a team leader with some staff management responsibilities',
    note: 'In the pathway since 2024-01 (January 2024 label C).',
  }),
  role({
    id: 'cwp-practice-leader',
    frameworkId: 'england-cwp',
    title: 'Practice leader',
    rank: 5,
    externalId: '5',
    description: 'Has specialist skills and expertise in their field of care, but does not line manage',
    note: 'In the pathway since 2024-01 (January 2024 label D).',
  }),
  role({
    id: 'cwp-deputy-manager',
    frameworkId: 'england-cwp',
    title: 'Deputy manager',
    rank: 6,
    externalId: '6',
    description: 'Has people management responsibilities and helps to run the service',
    note: 'Added to the pathway 2025-04.',
  }),
  role({
    id: 'cwp-registered-manager',
    frameworkId: 'england-cwp',
    title: 'Registered manager',
    rank: 7,
    externalId: '7',
    description: 'Is focussed on regulatory and legal requirements, and runs the service',
    note: 'Added to the pathway 2025-04.',
  }),

  // DHSC social care job roles, each pointing at its indicative AfC band.
  role({
    id: 'dhsc-care-worker',
    frameworkId: 'dhsc-role-map',
    title: 'Care worker',
    rank: 1,
    bandId: 'afc-band-2',
    description: 'Comparable NHS role: healthcare assistant (AfC band 2, indicative)',
    note: 'Entry: direct entry with on-the-job training; Intermediate (Level 2) apprenticeship; Level 1 Certificate in Health and Social Care; Level 2 Diploma in Care. Administering medication needs additional training.',
  }),
  role({
    id: 'dhsc-senior-care-worker',
    frameworkId: 'dhsc-role-map',
    title: 'Senior care worker',
    rank: 2,
    bandId: 'afc-band-3',
    description:
      'Supervises care workers; trains and mentors new staff; writes, reviews and updates care plans; monitors vital signs; completes medication records',
    note: 'Comparable NHS role: senior healthcare assistant / senior healthcare support worker (AfC band 3, indicative). The report recommends common national competencies for senior care workers and AfC band 3.',
  }),
  role({
    id: 'dhsc-social-care-nursing-associate',
    frameworkId: 'dhsc-role-map',
    title: 'Social care nursing associate',
    rank: 3,
    bandId: 'afc-band-4',
    description: 'NMC-registered nursing associate working in social care',
    note: 'Comparable NHS role: nursing associate, AfC band 3 as a trainee and band 4 qualified (indicative). Entry: NMC-approved foundation degree (Level 5 apprenticeship or direct entry); GCSE A-C or Functional Skills Level 2 English and maths.',
  }),
  role({
    id: 'dhsc-registered-nurse',
    frameworkId: 'dhsc-role-map',
    title: 'Registered nurse (care home / home care)',
    rank: 4,
    bandId: 'afc-band-5',
    description: 'NMC-registered nurse in a care home or home care service',
    note: 'Comparable NHS role: community / district nurse, AfC band 5-6 (indicative).',
  }),
  role({
    id: 'dhsc-social-worker',
    frameworkId: 'dhsc-role-map',
    title: 'Social worker',
    rank: 4,
    bandId: 'afc-band-5',
    description: 'Registered social worker',
    note: 'Comparable NHS role: allied health professional (e.g. occupational therapist), AfC band 5+ (indicative). Registration: Social Work England / HCPC.',
  }),

  // NHS Agenda for Change typical roles; rank is the band number.
  role({
    id: 'nhs-healthcare-assistant',
    frameworkId: 'nhs-afc',
    title: 'Healthcare assistant',
    rank: 2,
    bandId: 'afc-band-2',
  }),
  role({
    id: 'nhs-senior-healthcare-support-worker',
    frameworkId: 'nhs-afc',
    title: 'Senior healthcare support worker',
    rank: 3,
    bandId: 'afc-band-3',
    note: `Entry: the Level 3 Diploma in Healthcare Support or an Advanced (Level 3) apprenticeship (DHSC role mapping, 2022); employers accept equivalents and decide what counts. ${SRC.seniorHealthcareSupportWorker}.`,
  }),
  role({
    id: 'nhs-trainee-nursing-associate',
    frameworkId: 'nhs-afc',
    title: 'Trainee nursing associate',
    rank: 3,
    bandId: 'afc-band-3',
    note: 'Paid at band 3 while training; band 4 once qualified and registered.',
  }),
  role({
    id: 'nhs-assistant-practitioner',
    frameworkId: 'nhs-afc',
    title: 'Assistant practitioner',
    rank: 4,
    bandId: 'afc-band-4',
    note: `No national entry requirement was found for this role: employers set their own. ${SRC.assistantPractitioner}.`,
  }),
  role({
    id: 'nhs-nursing-associate',
    frameworkId: 'nhs-afc',
    title: 'Nursing associate',
    rank: 4,
    bandId: 'afc-band-4',
    description: 'Registered nursing associate (NMC)',
  }),
  role({
    id: 'nhs-registered-nurse',
    frameworkId: 'nhs-afc',
    title: 'Registered nurse',
    rank: 5,
    bandId: 'afc-band-5',
    description: 'Newly qualified registered nurse (NMC)',
  }),
  role({
    id: 'nhs-specialist-nurse',
    frameworkId: 'nhs-afc',
    title: 'Specialist nurse',
    rank: 6,
    bandId: 'afc-band-6',
  }),
  role({
    id: 'nhs-community-nurse',
    frameworkId: 'nhs-afc',
    title: 'Community / district nurse',
    rank: 6,
    bandId: 'afc-band-6',
  }),
  role({
    id: 'nhs-allied-health-professional',
    frameworkId: 'nhs-afc',
    title: 'Allied health professional (experienced)',
    rank: 6,
    bandId: 'afc-band-6',
    description: 'For example an occupational therapist',
    note: 'Newly qualified AHPs usually start at band 5; band 6 is the typical band for experienced AHPs.',
  }),

  // Wales draft framework: every item indicative; band B has no known title.
  role({
    id: 'wales-a',
    frameworkId: 'wales-ppf',
    title: 'Social care assistant (inferred)',
    rank: 1,
    bandId: 'wales-band-a',
    verified: false,
    note: 'Title inferred, not confirmed by the source. May be new joiners.',
  }),
  role({
    id: 'wales-b',
    frameworkId: 'wales-ppf',
    title: null,
    rank: 2,
    bandId: 'wales-band-b',
    verified: false,
    note: 'Title not found in sources.',
  }),
  role({
    id: 'wales-c',
    frameworkId: 'wales-ppf',
    title: 'Senior social care worker (inferred)',
    rank: 3,
    bandId: 'wales-band-c',
    verified: false,
    note: 'Title inferred, not confirmed by the source. Provides care and support, sometimes to an advanced level of specialism.',
  }),
  role({
    id: 'wales-d',
    frameworkId: 'wales-ppf',
    title: 'Social care professional practitioner',
    rank: 4,
    bandId: 'wales-band-d',
    verified: false,
    note: 'Possible route into social work.',
  }),
  role({
    id: 'wales-e',
    frameworkId: 'wales-ppf',
    title: 'Social care manager',
    rank: 5,
    bandId: 'wales-band-e',
    verified: false,
    note: 'Manages the service.',
  }),
];

// ---------------------------------------------------------------- competencies

type Kind = CompetencyRow['kind'];
/** An item's detail as stored (JSON); the shape is ItemDetail in worker/services/catalogue/rules.ts. */
const detail = (d: ItemDetail): string => JSON.stringify(d);
const item = (
  frameworkId: string,
  kind: Kind,
  sortOrder: number,
  code: string,
  name: string,
  extra: Partial<Pick<CompetencyRow, 'level' | 'refreshMonths' | 'verified' | 'note' | 'levelOf' | 'detail'>> = {},
): CompetencyRow => ({
  id: code.toLowerCase(),
  frameworkId,
  kind,
  code,
  name,
  level: null,
  levelOf: null,
  detail: null,
  refreshMonths: null,
  verified: true,
  note: null,
  sortOrder,
  ...extra,
});

const CC_2015_NAMES = [
  'Understand your role',
  'Your personal development',
  'Duty of care',
  'Equality and diversity',
  'Work in a person centred way',
  'Communication',
  'Privacy and dignity',
  'Fluids and nutrition',
  'Awareness of mental health, dementia and learning disability',
  'Safeguarding adults',
  'Safeguarding children',
  'Basic life support',
  'Health and safety',
  'Handling information',
  'Infection prevention and control',
] as const;

/** The March 2025 revision: renamed standards and the new standard 16. */
const CC_2025_CHANGES: Record<number, string> = {
  4: 'Equality, diversity, inclusion and human rights',
  9: 'Awareness of mental health and dementia',
  16: 'Awareness of learning disability and autism',
};

const two = (n: number) => String(n).padStart(2, '0');

const CARE_CERTIFICATE_2015 = CC_2015_NAMES.map((name, i) =>
  item('care-certificate-2015', 'care_certificate', i + 1, `CC15-${two(i + 1)}`, name),
);

const CARE_CERTIFICATE_2025 = Array.from({ length: 16 }, (_, i) => {
  const n = i + 1;
  const old = CC_2015_NAMES[i];
  const renamed = CC_2025_CHANGES[n];
  const name = renamed ?? old ?? '';
  const note = n === 16 ? 'New in the March 2025 revision.' : renamed ? `Renamed in 2025 (2015: '${old}').` : null;
  return item('care-certificate-2025', 'care_certificate', n, `CC25-${two(n)}`, name, { note });
});

/** CSTF items the source confirms (refresher period not indicative). */
export const CSTF_CONFIRMED_CODES = ['CSTF-SGA', 'CSTF-IG', 'CSTF-SGA-L1', 'CSTF-SGA-L2', 'CSTF-SGA-L3'] as const;

const CSTF_SUBJECTS: readonly [
  code: string,
  name: string,
  refreshYears: number,
  level: string | null,
  note?: string,
][] = [
  ['CSTF-EDHR', 'Equality, diversity and human rights', 3, null],
  ['CSTF-HSW', 'Health, safety and welfare', 3, null],
  ['CSTF-CR', 'Conflict resolution', 3, null],
  ['CSTF-FIRE', 'Fire safety', 2, null, '1-2 years; check'],
  ['CSTF-IPC-L1', 'Infection prevention and control level 1', 3, '1'],
  ['CSTF-IPC-L2', 'Infection prevention and control level 2', 1, '2'],
  ['CSTF-MH-L1', 'Moving and handling level 1 (inanimate loads)', 3, '1'],
  ['CSTF-MH-L2', 'Moving and handling level 2 (people / patient handling)', 2, '2'],
  [
    'CSTF-SGA',
    'Safeguarding adults (level not stated)',
    3,
    '1-3',
    'Older item that collapsed levels 1-3; kept so credentials aligned to it still verify. Read as level 1 unless the credential states its level. Refresher period confirmed in the source (3 years).',
  ],
  [
    'CSTF-SGC',
    'Safeguarding children (level not stated)',
    3,
    '1-3',
    'Older item that collapsed levels 1-3; kept so credentials aligned to it still verify. Read as level 1 unless the credential states its level.',
  ],
  ['CSTF-PREVENT', 'Preventing radicalisation', 3, null],
  [
    'CSTF-RESUS-L2',
    'Resuscitation level 2 (basic life support)',
    1,
    '2',
    'Older item; trusts now passport adult and paediatric basic and immediate life support separately. Read as adult basic life support.',
  ],
  [
    'CSTF-IG',
    'Information governance and data security',
    1,
    null,
    'Refresher period confirmed in the source (annual).',
  ],
];

const CSTF = CSTF_SUBJECTS.map(([code, name, years, level, note], i) => {
  const confirmed = (CSTF_CONFIRMED_CODES as readonly string[]).includes(code);
  return item('cstf', 'mandatory_training', i + 1, code, name, {
    level,
    refreshMonths: years * 12,
    verified: confirmed,
    note: note ?? 'Refresher period is an indicative reading of CSTF v1.1.',
  });
});

/**
 * Subjects NHS trusts passport by level (Southern Health lists safeguarding levels 1 & 2 and children level 3,
 * resuscitation BLS and ILS, patient handling and inanimate loads apart). A higher level includes the lower ones.
 */
const CSTF_LEVELS: readonly [code: string, name: string, years: number, level: number, levelOf: string | null][] = [
  ['CSTF-SGA-L1', 'Safeguarding adults level 1', 3, 1, 'cstf-sga'],
  ['CSTF-SGA-L2', 'Safeguarding adults level 2', 3, 2, 'cstf-sga'],
  ['CSTF-SGA-L3', 'Safeguarding adults level 3', 3, 3, 'cstf-sga'],
  ['CSTF-SGC-L1', 'Safeguarding children level 1', 3, 1, 'cstf-sgc'],
  ['CSTF-SGC-L2', 'Safeguarding children level 2', 3, 2, 'cstf-sgc'],
  ['CSTF-SGC-L3', 'Safeguarding children level 3', 3, 3, 'cstf-sgc'],
  ['CSTF-RESUS-BLS-ADULT', 'Resuscitation: adult basic life support', 1, 2, null],
  ['CSTF-RESUS-ILS-ADULT', 'Resuscitation: adult immediate life support', 1, 3, null],
  ['CSTF-RESUS-BLS-PAED', 'Resuscitation: paediatric basic life support', 1, 2, null],
  ['CSTF-RESUS-ILS-PAED', 'Resuscitation: paediatric immediate life support', 1, 3, null],
];

const CSTF_LEVELLED = CSTF_LEVELS.map(([code, name, years, level, levelOf], i) => {
  const confirmed = (CSTF_CONFIRMED_CODES as readonly string[]).includes(code);
  return item('cstf', 'mandatory_training', CSTF_SUBJECTS.length + i + 1, code, name, {
    level: String(level),
    levelOf,
    refreshMonths: years * 12,
    verified: confirmed,
    note: `Passported by level (${SRC.southernHealth}). ${confirmed ? 'Refresher period confirmed in the source (3 years).' : 'Refresher period is an indicative reading of CSTF v1.1.'}`,
  });
});

const OLIVER_MCGOWAN = [
  item('oliver-mcgowan', 'mandatory_training', 1, 'OMMT-ELEARNING', 'Oliver McGowan training: e-learning', {
    note: 'Everyone completes the e-learning, then Tier 1 or Tier 2; refresher period not given in the source.',
    detail: detail({ duration: 'online, at your own pace', source: SRC.ommt, verified: true }),
  }),
  item('oliver-mcgowan', 'mandatory_training', 2, 'OMMT-TIER1', 'Oliver McGowan training: Tier 1', {
    note: '1-hour live online session, after the e-learning. Refresher period not given in the source.',
    detail: detail({ typicalHours: 1, duration: 'a 1-hour live online session', source: SRC.ommt, verified: true }),
  }),
  item('oliver-mcgowan', 'mandatory_training', 3, 'OMMT-TIER2', 'Oliver McGowan training: Tier 2', {
    note: '1-day face to face; contains Tier 1. Refresher period not given in the source.',
    detail: detail({ duration: '1 day face to face', source: SRC.ommt, verified: true }),
  }),
];

const DHA_NOTE =
  'Person-specific, re-assessed annually (annual re-assessment is common local policy; the guiding principles are voluntary and adapted locally).';
const DHA_DETAIL = detail({ personSpecific: true, source: SRC.dhaPrinciples, verified: true });
const DELEGATED_ACTIVITIES = (
  [
    ['DHA-INSULIN', 'Insulin administration'],
    ['DHA-BLOOD-GLUCOSE', 'Blood glucose monitoring'],
    ['DHA-CATHETER', 'Catheter care'],
    ['DHA-WOUND', 'Simple wound care'],
    ['DHA-BOWEL', 'Bowel care'],
    ['DHA-STOMA', 'Stoma care'],
    ['DHA-PEG', 'PEG / gastrostomy feeding'],
    ['DHA-SUPPOSITORIES', 'Suppositories'],
    ['DHA-TRACHEOSTOMY', 'Tracheostomy care'],
  ] as const
).map(([code, name], i) =>
  item('dha', 'delegated_task', i + 1, code, name, { refreshMonths: 12, note: DHA_NOTE, detail: DHA_DETAIL }),
);

const MEDICINES = [
  item('medicines', 'mandatory_training', 1, 'MED-SAFE-HANDLING', 'Safe handling of medicines', {
    refreshMonths: 12,
    verified: false,
    note: 'Knowledge training; transfers between employers. Annual review is an indicative reading of NICE SC1 / NG67.',
  }),
  item('medicines', 'medicines', 2, 'MED-ADMIN', 'Medicines administration (assessed competence)', {
    refreshMonths: 12,
    verified: false,
    note: 'Competence assessed by the employer where the medicines are given; never carried to a new employer without local sign-off.',
    detail: detail({ personSpecific: true, source: SRC.medicines, verified: false }),
  }),
];

/** English and maths at Level 2: entry gates for the nursing associate programme. */
const entryGate = (sortOrder: number, code: string, subject: string) =>
  item('entry-requirements', 'entry', sortOrder, code, `${subject}: GCSE grade 9-4 or Functional Skills Level 2`, {
    level: '2',
    detail: detail({
      routes: ['GCSE (grade 9-4)', 'Functional Skills Level 2'],
      funding: 'Functional Skills English and maths are usually free for adults without a Level 2 (indicative)',
      source: SRC.nursingAssociate,
      verified: true,
    }),
  });

const ENTRY = [entryGate(1, 'ENTRY-ENGLISH-L2', 'English'), entryGate(2, 'ENTRY-MATHS-L2', 'Maths')];

/** Route facts for qualifications where a source gives them. */
const QUALIFICATION_DETAIL: Record<string, string> = {
  'NMC-NA-FD': detail({
    duration: '2 years (Level 5 foundation degree); paid at band 3 while training',
    routes: ['apprenticeship (most trainees, employer-sponsored)', 'direct entry (self-funded)'],
    funding: 'apprenticeship: the employer (apprenticeship levy); direct entry: the student',
    source: SRC.nursingAssociate,
    verified: true,
  }),
  'RQF-L2-ASCC': detail({
    duration: '288 to 336 guided learning hours, depending on the awarding body',
    funding:
      'the Learning and Development Support Scheme (England) can fund it; the employer needs an up-to-date ASC-WDS account (https://centreforcare.ac.uk/commentary/2025/09/investing-in-digital-care-skills-whose-skills-and-why)',
    source: SRC.l2ascc,
    verified: true,
  }),
};

const QUALIFICATIONS = (
  [
    ['RQF-L2-DIP-CARE', 'Level 2 Diploma in Care (RQF)', '2', null],
    [
      'RQF-L2-ASCC',
      'Level 2 Adult Social Care Certificate',
      '2',
      'Offered by several awarding bodies, each with its own Ofqual number and hours: NQual 610/4009/5 (288 guided learning hours, TQT 360); Gateway Qualifications 610/4234/1 (336 guided learning hours, TQT 369). Available from 2024-06-03. Does not replace employer-specific induction or mandatory training.',
    ],
    ['RQF-L3-DIP-ADULT-CARE', 'Level 3 Diploma in Adult Care (RQF)', '3', null],
    ['RQF-L3-DIP-HEALTHCARE-SUPPORT', 'Level 3 Diploma in Healthcare Support', '3', null],
    ['RQF-L4-DIP-ADULT-CARE', 'Level 4 Diploma in Adult Care (RQF)', '4', null],
    ['RQF-L5-DIP-LM-ADULT-CARE', 'Level 5 Diploma in Leadership and Management for Adult Care (RQF)', '5', null],
    ['APP-ST0005', 'Adult Care Worker apprenticeship (ST0005)', '2', null],
    ['APP-ST0006', 'Lead Adult Care Worker apprenticeship (ST0006)', '3', null],
    ['APP-ST0007', 'Lead Practitioner in Adult Care apprenticeship (ST0007)', '4', null],
    ['APP-ST0008', 'Leader in Adult Care apprenticeship (ST0008)', '5', null],
    ['APP-ST0217', 'Senior Healthcare Support Worker apprenticeship (ST0217)', '3', null],
    ['NMC-NA-FD', 'Nursing Associate foundation degree (NMC-approved)', '5', null],
    [
      'LEGACY-NVQ-QCF-HSC',
      'Legacy: NVQ / QCF Diploma in Health and Social Care',
      '2-4',
      'Held by long-serving staff; the level (2, 3 or 4) is recorded on the credential itself, and it counts at that level; one that states no level meets only a Level 2 Diploma in Care requirement.',
    ],
  ] as const
).map(([code, name, level, note], i) =>
  item('qualifications', 'qualification', i + 1, code, name, {
    level,
    note,
    detail: QUALIFICATION_DETAIL[code] ?? null,
  }),
);

/** A legacy award read at the level its credential states, as the safeguarding levels are read. */
const LEGACY_LEVELS = [2, 3, 4].map((level, i) =>
  item(
    'qualifications',
    'qualification',
    QUALIFICATIONS.length + i + 1,
    `LEGACY-NVQ-QCF-HSC-L${level}`,
    `Legacy: NVQ / QCF Level ${level} in Health and Social Care`,
    {
      level: String(level),
      levelOf: 'legacy-nvq-qcf-hsc',
      note: 'A legacy award at the level its credential states; no longer awarded.',
    },
  ),
);

const SPECIALISMS = (
  [
    ['SPEC-AUTISM', 'Autism'],
    ['SPEC-LEARNING-DISABILITY', 'Learning disability'],
    ['SPEC-DEMENTIA', 'Dementia'],
  ] as const
).map(([code, name], i) => item('specialisms', 'specialism', i + 1, code, name));

/** A professional register's rule as stored detail: before starting, renewal, legal basis (general knowledge). */
const regulator = (regulatorName: string, legalBasis: string, renewMonths: number | null, nations: string[]) =>
  detail({
    registration: {
      regulator: regulatorName,
      legalBasis,
      withinMonthsOfStart: null,
      renewMonths,
      nations,
      routes: ['an approved programme leading to registration'],
    },
    source: SRC.regulators,
    verified: false,
  });

const REGISTRATION = [
  item('professional-registration', 'registration', 1, 'REG-NMC-NURSE', 'NMC registration: registered nurse', {
    note: 'Check the NMC register; revalidation is handled by the NMC.',
    detail: regulator('NMC', 'registration with the NMC is needed to practise as a nurse (UK)', 36, ['UK']),
  }),
  item(
    'professional-registration',
    'registration',
    2,
    'REG-NMC-NURSING-ASSOCIATE',
    'NMC registration: nursing associate',
    {
      note: 'Check the NMC register.',
      detail: regulator('NMC', 'registration with the NMC is needed to practise as a nursing associate (England)', 36, [
        'England',
      ]),
    },
  ),
  item(
    'professional-registration',
    'registration',
    3,
    'REG-SWE-SOCIAL-WORKER',
    'Social Work England registration: social worker',
    {
      note: 'Check the Social Work England register.',
      detail: regulator(
        'Social Work England',
        'registration is needed to practise as a social worker in England',
        null,
        ['England'],
      ),
    },
  ),
  item('professional-registration', 'registration', 4, 'REG-HCPC', 'HCPC registration (allied health professions)', {
    note: 'Check the HCPC register.',
    detail: regulator('HCPC', 'registration is needed to use a protected allied health profession title (UK)', null, [
      'UK',
    ]),
  }),
  item(
    'professional-registration',
    'registration',
    5,
    'REG-SCW-SOCIAL-CARE-WORKER',
    'Social Care Wales registration: domiciliary care or adult care home worker',
    {
      note: 'Legal requirement in Wales; check the Social Care Wales register. England has no register for care workers.',
      detail: detail({
        registration: {
          regulator: 'Social Care Wales',
          legalBasis:
            'a legal requirement for domiciliary care workers (from April 2020) and adult care home workers (from October 2022), with an annual fee',
          withinMonthsOfStart: 6,
          renewMonths: 36,
          nations: ['Wales'],
          routes: [
            'by qualification (Level 2 Core plus Level 2 or 3 Practice)',
            'employer assessment after AWIF or the Principles and Values Award within 12 months, then the qualification within the first 3-year registration period (up to 6 years)',
            'confirmed competence: 3 of the last 5 years in the role, no qualification needed',
          ],
        },
        source: `${SRC.scwRegistration}; ${SRC.scwRoutes}`,
        verified: true,
      }),
    },
  ),
];

const WALES_QUALIFICATIONS = [
  item(
    'wales-qualifications',
    'care_certificate',
    1,
    'AWIF',
    'All Wales Induction Framework for Health and Social Care',
    {
      verified: false,
      note: "Wales's induction, completed within 6-12 months; AWIF evidence is transferable between organisations so training need not be repeated.",
    },
  ),
  item('wales-qualifications', 'qualification', 2, 'WAL-HSC-L2-CORE', 'Level 2 Health and Social Care: Core', {
    level: '2',
    verified: false,
  }),
  item(
    'wales-qualifications',
    'qualification',
    3,
    'WAL-HSC-L2-PRACTICE-ADULTS',
    'Level 2 Health and Social Care: Practice (Adults)',
    {
      level: '2',
      verified: false,
    },
  ),
  item(
    'wales-qualifications',
    'qualification',
    4,
    'WAL-HSC-L3-PRACTICE-ADULTS',
    'Level 3 Health and Social Care: Practice (Adults)',
    {
      level: '3',
      verified: false,
    },
  ),
  item(
    'wales-qualifications',
    'qualification',
    5,
    'WAL-HSC-L4-PROFESSIONAL-PRACTICE',
    'Level 4 Professional Practice in Health and Social Care',
    {
      level: '4',
      verified: false,
    },
  ),
];

export const COMPETENCIES: readonly CompetencyRow[] = [
  ...CARE_CERTIFICATE_2015,
  ...CARE_CERTIFICATE_2025,
  ...CSTF,
  ...CSTF_LEVELLED,
  ...OLIVER_MCGOWAN,
  ...DELEGATED_ACTIVITIES,
  ...MEDICINES,
  ...ENTRY,
  ...QUALIFICATIONS,
  ...LEGACY_LEVELS,
  ...SPECIALISMS,
  ...REGISTRATION,
  ...WALES_QUALIFICATIONS,
];

// ---------------------------------------------------------------- role requirements

const competencyById = new Map(COMPETENCIES.map((c) => [c.id, c]));

/** One requirement before it is bound to a role: competency, strength, why, optional max age. */
type Need = {
  competencyId: string;
  requirement: RoleRequirementRow['requirement'];
  basis: string;
  /** undefined = the competency's refresher period */
  maxAgeMonths?: number | null;
  acceptance?: AcceptanceRule;
};

const need = (
  competencyId: string,
  requirement: Need['requirement'],
  basis: string,
  acceptance?: AcceptanceRule,
): Need => ({
  competencyId,
  requirement,
  basis,
  ...(acceptance ? { acceptance } : {}),
});

/**
 * The common NHS trust rule for prior mandatory training (Imperial, Southern Health): accepted only from the NHS or
 * a CSTF-aligned provider, within the trust's allowable period (here the refresher period). Indicative: each
 * trust publishes its own policy.
 */
export const NHS_TRUST_RULE: AcceptanceRule = {
  providers: ['nhs_body', 'cstf_aligned'],
  basis:
    'Common NHS trust rule: prior statutory and mandatory training is accepted only from the NHS or a CSTF-aligned provider, within the allowable period',
  source: `${SRC.imperial}; ${SRC.southernHealth}`,
  indicative: true,
};

/** Welsh registration qualifications: needed within the registration timeline, not before starting. */
const WALES_QUALIFICATION_TIMELINE: AcceptanceRule = {
  dueWithinMonths: 36,
  dueNote:
    'within the first 3-year registration period (up to 6 years) on the employer-assessment route; not needed on the confirmed competence route (3 of the last 5 years)',
  basis: 'Social Care Wales registration routes allow the qualification to follow registration',
  source: SRC.scwRoutes,
  indicative: false,
};

const AWIF_TIMELINE: AcceptanceRule = {
  dueWithinMonths: 12,
  dueNote: 'recommended within 6 months; within 12 months for the employer-assessment registration route',
  basis: 'All Wales Induction Framework timing (Social Care Wales)',
  source: SRC.scwRoutes,
  indicative: false,
};

const BASIS = {
  careCertificate: 'Care Certificate: expected of everyone new to care within 12 weeks (Skills for Care)',
  careCertificateNhs:
    'Care Certificate: expected of healthcare support workers new to care within 12 weeks (Skills for Care, HEE, Skills for Health)',
  careCertificatePa:
    'Care Certificate: recommended for personal assistants; they are employed directly by the person they support, so no training is legally mandated',
  careCertificateManager:
    'Care Certificate: the induction standard for staff giving direct care; recommended so managers can induct and assess their team',
  oliverMcGowan:
    'Oliver McGowan: required by the Health and Care Act 2022 for CQC-registered providers (Tier 1 at least)',
  oliverMcGowanTier2:
    'Oliver McGowan Tier 2: for staff who may support autistic people or people with a learning disability; recommended for this role (Code of Practice 2025)',
  oliverMcGowanPa:
    'Oliver McGowan: the legal duty applies to CQC-registered providers, not to individuals employing a personal assistant; recommended',
  oliverMcGowanSocialWork:
    'Oliver McGowan: the legal duty applies to CQC-registered providers; recommended for social workers employed elsewhere',
  dha: (what: string) =>
    `Delegated healthcare activity: ${what}; person-specific training by a health professional (Skills for Care guiding principles, voluntary and adapted locally); re-assessed annually under common local policy, not a period the principles set`,
  cwpQualification: (qual: string) =>
    `${qual}: suggested by the Care Workforce Pathway for this category in Care Passport's reading (suggested, not mandated)`,
  dhscEntry: (qual: string) =>
    `${qual}: an entry route named for this role in the DHSC role mapping (2022); recommended, not mandated`,
  band3Level3:
    'Level 3 Diploma in Healthcare Support or an equivalent Level 3: the DHSC role mapping (2022) names this diploma or an Advanced (Level 3) apprenticeship as the NHS entry for band 3, and the RCN lists a Level 3 qualification among the entry requirements for senior healthcare support workers. The employer judges equivalents; other Level 3 qualifications meet it here only through the indicative mappings shown',
  assistantPractitionerLevel3:
    'Level 3 Diploma in Healthcare Support: no national published entry requirement was found for assistant practitioners; employers set their own. Trainee assistant practitioners usually hold a healthcare qualification at level 3 (NHS Health Careers); assistant practitioners have completed, or are working towards, a Level 5 qualification such as a foundation degree (RCN). Recommended, indicative',
  registration: (body: string) => `${body}: required to practise in this role (professional regulator)`,
  medicinesAdmin:
    'Medicines administration: staff who give medicines are trained and assessed as competent by the employer where they give them (NICE SC1 / NG67, indicative); the competence needs local sign-off',
  ommtElearning:
    'Oliver McGowan e-learning: everyone completes it before Tier 1 or Tier 2 (required for CQC-registered providers by the Health and Care Act 2022)',
  entry: (what: string) =>
    `${what}: entry requirement for the nursing associate programme (Health Education England); the ability to study at Level 5 is also needed`,
} as const;

const CSTF_REFRESH_TEXT: Record<string, string> = {
  'cstf-sga-l1': 'refresher every 3 years per CSTF v1.1 (confirmed)',
  'cstf-sga-l2': 'refresher every 3 years per CSTF v1.1 (confirmed)',
  'cstf-sga-l3': 'refresher every 3 years per CSTF v1.1 (confirmed)',
  'cstf-ig': 'annual refresher per CSTF v1.1 (confirmed)',
};

/** Mandatory training subjects by setting; the CSTF is the common standard for all of them. */
export const CSTF_SETS = {
  /** Hands-on care in social care: level 2 infection control and moving and handling. */
  socialCareDirect: [
    'cstf-edhr',
    'cstf-hsw',
    'cstf-fire',
    'cstf-ipc-l2',
    'cstf-mh-l2',
    'cstf-sga-l2',
    'cstf-sgc-l1',
    'cstf-resus-bls-adult',
    'cstf-ig',
  ],
  /** Managers who do not routinely give hands-on care: level 1 where CSTF has levels. */
  socialCareManager: [
    'cstf-edhr',
    'cstf-hsw',
    'cstf-fire',
    'cstf-ipc-l1',
    'cstf-mh-l1',
    'cstf-sga-l2',
    'cstf-sgc-l1',
    'cstf-resus-bls-adult',
    'cstf-ig',
  ],
  /** NHS clinical staff: the full core set at the clinical levels. */
  nhsClinical: [
    'cstf-edhr',
    'cstf-hsw',
    'cstf-cr',
    'cstf-fire',
    'cstf-ipc-l2',
    'cstf-mh-l2',
    'cstf-sga-l2',
    'cstf-sgc-l2',
    'cstf-prevent',
    'cstf-resus-bls-adult',
    'cstf-ig',
  ],
  /** Social work: no hands-on care, so level 1; conflict resolution and Prevent added. */
  socialWork: [
    'cstf-edhr',
    'cstf-hsw',
    'cstf-cr',
    'cstf-fire',
    'cstf-ipc-l1',
    'cstf-mh-l1',
    'cstf-sga-l2',
    'cstf-sgc-l2',
    'cstf-prevent',
    'cstf-ig',
  ],
} as const;

type Setting = 'social care' | 'NHS' | 'social work' | 'Wales' | 'personal assistant';

function mandatoryTraining(set: keyof typeof CSTF_SETS, setting: Setting): Need[] {
  return CSTF_SETS[set].map((id) => {
    const refresh = CSTF_REFRESH_TEXT[id] ?? 'refresher per CSTF v1.1 (indicative)';
    const level = competencyById.get(id)?.levelOf ? ` ${levelText(id, setting)}` : '';
    const basis =
      setting === 'Wales'
        ? `CSTF subject (England) used as an indicative proxy for Welsh statutory/mandatory training; ${refresh}`
        : setting === 'personal assistant'
          ? `CSTF subject: statutory/mandatory training elsewhere in care, recommended for personal assistants; ${refresh}`
          : `CSTF subject: statutory/mandatory training in ${setting}, ${refresh}`;
    const rule = setting === 'NHS' ? NHS_TRUST_RULE : undefined;
    return need(id, setting === 'personal assistant' ? 'recommended' : 'required', `${basis}${level}`, rule);
  });
}

/** Why a role asks for this safeguarding level (indicative). */
function levelText(id: string, setting: Setting): string {
  const c = competencyById.get(id);
  return `(level ${c?.level}: trusts passport safeguarding by level; the level for ${setting} roles is Care Passport's reading, indicative)`;
}

/**
 * Care Certificate 2025 standards required in their own right. Standards 4, 10-15 are met through
 * the matching CSTF subject (which also sets a refresher) and 16 through Oliver McGowan training,
 * via the 'satisfies' equivalences, so listing them again would double-count.
 */
const CC_OWN_STANDARDS = ['cc25-01', 'cc25-02', 'cc25-03', 'cc25-05', 'cc25-06', 'cc25-07', 'cc25-08', 'cc25-09'];

function careCertificate(requirement: Need['requirement'], basis: string): Need[] {
  return CC_OWN_STANDARDS.map((id) => need(id, requirement, basis));
}

/** Social care baseline for direct-care roles in England. */
const socialCareBase = (): Need[] => [
  ...careCertificate('required', BASIS.careCertificate),
  ...mandatoryTraining('socialCareDirect', 'social care'),
  need('ommt-elearning', 'required', BASIS.ommtElearning),
  need('ommt-tier1', 'required', BASIS.oliverMcGowan),
];

/** NHS baseline for support-worker roles (not professionally registered). */
const nhsSupportBase = (): Need[] => [
  ...careCertificate('required', BASIS.careCertificateNhs),
  ...mandatoryTraining('nhsClinical', 'NHS'),
  need('ommt-elearning', 'required', BASIS.ommtElearning),
  need('ommt-tier1', 'required', BASIS.oliverMcGowan),
];

/** NHS baseline for registered professionals (the Care Certificate is not aimed at them). */
const nhsRegisteredBase = (): Need[] => [
  ...mandatoryTraining('nhsClinical', 'NHS'),
  need('ommt-elearning', 'required', BASIS.ommtElearning),
  need('ommt-tier1', 'required', BASIS.oliverMcGowan),
];

const WALES_BASIS = {
  awif: 'All Wales Induction Framework: recommended within 6 months of starting, within 12 months for the registration route; transferable between organisations (indicative)',
  careWorkerQual:
    'Social Care Wales registration qualification for adult care home and domiciliary care workers: Level 2 Core plus Level 2 or Level 3 Practice (Adults), within the registration timeline (indicative)',
  seniorRegistrationQual:
    'Social Care Wales registration qualification for domiciliary care and adult care home workers (Care Passport reads senior workers in these services as registered as such): Level 2 Core plus Level 2 or Level 3 Practice (Adults), within the registration timeline. In domiciliary care it is also what a senior needs for practice (Core plus Level 2 or Level 3 Practice, or Level 4) (indicative)',
  seniorPracticeQual:
    'Level 3 Practice (Adults) for senior workers, by setting (Social Care Wales qualification framework): in domiciliary care, Core plus Level 3 Practice, or Level 2 Practice, or Level 4 is required for practice, so Level 3 is one option; in adult care homes, Core plus Level 3, or Level 4, is recommended for practice. The role has no setting here, so it is recommended (indicative)',
  registration:
    'Social Care Wales registration: a legal requirement for domiciliary care and adult care home workers, within 6 months of starting, renewed every 3 years (the role title on this draft ladder is indicative)',
} as const;

const walesCareWorker = (): Need[] => [
  need('reg-scw-social-care-worker', 'required', WALES_BASIS.registration),
  need('awif', 'required', WALES_BASIS.awif, AWIF_TIMELINE),
  need('wal-hsc-l2-core', 'required', WALES_BASIS.careWorkerQual, WALES_QUALIFICATION_TIMELINE),
  need('wal-hsc-l2-practice-adults', 'required', WALES_BASIS.careWorkerQual, WALES_QUALIFICATION_TIMELINE),
  ...mandatoryTraining('socialCareDirect', 'Wales'),
];

/**
 * Senior workers: what both settings share is required (the registration qualification, which Level 3 Practice or
 * Level 4 also meet); Level 3 Practice is required for practice only as one of three options in domiciliary care
 * and recommended in adult care homes, so it is recommended here, with each setting's rule in its basis.
 */
const walesSenior = (): Need[] => [
  need('reg-scw-social-care-worker', 'required', WALES_BASIS.registration),
  need('awif', 'required', WALES_BASIS.awif, AWIF_TIMELINE),
  need('wal-hsc-l2-core', 'required', WALES_BASIS.seniorRegistrationQual, WALES_QUALIFICATION_TIMELINE),
  need('wal-hsc-l2-practice-adults', 'required', WALES_BASIS.seniorRegistrationQual, WALES_QUALIFICATION_TIMELINE),
  need('wal-hsc-l3-practice-adults', 'recommended', WALES_BASIS.seniorPracticeQual),
  ...mandatoryTraining('socialCareDirect', 'Wales'),
];

/** What each catalogue role expects. Edit here; see db/seed/README.md. */
const REQUIREMENTS_BY_ROLE: Record<string, Need[]> = {
  // ---- England Care Workforce Pathway
  'cwp-new-to-care': [
    ...socialCareBase(),
    need('rqf-l2-ascc', 'recommended', BASIS.cwpQualification('Level 2 Adult Social Care Certificate')),
  ],
  'cwp-care-or-support-worker': [
    ...socialCareBase(),
    need('rqf-l2-dip-care', 'recommended', BASIS.cwpQualification('Level 2 Diploma in Care')),
  ],
  'cwp-enhanced-care-worker': [
    ...socialCareBase(),
    need('rqf-l3-dip-adult-care', 'recommended', BASIS.cwpQualification('Level 3 Diploma in Adult Care')),
    need('dha-insulin', 'recommended', BASIS.dha('typical of enhanced care workers who take on delegated activities')),
    need(
      'dha-blood-glucose',
      'recommended',
      BASIS.dha('typical of enhanced care workers who take on delegated activities'),
    ),
  ],
  'cwp-personal-assistant': [
    ...careCertificate('recommended', BASIS.careCertificatePa),
    ...mandatoryTraining('socialCareDirect', 'personal assistant'),
    need('ommt-elearning', 'recommended', BASIS.oliverMcGowanPa),
    need('ommt-tier1', 'recommended', BASIS.oliverMcGowanPa),
    need('rqf-l2-ascc', 'recommended', BASIS.cwpQualification('Level 2 Adult Social Care Certificate')),
  ],
  'cwp-supervisor-or-leader': [
    ...socialCareBase(),
    need('rqf-l3-dip-adult-care', 'recommended', BASIS.cwpQualification('Level 3 Diploma in Adult Care')),
  ],
  'cwp-practice-leader': [
    ...socialCareBase(),
    need('ommt-tier2', 'recommended', BASIS.oliverMcGowanTier2),
    need('rqf-l4-dip-adult-care', 'recommended', BASIS.cwpQualification('Level 4 Diploma in Adult Care')),
  ],
  'cwp-deputy-manager': [
    ...socialCareBase(),
    need('rqf-l4-dip-adult-care', 'recommended', BASIS.cwpQualification('Level 4 Diploma in Adult Care')),
  ],
  'cwp-registered-manager': [
    ...careCertificate('recommended', BASIS.careCertificateManager),
    ...mandatoryTraining('socialCareManager', 'social care'),
    need('ommt-elearning', 'required', BASIS.ommtElearning),
    need('ommt-tier1', 'required', BASIS.oliverMcGowan),
    need(
      'rqf-l5-dip-lm-adult-care',
      'recommended',
      BASIS.cwpQualification('Level 5 Diploma in Leadership and Management for Adult Care'),
    ),
  ],

  // ---- DHSC social care job roles
  'dhsc-care-worker': [
    ...socialCareBase(),
    need('rqf-l2-dip-care', 'recommended', BASIS.dhscEntry('Level 2 Diploma in Care')),
  ],
  'dhsc-senior-care-worker': [
    ...socialCareBase(),
    need(
      'rqf-l3-dip-adult-care',
      'recommended',
      BASIS.dhscEntry('Level 3 Diploma in Adult Care (the current Level 3 Diploma in Health and Social Care)'),
    ),
    need(
      'dha-insulin',
      'recommended',
      BASIS.dha('optional; senior care workers complete medication records and may take on insulin administration'),
    ),
    need('med-admin', 'recommended', BASIS.medicinesAdmin),
  ],
  'dhsc-social-care-nursing-associate': [
    ...mandatoryTraining('socialCareDirect', 'social care'),
    need('ommt-elearning', 'required', BASIS.ommtElearning),
    need('ommt-tier1', 'required', BASIS.oliverMcGowan),
    need(
      'nmc-na-fd',
      'required',
      'Nursing Associate foundation degree: NMC-approved programme required for registration (DHSC role mapping 2022)',
    ),
    need('reg-nmc-nursing-associate', 'required', BASIS.registration('NMC registration as a nursing associate')),
  ],
  'dhsc-registered-nurse': [
    ...mandatoryTraining('socialCareDirect', 'social care'),
    need('ommt-elearning', 'required', BASIS.ommtElearning),
    need('ommt-tier1', 'required', BASIS.oliverMcGowan),
    need('ommt-tier2', 'recommended', BASIS.oliverMcGowanTier2),
    need('reg-nmc-nurse', 'required', BASIS.registration('NMC registration as a nurse')),
  ],
  'dhsc-social-worker': [
    ...mandatoryTraining('socialWork', 'social work'),
    need('ommt-elearning', 'recommended', BASIS.oliverMcGowanSocialWork),
    need('ommt-tier1', 'recommended', BASIS.oliverMcGowanSocialWork),
    need('reg-swe-social-worker', 'required', BASIS.registration('Social Work England registration')),
  ],

  // ---- NHS Agenda for Change roles
  'nhs-healthcare-assistant': [
    ...nhsSupportBase(),
    need('rqf-l2-dip-care', 'recommended', BASIS.dhscEntry('Level 2 Diploma in Care (health and social care)')),
  ],
  'nhs-senior-healthcare-support-worker': [
    ...nhsSupportBase(),
    need('rqf-l3-dip-healthcare-support', 'required', BASIS.band3Level3),
    need('med-admin', 'recommended', BASIS.medicinesAdmin),
  ],
  'nhs-trainee-nursing-associate': [
    ...nhsSupportBase(),
    need(
      'nmc-na-fd',
      'recommended',
      'Nursing Associate foundation degree: the programme a trainee is working towards (NMC-approved)',
    ),
    need('entry-english-l2', 'required', BASIS.entry('English at GCSE 9-4 or Functional Skills Level 2')),
    need('entry-maths-l2', 'required', BASIS.entry('Maths at GCSE 9-4 or Functional Skills Level 2')),
  ],
  'nhs-assistant-practitioner': [
    ...nhsSupportBase(),
    need('rqf-l3-dip-healthcare-support', 'recommended', BASIS.assistantPractitionerLevel3),
  ],
  'nhs-nursing-associate': [
    ...nhsRegisteredBase(),
    need(
      'nmc-na-fd',
      'required',
      'Nursing Associate foundation degree: NMC-approved programme required for registration (DHSC role mapping 2022)',
    ),
    need('reg-nmc-nursing-associate', 'required', BASIS.registration('NMC registration as a nursing associate')),
  ],
  'nhs-registered-nurse': [
    ...nhsRegisteredBase(),
    need('reg-nmc-nurse', 'required', BASIS.registration('NMC registration as a nurse')),
  ],
  'nhs-specialist-nurse': [
    ...nhsRegisteredBase(),
    need('ommt-tier2', 'recommended', BASIS.oliverMcGowanTier2),
    need('reg-nmc-nurse', 'required', BASIS.registration('NMC registration as a nurse')),
  ],
  'nhs-community-nurse': [
    ...nhsRegisteredBase(),
    need('ommt-tier2', 'recommended', BASIS.oliverMcGowanTier2),
    need('reg-nmc-nurse', 'required', BASIS.registration('NMC registration as a nurse')),
  ],
  'nhs-allied-health-professional': [
    ...nhsRegisteredBase(),
    need('reg-hcpc', 'required', BASIS.registration('HCPC registration')),
  ],

  // ---- Wales draft framework (all indicative)
  'wales-a': walesCareWorker(),
  'wales-b': [
    ...walesCareWorker(),
    need(
      'wal-hsc-l3-practice-adults',
      'recommended',
      'Level 3 Practice (Adults): the next step towards a senior worker role (one of the qualifications required for practice in domiciliary care; recommended in adult care homes) (indicative)',
    ),
  ],
  'wales-c': walesSenior(),
  'wales-d': [
    ...walesSenior(),
    need(
      'wal-hsc-l4-professional-practice',
      'recommended',
      'Level 4 Professional Practice: fits a professional practitioner role and a route towards social work (indicative)',
    ),
  ],
  'wales-e': [
    need(
      'awif',
      'recommended',
      'All Wales Induction Framework: expected of new workers; recommended so managers can induct their team (indicative)',
    ),
    ...mandatoryTraining('socialCareManager', 'Wales'),
    need(
      'wal-hsc-l4-professional-practice',
      'recommended',
      "Level 4 Professional Practice: one of the senior worker qualifications in the Social Care Wales framework; the manager's own registration qualification is not in the source (indicative)",
    ),
  ],
};

export const ROLE_REQUIREMENTS: readonly RoleRequirementRow[] = Object.entries(REQUIREMENTS_BY_ROLE).flatMap(
  ([roleId, needs]) =>
    needs.map((n) => ({
      id: `${roleId}--${n.competencyId}`,
      roleId,
      competencyId: n.competencyId,
      requirement: n.requirement,
      maxAgeMonths:
        n.maxAgeMonths === undefined ? (competencyById.get(n.competencyId)?.refreshMonths ?? null) : n.maxAgeMonths,
      basis: n.basis,
      acceptance: n.acceptance ? JSON.stringify(n.acceptance) : null,
    })),
);

// ---------------------------------------------------------------- equivalences

const eq = (
  kind: EquivalenceRow['kind'],
  fromId: string,
  toId: string,
  relation: EquivalenceRow['relation'],
  label: string,
  source: string,
  strength: EquivalenceRow['strength'] = 'indicative',
): EquivalenceRow => ({
  id: `${kind === 'role' ? 'eqr' : 'eqc'}-${fromId}--${toId}`,
  kind,
  fromId,
  toId,
  relation,
  label,
  source,
  indicative: true,
  strength,
});

const PRODUCT_LABEL = 'Care Passport mapping, indicative';

const ROLE_EQUIVALENCES: EquivalenceRow[] = [
  // DHSC role mapping (official, indicative)
  eq(
    'role',
    'dhsc-care-worker',
    'nhs-healthcare-assistant',
    'equivalent',
    'Care worker ~ healthcare assistant (AfC band 2), indicative',
    SRC.dhsc,
    'official',
  ),
  eq(
    'role',
    'dhsc-senior-care-worker',
    'nhs-senior-healthcare-support-worker',
    'equivalent',
    'Senior care worker ~ senior healthcare assistant / senior healthcare support worker (AfC band 3), indicative',
    SRC.dhsc,
    'official',
  ),
  eq(
    'role',
    'dhsc-social-care-nursing-associate',
    'nhs-nursing-associate',
    'equivalent',
    'Social care nursing associate ~ nursing associate (AfC band 3 trainee / band 4 qualified), indicative',
    SRC.dhsc,
    'official',
  ),
  eq(
    'role',
    'dhsc-registered-nurse',
    'nhs-community-nurse',
    'equivalent',
    'Registered nurse (care home / home care) ~ community / district nurse (AfC band 5-6), indicative',
    SRC.dhsc,
    'official',
  ),
  eq(
    'role',
    'dhsc-social-worker',
    'nhs-allied-health-professional',
    'equivalent',
    'Social worker ~ allied health professional such as an occupational therapist (AfC band 5+), indicative',
    SRC.dhsc,
    'official',
  ),
  // Care Passport's own bridges between ladders
  eq(
    'role',
    'dhsc-care-worker',
    'cwp-care-or-support-worker',
    'equivalent',
    `Care worker ~ Care Workforce Pathway 'Care or support worker' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'role',
    'dhsc-senior-care-worker',
    'cwp-supervisor-or-leader',
    'equivalent',
    `Senior care worker ~ Care Workforce Pathway 'Supervisor or leader' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq('role', 'wales-a', 'dhsc-care-worker', 'equivalent', `Wales band A ~ care worker (${PRODUCT_LABEL})`, SRC.product),
  eq(
    'role',
    'wales-c',
    'dhsc-senior-care-worker',
    'equivalent',
    `Wales band C ~ senior care worker (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'role',
    'wales-d',
    'cwp-practice-leader',
    'equivalent',
    `Wales band D ~ Care Workforce Pathway 'Practice leader' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'role',
    'wales-e',
    'cwp-registered-manager',
    'equivalent',
    `Wales band E ~ Care Workforce Pathway 'Registered manager' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
];

/** Levels of one subject: a higher level includes the lower (and an older collapsed item its modern reading). */
const LEVEL_INCLUDES: readonly [from: string, to: string, label: string][] = [
  ['cstf-sga-l3', 'cstf-sga-l2', 'Safeguarding adults level 3 includes level 2'],
  ['cstf-sga-l2', 'cstf-sga-l1', 'Safeguarding adults level 2 includes level 1'],
  ['cstf-sgc-l3', 'cstf-sgc-l2', 'Safeguarding children level 3 includes level 2'],
  ['cstf-sgc-l2', 'cstf-sgc-l1', 'Safeguarding children level 2 includes level 1'],
  ['cstf-resus-ils-adult', 'cstf-resus-bls-adult', 'Adult immediate life support includes adult basic life support'],
  [
    'cstf-resus-ils-paed',
    'cstf-resus-bls-paed',
    'Paediatric immediate life support includes paediatric basic life support',
  ],
  [
    'cstf-resus-l2',
    'cstf-resus-bls-adult',
    'The older "resuscitation level 2" item is read as adult basic life support',
  ],
];

/** English and Welsh qualifications at the same level, for people moving between the nations. */
const WALES_ENGLAND_PAIRS: readonly [english: string, welsh: string][] = [
  ['rqf-l2-dip-care', 'wal-hsc-l2-practice-adults'],
  ['rqf-l3-dip-adult-care', 'wal-hsc-l3-practice-adults'],
];

/** CSTF subjects that cover a Care Certificate standard (same number in 2015 and 2025). */
const CSTF_MEETS_CC: readonly [cstf: string, standard: number][] = [
  ['cstf-edhr', 4],
  ['cstf-sga-l1', 10],
  ['cstf-sgc-l1', 11],
  ['cstf-resus-bls-adult', 12],
  ['cstf-hsw', 13],
  ['cstf-ig', 14],
  ['cstf-ipc-l1', 15],
  ['cstf-ipc-l2', 15],
];

const ccName = (id: string) => competencyById.get(id)?.name ?? id;
const codeOf = (id: string) => competencyById.get(id)?.code ?? id;

const COMPETENCY_EQUIVALENCES: EquivalenceRow[] = [
  // Care Certificate 2015 <-> 2025, same-numbered standards
  ...CC_2015_NAMES.map((_, i) =>
    eq(
      'competency',
      `cc15-${two(i + 1)}`,
      `cc25-${two(i + 1)}`,
      'equivalent',
      `Care Certificate standard ${i + 1}: 2015 and 2025 versions are equivalent`,
      SRC.careCertificate,
    ),
  ),
  // CSTF subjects meet Care Certificate standards
  ...CSTF_MEETS_CC.flatMap(([cstf, n]) =>
    ['cc15', 'cc25'].map((prefix) => {
      const to = `${prefix}-${two(n)}`;
      return eq(
        'competency',
        cstf,
        to,
        'satisfies',
        `${codeOf(cstf)} meets Care Certificate standard ${n} '${ccName(to)}' (${PRODUCT_LABEL})`,
        SRC.product,
      );
    }),
  ),
  // Level 2 Adult Social Care Certificate covers all 16 Care Certificate 2025 standards (and the 15 of 2015):
  // its unit 15 is learning disability and autism; basic life support sits within its health and safety unit.
  ...Array.from({ length: 16 }, (_, i) => i + 1).flatMap((n) =>
    (n === 16 ? ['cc25'] : ['cc15', 'cc25']).map((prefix) => {
      const to = `${prefix}-${two(n)}`;
      const where =
        n === 16
          ? ' (its unit 15)'
          : n === 12 || n === 13
            ? ' (within its health, safety and basic life support unit)'
            : '';
      return eq(
        'competency',
        'rqf-l2-ascc',
        to,
        'satisfies',
        `Level 2 Adult Social Care Certificate covers Care Certificate standard ${n} '${ccName(to)}'${where}, as the awarding bodies publish its units`,
        SRC.l2ascc,
        'published',
      );
    }),
  ),
  // Oliver McGowan: Tier 2 contains Tier 1; other role-appropriate training may be lawful but must be compared
  eq(
    'competency',
    'ommt-tier2',
    'ommt-tier1',
    'includes',
    'Oliver McGowan Tier 2 contains the Tier 1 material: staff needing Tier 2 do not need Tier 1',
    SRC.ommt,
    'published',
  ),
  ...['spec-learning-disability', 'spec-autism'].map((from) =>
    eq(
      'competency',
      from,
      'ommt-tier1',
      'comparable',
      'Other role-appropriate learning disability and autism training can meet the legal duty (Oliver McGowan is the preferred and recommended package, not the only lawful one): confirm it is appropriate to the role',
      SRC.ommtLawful,
    ),
  ),
  eq(
    'competency',
    'ommt-tier1',
    'cc25-16',
    'satisfies',
    `Oliver McGowan Tier 1 meets Care Certificate standard 16 'Awareness of learning disability and autism' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'ommt-tier2',
    'cc25-16',
    'satisfies',
    `Oliver McGowan Tier 2 meets Care Certificate standard 16 'Awareness of learning disability and autism' (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  // Higher CSTF level includes the lower one (never the reverse)
  eq(
    'competency',
    'cstf-ipc-l2',
    'cstf-ipc-l1',
    'includes',
    `Infection prevention and control level 2 includes level 1 (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'cstf-mh-l2',
    'cstf-mh-l1',
    'includes',
    `Moving and handling level 2 (people handling) includes level 1 (inanimate loads) (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  ...LEVEL_INCLUDES.map(([from, to, label]) =>
    eq(
      'competency',
      from,
      to,
      'includes',
      `${label} (${PRODUCT_LABEL})`,
      `${SRC.product}; levels as passported by ${SRC.southernHealth}`,
    ),
  ),
  // Recognition across nations and sectors
  ...CC_OWN_STANDARDS.map((to) =>
    eq(
      'competency',
      'awif',
      to,
      'comparable',
      `No published equivalence between the All Wales Induction Framework and Care Certificate standard ${Number(to.slice(-2))} '${ccName(to)}': compare the content`,
      `${SRC.scwRoutes}; ${SRC.careCertificate}`,
    ),
  ),
  ...WALES_ENGLAND_PAIRS.map(([english, welsh]) =>
    eq(
      'competency',
      english,
      welsh,
      'comparable',
      `${ccName(english)} and ${ccName(welsh)}: Social Care Wales lists the other UK qualifications it accepts for people moving to Wales, and England publishes no equivalence for Welsh qualifications: compare the content (${PRODUCT_LABEL})`,
      `${SRC.product}: the two are paired by level only; ${SRC.scwSenior}`,
    ),
  ),
  eq(
    'competency',
    'rqf-l3-dip-adult-care',
    'rqf-l3-dip-healthcare-support',
    'satisfies',
    `NHS band 3 posts usually ask for a Level 3 qualification in health or care "or equivalent": the Level 3 Diploma in Adult Care is commonly accepted; the employer decides (${PRODUCT_LABEL})`,
    `${SRC.product}; band 3 entry: ${SRC.dhsc}; ${SRC.seniorHealthcareSupportWorker}`,
  ),
  eq(
    'competency',
    'app-st0217',
    'rqf-l3-dip-healthcare-support',
    'satisfies',
    'The Senior Healthcare Support Worker apprenticeship (ST0217) meets a Level 3 Diploma in Healthcare Support requirement: the DHSC role mapping names an Advanced (Level 3) apprenticeship beside the diploma as the band 3 entry, and the RCN says the diploma maps to this apprenticeship standard',
    `${SRC.dhsc}; ${SRC.seniorHealthcareSupportWorker}`,
    'published',
  ),
  // Apprenticeships include their diploma; higher diplomas and legacy awards
  eq(
    'competency',
    'app-st0005',
    'rqf-l2-dip-care',
    'satisfies',
    `Adult Care Worker apprenticeship includes the Level 2 Diploma in Care (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'app-st0006',
    'rqf-l3-dip-adult-care',
    'satisfies',
    `Lead Adult Care Worker apprenticeship includes the Level 3 Diploma in Adult Care (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'app-st0007',
    'rqf-l4-dip-adult-care',
    'satisfies',
    `Lead Practitioner in Adult Care apprenticeship includes the Level 4 Diploma in Adult Care (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'app-st0008',
    'rqf-l5-dip-lm-adult-care',
    'satisfies',
    `Leader in Adult Care apprenticeship includes the Level 5 Diploma in Leadership and Management (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'rqf-l3-dip-adult-care',
    'rqf-l2-dip-care',
    'satisfies',
    `Level 3 Diploma in Adult Care meets a Level 2 Diploma in Care requirement (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'rqf-l4-dip-adult-care',
    'rqf-l3-dip-adult-care',
    'satisfies',
    `Level 4 Diploma in Adult Care meets a Level 3 Diploma in Adult Care requirement (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  eq(
    'competency',
    'legacy-nvq-qcf-hsc',
    'rqf-l2-dip-care',
    'satisfies',
    `A legacy NVQ / QCF Diploma in Health and Social Care (any level) meets a Level 2 Diploma in Care requirement (${PRODUCT_LABEL})`,
    SRC.product,
  ),
  // Legacy awards at the level they state: the same level as today's diploma, not the same content.
  ...(
    [
      ['legacy-nvq-qcf-hsc-l2', 'rqf-l2-dip-care', 2, 'Level 2 Diploma in Care'],
      ['legacy-nvq-qcf-hsc-l3', 'rqf-l3-dip-adult-care', 3, 'Level 3 Diploma in Adult Care'],
    ] as const
  ).map(([from, to, level, diploma]) =>
    eq(
      'competency',
      from,
      to,
      'satisfies',
      `A legacy NVQ / QCF Level ${level} in Health and Social Care meets a ${diploma} requirement: the same level, though not the same content; the employer decides (${PRODUCT_LABEL})`,
      `${SRC.product}; ${SRC.qualificationLevels}`,
    ),
  ),
  ...(
    [
      ['legacy-nvq-qcf-hsc-l4', 'legacy-nvq-qcf-hsc-l3'],
      ['legacy-nvq-qcf-hsc-l3', 'legacy-nvq-qcf-hsc-l2'],
    ] as const
  ).map(([from, to]) =>
    eq(
      'competency',
      from,
      to,
      'includes',
      `A legacy NVQ / QCF award at level ${from.slice(-1)} meets a requirement for level ${to.slice(-1)} (${PRODUCT_LABEL})`,
      SRC.product,
    ),
  ),
  // Wales registration qualifications: the source's 'or' alternatives
  eq(
    'competency',
    'wal-hsc-l3-practice-adults',
    'wal-hsc-l2-practice-adults',
    'satisfies',
    'Level 3 Practice (Adults) may be held instead of Level 2 Practice for care worker registration (indicative)',
    SRC.wales,
  ),
  eq(
    'competency',
    'wal-hsc-l4-professional-practice',
    'wal-hsc-l3-practice-adults',
    'satisfies',
    'Level 4 Professional Practice may be held instead of Level 2 Core plus Level 3 Practice for senior registration (indicative)',
    SRC.wales,
  ),
  eq(
    'competency',
    'wal-hsc-l4-professional-practice',
    'wal-hsc-l2-core',
    'satisfies',
    'Level 4 Professional Practice may be held instead of Level 2 Core plus Level 3 Practice for senior registration (indicative)',
    SRC.wales,
  ),
];

export const EQUIVALENCES: readonly EquivalenceRow[] = [...ROLE_EQUIVALENCES, ...COMPETENCY_EQUIVALENCES];

// ---------------------------------------------------------------- progression routes

const route = (fromRoleId: string, toRoleId: string, label: string): ProgressionRouteRow => ({
  id: `route-${fromRoleId}--${toRoleId}`,
  fromRoleId,
  toRoleId,
  label,
  source: SRC.dhsc,
});

export const PROGRESSION_ROUTES: readonly ProgressionRouteRow[] = [
  route('dhsc-care-worker', 'dhsc-senior-care-worker', 'Care worker -> Senior care worker (AfC band 3 equivalent)'),
  route('dhsc-senior-care-worker', 'cwp-registered-manager', 'Senior care worker -> Registered manager'),
  route('dhsc-senior-care-worker', 'nhs-nursing-associate', 'Senior care worker -> Nursing associate (AfC band 4)'),
  route('nhs-nursing-associate', 'nhs-registered-nurse', 'Nursing associate -> Registered nurse (band 5)'),
];

// ---------------------------------------------------------------- areas

/** A few local authorities for demos and tests; codes are ONS local authority district codes. */
export const AREAS: readonly AreaRow[] = [
  { code: 'E08000035', name: 'Leeds', region: 'Yorkshire and The Humber' },
  { code: 'E08000036', name: 'Wakefield', region: 'Yorkshire and The Humber' },
  { code: 'E06000014', name: 'York', region: 'Yorkshire and The Humber' },
  { code: 'E09000033', name: 'Westminster', region: 'London' },
  { code: 'E08000025', name: 'Birmingham', region: 'West Midlands' },
  { code: 'W06000015', name: 'Cardiff', region: 'Wales' },
];

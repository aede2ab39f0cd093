/**
 * A small demo: one academy (approved, with achievements), one employer, one commissioner, a platform admin
 * and two care workers holding a few credentials (one refresher already lapsed), so every page has something
 * to show, with a Leeds workforce and a first release for the commissioner (demo-workforce.ts). Idempotent:
 * a second run only reports the sign-ins. Dates are relative to the seed time.
 */
import { eq } from 'drizzle-orm';
import type { AchievementInput } from '../../schemas/achievement';
import type { AppDeps } from '../../worker/context';
import { createAchievement } from '../../worker/services/academy/achievements';
import { createUser } from '../../worker/services/accounts/accounts';
import { addMonths } from '../../worker/lib/dates';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { ensurePlatformOrg } from '../../worker/services/organisations/issuers';
import { addMember } from '../../worker/services/organisations/memberships';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { frameworks, organisations, users } from '../schema';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-accounts';
import { seedDemoWorkforce } from './demo-workforce';

const ACADEMY = 'Yorkshire Health and Care Academy';

export interface DemoResult {
  password: string;
  logins: { email: string; what: string }[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const ACHIEVEMENTS: (AchievementInput & { key: string })[] = [
  {
    key: 'cc',
    name: 'Care Certificate (2025 standards)',
    description: 'All 16 standards of the Care Certificate, assessed in practice.',
    criteria: 'Completed the 16 standards and was observed in the workplace by a qualified assessor.',
    achievementType: 'Certificate',
    assessmentMethod: 'observed-practice',
    alignedIds: Array.from({ length: 16 }, (_, i) => `cc25-${String(i + 1).padStart(2, '0')}`),
  },
  {
    key: 'mh',
    name: 'Moving and handling of people (level 2)',
    description: 'Safe moving and handling of people, including hoists and slide sheets.',
    criteria: 'Attended the practical session and passed an observed assessment.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'classroom',
    alignedIds: ['cstf-mh-l2'],
  },
  {
    key: 'ipc',
    name: 'Infection prevention and control (level 2)',
    description: 'Standard precautions, hand hygiene, PPE and outbreak management.',
    criteria: 'Completed the e-learning and the knowledge check (pass mark 80%).',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'e-learning',
    alignedIds: ['cstf-ipc-l2'],
  },
  {
    key: 'fire',
    name: 'Fire safety',
    description: 'Fire prevention, raising the alarm and evacuation in care settings.',
    criteria: 'Completed the session including an evacuation walk-through.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'classroom',
    alignedIds: ['cstf-fire'],
  },
  {
    key: 'sga',
    name: 'Safeguarding adults (level 2)',
    description: 'Recognising and reporting abuse and neglect of adults at risk.',
    criteria: 'Completed the course and the scenario-based assessment.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'blended',
    // Aligned to the older "levels 1-3" item; the stated level makes role fit count it at level 2.
    level: '2',
    alignedIds: ['cstf-sga'],
  },
  {
    key: 'omt',
    name: 'Oliver McGowan Mandatory Training, Tier 1',
    description: 'Learning disability and autism awareness, co-delivered by experts by experience.',
    criteria: 'Completed the e-learning and the live online session.',
    achievementType: 'CertificateOfCompletion',
    assessmentMethod: 'e-learning',
    alignedIds: ['ommt-tier1'],
  },
  {
    key: 'insulin',
    name: 'Insulin administration (delegated healthcare activity)',
    description: 'Person-specific training to give insulin by pen, delegated by a registered nurse.',
    criteria: 'Trained by the district nursing team and assessed competent against the delegation protocol.',
    achievementType: 'Competency',
    assessmentMethod: 'observed-practice',
    alignedIds: ['dha-insulin'],
  },
  {
    key: 'l2',
    name: 'Level 2 Diploma in Care (RQF)',
    description: 'Regulated Level 2 qualification for adult care workers.',
    criteria: 'Achieved all mandatory units of the Level 2 Diploma in Care.',
    achievementType: 'Diploma',
    assessmentMethod: 'assessment',
    alignedIds: ['rqf-l2-dip-care'],
  },
];

/** Seeds the demo once; returns the sign-ins to print. */
export async function seedDemo(
  deps: Pick<AppDeps, 'db' | 'bodies' | 'config' | 'caches' | 'clock' | 'mailer' | 'signing'>,
): Promise<DemoResult> {
  const { db } = deps;
  const now = deps.clock();
  const existing = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, ACADEMY))
    .limit(1);
  if (existing.length) return { password: DEMO_PASSWORD, logins: [...DEMO_LOGINS] };

  await ensurePlatformOrg(db, now);
  const people = new Map<string, string>();
  const names: Record<string, string> = {
    'admin@carepassport.demo': 'Priya Admin',
    'trainer@yhca.demo': 'Tom Trainer',
    'manager@sunrise.demo': 'Grace Manager',
    'analyst@leeds.demo': 'Sam Analyst',
    'amira@worker.demo': 'Amira Khan',
    'david@worker.demo': 'David Price',
  };
  for (const l of DEMO_LOGINS) {
    const u = await createUser(deps, {
      email: l.email,
      password: DEMO_PASSWORD,
      displayName: names[l.email] ?? l.email,
      verified: true,
      isPlatformAdmin: l.email.startsWith('admin@'),
    });
    people.set(l.email, u.id);
  }
  const id = (email: string) => people.get(email) as string;
  const scopes = (await db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.kind, 'competency'))).map(
    (f) => f.id,
  );
  const academy = await createOrganisation(db, {
    name: ACADEMY,
    kind: 'academy',
    ownerUserId: id('trainer@yhca.demo'),
    now,
  });
  await approveOrganisation(db, {
    orgId: academy.id,
    frameworkIds: scopes,
    adminUserId: id('admin@carepassport.demo'),
    now,
  });
  const employer = await createOrganisation(db, {
    name: 'Sunrise Care Homes',
    kind: 'employer',
    ownerUserId: id('manager@sunrise.demo'),
    now,
  });
  await approveOrganisation(db, {
    orgId: employer.id,
    frameworkIds: [],
    adminUserId: id('admin@carepassport.demo'),
    now,
  });
  const council = await createOrganisation(db, {
    name: 'Leeds City Council',
    kind: 'commissioner',
    ownerUserId: id('analyst@leeds.demo'),
    now,
  });
  await approveOrganisation(db, {
    orgId: council.id,
    frameworkIds: [],
    adminUserId: id('admin@carepassport.demo'),
    now,
  });
  // The academy's mandatory training follows the CSTF, so NHS roles' trust rule accepts it.
  await db.update(organisations).set({ cstfAligned: true }).where(eq(organisations.id, academy.id));
  await db.update(organisations).set({ areaCode: 'E08000035' }).where(eq(organisations.id, council.id));
  await db.update(organisations).set({ areaCode: 'E08000035' }).where(eq(organisations.id, employer.id));
  // The platform admin also belongs to the platform organisation.
  await addMember(db, { orgId: 'org-platform', userId: id('admin@carepassport.demo'), role: 'owner', now });

  const made = new Map<string, string>();
  for (const a of ACHIEVEMENTS) {
    const { key, ...input } = a;
    const row = await createAchievement(db, { ...input, orgId: academy.id, createdBy: id('trainer@yhca.demo'), now });
    made.set(key, row.id);
  }
  const ago = (months: number) => isoDay(addMonths(now, -months));
  const plan: [email: string, name: string, key: string, completed: string][] = [
    ['amira@worker.demo', 'Amira Khan', 'cc', ago(20)],
    ['amira@worker.demo', 'Amira Khan', 'mh', ago(10)],
    ['amira@worker.demo', 'Amira Khan', 'ipc', ago(14)], // 12-month refresher: lapsed two months ago
    ['amira@worker.demo', 'Amira Khan', 'fire', ago(5)],
    ['amira@worker.demo', 'Amira Khan', 'sga', ago(9)],
    ['amira@worker.demo', 'Amira Khan', 'omt', ago(7)],
    ['amira@worker.demo', 'Amira Khan', 'l2', ago(16)],
    ['david@worker.demo', 'David Price', 'cc', ago(30)],
    ['david@worker.demo', 'David Price', 'mh', ago(22)], // due within 90 days
    ['david@worker.demo', 'David Price', 'insulin', ago(3)],
    ['david@worker.demo', 'David Price', 'fire', ago(4)],
  ];
  const ctx = { ...issueContext(deps, id('trainer@yhca.demo')), now };
  for (const [email, name, key, completed] of plan) {
    const loaded = await loadAchievement(db, academy.id, made.get(key) as string);
    // Delegated tasks carry who delegated and when the competence is reviewed: role fit shows it as prior evidence.
    const evidence =
      key === 'insulin'
        ? { assessorName: 'District nursing team', notes: `Delegated by a district nurse; review due ${ago(-9)}` }
        : undefined;
    await issueCredentials(ctx, loaded, [{ email, name, completedOn: completed, ...(evidence ? { evidence } : {}) }]);
  }
  for (const email of ['amira@worker.demo', 'david@worker.demo']) {
    await db
      .update(users)
      .set({
        areaCode: 'E08000035',
        currentRoleId: 'dhsc-care-worker',
        targetRoleId: 'dhsc-senior-care-worker',
        workforceConsent: true,
        workforceConsentAt: now.toISOString(),
      })
      .where(eq(users.id, id(email)));
  }
  await seedDemoWorkforce(deps, { academyId: academy.id, achievements: made, trainerId: id('trainer@yhca.demo') });
  return { password: DEMO_PASSWORD, logins: [...DEMO_LOGINS] };
}

/**
 * The demo's workforce: 64 consenting Leeds care workers whose training was issued by the demo academy (so
 * they are verified and counted), 8 who only declared an area, a role and consent (never counted), and a
 * first workforce release cut at seed time, so the commissioner (analyst@leeds.demo) has figures to see.
 * The workers never sign in: their password field holds no usable hash.
 */
import type { AppDeps } from '../../worker/context';
import { newId } from '../../worker/lib/ids';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { addMonths } from '../../worker/lib/dates';
import { cutRelease } from '../../worker/services/workforce/releases';
import { users } from '../schema';

const LEEDS = 'E08000035';
const ROLES = [
  ...Array<string>(30).fill('cwp-care-or-support-worker'),
  ...Array<string>(16).fill('cwp-supervisor-or-leader'),
  ...Array<string>(12).fill('dhsc-senior-care-worker'),
  ...Array<string>(6).fill('nhs-registered-nurse'),
];
/** Credentials by achievement key: who holds one (by index) and how many months ago it was completed. */
const TRAINING: [key: string, holds: (i: number) => boolean, monthsAgo: (i: number) => number][] = [
  ['fire', () => true, (i) => (i % 5 === 0 ? 14 : i % 3)],
  ['mh', (i) => i % 4 !== 3, (i) => (i % 6 === 0 ? 40 : 6 + (i % 12))],
  ['cc', (i) => i % 2 === 0, (i) => 18 + (i % 10)],
  ['l2', (i) => i % 3 !== 2, (i) => 20 + (i % 6)],
  ['insulin', (i) => i >= 46, (i) => (i % 2 ? 2 : 13)],
];

const pad = (i: number) => String(i + 1).padStart(2, '0');

/** Seeds the demo workforce and cuts the first release. */
export async function seedDemoWorkforce(
  deps: Pick<AppDeps, 'db' | 'bodies' | 'config' | 'caches' | 'clock' | 'signing'>,
  input: { academyId: string; achievements: ReadonlyMap<string, string>; trainerId: string },
): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const rows = [
    ...ROLES.map((roleId, i) => ({ i, roleId, email: `worker${pad(i)}@leeds-workers.demo` })),
    ...Array.from({ length: 8 }, (_, i) => ({
      i: -1,
      roleId: 'cwp-registered-manager',
      email: `unverified${pad(i)}@leeds-workers.demo`,
    })),
  ].map((p) => ({
    ...p,
    id: newId(),
    name: `Leeds Demo Worker ${p.email.slice(0, p.email.indexOf('@'))}`,
  }));
  for (let i = 0; i < rows.length; i += 8) {
    await db.insert(users).values(
      rows.slice(i, i + 8).map((p) => ({
        id: p.id,
        email: p.email,
        displayName: p.name,
        passwordHash: 'demo-no-sign-in',
        emailVerifiedAt: now.toISOString(),
        areaCode: LEEDS,
        currentRoleId: p.roleId,
        workforceConsent: true,
        workforceConsentAt: now.toISOString(),
        createdAt: now.toISOString(),
      })),
    );
  }
  const ctx = { ...issueContext(deps, input.trainerId), now };
  const verified = rows.filter((p) => p.i >= 0);
  for (const [key, holds, monthsAgo] of TRAINING) {
    const loaded = await loadAchievement(db, input.academyId, input.achievements.get(key) as string);
    const holders = verified.filter((p) => holds(p.i));
    for (let i = 0; i < holders.length; i += 50) {
      await issueCredentials(
        ctx,
        loaded,
        holders.slice(i, i + 50).map((p) => ({
          email: p.email,
          name: p.name,
          completedOn: addMonths(now, -monthsAgo(p.i)).toISOString().slice(0, 10),
        })),
      );
    }
  }
  await cutRelease(db, { now, cutBy: null });
}

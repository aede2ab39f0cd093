/** Where a signed-in person works, and so where signing in takes them: their organisation, or their own passport. */
import type { OrgMembership } from '../../context';

export interface WorkPlace {
  href: string;
  /** What the place is, in the person's words: "Sunrise Care Homes (employer)". */
  label: string;
  kind: 'passport' | 'admin' | OrgMembership['kind'];
}

const KIND_WORDS: Record<OrgMembership['kind'], string> = {
  academy: 'training provider',
  employer: 'employer',
  commissioner: 'commissioner',
  platform: 'platform',
};

const ORG_HOME: Record<Exclude<OrgMembership['kind'], 'platform'>, string> = {
  academy: '/academy/',
  employer: '/employer/',
  commissioner: '/commissioner/',
};

/** Every place a person works: each organisation's home, the admin area for platform admins, and the passport last. */
export function workPlaces(isPlatformAdmin: boolean, memberships: readonly OrgMembership[]): WorkPlace[] {
  const places: WorkPlace[] = [];
  if (isPlatformAdmin) places.push({ href: '/admin', label: 'Platform administration', kind: 'admin' });
  for (const m of memberships) {
    if (m.kind === 'platform') continue;
    places.push({
      href: `${ORG_HOME[m.kind]}${encodeURIComponent(m.slug)}`,
      label: `${m.name} (${KIND_WORDS[m.kind]}${m.status === 'approved' ? '' : ', awaiting approval'})`,
      kind: m.kind,
    });
  }
  places.push({ href: '/passport', label: 'My skills passport', kind: 'passport' });
  return places;
}

/** Where sign-in lands: the one place someone works, the chooser when there are several, the passport for workers. */
export function landingFor(isPlatformAdmin: boolean, memberships: readonly OrgMembership[]): string {
  const work = workPlaces(isPlatformAdmin, memberships).filter((p) => p.kind !== 'passport');
  if (work.length === 0) return '/passport';
  if (work.length === 1) return work[0]!.href;
  return '/start';
}

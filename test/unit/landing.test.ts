/** After sign-in people land where they work. */
import { describe, expect, it } from 'vitest';
import type { OrgMembership } from '../../worker/context';
import { landingFor, workPlaces } from '../../worker/services/accounts/landing';

const member = (
  kind: OrgMembership['kind'],
  slug: string,
  status: OrgMembership['status'] = 'approved',
): OrgMembership => ({
  orgId: `id-${slug}`,
  slug,
  name: `Org ${slug}`,
  kind,
  status,
  role: 'staff',
});

describe('landing after sign-in', () => {
  it('takes a care worker to the passport', () => {
    expect(landingFor(false, [])).toBe('/passport');
  });

  it("takes someone with one organisation to that organisation's home", () => {
    expect(landingFor(false, [member('academy', 'yhca')])).toBe('/academy/yhca');
    expect(landingFor(false, [member('employer', 'sunrise')])).toBe('/employer/sunrise');
    expect(landingFor(false, [member('commissioner', 'leeds')])).toBe('/commissioner/leeds');
    expect(landingFor(true, [])).toBe('/admin');
    expect(landingFor(true, [member('platform', 'care-passport')])).toBe('/admin');
  });

  it('offers a chooser to someone who works in several places, the passport always among them', () => {
    const ms = [member('academy', 'yhca'), member('employer', 'new-org', 'pending')];
    expect(landingFor(false, ms)).toBe('/start');
    expect(workPlaces(false, ms)).toEqual([
      { href: '/academy/yhca', label: 'Org yhca (training provider)', kind: 'academy' },
      { href: '/employer/new-org', label: 'Org new-org (employer, awaiting approval)', kind: 'employer' },
      { href: '/passport', label: 'My skills passport', kind: 'passport' },
    ]);
  });
});

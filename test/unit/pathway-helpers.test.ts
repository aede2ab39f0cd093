/** Pathway helpers: ladder rows, which ladders to draw, suggested routes, step-ups, and the ladder picture's text. */
import { describe, expect, it } from 'vitest';
import { EQUIVALENCES, FRAMEWORKS, PROGRESSION_ROUTES, ROLES, BANDS } from '../../db/seed/reference-data';
import { LadderSvg, ladderDescription } from '../../web/components/ladder-svg';
import type { Ladder } from '../../worker/services/catalogue/catalogue';
import {
  isStepUp,
  ladderRows,
  laddersToShow,
  roleOptions,
  suggestedSteps,
} from '../../worker/services/passport/pathway';

/** The catalogue's ladders as listLadders returns them, built from the seed data (fresh copies). */
function ladders(): Ladder[] {
  const bandById = new Map(BANDS.map((b) => [b.id, { ...b }]));
  return FRAMEWORKS.filter((f) => f.kind === 'ladder').map((framework) => ({
    framework: { ...framework },
    roles: ROLES.filter((r) => r.frameworkId === framework.id)
      .map((r) => ({ ...r, band: r.bandId ? (bandById.get(r.bandId) ?? null) : null }))
      .sort((a, b) => a.rank - b.rank),
  }));
}
const titles = new Map(ROLES.map((r) => [r.id, r.title ?? 'Title unknown']));
const roleEqs = EQUIVALENCES.filter((e) => e.kind === 'role');
const routes = () => PROGRESSION_ROUTES.map((r) => ({ ...r }));
const dhsc = () => ladders().find((l) => l.framework.id === 'dhsc-role-map') as Ladder;

describe('ladderRows', () => {
  it('lists roles most senior first and marks where I am and my target', () => {
    const rows = ladderRows(dhsc(), 'dhsc-care-worker', 'dhsc-senior-care-worker');
    expect(rows[rows.length - 1]).toMatchObject({
      id: 'dhsc-care-worker',
      isCurrent: true,
      isTarget: false,
      bandLabel: 'Band 2',
    });
    expect(rows.find((r) => r.isTarget)?.id).toBe('dhsc-senior-care-worker');
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => b - a));
    expect(rows.filter((r) => r.isCurrent || r.isTarget)).toHaveLength(2);
  });

  it('shows "Title unknown" for a role whose source gives no title', () => {
    const wales = ladders().find((l) => l.framework.id === 'wales-ppf') as Ladder;
    expect(ladderRows(wales, null, null).some((r) => r.title === 'Title unknown')).toBe(true);
  });
});

describe('laddersToShow', () => {
  it('draws only the ladders holding my role or my target', () => {
    expect(laddersToShow(ladders(), null, null)).toEqual([]);
    expect(laddersToShow(ladders(), 'dhsc-care-worker', 'dhsc-senior-care-worker').map((l) => l.framework.id)).toEqual([
      'dhsc-role-map',
    ]);
    expect(
      laddersToShow(ladders(), 'cwp-care-or-support-worker', 'nhs-nursing-associate').map((l) => l.framework.id),
    ).toEqual(['england-cwp', 'nhs-afc']);
  });
});

describe('suggestedSteps', () => {
  it('suggests every cross-sector route when no current role is chosen', () => {
    expect(suggestedSteps(routes(), roleEqs, titles, null)).toHaveLength(PROGRESSION_ROUTES.length);
  });

  it('suggests the routes from my role: senior care worker -> nursing associate (band 4) or registered manager', () => {
    const steps = suggestedSteps(routes(), roleEqs, titles, 'dhsc-senior-care-worker');
    const next = steps.filter((s) => s.hop === 1);
    expect(next.map((s) => s.route.toRoleId).sort()).toEqual(['cwp-registered-manager', 'nhs-nursing-associate']);
    expect(next.every((s) => s.via === null)).toBe(true);
    expect(next.find((s) => s.route.toRoleId === 'nhs-nursing-associate')?.route.label).toMatch(/band 4/);
    // And onward from there: nursing associate -> registered nurse.
    expect(steps.filter((s) => s.hop === 2).map((s) => s.route.toRoleId)).toEqual(['nhs-registered-nurse']);
  });

  it('shows the whole route from care worker: senior care worker next, then nursing associate or registered manager', () => {
    const steps = suggestedSteps(routes(), roleEqs, titles, 'dhsc-care-worker');
    expect(steps.filter((s) => s.hop === 1).map((s) => s.toTitle)).toEqual(['Senior care worker']);
    expect(
      steps
        .filter((s) => s.hop === 2)
        .map((s) => s.toTitle)
        .sort(),
    ).toEqual(['Nursing associate', 'Registered manager']);
  });

  it('follows an indicative role equivalence, and says so', () => {
    const steps = suggestedSteps(routes(), roleEqs, titles, 'cwp-care-or-support-worker').filter((s) => s.hop === 1);
    expect(steps.map((s) => s.toTitle)).toEqual(['Senior care worker']);
    expect(steps[0]?.via).toMatch(/Care worker ~ Care Workforce Pathway/);
    expect(steps[0]?.fromTitle).toBe('Care worker');
  });

  it('suggests nothing for a role with no routes', () => {
    expect(suggestedSteps(routes(), roleEqs, titles, 'nhs-specialist-nurse')).toEqual([]);
  });
});

describe('isStepUp', () => {
  const band = (frameworkId: string, rank: number) => ({ frameworkId, rank });
  it('compares bands of the same band framework, else ranks on the same ladder', () => {
    expect(
      isStepUp(
        { frameworkId: 'dhsc-role-map', rank: 1, band: band('nhs-afc', 2) },
        { frameworkId: 'nhs-afc', rank: 3, band: band('nhs-afc', 3) },
      ),
    ).toBe(true);
    expect(
      isStepUp(
        { frameworkId: 'nhs-afc', rank: 3, band: band('nhs-afc', 3) },
        { frameworkId: 'dhsc-role-map', rank: 2, band: band('nhs-afc', 3) },
      ),
    ).toBe(false);
    expect(
      isStepUp(
        { frameworkId: 'england-cwp', rank: 2, band: null },
        { frameworkId: 'england-cwp', rank: 4, band: null },
      ),
    ).toBe(true);
    expect(
      isStepUp(
        { frameworkId: 'england-cwp', rank: 2, band: null },
        { frameworkId: 'wales-ppf', rank: 4, band: band('wales-ppf', 4) },
      ),
    ).toBe(false);
    expect(isStepUp(null, { frameworkId: 'england-cwp', rank: 4, band: null })).toBe(false);
  });
});

describe('roleOptions', () => {
  it('offers every role of every ladder, grouped by ladder, with its band', () => {
    const groups = roleOptions(ladders());
    expect(groups.map((g) => g.label)).toHaveLength(4);
    expect(groups.flatMap((g) => g.options)).toHaveLength(ROLES.length);
    expect(groups.flatMap((g) => g.options).find(([id]) => id === 'dhsc-senior-care-worker')?.[1]).toBe(
      'Senior care worker (Band 3)',
    );
  });
});

describe('the ladder picture', () => {
  it('is an image with a title and a description that names my place and my target', async () => {
    const rows = ladderRows(dhsc(), 'dhsc-care-worker', 'dhsc-senior-care-worker');
    const desc = ladderDescription('Social care job roles', rows);
    expect(desc).toMatch(/You are here: Care worker\./);
    expect(desc).toMatch(/Your target: Senior care worker\./);
    const svg = String(await LadderSvg({ id: 'l1', name: 'Social care job roles', rows }));
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="l1-title l1-desc"');
    expect(svg).toMatch(/<title id="l1-title">Career ladder: Social care job roles<\/title>/);
    expect(svg).toContain('You are here');
    expect(svg).toContain('Your target');
    expect(svg).toContain('stroke-dasharray="7 4"');
    expect(svg).not.toContain('style=');
  });

  it('says when my role is on another ladder', () => {
    const rows = ladderRows(dhsc(), null, 'dhsc-senior-care-worker');
    expect(ladderDescription('X', rows)).toMatch(/Your current role is not on this ladder/);
  });
});

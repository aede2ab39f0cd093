/** Shares on the commissioner's dashboard, and chart labels that keep what tells rows apart. */
import { describe, expect, it } from 'vitest';
import { clip } from '../../web/charts';
import { dashboardTables } from '../../worker/services/workforce/commissioner-view';
import { type ReleaseView, type ViewTable, viewCell } from '../../worker/services/workforce/release-tables';

const cell = (v: number | null) => viewCell([v]);
const table = (name: ViewTable['name'], values: (number | null)[]): ViewTable => ({
  name,
  rows: values.map((_, i) => ({ key: `r${i}`, label: `Row ${i}` })),
  cols: [{ key: 'workers', label: 'Workers' }],
  cells: values.map((v) => [cell(v)]),
});
const view = (tables: ViewTable[], population = 65): ReleaseView => ({
  gated: false,
  population: cell(population),
  tables,
});
const sharesOf = (v: ReleaseView, name: ViewTable['name']) => dashboardTables(v).find((t) => t.name === name)?.shares;

describe('dashboard shares', () => {
  it('a table where each worker has one row takes shares of its own total, so they add up to about 100%', () => {
    // Each figure is adjusted on its own: 45 + 25 = 70 against 65 counted workers (69% + 38% = 107% before).
    const shares = sharesOf(view([table('qualifications', [45, 25])]), 'qualifications');
    expect(shares).toEqual([64, 36]);
  });

  it('with a hidden row, the table total would be short: shares are of the counted workers', () => {
    expect(sharesOf(view([table('bands', [45, null, 20])]), 'bands')).toEqual([69, null, 31]);
  });

  it('delegated tasks (a worker may hold several) are shares of the counted workers', () => {
    expect(sharesOf(view([table('delegated', [30, 20])]), 'delegated')).toEqual([46, 31]);
  });
});

describe('chart labels', () => {
  it('keep the band after a long framework name, and a trailing note whole', () => {
    const band = clip('Wales social care pay and progression framework (draft): Band C');
    expect(band.length).toBeLessThanOrEqual(48);
    expect(band.endsWith(': Band C')).toBe(true);
    const hidden = clip('Safeguarding adults level 2 (people in hospital care) (some figures hidden)');
    expect(hidden.endsWith(' (some figures hidden)')).toBe(true);
    expect(hidden.length).toBeLessThanOrEqual(48);
  });

  it('shorten from the end when there is no short ending to keep, and leave short labels alone', () => {
    expect(clip('x'.repeat(60))).toBe(`${'x'.repeat(47)}…`);
    expect(clip('Fire safety')).toBe('Fire safety');
  });
});

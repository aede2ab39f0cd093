import { describe, expect, it } from 'vitest';
import { OTHER_ACADEMIES } from '../../worker/services/workforce/dashboard';
import { KEY_RANGE, PROTECTED, publish } from '../../worker/services/workforce/perturbation';
import {
  type AreaInput,
  type StoredArea,
  combineAreas,
  keyedTables,
  protectArea,
  totalsOf,
  viewCell,
} from '../../worker/services/workforce/release-tables';
import { packWorkers, summariseWorker } from '../../worker/services/workforce/summaries';
import { unitCatalogue } from '../helpers/workforce-catalogue';

const NOW = new Date('2026-06-01T09:00:00Z');

const cat = unitCatalogue;

/** An area of n workers: the first `big` from a large academy with fire safety in date, the rest from a small one. */
function area(n: number, seed: number): AreaInput & { keys: number[] } {
  const c = cat();
  const workers = Array.from({ length: n }, (_, i) =>
    summariseWorker(c, { id: `w${seed}-${i}`, area: 'E1', roleId: i % 3 ? 'cwp-a' : null }, [
      {
        aligned: ['cstf-fire'],
        validFrom: '2026-01-01T00:00:00.000Z',
        validUntil: i % 4 ? '2027-01-01T00:00:00.000Z' : '2026-02-01T00:00:00.000Z',
        issuerOrgId: i < n - 2 ? 'big' : 'small',
        live: true,
      },
    ]),
  );
  const keys = workers.map((_, i) => (i * 7919 + seed * 104_729) % KEY_RANGE);
  return {
    cat: c,
    pack: packWorkers(c, workers),
    recordKeys: keys,
    keys,
    moves: [{ month: '2026-04', roleId: 'cwp-a', n: 1, recordKey: keys[1] ?? 0 }],
    issuerNames: new Map([
      ['big', 'Big Academy'],
      ['small', 'Small Academy'],
    ]),
    now: NOW,
  };
}

describe('release tables', () => {
  it('gives each cell the sum of its contributors’ record keys, through the same table definitions', () => {
    const a = area(40, 1);
    const k = keyedTables(a, 'all');
    const sum = (ids: number[]) => ids.reduce((s, i) => s + (a.keys[i] ?? 0), 0) % KEY_RANGE;
    const all = Array.from({ length: 40 }, (_, i) => i);
    expect(k.population).toEqual({ n: 40, key: sum(all) });
    // Fire safety: in date for i % 4 != 0, expired for the others.
    const fire = k.tables.training.cells[0];
    expect(fire?.[0]).toEqual({ n: 30, key: sum(all.filter((i) => i % 4)) });
    expect(fire?.[2]).toEqual({ n: 10, key: sum(all.filter((i) => i % 4 === 0)) });
    expect(k.tables.progression.cells.at(-1)?.[0]).toEqual({ n: 1, key: a.keys[1] });
    // A role category filter: only its workers, with their keys.
    const none = keyedTables(a, 'none');
    expect(none.population).toEqual({ n: 14, key: sum(all.filter((i) => i % 3 === 0)) });
  });

  it('perturbs every figure once, and folds academies whose own figure is protected into "Other academies"', () => {
    const a = area(40, 2);
    const stored = protectArea(a, 'all', 12_345);
    const k = keyedTables(a, 'all');
    expect(stored.population).toBe(publish(40, k.population.key, 12_345));
    const issuers = stored.tables.issuers;
    expect(issuers?.rows.map((r) => r.key)).toEqual(['big', OTHER_ACADEMIES]);
    // Two credentials from the small academy: protected on their own, so counted with "Other academies".
    const small = k.tables.issuers.rows.findIndex((r) => r.key === 'small');
    const smallCell = k.tables.issuers.cells[small]?.[0];
    expect(smallCell?.n).toBe(2);
    expect(issuers?.cells[1]?.[0]).toBe(publish(2, smallCell?.key ?? 0, 12_345));
    // The same people in the same release always give the same stored figures.
    expect(protectArea(a, 'all', 12_345)).toEqual(stored);
  });

  it('publishes nothing but the population word for an area whose population is protected', () => {
    const a = area(3, 3);
    const stored = protectArea(a, 'all', 1);
    const k = keyedTables(a, 'all');
    if (publish(3, k.population.key, 1) === null) expect(stored).toEqual({ population: null, tables: {} });
    const view = combineAreas([{ population: null, tables: {} }]);
    expect(view.gated).toBe(true);
    expect(view.population).toMatchObject({ state: 'protected', display: PROTECTED, csv: PROTECTED });
  });

  it('derives every multi-area view and total from the stored area figures only', () => {
    const areas: StoredArea[] = [area(60, 4), area(45, 5), area(4, 6)].map((a) => protectArea(a, 'all', 777));
    const both = combineAreas(areas);
    const first = combineAreas([areas[0] as StoredArea]);
    const rest = combineAreas(areas.slice(1));
    expect(both.gated).toBe(false);
    // All areas minus one area is exactly the published figures of the others: nothing about a sub-area.
    expect(both.population.value).toBe((first.population.value ?? 0) + (rest.population.value ?? 0));
    expect(both.tables).toHaveLength(7);
    for (const t of both.tables) {
      t.rows.forEach((row, r) => {
        t.cols.forEach((_, c) => {
          const parts = areas.map((s) => {
            const st = s.tables[t.name];
            const i = st?.rows.findIndex((x) => x.key === row.key) ?? -1;
            return i < 0 ? null : (st?.cells[i]?.[c] ?? null);
          });
          expect(t.cells[r]?.[c]).toEqual(viewCell(parts));
        });
      });
      const totals = totalsOf(t);
      expect(totals.cols[0]?.value ?? null).toBe(
        t.cells.reduce<number | null>((s, row) => (row[0]?.value == null ? s : (s ?? 0) + row[0].value), null),
      );
    }
    expect(viewCell([null, null])).toMatchObject({ state: 'protected', value: null });
    expect(viewCell([null, 15, 10])).toMatchObject({ state: 'shown', value: 25, display: '25', csv: '25' });
  });
});

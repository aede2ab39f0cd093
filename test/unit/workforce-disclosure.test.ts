import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cell,
  type DisclosurePolicy,
  disclosurePolicy,
  plausibleRange,
  protectTable,
  publishCount,
  roundCount,
  secondarySuppression,
} from '../../worker/services/workforce/disclosure';
import {
  type Dashboard,
  inCategory,
  protectDashboard,
  quartersUpTo,
  rawDashboard,
} from '../../worker/services/workforce/dashboard';
import type { WorkforceCatalogue } from '../../worker/services/workforce/catalogue';
import { type WorkerSummary, packWorkers } from '../../worker/services/workforce/summaries';

describe('disclosure policy', () => {
  it('uses an odd threshold of at least 3 and rounds to twice the threshold', () => {
    expect(disclosurePolicy(5)).toEqual({ threshold: 5, base: 10 });
    expect(disclosurePolicy(6)).toEqual({ threshold: 7, base: 14 });
    expect(disclosurePolicy(2)).toEqual({ threshold: 3, base: 6 });
  });

  it('rounds half up to the base and suppresses every count under the threshold, zero included', () => {
    expect([0, 5, 14, 15, 24, 25, 96].map((v) => roundCount(v, 10))).toEqual([0, 10, 10, 20, 20, 30, 100]);
    const p = disclosurePolicy(5);
    expect(publishCount(0, p)).toMatchObject({ state: 'small', value: null, display: 'fewer than 5', csv: '<5' });
    expect(publishCount(4, p)).toMatchObject({ state: 'small', value: null, display: 'fewer than 5', csv: '<5' });
    expect(publishCount(5, p)).toMatchObject({ state: 'shown', value: 10, display: '10' });
    expect(publishCount(1234, p)).toMatchObject({ state: 'shown', value: 1230, display: '1,230', csv: '1230' });
    expect(publishCount(99, p, true)).toMatchObject({ state: 'hidden', value: null, csv: 'hidden' });
  });

  it('hides a second cell wherever a published total would otherwise expose a lone suppressed cell', () => {
    const p = disclosurePolicy(5);
    const col = (cells: number[]) => ({
      rows: cells.map((_, i) => ({ key: String(i), label: String(i) })),
      cols: [{ key: 'n', label: 'n' }],
      cells: cells.map((v) => [v]),
      colTotals: [cells.reduce((a, b) => a + b, 0)],
    });
    // One small cell (3): the smallest other cell (7) is hidden too.
    expect(secondarySuppression(col([40, 3, 9, 7]), p).map((r) => r[0])).toEqual([false, false, false, true]);
    // Two small cells (a zero is small too) already protect each other.
    expect(secondarySuppression(col([40, 3, 0]), p).flat()).toEqual([false, false, false]);
    // A total under the threshold is itself suppressed: nothing to add.
    expect(secondarySuppression(col([3, 1]), p).flat()).toEqual([false, false]);
    // Rows that each sum to a published total: each row with one small cell gets a partner, repeatedly.
    const grid = {
      rows: [
        { key: 'a', label: 'a' },
        { key: 'b', label: 'b' },
      ],
      cols: [
        { key: 'x', label: 'x' },
        { key: 'y', label: 'y' },
        { key: 'z', label: 'z' },
      ],
      cells: [
        [2, 20, 8],
        [30, 5, 6],
      ],
      rowTotals: [30, 41],
    };
    expect(secondarySuppression(grid, p)).toEqual([
      [false, false, true],
      [false, false, false],
    ]);
    const t = protectTable(grid, p);
    expect(t.cells[0]?.map((c) => c.display)).toEqual(['fewer than 5', '20', 'hidden']);
    expect(t.rowTotals?.map((c) => c.display)).toEqual(['30', '40']);
  });
});

// ---------------------------------------------------------------- the property: no differencing attack works

const AREAS = ['A', 'B', 'C'];
const ROLES = ['r1', 'r2', 'r3', 'r4'];
const NOW = new Date('2026-06-01T09:00:00Z');
const DAY = 86_400_000;

/** A tiny catalogue: four roles in four categories (plus 'none'), two bands, two subjects, one task. */
const CAT: WorkforceCatalogue = {
  categories: [...ROLES.map((r) => ({ key: r, label: r })), { key: 'none', label: 'none' }],
  categoryOfRole: new Map(ROLES.map((r) => [r, r])),
  bands: [
    { key: 'b1', label: 'b1' },
    { key: 'b2', label: 'b2' },
    { key: 'none', label: 'none' },
  ],
  bandOfRole: new Map([
    ['r1', 'b1'],
    ['r2', 'b1'],
    ['r3', 'b2'],
  ]),
  subjects: [
    { id: 's1', name: 's1' },
    { id: 's2', name: 's2' },
  ],
  tasks: [{ id: 't1', name: 't1' }],
  subjectIndex: new Map([
    ['s1', 0],
    ['s2', 1],
  ]),
  taskIndex: new Map([['t1', 0]]),
  qualLevels: new Map(),
  key: 'test',
};

const ENDS = [Number.NaN, Number.POSITIVE_INFINITY, NOW.getTime() + 30 * DAY, NOW.getTime() - DAY];

const workerArb: fc.Arbitrary<Gen> = fc.record({
  area: fc.constantFrom(...AREAS),
  role: fc.constantFrom('r1', 'r2', 'r3', 'r4', null),
  level: fc.constantFrom(0, 2, 3, 4, 5),
  s1: fc.integer({ min: 0, max: 3 }),
  s2: fc.integer({ min: 0, max: 3 }),
  t1: fc.integer({ min: 0, max: 3 }),
  issued: fc.array(fc.constantFrom('x', 'y'), { maxLength: 3 }),
  moves: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }),
});
interface Gen {
  area: string;
  role: string | null;
  level: number;
  s1: number;
  s2: number;
  t1: number;
  issued: string[];
  moves: number[];
}

/** Every combination of filters a commissioner covering A, B and C can choose. */
function allViews(people: Gen[], policy: DisclosurePolicy) {
  const workers: WorkerSummary[] = people.map((g, i) => ({
    id: `w${i}`,
    area: g.area,
    roleId: g.role,
    level: g.level,
    subjects: [ENDS[g.s1] ?? Number.NaN, ENDS[g.s2] ?? Number.NaN],
    tasks: [ENDS[g.t1] ?? Number.NaN],
    issuerIds: [...new Set(g.issued)],
    issuerCounts: [...new Set(g.issued)].map((x) => g.issued.filter((y) => y === x).length),
  }));
  const quarters = quartersUpTo(NOW);
  const views = new Map<
    string,
    { dash: Dashboard; truth: ReturnType<typeof rawDashboard>; workers: WorkerSummary[] }
  >();
  for (const area of ['all', ...AREAS]) {
    for (const category of ['all', ...CAT.categories.map((c) => c.key)]) {
      const inArea = workers.filter((w) => area === 'all' || w.area === area);
      const chosen = inCategory(CAT, inArea, category);
      const ids = new Set(chosen.map((w) => w.id));
      const progression = people.flatMap((g, i) =>
        ids.has(`w${i}`)
          ? g.moves.map((q: number) => ({
              month: `${quarters[q]?.slice(0, 4)}-${String((Number(quarters[q]?.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}`,
              roleId: g.role,
              n: 1,
            }))
          : [],
      );
      const truth = rawDashboard({
        cat: CAT,
        packs: [packWorkers(CAT, inArea)],
        category,
        now: NOW,
        progression,
        issuerNames: new Map([
          ['x', 'X'],
          ['y', 'Y'],
        ]),
        threshold: policy.threshold,
      });
      views.set(`${area}|${category}`, { dash: protectDashboard(truth, policy), truth, workers: chosen });
    }
  }
  return views;
}

type Term = { truth: number; range: [number, number]; where: string };
const EVENTS = new Set(['progression', 'issuers']);

/** Every published figure of a view (by table and cell) as a term: its true value and what its publication allows. */
function termsOf(
  view: { dash: Dashboard; truth: ReturnType<typeof rawDashboard> },
  where: string,
  policy: DisclosurePolicy,
) {
  const out = new Map<string, Term>();
  const gatedRange = (name: string): [number, number] =>
    EVENTS.has(name) ? [0, Number.POSITIVE_INFINITY] : [0, policy.threshold - 1];
  const add = (key: string, name: string, truth: number, cell: Cell | undefined) => {
    const range = view.dash.gated
      ? gatedRange(name)
      : cell
        ? plausibleRange(cell, policy)
        : ([0, 0] as [number, number]);
    out.set(key, { truth, range, where: `${where} ${key}` });
  };
  add('population', 'population', view.truth.population, view.dash.population);
  for (const [name, raw] of Object.entries(view.truth.tables)) {
    const pub = view.dash.tables.find((t) => t.name === name);
    raw.rows.forEach((r, i) => {
      const pi = pub ? pub.rows.findIndex((x) => x.key === r.key) : -1;
      raw.cols.forEach((c, j) => {
        add(`${name}|${r.key}|${c.key}`, name, raw.cells[i]?.[j] ?? 0, pi >= 0 ? pub?.cells[pi]?.[j] : undefined);
      });
      if (raw.rowTotals)
        add(`${name}|${r.key}|total`, name, raw.rowTotals[i] ?? 0, pi >= 0 ? pub?.rowTotals?.[pi] : undefined);
    });
    raw.cols.forEach((c, j) => {
      if (raw.colTotals) add(`${name}|total|${c.key}`, name, raw.colTotals[j] ?? 0, pub?.colTotals?.[j]);
    });
  }
  return out;
}

/**
 * For a relation total = sum(parts), the range each term is pinned to by the others (single-relation
 * reasoning: "total minus visible parts", "one total minus another"). Returns terms whose true value is a
 * small count (1..T-1) that the relation narrows to a single value.
 */
function exposures(total: Term, parts: Term[], policy: DisclosurePolicy): string[] {
  const found: string[] = [];
  const all = [total, ...parts];
  const sum = (ts: Term[], k: 0 | 1) => ts.reduce((a, t) => a + t.range[k], 0);
  all.forEach((term, i) => {
    let lo: number;
    let hi: number;
    if (i === 0) {
      lo = sum(parts, 0);
      hi = sum(parts, 1);
    } else {
      const others = parts.filter((_, j) => j !== i - 1);
      lo = total.range[0] - sum(others, 1);
      hi = total.range[1] - sum(others, 0);
    }
    lo = Math.max(lo, term.range[0]);
    hi = Math.min(hi, term.range[1]);
    if (term.truth < lo || term.truth > hi)
      found.push(`${term.where}: true value ${term.truth} outside derived [${lo}, ${hi}]`);
    const sensitive = term.truth >= 1 && term.truth < policy.threshold;
    if (sensitive && Math.floor(hi) - Math.ceil(lo) < 1) found.push(`${term.where} = ${term.truth} is revealed`);
  });
  return found;
}

function attack(people: Gen[], policy: DisclosurePolicy): string[] {
  const views = allViews(people, policy);
  const terms = new Map([...views].map(([k, v]) => [k, termsOf(v, k, policy)]));
  const problems: string[] = [];
  // A figure missing from a view: an academy not named there issued fewer than T (it is in "Other academies");
  // in a withheld view, anything the gate allows.
  const truthOf = (view: string, key: string) => {
    const [name = '', row = ''] = key.split('|');
    const w = views.get(view)?.workers ?? [];
    return name === 'issuers' ? w.reduce((a, x) => a + (x.issuerCounts[x.issuerIds.indexOf(row)] ?? 0), 0) : 0;
  };
  const missing = (view: string, key: string): Term => {
    const gated = views.get(view)?.dash.gated ?? false;
    const name = key.split('|')[0] ?? '';
    const range: [number, number] =
      gated && EVENTS.has(name) ? [0, Number.POSITIVE_INFINITY] : [0, policy.threshold - 1];
    return { truth: truthOf(view, key), range, where: `${view} ${key}` };
  };
  const get = (view: string, key: string) => terms.get(view)?.get(key) ?? missing(view, key);
  const keys = new Set<string>();
  for (const t of terms.values()) for (const k of t.keys()) keys.add(k);
  const categories = ['all', ...CAT.categories.map((c) => c.key)];

  for (const view of terms.keys()) {
    // Within a view: each published total against its visible parts.
    const truth = views.get(view)?.truth;
    for (const [name, raw] of Object.entries(truth?.tables ?? {})) {
      if (raw.colTotals) {
        raw.cols.forEach((c) => {
          const parts = raw.rows.map((r) => get(view, `${name}|${r.key}|${c.key}`));
          problems.push(...exposures(get(view, `${name}|total|${c.key}`), parts, policy));
        });
      }
      if (raw.rowTotals) {
        raw.rows.forEach((r) => {
          const parts = raw.cols.map((c) => get(view, `${name}|${r.key}|${c.key}`));
          problems.push(...exposures(get(view, `${name}|${r.key}|total`), parts, policy));
        });
      }
    }
  }
  // Across views: "all areas" against each area, and "all categories" against each category. ("Other
  // academies" is not additive across views: an academy small in each area can be named for all of them.)
  keys.delete('issuers|other-academies|count');
  for (const key of keys) {
    for (const category of categories) {
      problems.push(
        ...exposures(
          get(`all|${category}`, key),
          AREAS.map((a) => get(`${a}|${category}`, key)),
          policy,
        ),
      );
    }
    for (const area of ['all', ...AREAS]) {
      problems.push(
        ...exposures(
          get(`${area}|all`, key),
          CAT.categories.map((c) => get(`${area}|${c.key}`, key)),
          policy,
        ),
      );
    }
  }
  return problems;
}

describe('no filter combination reveals a suppressed count by differencing', () => {
  for (const threshold of [5, 7]) {
    it(`holds for small random populations at threshold ${threshold}`, () => {
      const policy = disclosurePolicy(threshold);
      fc.assert(
        fc.property(fc.array(workerArb, { minLength: 0, maxLength: 70 }), (people) => {
          expect(attack(people, policy)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('would catch a leak: the same attack finds exposed cells when counts are published exactly', () => {
    // Sanity check of the attack itself: with exact publication (base 1, no secondary suppression), it finds leaks.
    const exact: DisclosurePolicy = { threshold: 5, base: 1 };
    const people: Gen[] = Array.from({ length: 18 }, (_, i) => ({
      area: i < 9 ? 'A' : i < 12 ? 'B' : 'C',
      role: 'r1',
      level: 3,
      s1: 1,
      s2: 1,
      t1: 1,
      issued: [],
      moves: [],
    }));
    expect(attack(people, exact).some((p) => p.includes('revealed'))).toBe(true);
  });
});

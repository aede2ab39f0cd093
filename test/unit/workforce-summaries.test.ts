import { describe, expect, it } from 'vitest';
import { dashboardTables } from '../../worker/services/workforce/commissioner-view';
import { quarterOfMonth, quartersUpTo, rawDashboard } from '../../worker/services/workforce/dashboard';
import { csvField, releaseTableCsv } from '../../worker/services/workforce/dashboard-csv';
import { combineAreas, protectArea } from '../../worker/services/workforce/release-tables';
import { parseLevelRange } from '../../worker/services/workforce/catalogue';
import { unitCatalogue } from '../helpers/workforce-catalogue';
import {
  type CredentialFacts,
  currency,
  packWorkers,
  summariseWorker,
} from '../../worker/services/workforce/summaries';
import { idRanges } from '../../worker/services/workforce/summary-loader';

const NOW = new Date('2026-06-01T09:00:00Z');

const cat = unitCatalogue;

const cred = (over: Partial<CredentialFacts> & { aligned: string[] }): CredentialFacts => ({
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: null,
  issuerOrgId: 'academy-1',
  live: true,
  ...over,
});

const worker = { id: 'u1', area: 'E1', roleId: 'cwp-a' };

describe('summariseWorker', () => {
  it('uses the newest live credential per subject, even when an older one lasts longer or a bundle covers it', () => {
    const s = summariseWorker(cat(), worker, [
      // Newest fire safety: a one-year bundle from March 2026 that also covers moving and handling.
      cred({
        aligned: ['cstf-fire', 'cstf-mh-l2'],
        validFrom: '2026-03-01T00:00:00.000Z',
        validUntil: '2027-03-01T00:00:00.000Z',
      }),
      // Older fire safety that would last longer: not the newest, so it does not decide.
      cred({ aligned: ['cstf-fire'], validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2028-01-01T00:00:00.000Z' }),
      // A newer moving and handling that has been revoked or renewed (not live): ignored.
      cred({
        aligned: ['cstf-mh-l2'],
        validFrom: '2026-05-01T00:00:00.000Z',
        validUntil: '2026-06-10T00:00:00.000Z',
        live: false,
      }),
    ]);
    expect(s.subjects[0]).toBe(Date.parse('2027-03-01T00:00:00.000Z'));
    expect(s.subjects[1]).toBe(Date.parse('2027-03-01T00:00:00.000Z'));
    expect(Number.isNaN(s.tasks[0] ?? 0)).toBe(true);
    // Issuing volume counts every credential issued here, live or not.
    expect([s.issuerIds, s.issuerCounts]).toEqual([['academy-1'], [3]]);
  });

  it('counts a worker at the highest level held, a legacy award at the level recorded on it, never a revoked one', () => {
    const s = summariseWorker(cat(), worker, [
      cred({ aligned: ['l2'] }),
      cred({ aligned: ['l5'], live: false }),
      cred({ aligned: ['legacy'], level: 4 }),
    ]);
    expect(s.level).toBe(4);
    expect(summariseWorker(cat(), worker, [cred({ aligned: ['legacy'] })]).level).toBe(2);
    expect(summariseWorker(cat(), worker, [cred({ aligned: ['legacy'], level: 7 })]).level).toBe(2);
    expect(summariseWorker(cat(), worker, []).level).toBe(0);
  });

  it('does not count imported credentials as issuing volume', () => {
    const s = summariseWorker(cat(), worker, [
      cred({ aligned: ['dha-insulin'], issuerOrgId: null, validUntil: '2026-12-01T00:00:00.000Z' }),
    ]);
    expect(s.issuerIds).toEqual([]);
    expect(s.tasks[0]).toBe(Date.parse('2026-12-01T00:00:00.000Z'));
  });
});

describe('helpers', () => {
  it('reads catalogue levels and ranges', () => {
    expect(parseLevelRange('3')).toEqual({ min: 3, max: 3 });
    expect(parseLevelRange('2-4')).toEqual({ min: 2, max: 4 });
    expect(parseLevelRange('Level 5')).toEqual({ min: 5, max: 5 });
    expect(parseLevelRange(null)).toBeNull();
    expect(parseLevelRange('1-3')).toEqual({ min: 3, max: 3 });
  });

  it('puts an end date in date, expiring within 90 days, expired, or none', () => {
    const day = 86_400_000;
    expect(currency(Number.NaN, NOW)).toBe('none');
    expect(currency(Number.POSITIVE_INFINITY, NOW)).toBe('in');
    expect(currency(NOW.getTime() + 91 * day, NOW)).toBe('in');
    expect(currency(NOW.getTime() + 90 * day, NOW)).toBe('expiring');
    expect(currency(NOW.getTime(), NOW)).toBe('expired');
  });

  it('splits the id space into ordered ranges that cover every string', () => {
    const r = idRanges(4);
    expect(r.map((x) => [x.fromId, x.toId.slice(0, 4)])).toEqual([
      ['', '4000'],
      ['4000', '8000'],
      ['8000', 'c000'],
      ['c000', '\u{10FFFF}'.slice(0, 4)],
    ]);
    for (const id of ['00000000-0', 'bbbb', 'ffff-ffff', 'user-1', 'ZZZ']) {
      expect(r.filter((x) => id >= x.fromId && id < x.toId)).toHaveLength(1);
    }
  });

  it('names quarters', () => {
    expect(quartersUpTo(NOW, 3)).toEqual(['2025 Q4', '2026 Q1', '2026 Q2']);
    expect(quarterOfMonth('2026-03')).toBe('2026 Q1');
    expect(quarterOfMonth('2026-10')).toBe('2026 Q4');
  });

  it('writes CSV safely: quoting, and no formulas from organisation names', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('<5')).toBe('<5');
  });
});

describe('dashboard tables', () => {
  it('builds every table from summaries and exports them with suppressed and rounded figures only', () => {
    const c = cat();
    const workers = Array.from({ length: 23 }, (_, i) =>
      summariseWorker(c, { id: `u${i}`, area: 'E1', roleId: i < 20 ? 'cwp-a' : null }, [
        cred({ aligned: ['cstf-fire'], validUntil: i < 17 ? '2027-01-01T00:00:00.000Z' : '2026-01-01T00:00:00.000Z' }),
        ...(i < 12 ? [cred({ aligned: ['l3'], issuerOrgId: 'academy-2' })] : []),
      ]),
    );
    const raw = rawDashboard({
      cat: c,
      packs: [packWorkers(c, workers.slice(0, 10)), packWorkers(c, workers.slice(10))],
      category: 'all',
      now: NOW,
      progression: [{ month: '2026-04', roleId: 'cwp-a', n: 6 }],
      issuerNames: new Map([
        ['academy-1', 'Northern, "Care" Academy'],
        ['academy-2', 'Second Academy'],
      ]),
      threshold: 5,
    });
    expect(raw.population).toBe(23);
    // A role category filter keeps its workers only.
    expect(
      rawDashboard({
        cat: c,
        packs: [packWorkers(c, workers)],
        category: 'none',
        now: NOW,
        progression: [],
        issuerNames: new Map(),
        threshold: 5,
      }).population,
    ).toBe(3);
    expect(raw.tables.training.cells[0]).toEqual([17, 0, 6, 0]);
    expect(raw.tables.qualifications.cells.map((r) => r[0])).toEqual([0, 12, 0, 0, 11]);
    // Published through a release: perturbed, rounded to 5, "protected" under 10, totals summed from the figures.
    const view = combineAreas([
      protectArea(
        {
          cat: c,
          pack: packWorkers(c, workers),
          recordKeys: workers.map((_, i) => (i * 997) % 65_536),
          moves: [],
          issuerNames: new Map([
            ['academy-1', 'Northern, "Care" Academy'],
            ['academy-2', 'Second Academy'],
          ]),
          now: NOW,
        },
        'all',
        4242,
      ),
    ]);
    expect(view.gated).toBe(false);
    expect(Math.abs((view.population.value ?? 0) - 23)).toBeLessThanOrEqual(16);
    const issuers = dashboardTables(view).find((t) => t.name === 'issuers');
    if (!issuers) throw new Error('no issuers table');
    const release = { id: 'r1', cutAt: '2026-06-01T09:00:00.000Z', period: '2026-06', method: 'cell-key-v1' };
    const lines = releaseTableCsv({ release, change: null, population: view.population }, issuers).split('\r\n');
    expect(lines[0]).toBe('"# Release 2026-06, figures as at 2026-06-01."');
    expect(lines[1]).toMatch(/^"# Each figure has a small random adjustment/);
    expect(lines[2]).toBe(',Credentials issued');
    // The academy's name is quoted, its quotes doubled; "Other academies" comes last; the total sums the rows.
    expect(lines[3]).toMatch(/^"Northern, ""Care"" Academy",\d+$/);
    expect(lines.at(-3)).toMatch(/^Other academies,(\d+|protected)$/);
    const figures = lines.slice(3, -2).map((l) => Number(l.split(',').at(-1)) || 0);
    expect(lines.at(-2)).toBe(`Total,${figures.reduce((a, b) => a + b, 0)}`);
    expect(lines.at(-1)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import {
  quarterOfMonth,
  quartersUpTo,
  rawDashboard,
  protectDashboard,
} from '../../worker/services/workforce/dashboard';
import { tableCsv, csvField } from '../../worker/services/workforce/dashboard-csv';
import { disclosurePolicy } from '../../worker/services/workforce/disclosure';
import { type WorkforceCatalogue, parseLevelRange } from '../../worker/services/workforce/catalogue';
import {
  type CredentialFacts,
  currency,
  packWorkers,
  summariseWorker,
} from '../../worker/services/workforce/summaries';
import { idRanges } from '../../worker/services/workforce/summary-loader';

const NOW = new Date('2026-06-01T09:00:00Z');

/** Fire safety and moving and handling (subjects), insulin (a task), and qualifications incl. a legacy 2-4 range. */
const cat = (): WorkforceCatalogue => ({
  categories: [
    { key: 'cwp-a', label: 'A' },
    { key: 'other', label: 'Other' },
    { key: 'none', label: 'None' },
  ],
  categoryOfRole: new Map([['cwp-a', 'cwp-a']]),
  bands: [{ key: 'none', label: 'No band' }],
  bandOfRole: new Map(),
  subjects: [
    { id: 'cstf-fire', name: 'Fire safety' },
    { id: 'cstf-mh-l2', name: 'Moving and handling' },
  ],
  tasks: [{ id: 'dha-insulin', name: 'Insulin' }],
  subjectIndex: new Map([
    ['cstf-fire', 0],
    ['cstf-mh-l2', 1],
  ]),
  taskIndex: new Map([['dha-insulin', 0]]),
  qualLevels: new Map([
    ['l2', { min: 2, max: 2 }],
    ['l3', { min: 3, max: 3 }],
    ['l5', { min: 5, max: 5 }],
    ['legacy', { min: 2, max: 4 }],
  ]),
  key: 'unit',
});

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
    const d = protectDashboard(raw, disclosurePolicy(5));
    expect(d.population.display).toBe('20');
    const training = d.tables.find((t) => t.name === 'training');
    expect(training?.cells[0]?.map((x) => x.csv)).toEqual(['20', '<5', '10', '<5']);
    const issuers = d.tables.find((t) => t.name === 'issuers');
    const csv = issuers ? tableCsv(issuers, d.population) : '';
    expect(csv.split('\r\n')).toEqual([
      ',Credentials issued',
      '"Northern, ""Care"" Academy",20',
      'Second Academy,hidden', // hidden so "Other academies" (0, shown as <5) cannot be worked out
      'Other academies,<5',
      'Total,40',
      '',
    ]);
  });
});

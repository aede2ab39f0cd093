/**
 * The role-fit report on a table of hand-built cases: every status boundary, equivalences, revoked and suspended
 * credentials, choosing the best of several, and the summary line.
 */
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, utf8 } from '../../worker/credentials/encoding';
import type { CredentialResult } from '../../worker/credentials/verify';
import {
  EXPIRING_DAYS,
  type Equivalence,
  type FitStatus,
  type Holding,
  type Requirement,
  assessRoleFit,
  holdingsFromResults,
  meetingIds,
} from '../../worker/services/employer/role-fit';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

const req = (competencyId: string, over: Partial<Requirement> = {}): Requirement => ({
  competencyId,
  name: `Item ${competencyId}`,
  code: competencyId.toUpperCase(),
  kind: 'mandatory_training',
  requirement: 'required',
  maxAgeMonths: null,
  ...over,
});

let seq = 0;
const hold = (alignedIds: string[], over: Partial<Holding> = {}): Holding => ({
  credentialId: `urn:uuid:c-${++seq}`,
  name: `Credential ${seq}`,
  issuerName: 'Northern Care Academy',
  alignedIds,
  validFrom: '2026-01-10T00:00:00.000Z',
  validUntil: null,
  state: 'valid',
  recognised: true,
  ...over,
});

const satisfies = (fromId: string, toId: string, label = `${fromId} meets ${toId}`): Equivalence => ({
  fromId,
  toId,
  relation: 'satisfies',
  label,
});
const equivalent = (fromId: string, toId: string, label = `${fromId} ~ ${toId}`): Equivalence => ({
  fromId,
  toId,
  relation: 'equivalent',
  label,
});

const CC_EQS: Equivalence[] = [
  satisfies('cstf-sga', 'cc25-10', "CSTF-SGA meets Care Certificate standard 10 'Safeguarding adults'"),
  equivalent('cc15-10', 'cc25-10', 'Care Certificate standard 10: 2015 and 2025 versions are equivalent'),
  satisfies('cstf-ipc-l2', 'cstf-ipc-l1'),
  satisfies('rqf-l4', 'rqf-l3', 'Level 4 meets Level 3'),
  satisfies('rqf-l3', 'rqf-l2', 'Level 3 meets Level 2'),
  satisfies('app-l4', 'rqf-l4', 'Level 4 apprenticeship includes the Level 4 Diploma'),
];

interface Case {
  name: string;
  requirement: Requirement;
  holdings: Holding[];
  eqs?: Equivalence[];
  status: FitStatus;
  /** Index into holdings of the one that should be chosen (null: none). */
  chosen: number | null;
  inDateUntil?: string | null;
  via?: RegExp | null;
}

const h90 = hold(['cstf-ig'], { validUntil: at(NOW.getTime() + EXPIRING_DAYS * DAY) });

const CASES: Case[] = [
  // ---- dates and boundaries
  {
    name: 'in date, no expiry at all: met',
    requirement: req('x'),
    holdings: [hold(['x'])],
    status: 'met',
    chosen: 0,
    inDateUntil: null,
  },
  {
    name: 'max age 12 months from a recent training date: met until then',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [hold(['x'], { validFrom: '2026-01-10T00:00:00.000Z' })],
    status: 'met',
    chosen: 0,
    inDateUntil: '2027-01-10T00:00:00.000Z',
  },
  {
    name: 'validUntil exactly 90 days away: expiring',
    requirement: req('cstf-ig'),
    holdings: [h90],
    status: 'expiring',
    chosen: 0,
    inDateUntil: h90.validUntil,
  },
  {
    name: 'validUntil 90 days and 1 ms away: met',
    requirement: req('x'),
    holdings: [hold(['x'], { validUntil: at(NOW.getTime() + EXPIRING_DAYS * DAY + 1) })],
    status: 'met',
    chosen: 0,
  },
  {
    name: 'expiry later today: expiring (still in date)',
    requirement: req('x'),
    holdings: [hold(['x'], { validUntil: '2026-06-01T23:59:59.000Z' })],
    status: 'expiring',
    chosen: 0,
  },
  {
    name: 'expiry this very moment: expired',
    requirement: req('x'),
    holdings: [hold(['x'], { validUntil: NOW.toISOString() })],
    status: 'expired',
    chosen: 0,
  },
  {
    name: 'expired earlier today (the verifier says expired): expired, refresher needed',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [
      hold(['x'], { validFrom: '2025-06-01T00:00:00.000Z', validUntil: '2026-06-01T00:00:00.000Z', state: 'expired' }),
    ],
    status: 'expired',
    chosen: 0,
    inDateUntil: '2026-06-01T00:00:00.000Z',
  },
  {
    name: 'max age shorter than validUntil and already past: expired although the credential is valid',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [hold(['x'], { validFrom: '2025-05-01T00:00:00.000Z', validUntil: '2028-05-01T00:00:00.000Z' })],
    status: 'expired',
    chosen: 0,
    inDateUntil: '2026-05-01T00:00:00.000Z',
  },
  {
    name: 'max age shorter than validUntil, lapsing in 30 days: expiring at the max-age date',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [hold(['x'], { validFrom: '2025-07-01T00:00:00.000Z', validUntil: '2028-07-01T00:00:00.000Z' })],
    status: 'expiring',
    chosen: 0,
    inDateUntil: '2026-07-01T00:00:00.000Z',
  },
  {
    name: 'validUntil shorter than max age: the earlier date counts',
    requirement: req('x', { maxAgeMonths: 36 }),
    holdings: [hold(['x'], { validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2026-07-15T00:00:00.000Z' })],
    status: 'expiring',
    chosen: 0,
    inDateUntil: '2026-07-15T00:00:00.000Z',
  },
  {
    name: 'max age of 0 months lapses at once (0 is not "no limit")',
    requirement: req('x', { maxAgeMonths: 0 }),
    holdings: [hold(['x'])],
    status: 'expired',
    chosen: 0,
  },
  {
    name: 'unreadable training date with a max age never looks in date',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [hold(['x'], { validFrom: 'not a date' })],
    status: 'expired',
    chosen: 0,
  },
  { name: 'nothing aligned: missing', requirement: req('x'), holdings: [hold(['y'])], status: 'missing', chosen: null },
  { name: 'no credentials at all: missing', requirement: req('x'), holdings: [], status: 'missing', chosen: null },

  // ---- revoked, suspended, invalid
  {
    name: 'revoked never meets',
    requirement: req('x'),
    holdings: [hold(['x'], { state: 'revoked' })],
    status: 'missing',
    chosen: null,
  },
  {
    name: 'suspended never meets',
    requirement: req('x'),
    holdings: [hold(['x'], { state: 'suspended' })],
    status: 'missing',
    chosen: null,
  },
  {
    name: 'invalid (e.g. forged) never meets',
    requirement: req('x'),
    holdings: [hold(['x'], { state: 'invalid' })],
    status: 'missing',
    chosen: null,
  },
  {
    name: 'a revoked newer credential does not hide an older valid one',
    requirement: req('x'),
    holdings: [
      hold(['x'], { state: 'revoked', validFrom: '2026-05-01T00:00:00.000Z' }),
      hold(['x'], { validUntil: '2027-06-01T00:00:00.000Z' }),
    ],
    status: 'met',
    chosen: 1,
  },

  // ---- equivalences (always indicative)
  {
    name: "'satisfies': a CSTF subject meets a Care Certificate standard",
    requirement: req('cc25-10', { kind: 'care_certificate' }),
    holdings: [hold(['cstf-sga'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 0,
    via: /CSTF-SGA meets Care Certificate standard 10/,
  },
  {
    name: "'satisfies' is one way: a Care Certificate standard does not meet the CSTF subject",
    requirement: req('cstf-sga'),
    holdings: [hold(['cc25-10'])],
    eqs: CC_EQS,
    status: 'missing',
    chosen: null,
  },
  {
    name: "'equivalent' works from the 2015 standard to the 2025 one",
    requirement: req('cc25-10'),
    holdings: [hold(['cc15-10'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 0,
    via: /2015 and 2025 versions are equivalent/,
  },
  {
    name: "'equivalent' works the other way too",
    requirement: req('cc15-10'),
    holdings: [hold(['cc25-10'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 0,
    via: /equivalent/,
  },
  {
    name: 'higher CSTF level covers the lower one, with the requirement’s own max age',
    requirement: req('cstf-ipc-l1', { maxAgeMonths: 36 }),
    holdings: [hold(['cstf-ipc-l2'], { validFrom: '2023-01-01T00:00:00.000Z', validUntil: null })],
    eqs: CC_EQS,
    status: 'expired',
    chosen: 0,
  },
  {
    name: 'chains are followed: Level 4 apprenticeship -> Level 4 -> Level 3 -> Level 2',
    requirement: req('rqf-l2', { kind: 'qualification', requirement: 'recommended' }),
    holdings: [hold(['app-l4'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 0,
    via: /Level 4 apprenticeship includes the Level 4 Diploma; Level 4 meets Level 3; Level 3 meets Level 2/,
  },
  {
    name: 'a lower qualification never meets a higher one',
    requirement: req('rqf-l4'),
    holdings: [hold(['rqf-l2'])],
    eqs: CC_EQS,
    status: 'missing',
    chosen: null,
  },
  {
    name: 'a credential aligned both directly and through an equivalence counts as direct',
    requirement: req('cc25-10'),
    holdings: [hold(['cstf-sga', 'cc25-10'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 0,
    via: null,
  },

  // ---- best of several
  {
    name: 'best of several: the in-date one over a lapsed one',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [
      hold(['x'], { validFrom: '2024-01-01T00:00:00.000Z', state: 'expired', validUntil: '2025-01-01T00:00:00.000Z' }),
      hold(['x'], { validFrom: '2026-02-01T00:00:00.000Z' }),
    ],
    status: 'met',
    chosen: 1,
    inDateUntil: '2027-02-01T00:00:00.000Z',
  },
  {
    name: 'best of several: the later deadline of two in-date ones',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [
      hold(['x'], { validFrom: '2025-08-01T00:00:00.000Z' }),
      hold(['x'], { validFrom: '2026-03-01T00:00:00.000Z' }),
      hold(['x'], { validFrom: '2025-12-01T00:00:00.000Z' }),
    ],
    status: 'met',
    chosen: 1,
  },
  {
    name: 'best of several: of two lapsed ones, the most recent',
    requirement: req('x', { maxAgeMonths: 12 }),
    holdings: [
      hold(['x'], { validFrom: '2024-01-01T00:00:00.000Z' }),
      hold(['x'], { validFrom: '2025-03-01T00:00:00.000Z' }),
    ],
    status: 'expired',
    chosen: 1,
    inDateUntil: '2026-03-01T00:00:00.000Z',
  },
  {
    name: 'best of several: a direct match over an equivalence with the same deadline',
    requirement: req('cc25-10'),
    holdings: [hold(['cstf-sga']), hold(['cc25-10'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 1,
    via: null,
  },
  {
    name: 'best of several: an in-date equivalence over a lapsed direct match',
    requirement: req('cc25-10', { maxAgeMonths: 36 }),
    holdings: [hold(['cc25-10'], { validFrom: '2022-01-01T00:00:00.000Z' }), hold(['cstf-sga'])],
    eqs: CC_EQS,
    status: 'met',
    chosen: 1,
    via: /CSTF-SGA/,
  },
  {
    name: 'best of several: a recognised issuer over an unrecognised one with a later deadline',
    requirement: req('x'),
    holdings: [
      hold(['x'], { recognised: false, validUntil: '2030-01-01T00:00:00.000Z' }),
      hold(['x'], { validUntil: '2027-01-01T00:00:00.000Z' }),
    ],
    status: 'met',
    chosen: 1,
  },
];

describe('assessRoleFit: one requirement at a time', () => {
  it.each(CASES)('$name', (tc) => {
    const { lines } = assessRoleFit([tc.requirement], tc.holdings, tc.eqs ?? [], NOW);
    const line = lines[0]!;
    expect(line.status).toBe(tc.status);
    expect(line.holding?.credentialId ?? null).toBe(tc.chosen === null ? null : tc.holdings[tc.chosen]!.credentialId);
    if (tc.inDateUntil !== undefined) expect(line.inDateUntil).toBe(tc.inDateUntil);
    if (tc.via === null) expect(line.via).toBeNull();
    else if (tc.via) expect(line.via?.label).toMatch(tc.via);
    if (tc.status === 'missing') expect(line.action).toMatch(/^Complete /);
    if (tc.status === 'expired') expect(line.action).toMatch(/^Refresh /);
    if (tc.status === 'expiring') expect(line.action).toMatch(/^Book a refresher .* before \d{4}-\d{2}-\d{2}$/);
    if (tc.status === 'met') expect(line.action).toBeNull();
  });

  it('names the held item an equivalence came through', () => {
    const { lines } = assessRoleFit([req('cc25-10')], [hold(['cstf-sga'])], CC_EQS, NOW);
    expect(lines[0]!.via?.fromId).toBe('cstf-sga');
    const eqBack = assessRoleFit([req('cc15-10')], [hold(['cc25-10'])], CC_EQS, NOW);
    expect(eqBack.lines[0]!.via?.fromId).toBe('cc25-10');
  });

  it('is pure: the same inputs give the same report', () => {
    const hs = [hold(['x'], { validUntil: '2026-07-01T00:00:00.000Z' }), hold(['cstf-sga'])];
    const rs = [req('x'), req('cc25-10')];
    expect(assessRoleFit(rs, hs, CC_EQS, NOW)).toEqual(assessRoleFit(rs, hs, CC_EQS, NOW));
  });
});

describe('assessRoleFit: the summary line', () => {
  const SUMMARIES: {
    name: string;
    reqs: Requirement[];
    holdings: Holding[];
    text: string;
    counts?: Record<string, number>;
  }[] = [
    {
      name: 'required and recommended are counted apart',
      reqs: [
        req('a'),
        req('b', { maxAgeMonths: 12 }),
        req('c'),
        req('d', { requirement: 'recommended' }),
        req('e', { requirement: 'recommended' }),
      ],
      holdings: [hold(['a']), hold(['b'], { validFrom: '2024-01-01T00:00:00.000Z' }), hold(['d'])],
      text: 'Can skip 1 of 3 required items; 1 needs a refresher; 1 missing; 1 of 2 recommended items held.',
      counts: {
        required: 3,
        requiredMet: 1,
        requiredExpired: 1,
        requiredMissing: 1,
        recommended: 2,
        recommendedMet: 1,
      },
    },
    {
      name: 'expiring items can be skipped but are named',
      reqs: [req('a'), req('b'), req('c')],
      holdings: [
        hold(['a']),
        hold(['b'], { validUntil: '2026-07-01T00:00:00.000Z' }),
        hold(['c'], { validUntil: '2026-06-20T00:00:00.000Z' }),
      ],
      text: `Can skip 3 of 3 required items; 2 expiring within ${EXPIRING_DAYS} days.`,
    },
    {
      name: 'plural refreshers',
      reqs: [req('a', { maxAgeMonths: 12 }), req('b', { maxAgeMonths: 12 })],
      holdings: [hold(['a', 'b'], { validFrom: '2024-01-01T00:00:00.000Z' })],
      text: 'Can skip 0 of 2 required items; 2 need a refresher.',
    },
    {
      name: 'one required item',
      reqs: [req('a')],
      holdings: [hold(['a'])],
      text: 'Can skip 1 of 1 required item.',
    },
    {
      name: 'a recommended item missing does not count against the required ones',
      reqs: [req('a'), req('r', { requirement: 'recommended' })],
      holdings: [hold(['a'])],
      text: 'Can skip 1 of 1 required item; 0 of 1 recommended item held.',
    },
    {
      name: 'only recommended items',
      reqs: [req('r', { requirement: 'recommended' })],
      holdings: [hold(['r'])],
      text: 'No required items; 1 of 1 recommended item held.',
    },
    {
      name: 'items met only by unrecognised issuers are flagged',
      reqs: [req('a'), req('b')],
      holdings: [hold(['a'], { recognised: false }), hold(['b'])],
      text: 'Can skip 2 of 2 required items; 1 rests on issuers not recognised here.',
    },
    {
      name: 'revoked and suspended credentials leave items missing',
      reqs: [req('a'), req('b')],
      holdings: [hold(['a'], { state: 'revoked' }), hold(['b'], { state: 'suspended' })],
      text: 'Can skip 0 of 2 required items; 2 missing.',
    },
  ];

  it.each(SUMMARIES)('$name', (tc) => {
    const { summary } = assessRoleFit(tc.reqs, tc.holdings, [], NOW);
    expect(summary.text).toBe(tc.text);
    if (tc.counts) expect(summary).toMatchObject(tc.counts);
  });
});

describe('meetingIds', () => {
  it('terminates on cycles and never walks a satisfies edge backwards', () => {
    const eqs = [equivalent('a', 'b'), equivalent('b', 'a'), satisfies('c', 'a'), satisfies('a', 'd')];
    const ids = meetingIds('a', eqs);
    expect([...ids.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(ids.get('a')).toBeNull();
  });
});

// ---------------------------------------------------------------- holdings from verification results

function result(over: Partial<CredentialResult> & { credential?: Record<string, unknown> }): CredentialResult {
  return {
    verified: true,
    format: 'vc2-jwt',
    checks: [],
    errors: [],
    warnings: [],
    trust: { recognised: true, name: 'Academy', approvedForThis: true },
    ...over,
  };
}
const credential = (subjectId: string, extra: Record<string, unknown> = {}) => ({
  id: 'urn:uuid:1',
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
  credentialSubject: { id: subjectId, achievement: { name: 'Fire safety', alignment: [{ targetCode: 'cstf-fire' }] } },
  ...extra,
});
const err = (code: string) => ({ code, message: code }) as CredentialResult['errors'][number];

describe('holdingsFromResults', () => {
  it('maps verification outcomes to states', () => {
    const hs = holdingsFromResults([
      result({ credential: credential('did:key:me') }),
      result({ verified: false, errors: [err('expired')], credential: credential('did:key:me') }),
      result({ verified: false, errors: [err('revoked')], credential: credential('did:key:me') }),
      result({ verified: false, errors: [err('suspended')], credential: credential('did:key:me') }),
      result({
        verified: false,
        errors: [err('expired'), err('issuer_not_approved')],
        credential: credential('did:key:me'),
      }),
      result({ verified: false, errors: [err('malformed_jwt')] }),
    ]);
    expect(hs.map((h) => h.state)).toEqual(['valid', 'expired', 'revoked', 'suspended', 'invalid']);
    expect(hs[0]).toMatchObject({
      name: 'Fire safety',
      alignedIds: ['cstf-fire'],
      issuerName: 'Academy',
      recognised: true,
      validFrom: '2026-01-01T00:00:00.000Z',
    });
  });

  it("never counts a credential issued to someone other than the presentation's holder", () => {
    const hs = holdingsFromResults(
      [result({ credential: credential('did:key:me') }), result({ credential: credential('did:key:someone-else') })],
      { holder: 'did:key:me' },
    );
    expect(hs.map((h) => h.state)).toEqual(['valid', 'invalid']);
  });

  it('reads VC 1.1 dates (issuanceDate / expirationDate, or the JWT nbf and exp)', () => {
    const vc1 = { id: 'urn:uuid:2', credentialSubject: { id: 'did:key:me' }, type: ['VerifiableCredential'] };
    const nbf = Date.parse('2025-09-01T00:00:00Z') / 1000;
    const exp = Date.parse('2026-09-01T00:00:00Z') / 1000;
    const jwt = `${base64UrlEncode(utf8('{"alg":"EdDSA"}'))}.${base64UrlEncode(utf8(JSON.stringify({ nbf, exp, vc: {} })))}.sig`;
    const [fromClaims, fromFields] = holdingsFromResults(
      [
        result({ format: 'vc1-jwt', credential: vc1 }),
        result({
          format: 'vc1-jwt',
          credential: { ...vc1, issuanceDate: '2025-01-02T00:00:00Z', expirationDate: '2027-01-02T00:00:00Z' },
        }),
      ],
      { jwts: [jwt, null] },
    );
    expect(fromClaims).toMatchObject({ validFrom: '2025-09-01T00:00:00.000Z', validUntil: '2026-09-01T00:00:00.000Z' });
    expect(fromFields).toMatchObject({ validFrom: '2025-01-02T00:00:00.000Z', validUntil: '2027-01-02T00:00:00.000Z' });
    // With the dates read, a 12-month requirement is in date rather than "expired since 1970".
    const fit = assessRoleFit([req('x', { maxAgeMonths: 12 })], [{ ...fromClaims!, alignedIds: ['x'] }], [], NOW);
    expect(fit.lines[0]).toMatchObject({ status: 'met', inDateUntil: '2026-09-01T00:00:00.000Z' });
  });
});

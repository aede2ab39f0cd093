/**
 * The role-fit report and a saved check read the same English through the message catalogue as they did when their
 * words were written into the pages: each is rendered and compared with stored sentences and fragments.
 */
import { describe, expect, it } from 'vitest';
import { COMPETENCIES, EQUIVALENCES, ROLE_REQUIREMENTS } from '../../db/seed/reference-data';
import type { Actor } from '../../worker/context';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import type { RoleFitReport } from '../../worker/services/employer/check-fit';
import { assessRoleFit, type Equivalence, type Holding, toRequirement } from '../../worker/services/employer/role-fit';
import type { SavedVerification } from '../../worker/services/employer/saved-verifications';
import { SavedDetailPage } from '../../web/pages/employer-saved';
import { RoleFitTable, RoutePlanList } from '../../web/pages/role-fit';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const competencyById = new Map(COMPETENCIES.map((c) => [c.id, c]));
const EQS: Equivalence[] = EQUIVALENCES.filter((e) => e.kind === 'competency').map((e) => ({
  fromId: e.fromId,
  toId: e.toId,
  relation: e.relation,
  label: e.label,
  strength: e.strength,
  source: e.source,
}));

const hold = (id: string, alignedIds: string[], over: Partial<Holding> = {}): Holding => ({
  credentialId: `urn:uuid:${id}`,
  name: competencyById.get(alignedIds[0] ?? '')?.name ?? 'Certificate',
  issuerName: 'Moorside Care Academy',
  alignedIds,
  validFrom: '2026-01-10T00:00:00.000Z',
  validUntil: null,
  state: 'valid',
  recognised: true,
  ...over,
});

/** A senior care worker's fit for someone with a 2015 Care Certificate, fire safety in date and lapsed information governance. */
function seniorFit(): RoleFitReport {
  const reqs = ROLE_REQUIREMENTS.filter((r) => r.roleId === 'dhsc-senior-care-worker').map((r) =>
    toRequirement(competencyById.get(r.competencyId)!, r),
  );
  const holdings = [
    hold(
      'cc',
      Array.from({ length: 15 }, (_, i) => `cc15-${String(i + 1).padStart(2, '0')}`),
      {
        name: 'Care Certificate (2015 standards)',
      },
    ),
    hold('fire', ['cstf-fire']),
    hold('ig', ['cstf-ig'], { validFrom: '2025-05-01T00:00:00.000Z' }),
    hold('mh', ['cstf-mh-l2'], { recognised: false }),
  ];
  const { lines, summary } = assessRoleFit(reqs, holdings, EQS, NOW, { title: 'Senior care worker' });
  return {
    role: {
      ref: 'role:dhsc-senior-care-worker',
      title: 'Senior care worker',
      source: 'DHSC social care roles',
      bandLabel: null,
      payText: null,
    },
    lines,
    summary,
    notCounted: null,
  };
}

const text = (node: unknown) =>
  String(node)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('the role-fit report in English', () => {
  const fit = seniorFit();
  const html = String(<RoleFitTable fit={fit} />);
  const required = fit.lines.filter((l) => l.requirement.requirement === 'required').length;

  it('keeps its headings, counts and closing note', () => {
    expect(html).toContain('<h2 id="fit-heading">Role fit: Senior care worker</h2>');
    expect(html).toContain('<ul class="small inline-list" aria-label="Counts of required items">');
    expect(html).toMatch(/<li><span class="tag ok">\d+<\/span> met and in date<\/li>/);
    expect(html).toMatch(/<li><span class="tag warn">\d+<\/span> expiring soon<\/li>/);
    expect(html).toMatch(/<li><span class="tag">\d+<\/span> expired<\/li>/);
    expect(html).toMatch(/<li><span class="tag">\d+<\/span> still needed<\/li>/);
    expect(html).toContain(`<caption id="fit-required">Required (${required})</caption>`);
    expect(html).toContain(
      '<p class="small muted">Some items are met through equivalences between frameworks (for example a CSTF subject meeting a Care Certificate standard). Mappings between frameworks are indicative, not contractual: use your judgement for anything marked indicative.</p>',
    );
  });

  it('keeps the words of each line: status, hint, dates, equivalences and issuers', () => {
    for (const sentence of [
      'Requirement Status Met by What next',
      'Met and in date No retraining needed',
      'Missing Training needed',
      'Nothing shared meets this',
      'Lapsed 2026-05-01',
      'issuer not recognised here',
      'Through an equivalence:',
    ])
      expect(text(html)).toContain(sentence);
    expect(html).toMatch(
      /<span class="tag warn">(official|indicative|published by an awarding or sector body)<\/span> Through an equivalence: /,
    );
    expect(html).toMatch(/<div class="small muted">Refresher every \d+ months<\/div>/);
  });

  it('keeps the route plan headings, for the employer and in the second person for the worker', () => {
    const plan = {
      skip: ['Fire safety'],
      refreshers: ['IG'],
      shortTraining: ['A', 'B'],
      localSignOff: ['C'],
      longer: ['D'],
    };
    expect(text(<RoutePlanList plan={plan} />)).toBe(
      ' Training they can skip (1) Fire safety Refreshers due (1) IG Short training still needed (2) A B Needs local sign-off (person-specific competence) (1) C Qualifications, registration and entry requirements (1) D ',
    );
    expect(text(<RoutePlanList plan={plan} reader="worker" />)).toBe(
      ' Training you can skip (1) Fire safety Refreshers due (1) IG Short courses you still need (2) A B Needs sign-off by your new employer (your earlier evidence helps) (1) C Qualifications, registration and entry requirements (1) D ',
    );
  });
});

const actor: Extract<Actor, { kind: 'user' }> = {
  kind: 'user',
  user: {
    id: 'u1',
    email: 'erin@example.test',
    displayName: 'Erin Manager',
    isPlatformAdmin: false,
    emailVerified: true,
    holderDid: null,
  },
  sessionId: 's1',
  csrfToken: 'csrf',
  memberships: [],
};

const emptyReport = (checkedAt: string): CheckReport => ({
  checkedAt,
  source: 'share',
  verified: true,
  holder: null,
  sharedBy: null,
  presentation: null,
  credentials: [],
  notes: [],
});

describe('a saved check in English', () => {
  const fit = seniorFit();
  const saved = (over: Partial<SavedVerification> = {}): SavedVerification => ({
    id: '0d9c1c3e-1111-4222-8333-444455556666',
    candidateName: 'Wendy Worker',
    createdAt: '2026-06-01T09:00:00.000Z',
    checkedAt: '2026-07-15T10:30:00.000Z',
    savedBy: 'Erin Manager',
    roleRef: fit.role.ref,
    input: { v: 1, source: 'share', credentials: [], holder: 'did:key:z6MkExample', shareId: null },
    result: {
      original: { checkedAt: '2026-06-01T09:00:00.000Z', verified: true, verdicts: [], roleFitText: 'Earlier fit.' },
      latest: { report: emptyReport('2026-07-15T10:30:00.000Z'), roleFit: fit },
    },
    ...over,
  });
  const org = { slug: 'sunrise', name: 'Sunrise Care Homes', status: 'approved' as const };
  const page = (s: SavedVerification) =>
    text(<SavedDetailPage actor={actor} org={org} saved={s} frameworkNames={{}} />);

  it('keeps the record, its times and what changed since the first check', () => {
    const out = page(saved());
    for (const sentence of [
      'Check: Wendy Worker · Sunrise Care Homes',
      'Verification record: Wendy Worker',
      'Organisation Sunrise Care Homes Candidate Wendy Worker Saved by Erin Manager',
      'First checked 2026-06-01 at 09:00 UTC Last checked 2026-07-15 at 10:30 UTC',
      'What they gave Share link from their Care Passport First result All valid; Earlier fit.',
      "Holder's identifier",
      'Changed since the first check:',
      `Role fit was: Earlier fit. Now: ${fit.summary.text}`,
      "Re-check now Verifies the credentials again (revocation, suspension, expiry); the first check's time is kept.",
      "To file it, use your browser's Print command (or print to PDF): navigation and buttons are left out.",
      'Role fit: Senior care worker',
      'Latest check',
    ])
      expect(out).toContain(sentence);
  });

  it('keeps the words for an unnamed candidate, a check not re-checked and an erased account', () => {
    const first = emptyReport('2026-06-01T09:00:00.000Z');
    const out = page(
      saved({
        candidateName: null,
        input: { v: 1, source: 'credentials', credentials: [], holder: null, shareId: null, erased: true },
        result: {
          original: { checkedAt: first.checkedAt, verified: false, verdicts: [], roleFitText: null },
          latest: { report: first, roleFit: null },
        },
      }),
    );
    for (const sentence of [
      'Check: candidate · Sunrise Care Homes',
      'Verification record: Unnamed candidate',
      'Last checked Not re-checked since',
      'What they gave Credentials (pasted or uploaded) First result Not all valid',
      'The candidate has deleted their account: this record keeps its result, without their name or certificates, and cannot be re-checked.',
    ])
      expect(out).toContain(sentence);
    expect(out).not.toContain('Re-check now');
  });
});

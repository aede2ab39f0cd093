/**
 * The credential summary the verifier attaches to every result, and role-fit holdings made from it: they must
 * agree with role fit's own reading of the credential (holdingsFromResults) on every case it covers.
 */
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, utf8 } from '../../worker/credentials/encoding';
import type { CredentialResult } from '../../worker/credentials/verify';
import { holdingFromSummary, holdingsFromChecks } from '../../worker/services/employer/holdings';
import { holdingsFromResults } from '../../worker/services/employer/role-fit';
import { summarise } from '../../worker/services/verification/summary';
import type { VerifiedCredential } from '../../worker/services/verification/verifier';

const verifiedResult: CredentialResult = {
  verified: true,
  format: 'vc2-jwt',
  issuer: 'did:web:academy.example',
  trust: { recognised: true, name: 'Academy', approvedForThis: true },
  checks: [],
  errors: [],
  warnings: [],
};
const result = (over: Partial<CredentialResult> & { credential?: Record<string, unknown> }): CredentialResult => ({
  ...verifiedResult,
  ...over,
});
const credential = (subjectId: string, extra: Record<string, unknown> = {}) => ({
  id: 'urn:uuid:1',
  issuer: { id: 'did:web:academy.example', name: 'Academy (as it names itself)' },
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
  credentialSubject: {
    id: subjectId,
    name: 'Sam Carer',
    achievement: {
      name: 'Fire safety',
      achievementType: 'Certificate',
      alignment: [{ targetCode: 'cstf-fire' }, { targetCode: 'cstf-fire' }, { targetName: 'no code' }],
    },
  },
  ...extra,
});
const err = (code: string) => ({ code, message: code }) as CredentialResult['errors'][number];
const verified = (r: CredentialResult, jwt?: string): VerifiedCredential => ({
  ...r,
  summary: summarise(r, () => jwt),
});

describe('summarise', () => {
  it('reads what a verified credential says, once', () => {
    expect(summarise(result({ credential: credential('did:key:me') }))).toEqual({
      id: 'urn:uuid:1',
      subjectId: 'did:key:me',
      subjectIds: ['did:key:me'],
      subjectName: 'Sam Carer',
      name: 'Fire safety',
      achievementType: 'Certificate',
      issuerId: 'did:web:academy.example',
      issuerName: 'Academy (as it names itself)',
      alignedCodes: ['cstf-fire'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2027-01-01T00:00:00.000Z',
      status: 'valid',
      level: null,
      evidence: [],
    });
  });

  it('is null when the credential could not be read and trusted', () => {
    expect(summarise(result({ verified: false, errors: [err('invalid_signature')], issuer: undefined }))).toBeNull();
  });

  it('gives one verdict: revoked and suspended win over expired, anything else failing is invalid', () => {
    const statuses = [
      [],
      [err('expired')],
      [err('expired'), err('revoked')],
      [err('suspended')],
      [err('expired'), err('issuer_not_approved')],
    ].map((errors) => summarise(result({ verified: !errors.length, errors, credential: credential('x') }))?.status);
    expect(statuses).toEqual(['valid', 'expired', 'revoked', 'suspended', 'invalid']);
  });

  it("falls back to the credential's own name, and reads the JWT's dates only when the credential has none", () => {
    const nbf = Date.parse('2025-09-01T00:00:00Z') / 1000;
    const exp = Date.parse('2026-09-01T00:00:00Z') / 1000;
    const jwt = `${base64UrlEncode(utf8('{"alg":"EdDSA"}'))}.${base64UrlEncode(utf8(JSON.stringify({ nbf, exp })))}.sig`;
    let reads = 0;
    const vc1 = { id: 'urn:uuid:2', name: 'Moving and handling', credentialSubject: [{ id: 'a' }, {}] };
    const s = summarise(result({ format: 'vc1-jwt', credential: vc1 }), () => {
      reads++;
      return jwt;
    });
    expect(s).toMatchObject({
      name: 'Moving and handling',
      subjectIds: ['a', null],
      validFrom: '2025-09-01T00:00:00.000Z',
      validUntil: '2026-09-01T00:00:00.000Z',
    });
    summarise(result({ credential: credential('a') }), () => {
      reads++;
      return jwt;
    });
    expect(reads).toBe(1);
  });
});

describe('holdings from summaries', () => {
  it('carry the stated level, the provider kinds and the evidence role fit needs', () => {
    const levelled = credential('did:key:me', {
      evidence: [
        {
          type: ['Evidence'],
          name: 'Assessed by Jo Patel on 2026-01-01',
          narrative: 'Delegated by a district nurse; review due 2026-09-01',
        },
      ],
    });
    (levelled.credentialSubject.achievement as Record<string, unknown>).name = 'Safeguarding adults level 2';
    const r = result({
      credential: levelled,
      trust: { recognised: true, name: 'Academy', approvedForThis: true, providerKinds: ['cstf_aligned'] },
    });
    const [h] = holdingsFromChecks([verified(r)], 'did:key:me');
    expect(h).toMatchObject({
      level: 2,
      providerKinds: ['cstf_aligned'],
      evidence: { assessedBy: 'Jo Patel', delegatingRole: 'district nurse', reviewDate: '2026-09-01' },
    });
    expect(holdingsFromChecks([verified(r)], 'did:key:me')).toEqual(holdingsFromResults([r], { holder: 'did:key:me' }));
  });

  it('agree with role fit reading the credentials itself', () => {
    const results = [
      result({ credential: credential('did:key:me') }),
      result({ verified: false, errors: [err('expired')], credential: credential('did:key:me') }),
      result({ verified: false, errors: [err('revoked')], credential: credential('did:key:me') }),
      result({ credential: credential('did:key:someone-else', { id: undefined }) }),
      result({ verified: false, errors: [err('malformed_jwt')], issuer: undefined }),
    ];
    for (const holder of [null, 'did:key:me']) {
      expect(
        holdingsFromChecks(
          results.map((r) => verified(r)),
          holder,
        ),
      ).toEqual(holdingsFromResults(results, { holder }));
    }
  });

  it("never counts a credential issued to someone other than the presentation's holder", () => {
    const s = summarise(result({ credential: credential('did:key:someone-else') }));
    expect(s).not.toBeNull();
    if (!s) return;
    expect(holdingFromSummary(s, undefined, { holder: 'did:key:me' })).toMatchObject({ state: 'invalid' });
    expect(holdingFromSummary(s, undefined)).toMatchObject({
      state: 'valid',
      // People see the name it gives itself, marked as not recognised; never its identifier.
      issuerName: 'Academy (as it names itself) (issuer not recognised here)',
      recognised: false,
    });
  });
});

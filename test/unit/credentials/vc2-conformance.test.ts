/**
 * VC Data Model 2.0 and Bitstring Status List requirements that plain JSON would let through, written from the
 * specifications' MUST statements: each signed-but-broken credential fails with schema_invalid (or
 * status_list_invalid) and names the rule it broke.
 */
import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential } from '../../../worker/credentials/issue';
import { signJwt } from '../../../worker/credentials/jwt';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { badgeInput, makeWorld, NOW, type World } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: the mutations deliberately break the credential's type.
type Loose = Record<string, any>;

async function signed(world: World, mutate: (vc: Loose) => void, header: Loose = {}) {
  const vc = structuredClone(buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did))) as Loose;
  mutate(vc);
  const key = world.issuer.current;
  return signJwt(
    { alg: 'EdDSA', typ: 'vc+jwt', kid: key.id, ...header },
    { ...vc, iss: world.issuer.did },
    key.privateKey,
  );
}

const rules = (r: { errors: { code: string; rule?: string }[] }) => r.errors.map((e) => `${e.code}/${e.rule ?? ''}`);

const CASES: [string, (vc: Loose) => void, string][] = [
  // VC 2.0 §4.3: every @context entry is a URL or an object, the first one the VC 2.0 context.
  ['an @context entry that is not a URL', (vc) => vc['@context'].push('not a url'), 'schema_invalid/context_invalid'],
  ['an @context entry that is a number', (vc) => vc['@context'].push(42), 'schema_invalid/context_invalid'],
  ['an empty @context', (vc) => (vc['@context'] = []), 'schema_invalid/context_invalid'],
  // §4.4: type includes VerifiableCredential.
  ['type without VerifiableCredential', (vc) => (vc.type = ['OpenBadgeCredential']), 'schema_invalid/type_invalid'],
  // §4.5: id is a single URL.
  ['an id that is an array', (vc) => (vc.id = [vc.id]), 'schema_invalid/id_invalid'],
  // §4.7: issuer is a URL or an object with an id URL.
  ['an issuer object without id', (vc) => delete vc.issuer.id, 'schema_invalid/issuer_invalid'],
  // §4.8: credentialSubject is one or more objects, each making a claim.
  ['an empty credentialSubject array', (vc) => (vc.credentialSubject = []), 'schema_invalid/subject_invalid'],
  ['an empty credentialSubject object', (vc) => (vc.credentialSubject = {}), 'schema_invalid/subject_invalid'],
  ['a credentialSubject that is a string', (vc) => (vc.credentialSubject = 'alice'), 'schema_invalid/subject_invalid'],
  // §4.9: validFrom and validUntil are dateTimeStamps, and validFrom is not after validUntil.
  ['validFrom after validUntil', (vc) => (vc.validFrom = '2030-01-01T00:00:00Z'), 'schema_invalid/date_invalid'],
  // §4.10-4.12, §5.6-5.7: status, schema, refresh, terms of use and evidence objects carry a type.
  ['evidence without type', (vc) => delete vc.evidence[0].type, 'schema_invalid/typed_object_invalid'],
  [
    'credentialSchema without type',
    (vc) => (vc.credentialSchema = { id: 'https://s.example/1' }),
    'schema_invalid/typed_object_invalid',
  ],
  [
    'credentialSchema without id',
    (vc) => (vc.credentialSchema = { type: 'JsonSchema' }),
    'schema_invalid/typed_object_invalid',
  ],
  [
    'refreshService without type',
    (vc) => (vc.refreshService = { id: 'https://r.example/' }),
    'schema_invalid/typed_object_invalid',
  ],
  [
    'termsOfUse without type',
    (vc) => (vc.termsOfUse = [{ id: 'https://t.example/' }]),
    'schema_invalid/typed_object_invalid',
  ],
  ['an embedded proof without type', (vc) => (vc.proof = { proofValue: 'z1' }), 'schema_invalid/typed_object_invalid'],
  ['a status entry without type', (vc) => delete vc.credentialStatus[0].type, 'schema_invalid/typed_object_invalid'],
  [
    'a status entry whose id is an array',
    (vc) => (vc.credentialStatus[0].id = ['https://a.example/1']),
    'schema_invalid/typed_object_invalid',
  ],
  [
    'a status entry whose id is a DID, not a URL',
    (vc) => (vc.credentialStatus[0].id = 'did:example:1'),
    'schema_invalid/status_entry_invalid',
  ],
  // Open Badges 3.0: a single AchievementSubject with an achievement.
  [
    'an Open Badge without its achievement',
    (vc) => delete vc.credentialSubject.achievement,
    'schema_invalid/open_badge_invalid',
  ],
];

describe('VC 2.0 data model MUSTs (each with its named rule)', () => {
  for (const [name, mutate, expected] of CASES) {
    it(`refuses ${name}`, async () => {
      const world = await makeWorld();
      expect(rules(await verifyCredentialJwt(await signed(world, mutate), world.deps()))).toEqual([expected]);
    });
  }

  it('refuses JWT claims that restate the credential differently (nbf, exp, sub), once the signature holds', async () => {
    const world = await makeWorld();
    for (const claims of [{ nbf: 1 }, { exp: 4102444800 }, { sub: 'did:example:someone-else' }]) {
      const jwt = await signed(world, (vc) => Object.assign(vc, claims));
      const result = await verifyCredentialJwt(jwt, world.deps());
      expect(rules(result)).toContain('schema_invalid/claims_mismatch');
      expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
    }
  });
});

describe('Bitstring Status List entry MUSTs', () => {
  it('refuses statusSize above 1 without statusMessage, or with the wrong number of messages', async () => {
    const world = await makeWorld();
    const noMessages = await signed(world, (vc) => (vc.credentialStatus[0].statusSize = 2));
    expect(rules(await verifyCredentialJwt(noMessages, world.deps()))).toEqual([
      'status_list_invalid/status_entry_invalid',
    ]);
    const short = await signed(world, (vc) => {
      vc.credentialStatus[0].statusSize = 2;
      vc.credentialStatus[0].statusMessage = [{ status: '0x0', message: 'valid' }];
    });
    expect(rules(await verifyCredentialJwt(short, world.deps()))).toEqual(['status_list_invalid/status_entry_invalid']);
  });
});

describe('dates in VC 1.1 JWTs', () => {
  it('refuses as expired a VC 1.1 JWT whose vc.expirationDate has passed, even without an exp claim', async () => {
    const world = await makeWorld();
    const key = world.issuer.current;
    const payload = {
      iss: world.issuer.did,
      sub: world.holder.did,
      nbf: Math.floor(Date.parse('2024-01-01T00:00:00Z') / 1000),
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { name: 'Someone' },
        expirationDate: new Date(NOW.getTime() - 86_400_000).toISOString(),
      },
    };
    const jwt = await signJwt({ alg: 'EdDSA', typ: 'JWT', kid: key.id }, payload, key.privateKey);
    expect(rules(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['expired/']);
  });
});

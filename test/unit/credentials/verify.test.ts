import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, signCredentialJwt } from '../../../worker/credentials/issue';
import { signJwt } from '../../../worker/credentials/jwt';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { ERROR_CODES } from '../../../worker/credentials/errors';
import {
  badgeInput,
  codes,
  decodeParts,
  encodeParts,
  fromB64url,
  makeKey,
  makeWorld,
  NOW,
  signedStatusList,
  toB64url,
} from './fixtures';

describe('verifyCredentialJwt: round trip', () => {
  it('verifies a freshly issued Open Badge with every check passing', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.format).toBe('vc2-jwt');
    expect(result.issuer).toBe(world.issuer.did);
    expect(result.warnings).toEqual([]);
    expect(result.trust).toMatchObject({ recognised: true, approvedForThis: true });
    expect(result.checks.map((c) => c.check)).toEqual([
      'size',
      'structure',
      'header',
      'schema',
      'issuer',
      'key',
      'signature',
      'dates',
      'status',
      'status',
      'trust',
    ]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect((result.credential as { credentialSubject: { id: string } }).credentialSubject.id).toBe(world.holder.did);
  });

  it('issues the VC-JOSE-COSE header and a claims set that is the credential', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await world.issue());
    expect(header).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: `${world.issuer.did}#key-1` });
    expect(payload.iss).toBe(world.issuer.did);
    expect(payload.jti).toBe(payload.id);
    expect(payload.vc).toBeUndefined();
    // Registered claims restate the credential, so Open Badges 3.0 JWT verifiers and JOSE libraries agree with it.
    expect(payload.sub).toBe(world.holder.did);
    expect(payload.nbf).toBe(Date.parse(payload.validFrom as string) / 1000);
    expect(payload.exp).toBe(Date.parse(payload.validUntil as string) / 1000);
    expect(payload.issuanceDate).toBe(payload.validFrom);
    expect(payload.expirationDate).toBe(payload.validUntil);
    expect(payload['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
  });

  it('exports only known error codes', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const { header, payload, signature } = decodeParts(jwt);
    const bad = encodeParts(header, { ...payload, name: 'x' }, signature);
    const result = await verifyCredentialJwt(bad, world.deps());
    for (const code of codes(result)) expect(ERROR_CODES).toContain(code);
  });
});

describe('verifyCredentialJwt: tampering', () => {
  it('rejects a changed claim (invalid_signature)', async () => {
    const world = await makeWorld();
    const { header, payload, signature } = decodeParts(await world.issue());
    const subject = payload.credentialSubject as { achievement: { name: string } };
    subject.achievement.name = 'Registered Nurse';
    const result = await verifyCredentialJwt(encodeParts(header, payload, signature), world.deps());
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(['invalid_signature']);
    expect(result.credential).toBeUndefined();
  });

  it('rejects a changed header (invalid_signature)', async () => {
    const world = await makeWorld();
    const { header, payload, signature } = decodeParts(await world.issue());
    const result = await verifyCredentialJwt(encodeParts({ ...header, x: 1 }, payload, signature), world.deps());
    expect(codes(result)).toEqual(['invalid_signature']);
  });

  it('rejects alg "none" (unsupported_algorithm)', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await world.issue());
    const result = await verifyCredentialJwt(encodeParts({ ...header, alg: 'none' }, payload, ''), world.deps());
    expect(codes(result)).toEqual(['unsupported_algorithm']);
  });

  it('rejects HS256 signed with the issuer public key as the HMAC secret (unsupported_algorithm)', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await world.issue());
    const forgedHeader = { ...header, alg: 'HS256' };
    const signingInput = encodeParts(forgedHeader, payload, '').slice(0, -1);
    // The classic confusion attack: the "secret" is public, so anyone can produce this MAC.
    for (const secret of [
      fromB64url(world.issuer.current.publicJwk.x as string),
      new TextEncoder().encode(JSON.stringify(world.issuer.current.publicJwk)),
    ]) {
      const hmacKey = await crypto.subtle.importKey(
        'raw',
        secret as Uint8Array<ArrayBuffer>,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(signingInput)));
      const result = await verifyCredentialJwt(`${signingInput}.${toB64url(mac)}`, world.deps());
      expect(codes(result)).toEqual(['unsupported_algorithm']);
    }
  });

  it('rejects a credential signed with a key that is not in the issuer document (invalid_signature)', async () => {
    const world = await makeWorld();
    const rogue = await makeKey(world.issuer.did, 'key-1');
    const result = await verifyCredentialJwt(await world.issue(undefined, rogue), world.deps());
    expect(codes(result)).toEqual(['invalid_signature']);
  });

  it('rejects a kid that points at another issuer key, even when that key really signed (unknown_key)', async () => {
    const world = await makeWorld();
    const credential = buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did));
    const other = world.otherIssuer.current;
    const { header, payload } = decodeParts(
      await signCredentialJwt(
        credential,
        { kid: world.issuer.current.id, privateKey: world.issuer.current.privateKey },
        { now: NOW },
      ),
    );
    // Re-sign by hand: claims name issuer A, but the header points at (and the signature comes from) issuer B's key.
    const signingInput = encodeParts({ ...header, kid: other.id }, payload, '').slice(0, -1);
    const signature = new Uint8Array(
      await crypto.subtle.sign('Ed25519', other.privateKey, new TextEncoder().encode(signingInput)),
    );
    const result = await verifyCredentialJwt(`${signingInput}.${toB64url(signature)}`, world.deps());
    expect(codes(result)).toEqual(['unknown_key']);
  });

  it('rejects a key of another DID even when the issuer document lists it (unknown_key)', async () => {
    const world = await makeWorld();
    const other = world.otherIssuer.current;
    const doc = world.issuer.doc();
    // A document that delegates assertion to another DID's key: the kid must still be one of the issuer's own.
    doc.verificationMethod?.push({
      id: other.id,
      type: 'JsonWebKey2020',
      controller: world.otherIssuer.did,
      publicKeyJwk: other.publicJwk,
    });
    doc.assertionMethod?.push(other.id);
    world.docs.set(world.issuer.did, doc);
    const { header, payload } = decodeParts(await world.issue());
    const jwt = await signJwt({ ...header, kid: other.id }, payload, other.privateKey);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['unknown_key']);
  });

  it('rejects a kid naming a key the issuer does not list (unknown_key)', async () => {
    const world = await makeWorld();
    const rogue = await makeKey(world.issuer.did, 'key-9');
    const result = await verifyCredentialJwt(await world.issue(undefined, rogue), world.deps());
    expect(codes(result)).toEqual(['unknown_key']);
  });

  it('rejects a JWT iss that differs from the credential issuer (schema_invalid, mirrored claims must agree)', async () => {
    const world = await makeWorld();
    const { header, payload } = decodeParts(await world.issue());
    const signingInput = encodeParts(header, { ...payload, iss: world.otherIssuer.did }, '').slice(0, -1);
    const sig = new Uint8Array(
      await crypto.subtle.sign('Ed25519', world.issuer.current.privateKey, new TextEncoder().encode(signingInput)),
    );
    const result = await verifyCredentialJwt(`${signingInput}.${toB64url(sig)}`, world.deps());
    expect(codes(result)).toEqual(['schema_invalid']);
    expect(result.errors[0]?.message).toMatch(/iss/);
  });

  it('rejects truncated and garbled tokens (malformed_jwt) and a cut signature (invalid_signature)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const [h, p, s] = jwt.split('.') as [string, string, string];
    for (const broken of [
      jwt.slice(0, jwt.length / 2),
      `${h}.${p.slice(0, 20)}!!${p.slice(22)}.${s}`,
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      `${h}.${p.slice(1)}.${s}`,
      '',
      'a.b.c',
    ]) {
      const result = await verifyCredentialJwt(broken, world.deps());
      expect(result.verified).toBe(false);
      expect(codes(result)).toEqual(['malformed_jwt']);
    }
    const cut = await verifyCredentialJwt(`${h}.${p}.${s.slice(0, 40)}`, world.deps());
    expect(codes(cut)).toEqual(['invalid_signature']);
  });

  it('rejects non-string input and oversized tokens without throwing', async () => {
    const world = await makeWorld();
    expect(codes(await verifyCredentialJwt(undefined as unknown as string, world.deps()))).toEqual(['malformed_jwt']);
    expect(codes(await verifyCredentialJwt('a'.repeat(70_000), world.deps()))).toEqual(['payload_too_large']);
  });

  it('rejects a wrong typ (wrong_type)', async () => {
    const world = await makeWorld();
    const { header, payload, signature } = decodeParts(await world.issue());
    for (const typ of ['vp+jwt', 'vc+sd-jwt', 'application/json']) {
      const result = await verifyCredentialJwt(encodeParts({ ...header, typ }, payload, signature), world.deps());
      expect(codes(result)).toEqual(['wrong_type']);
    }
    // typ JWT (or none) with a credential as the claims set is an Open Badges 3.0 JWT; here the header changed
    // under the signature, so only the signature fails.
    for (const typ of ['JWT', undefined]) {
      const result = await verifyCredentialJwt(encodeParts({ ...header, typ }, payload, signature), world.deps());
      expect(result.format).toBe('ob3-jwt');
      expect(codes(result)).toEqual(['invalid_signature']);
    }
    // A plain JWT whose claims are not an Open Badges credential is still not a credential.
    const { vc: _vc, ...rest } = payload;
    const plain = { ...rest, type: ['VerifiableCredential'] };
    const result = await verifyCredentialJwt(encodeParts({ ...header, typ: 'JWT' }, plain, signature), world.deps());
    expect(codes(result)).toEqual(['wrong_type']);
  });

  it('rejects a critical header extension (unsupported_header)', async () => {
    const world = await makeWorld();
    const { header, payload, signature } = decodeParts(await world.issue());
    const result = await verifyCredentialJwt(
      encodeParts({ ...header, crit: ['b64'], b64: false }, payload, signature),
      world.deps(),
    );
    expect(codes(result)).toEqual(['unsupported_header']);
  });
});

describe('verifyCredentialJwt: issuer and schema', () => {
  it('reports an issuer whose DID cannot be resolved (issuer_unresolvable)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    world.docs.delete(world.issuer.did);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['issuer_unresolvable']);
  });

  it('refuses a DID document that is for a different DID (issuer_unresolvable)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    world.docs.set(world.issuer.did, world.otherIssuer.doc());
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['issuer_unresolvable']);
  });

  it('rejects a signed credential that breaks the Open Badges schema (schema_invalid)', async () => {
    const world = await makeWorld();
    const credential = buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did)) as Record<string, unknown>;
    delete credential.name;
    const jwt = await signCredentialJwt(
      credential,
      { kid: world.issuer.current.id, privateKey: world.issuer.current.privateKey },
      { now: NOW },
    );
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(codes(result)).toEqual(['schema_invalid']);
    expect(result.errors[0]?.message).toMatch(/name/);
  });

  it('rejects a VC 2.0 token that also carries a vc claim (schema_invalid)', async () => {
    const world = await makeWorld();
    const credential = {
      ...buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did)),
      vc: { type: ['VerifiableCredential'] },
    };
    const jwt = await signCredentialJwt(
      { ...credential, vc: undefined },
      { kid: world.issuer.current.id, privateKey: world.issuer.current.privateKey },
      { now: NOW },
    );
    const { header, payload } = decodeParts(jwt);
    const signingInput = encodeParts(header, { ...payload, vc: credential.vc }, '').slice(0, -1);
    const sig = new Uint8Array(
      await crypto.subtle.sign('Ed25519', world.issuer.current.privateKey, new TextEncoder().encode(signingInput)),
    );
    expect(codes(await verifyCredentialJwt(`${signingInput}.${toB64url(sig)}`, world.deps()))).toEqual([
      'schema_invalid',
    ]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: these mutations deliberately break the credential's type.
type Loose = Record<string, any>;

describe('verifyCredentialJwt: hot-path shape checks', () => {
  /** Signs `mutate(credential)` properly, so only the shape check can reject it. */
  async function signedVariant(world: Awaited<ReturnType<typeof makeWorld>>, mutate: (vc: Loose) => void) {
    const vc = structuredClone(buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did))) as Loose;
    mutate(vc);
    const key = world.issuer.current;
    return signJwt({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id }, { ...vc, iss: world.issuer.did }, key.privateKey);
  }

  const variants: [string, (vc: Loose) => void][] = [
    ['first context not VC 2.0', (vc) => vc['@context'].reverse()],
    ['Open Badges context missing', (vc) => vc['@context'].pop()],
    ['no VerifiableCredential type', (vc) => (vc.type = ['OpenBadgeCredential'])],
    ['validFrom without time zone', (vc) => (vc.validFrom = '2025-01-15T09:00:00')],
    ['validUntil not a date', (vc) => (vc.validUntil = 'soon')],
    ['issuer not a Profile', (vc) => (vc.issuer = vc.issuer.id)],
    ['no achievement', (vc) => delete vc.credentialSubject.achievement],
    ['achievement without criteria', (vc) => delete vc.credentialSubject.achievement.criteria],
    ['alignment without targetUrl', (vc) => delete vc.credentialSubject.achievement.alignment[0].targetUrl],
    ['subject id not an IRI', (vc) => (vc.credentialSubject.id = 'alice')],
    ['two subjects', (vc) => (vc.credentialSubject = [vc.credentialSubject, vc.credentialSubject])],
  ];
  for (const [name, mutate] of variants) {
    it(`rejects a signed credential with ${name} (schema_invalid)`, async () => {
      const world = await makeWorld();
      expect(codes(await verifyCredentialJwt(await signedVariant(world, mutate), world.deps()))).toEqual([
        'schema_invalid',
      ]);
    });
  }

  it('rejects a malformed status entry (status_list_invalid) and ignores unknown status types with a warning', async () => {
    const world = await makeWorld();
    const bad = await signedVariant(world, (vc) => (vc.credentialStatus[0].statusListIndex = 12));
    expect(codes(await verifyCredentialJwt(bad, world.deps()))).toEqual(['status_list_invalid']);
    const other = await signedVariant(world, (vc) => (vc.credentialStatus[1] = { type: 'StatusList2021Entry' }));
    const result = await verifyCredentialJwt(other, world.deps());
    expect(result.verified).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['unsupported_status_purpose']);
  });

  it('accepts a plain VC 2.0 credential (not an Open Badge) from a did:key issuer', async () => {
    const world = await makeWorld();
    const holder = world.holder;
    const vc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: holder.did,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: holder.did, note: 'self-asserted' },
    };
    const jwt = await signCredentialJwt(vc, { kid: holder.kid, privateKey: holder.privateKey }, { now: NOW });
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(result.verified).toBe(true);
    expect(result.warnings.map((w) => w.code).sort()).toEqual(['issuer_not_recognised', 'no_status']);
  });
});

describe('verifyCredentialJwt: dates', () => {
  it('reports an expired credential (expired) but still verifies the signature', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    world.clock.now = new Date('2028-01-15T09:02:00Z');
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(codes(result)).toEqual(['expired']);
    expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
  });

  it('reports a credential that is not valid yet (not_yet_valid), honouring clock skew', async () => {
    const world = await makeWorld();
    const jwt = await world.issue({ ...badgeInput(world.issuer, world.holder.did), validFrom: '2025-06-01T12:00:30Z' });
    expect((await verifyCredentialJwt(jwt, world.deps())).verified).toBe(true);
    const deps = { ...world.deps(), clockSkewSeconds: 0 };
    expect(codes(await verifyCredentialJwt(jwt, deps))).toEqual(['not_yet_valid']);
  });
});

describe('verifyCredentialJwt: key rotation', () => {
  it('keeps verifying credentials signed with a retired key and uses the new kid for new ones', async () => {
    const world = await makeWorld();
    const oldJwt = await world.issue();
    world.issuer.keys.push(await makeKey(world.issuer.did, 'key-2'));
    world.publishDoc(world.issuer);
    const newJwt = await world.issue();
    expect(decodeParts(oldJwt).header.kid).toBe(`${world.issuer.did}#key-1`);
    expect(decodeParts(newJwt).header.kid).toBe(`${world.issuer.did}#key-2`);
    const deps = world.deps();
    for (const jwt of [oldJwt, newJwt]) expect((await verifyCredentialJwt(jwt, deps)).errors).toEqual([]);
    // Dropping the old key from the document is how a compromised key is killed.
    world.issuer.keys.shift();
    world.publishDoc(world.issuer);
    await world.setStatus('revocation', []);
    await world.setStatus('suspension', []);
    expect(codes(await verifyCredentialJwt(oldJwt, world.deps()))).toEqual(['unknown_key']);
    expect((await verifyCredentialJwt(newJwt, world.deps())).verified).toBe(true);
  });
});

describe('verifyCredentialJwt: trust', () => {
  it('warns about an unknown issuer but still verifies', async () => {
    const world = await makeWorld();
    world.trust.clear();
    const result = await verifyCredentialJwt(await world.issue(), world.deps());
    expect(result.verified).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['issuer_not_recognised']);
  });

  it('rejects a recognised issuer that is not approved for this achievement (issuer_not_approved)', async () => {
    const world = await makeWorld();
    world.trust.set(world.issuer.did, {
      recognised: true,
      name: 'Example',
      approvedForThis: false,
      approvedFor: ['Fire safety'],
    });
    const result = await verifyCredentialJwt(await world.issue(), world.deps());
    expect(codes(result)).toEqual(['issuer_not_approved']);
    expect(result.trust?.approvedFor).toEqual(['Fire safety']);
  });

  it('passes the issuer DID and the credential to lookupTrust', async () => {
    const world = await makeWorld();
    const seen: unknown[] = [];
    const deps = {
      ...world.deps(),
      lookupTrust: async (did: string, credential: object) => {
        seen.push(did, credential);
        return { recognised: true, approvedForThis: true };
      },
    };
    await verifyCredentialJwt(await world.issue(), deps);
    expect(seen[0]).toBe(world.issuer.did);
    expect(seen[1]).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
  });

  it('never throws when a dependency throws', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const deps = {
      ...world.deps(),
      resolveDid: async () => {
        throw new Error('network down');
      },
    };
    expect(codes(await verifyCredentialJwt(jwt, deps))).toEqual(['issuer_unresolvable']);
    const trustDown = { ...world.deps(), lookupTrust: () => Promise.reject(new Error('db down')) };
    expect(codes(await verifyCredentialJwt(jwt, trustDown))).toEqual(['trust_unavailable']);
  });
});

describe('verifyCredentialJwt: status list issuer', () => {
  it('rejects a status list signed by another issuer (status_list_invalid)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const url = `${world.issuer.origin}/status/revocation/1`;
    // The other issuer publishes an all-clear list claiming to be the real issuer's list.
    world.lists.set(url, await signedStatusList(world.otherIssuer, 'revocation', [], { id: url }));
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(codes(result)).toEqual(['status_list_invalid']);
  });
});

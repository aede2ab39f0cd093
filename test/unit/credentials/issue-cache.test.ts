import { describe, expect, it } from 'vitest';
import { openBadgeCredentialSchema, vc2CredentialSchema } from '../../../schemas/credential';
import { createCachedResolver, createCachedStatusListFetcher } from '../../../worker/credentials/cache';
import { buildDidDocument } from '../../../worker/credentials/did';
import { buildOpenBadgeCredential, InvalidCredentialError, signCredentialJwt } from '../../../worker/credentials/issue';
import { buildStatusListCredential } from '../../../worker/credentials/status-list';
import { badgeInput, makeIssuer, makeHolder } from './fixtures';

describe('buildOpenBadgeCredential', () => {
  it('produces an Open Badges 3.0 credential in VC 2.0 form', async () => {
    const issuer = await makeIssuer('https://training.example', 'Example Care Training Ltd');
    const holder = await makeHolder();
    const vc = buildOpenBadgeCredential(badgeInput(issuer, holder.did, 77));
    expect(openBadgeCredentialSchema.safeParse(vc).success).toBe(true);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer).toEqual({ id: issuer.did, type: ['Profile'], name: 'Example Care Training Ltd' });
    expect(vc.validFrom).toBe('2025-01-15T09:00:00Z');
    expect(vc.credentialSubject).toMatchObject({
      id: holder.did,
      type: ['AchievementSubject'],
      achievement: { type: ['Achievement'], achievementType: 'Certificate' },
    });
    expect(vc.credentialSubject.achievement.alignment?.[0]).toMatchObject({
      type: ['Alignment'],
      targetCode: 'CC-9',
      targetType: 'ext:CareCertificateStandard',
    });
    expect(vc.credentialStatus).toEqual([
      {
        id: 'https://training.example/status/revocation/1#77',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '77',
        statusListCredential: 'https://training.example/status/revocation/1',
      },
      {
        id: 'https://training.example/status/suspension/1#77',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: '77',
        statusListCredential: 'https://training.example/status/suspension/1',
      },
    ]);
    expect(vc.evidence?.[0]).toMatchObject({ type: ['Evidence'], name: 'Assessor observation' });
  });

  it('throws on invalid input instead of issuing', async () => {
    const issuer = await makeIssuer('https://training.example', 'Example');
    const holder = await makeHolder();
    const good = badgeInput(issuer, holder.did);
    const bad = [
      { ...good, id: 'not-a-urn' },
      { ...good, holderDid: 'alice@example.com' },
      { ...good, issuerName: '' },
      { ...good, achievement: { ...good.achievement, achievementType: 'GoldStar' } },
      { ...good, achievement: { ...good.achievement, alignments: [{ targetName: 'x', targetUrl: 'not a url' }] } },
      { ...good, status: { ...good.status!, index: -1 } },
    ];
    for (const input of bad) expect(() => buildOpenBadgeCredential(input)).toThrow(InvalidCredentialError);
    expect(() => buildOpenBadgeCredential({ ...good, validFrom: 'yesterday' })).toThrow(/Invalid date/);
  });

  it('refuses to sign with a key of another DID', async () => {
    const issuer = await makeIssuer('https://training.example', 'Example');
    const other = await makeIssuer('https://other.example', 'Other');
    const holder = await makeHolder();
    const vc = buildOpenBadgeCredential(badgeInput(issuer, holder.did));
    await expect(
      signCredentialJwt(vc, { kid: other.current.id, privateKey: other.current.privateKey }),
    ).rejects.toThrow(/does not belong/);
    await expect(
      signCredentialJwt({ hello: 'world' }, { kid: issuer.current.id, privateKey: issuer.current.privateKey }),
    ).rejects.toThrow(InvalidCredentialError);
  });

  it('builds a valid BitstringStatusListCredential', () => {
    const list = buildStatusListCredential({
      id: 'https://training.example/status/revocation/1',
      issuerDid: 'did:web:training.example',
      purpose: 'revocation',
      encodedList: 'uH4sIAAAAAAAAA',
      validFrom: new Date('2025-01-01T00:00:00.123Z'),
    });
    expect(vc2CredentialSchema.safeParse(list).success).toBe(true);
    expect(list).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: {
        id: 'https://training.example/status/revocation/1#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
      },
    });
  });
});

describe('caches', () => {
  it('createCachedResolver caches for ttlMs, shares concurrent calls and does not pin misses', async () => {
    let calls = 0;
    const clock = { now: new Date('2025-06-01T00:00:00Z') };
    const doc = buildDidDocument('did:web:a.example', []);
    const resolve = createCachedResolver(
      async (did) => {
        calls++;
        return did === 'did:web:a.example' ? doc : null;
      },
      {
        ttlMs: 1000,
        maxEntries: 10,
        now: () => clock.now,
      },
    );
    await Promise.all([resolve('did:web:a.example'), resolve('did:web:a.example')]);
    expect(calls).toBe(1);
    clock.now = new Date(clock.now.getTime() + 999);
    await resolve('did:web:a.example');
    expect(calls).toBe(1);
    clock.now = new Date(clock.now.getTime() + 2);
    expect(await resolve('did:web:a.example')).toBe(doc);
    expect(calls).toBe(2);
    await resolve('did:web:missing.example');
    await resolve('did:web:missing.example');
    expect(calls).toBe(4);
  });

  it('createCachedStatusListFetcher is bounded and retries after a failure', async () => {
    let calls = 0;
    let fail = true;
    const fetchList = createCachedStatusListFetcher(
      async (url) => {
        calls++;
        if (fail) throw new Error('down');
        return `jwt-for-${url}`;
      },
      { ttlMs: 60_000, maxEntries: 2 },
    );
    await expect(fetchList('u1')).rejects.toThrow('down');
    fail = false;
    expect(await fetchList('u1')).toBe('jwt-for-u1');
    await fetchList('u2');
    await fetchList('u3');
    await fetchList('u1');
    expect(calls).toBe(5);
  });
});

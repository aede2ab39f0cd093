import { describe, expect, it } from 'vitest';
import { signJwt } from '../../../worker/credentials/jwt';
import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isBitSet,
  randomUnusedIndex,
  STATUS_LIST_SIZE,
} from '../../../worker/credentials/status-list';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { badgeInput, codes, decodeParts, listUrl, makeWorld, NOW, signedStatusList } from './fixtures';

/** Gunzips with the platform directly, independent of decodeStatusList. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('Bitstring Status List encoding', () => {
  it('puts index 0 in the left-most bit of the first byte, per the spec', async () => {
    const encoded = await encodeStatusList([0, 7, 8, 131071], STATUS_LIST_SIZE);
    expect(encoded.startsWith('u')).toBe(true);
    const b64 = encoded.slice(1).replace(/-/g, '+').replace(/_/g, '/');
    const raw = await gunzip(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    expect(raw.length).toBe(16384);
    expect(raw[0]).toBe(0b1000_0001);
    expect(raw[1]).toBe(0b1000_0000);
    expect(raw[16383]).toBe(0b0000_0001);
    expect(raw.slice(2, 16383).every((b) => b === 0)).toBe(true);
  });

  it('round-trips through decodeStatusList and isBitSet', async () => {
    const set = [3, 42, 1000, 65535, 131070];
    const bits = await decodeStatusList(await encodeStatusList(set));
    expect(bits.length).toBe(STATUS_LIST_SIZE / 8);
    for (let i = 0; i < STATUS_LIST_SIZE; i++) {
      if (isBitSet(bits, i) !== set.includes(i)) throw new Error(`bit ${i} wrong`);
    }
    expect(isBitSet(bits, STATUS_LIST_SIZE + 5)).toBe(false);
  });

  it('compresses an empty list far below its raw size', async () => {
    expect((await encodeStatusList([])).length).toBeLessThan(400);
  });

  it('rejects out-of-range indices, bad multibase and gzip bombs', async () => {
    await expect(encodeStatusList([STATUS_LIST_SIZE])).rejects.toThrow(/out of range/);
    await expect(encodeStatusList([-1])).rejects.toThrow(/out of range/);
    await expect(decodeStatusList('zabc')).rejects.toThrow(/multibase/);
    await expect(decodeStatusList('u!!!')).rejects.toThrow(/base64url/);
    await expect(decodeStatusList('uAAAA')).rejects.toThrow();
    const big = await encodeStatusList([], 8 * 1024 * 1024);
    await expect(decodeStatusList(big, 64 * 1024)).rejects.toThrow(/larger than/);
  });
});

describe('randomUnusedIndex', () => {
  it('returns unique, in-range, non-sequential indices', () => {
    const used = new Set<number>();
    const drawn: number[] = [];
    for (let i = 0; i < 500; i++) {
      const index = randomUnusedIndex(used, STATUS_LIST_SIZE);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(STATUS_LIST_SIZE);
      expect(used.has(index)).toBe(false);
      used.add(index);
      drawn.push(index);
    }
    const consecutive = drawn.filter((v, i) => i > 0 && v === (drawn[i - 1] as number) + 1).length;
    expect(consecutive).toBeLessThan(5);
    const sorted = [...drawn].sort((a, b) => a - b);
    expect(drawn).not.toEqual(sorted);
    // Spread over the whole list, not clustered at the start.
    expect(Math.max(...drawn)).toBeGreaterThan(STATUS_LIST_SIZE / 2);
  });

  it('finds the last free slot and refuses a full list', () => {
    const used = new Set(Array.from({ length: 63 }, (_, i) => i));
    used.delete(17);
    used.add(63);
    expect(randomUnusedIndex(used, 64)).toBe(17);
    used.add(17);
    expect(() => randomUnusedIndex(used, 64)).toThrow(/full/);
  });
});

describe('status checks during verification', () => {
  it('reports a revoked credential (revoked)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    await world.setStatus('revocation', [4242]);
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(codes(result)).toEqual(['revoked']);
  });

  it('reports a suspended credential (suspended) and clears when lifted', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const deps = world.deps();
    await world.setStatus('suspension', [4242]);
    expect(codes(await verifyCredentialJwt(jwt, deps))).toEqual(['suspended']);
    await world.setStatus('suspension', []);
    expect((await verifyCredentialJwt(jwt, deps)).verified).toBe(true);
  });

  it('is not affected by neighbouring bits', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    await world.setStatus('revocation', [4241, 4243]);
    expect((await verifyCredentialJwt(jwt, world.deps())).verified).toBe(true);
  });

  it('reports an unreachable list (status_unavailable)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    world.lists.delete(listUrl(world.issuer.origin, 'revocation'));
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_unavailable']);
    const throwing = { ...world.deps(), fetchStatusList: () => Promise.reject(new Error('timeout')) };
    expect(codes(await verifyCredentialJwt(jwt, throwing))).toEqual(['status_unavailable', 'status_unavailable']);
  });

  it('rejects a list that claims the right issuer but is signed with another issuer key (status_list_invalid)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const url = listUrl(world.issuer.origin, 'revocation');
    const { header, payload } = decodeParts(await signedStatusList(world.issuer, 'revocation'));
    const forged = await signJwt(
      { ...header, kid: world.otherIssuer.current.id },
      payload,
      world.otherIssuer.current.privateKey,
    );
    world.lists.set(url, forged);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
    // Same, but keeping the issuer's kid: the signature itself fails.
    world.lists.set(url, await signJwt(header, payload, world.otherIssuer.current.privateKey));
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
  });

  it('rejects a list signed by the issuer but naming another issuer (status_list_invalid)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const { header, payload } = decodeParts(await signedStatusList(world.issuer, 'revocation'));
    const key = world.issuer.current;
    const renamed = { ...payload, issuer: world.otherIssuer.did, iss: world.otherIssuer.did };
    world.lists.set(listUrl(world.issuer.origin, 'revocation'), await signJwt(header, renamed, key.privateKey));
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(codes(result)).toEqual(['status_list_invalid']);
    expect(result.errors[0]?.message).toMatch(/not by the credential issuer/);
  });

  it('rejects a list served for the wrong purpose or under another id (status_list_invalid)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const revocationUrl = listUrl(world.issuer.origin, 'revocation');
    world.lists.set(revocationUrl, await signedStatusList(world.issuer, 'suspension', [], { id: revocationUrl }));
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
    world.lists.set(
      revocationUrl,
      await signedStatusList(world.issuer, 'revocation', [], { id: `${world.issuer.origin}/status/revocation/2` }),
    );
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
  });

  it('rejects an expired list and a list shorter than the spec minimum (status_list_invalid)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const url = listUrl(world.issuer.origin, 'revocation');
    world.lists.set(
      url,
      await signedStatusList(world.issuer, 'revocation', [], { validUntil: '2025-05-01T00:00:00Z' }),
    );
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
    const short = buildStatusListCredential({
      id: url,
      issuerDid: world.issuer.did,
      purpose: 'revocation',
      encodedList: await encodeStatusList([], 1024),
      validFrom: NOW,
    });
    const key = world.issuer.current;
    world.lists.set(
      url,
      await signJwt({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id }, { ...short, iss: world.issuer.did }, key.privateKey),
    );
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
  });

  it('warns when a credential has no status entry', async () => {
    const world = await makeWorld();
    const { status: _status, ...input } = badgeInput(world.issuer, world.holder.did);
    const result = await verifyCredentialJwt(await world.issue(input), world.deps());
    expect(result.verified).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['no_status']);
  });

  it('fetches each list once per verification and reuses the verified list across verifications', async () => {
    const world = await makeWorld();
    const jwt = await world.issue();
    const deps = world.deps();
    const fetched: string[] = [];
    const counting = {
      ...deps,
      fetchStatusList: async (url: string) => {
        fetched.push(url);
        return world.lists.get(url) ?? null;
      },
    };
    await verifyCredentialJwt(jwt, counting);
    await verifyCredentialJwt(jwt, counting);
    expect(fetched).toHaveLength(4);
    expect(deps.cache?.statusLists.size).toBe(2);
  });
});

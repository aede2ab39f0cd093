/** The single 2-bit status entry: valid, revoked and suspended read from one `message` list, signed by the issuer. */
import { describe, expect, it } from 'vitest';
import { signCredentialJwt } from '../../../worker/credentials/issue';
import {
  buildStatusListCredential,
  encodeStatusList,
  readStatusValue,
  STATUS_LIST_SIZE,
  statusValueBits,
} from '../../../worker/credentials/status-list';
import { verifyCredentialJwt } from '../../../worker/credentials/verify';
import { badgeInput, codes, makeWorld, NOW, type World } from './fixtures';

const LIST = 'https://training.example/status-lists/m1';

async function publish(world: World, values: { index: number; value: number }[], entries = STATUS_LIST_SIZE) {
  const credential = buildStatusListCredential({
    id: LIST,
    issuerDid: world.issuer.did,
    purpose: 'message',
    encodedList: await encodeStatusList(statusValueBits(values, 2), entries * 2),
    validFrom: '2025-01-01T00:00:00Z',
  });
  const key = world.issuer.current;
  world.lists.set(LIST, await signCredentialJwt(credential, { kid: key.id, privateKey: key.privateKey }, { now: NOW }));
}

const issue = (world: World, index = 500) =>
  world.issue({ ...badgeInput(world.issuer, world.holder.did), status: { listUrl: LIST, index } });

describe('2-bit status values', () => {
  it('reads back each value at index * statusSize, most significant bit first', async () => {
    const values = [
      { index: 0, value: 1 },
      { index: 1, value: 2 },
      { index: 7, value: 3 },
    ];
    const bits = new Uint8Array(4);
    for (const bit of statusValueBits(values, 2)) bits[bit >> 3]! |= 0x80 >> (bit & 7);
    expect([...bits.subarray(0, 2)]).toEqual([0b01100000, 0b00000011]);
    expect([0, 1, 2, 7].map((i) => readStatusValue(bits, i, 2))).toEqual([1, 2, 0, 3]);
    expect(() => statusValueBits([{ index: 0, value: 4 }], 2)).toThrow(/fit/);
  });
});

describe('verifying a credential with one message status entry', () => {
  it('is valid while its value is 0x0, revoked at 0x1, suspended at 0x2', async () => {
    const world = await makeWorld();
    const jwt = await issue(world);
    await publish(world, [{ index: 501, value: 1 }]);
    const ok = await verifyCredentialJwt(jwt, world.deps());
    expect(ok.verified).toBe(true);
    expect(ok.checks.find((c) => c.check === 'status')?.message).toMatch(/Not revoked, Not suspended/);
    await publish(world, [{ index: 500, value: 1 }]);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['revoked']);
    await publish(world, [{ index: 500, value: 2 }]);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['suspended']);
  });

  it('reports a value whose message is not a verdict as a warning, not a failure', async () => {
    const world = await makeWorld();
    const jwt = await issue(world);
    await publish(world, [{ index: 500, value: 3 }]);
    const result = await verifyCredentialJwt(jwt, world.deps());
    expect(result.verified).toBe(true);
    expect(result.warnings.map((w) => w.code)).toContain('status_message');
  });

  it('refuses a list shorter than 131,072 two-bit entries (holder privacy)', async () => {
    const world = await makeWorld();
    const jwt = await issue(world);
    await publish(world, [], STATUS_LIST_SIZE / 2);
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
  });

  it('refuses a revocation-purpose list answering for a message entry', async () => {
    const world = await makeWorld();
    const jwt = await issue(world);
    const credential = buildStatusListCredential({
      id: LIST,
      issuerDid: world.issuer.did,
      purpose: 'revocation',
      encodedList: await encodeStatusList([], STATUS_LIST_SIZE * 2),
      validFrom: '2025-01-01T00:00:00Z',
    });
    const key = world.issuer.current;
    world.lists.set(
      LIST,
      await signCredentialJwt(credential, { kid: key.id, privateKey: key.privateKey }, { now: NOW }),
    );
    expect(codes(await verifyCredentialJwt(jwt, world.deps()))).toEqual(['status_list_invalid']);
  });
});

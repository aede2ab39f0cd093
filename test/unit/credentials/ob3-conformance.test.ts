/**
 * Open Badges 3.0 conformance of what we issue: the published AchievementCredential JSON Schema accepts it, the
 * single status entry follows the Bitstring Status List rules for a 2-bit `message` entry, and the JWT claims
 * restate the credential so Open Badges JWT verifiers read the same subject and validity.
 */
import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential } from '../../../worker/credentials/issue';
import { ob3SchemaErrors } from '../../helpers/ob3-schema';
import { badgeInput, decodeParts, makeWorld } from './fixtures';

const messageStatus = (index: number) => ({ listUrl: 'https://training.example/status-lists/7', index });

describe('Open Badges 3.0 AchievementCredential schema', () => {
  it('accepts the credential we build, with its single status entry', async () => {
    const world = await makeWorld();
    const credential = buildOpenBadgeCredential({
      ...badgeInput(world.issuer, world.holder.did),
      status: messageStatus(12),
    });
    expect(ob3SchemaErrors(credential)).toEqual([]);
    expect(Array.isArray(credential.credentialStatus)).toBe(false);
  });

  it('accepts the signed claims set itself (credential plus iss, sub, jti, nbf, exp, iat)', async () => {
    const world = await makeWorld();
    const jwt = await world.issue({ ...badgeInput(world.issuer, world.holder.did), status: messageStatus(12) });
    expect(ob3SchemaErrors(decodeParts(jwt).payload)).toEqual([]);
  });

  it('refuses what the schema forbids: two status entries, a missing issuanceDate, a subject without achievement', async () => {
    const world = await makeWorld();
    // The legacy form (revocation and suspension entries) is an array, which the schema does not allow.
    const legacy = buildOpenBadgeCredential(badgeInput(world.issuer, world.holder.did));
    expect(ob3SchemaErrors(legacy).join(' ')).toMatch(/credentialStatus/);
    const { issuanceDate: _date, ...noDate } = buildOpenBadgeCredential({
      ...badgeInput(world.issuer, world.holder.did),
      status: messageStatus(1),
    });
    expect(ob3SchemaErrors(noDate).join(' ')).toMatch(/issuanceDate/);
    const broken = structuredClone(noDate) as Record<string, unknown>;
    delete (broken.credentialSubject as Record<string, unknown>).achievement;
    expect(ob3SchemaErrors(broken).join(' ')).toMatch(/achievement/);
  });
});

describe('the single status entry (Bitstring Status List, purpose message)', () => {
  it('has statusSize 2 and one message per value: 0x0 valid, 0x1 revoked, 0x2 suspended', async () => {
    const world = await makeWorld();
    const credential = buildOpenBadgeCredential({
      ...badgeInput(world.issuer, world.holder.did),
      status: messageStatus(99),
    });
    expect(credential.credentialStatus).toEqual({
      id: 'https://training.example/status-lists/7#99',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusListIndex: '99',
      statusListCredential: 'https://training.example/status-lists/7',
      statusSize: 2,
      statusMessage: [
        { status: '0x0', message: 'valid' },
        { status: '0x1', message: 'revoked' },
        { status: '0x2', message: 'suspended' },
        { status: '0x3', message: 'unused' },
      ],
    });
  });
});

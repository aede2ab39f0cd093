import { describe, expect, it } from 'vitest';
import {
  PBKDF2_ITERATIONS,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from '../../worker/services/accounts/passwords';

const KEY = 'unit-test-master-key-0123456789-abcdefghij';

describe('password hashing', () => {
  it('stores scheme, cost, salt and hash in one string', async () => {
    const stored = await hashPassword(KEY, 'correct horse battery');
    const [scheme, iterations, salt, hash, ...rest] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 bytes, base64url
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
    expect(rest).toEqual([]);
    expect(stored).not.toContain('correct horse');
  });

  it('salts every hash', async () => {
    expect(await hashPassword(KEY, 'same password here')).not.toBe(await hashPassword(KEY, 'same password here'));
  });

  it('verifies the right password and refuses a wrong one, another pepper, or a tampered string', async () => {
    const stored = await hashPassword(KEY, 'correct horse battery');
    expect(await verifyPassword(KEY, 'correct horse battery', stored)).toBe(true);
    expect(await verifyPassword(KEY, 'correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword(`${KEY}x`, 'correct horse battery', stored)).toBe(false);
    const [s, i, salt, hash] = stored.split('$');
    const tampered = `${hash?.slice(0, -1)}${hash?.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyPassword(KEY, 'correct horse battery', [s, i, salt, tampered].join('$'))).toBe(false);
    expect(await verifyPassword(KEY, 'correct horse battery', `bcrypt$${i}$${salt}$${hash}`)).toBe(false);
    // A cost above the maximum is refused rather than run (no denial of service through a planted hash).
    expect(await verifyPassword(KEY, 'correct horse battery', `${s}$999999999$${salt}$${hash}`)).toBe(false);
  });

  it('keeps the cost named in the stored string, so old hashes still verify after a change', async () => {
    const cheap = await hashPassword(KEY, 'correct horse battery', 1000);
    expect(cheap.split('$')[1]).toBe('1000');
    expect(await verifyPassword(KEY, 'correct horse battery', cheap)).toBe(true);
  });
});

describe('password policy', () => {
  it('refuses short, breached, repeated and email-based passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('password123')).toMatch(/breached/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repeat/);
    expect(passwordProblem('amara.okafor-2026', 'amara.okafor@example.org')).toMatch(/email/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most/);
    expect(passwordProblem('sturdy test passphrase 42', 'amara@example.org')).toBeNull();
  });
});

/**
 * Password hashing that runs the same on Node and Workers: PBKDF2-HMAC-SHA-256 through WebCrypto at
 * 100,000 iterations (the most workerd's WebCrypto accepts), a 16-byte random salt per user, and a
 * server-side pepper (HMAC key derived from MASTER_KEY) so a stolen database alone cannot be attacked
 * offline. The stored string names its parameters, so the cost can be raised and old hashes rehashed.
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { safeEqual } from '../../lib/ids';
import { COMMON_PASSWORDS } from './common-passwords';

export const PBKDF2_ITERATIONS = 100_000;
export const MIN_PASSWORD_LENGTH = 10;
const enc = new TextEncoder();

async function pepper(masterKey: string, password: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', enc.encode(masterKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`password:${password}`)));
}

async function derive(
  peppered: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', peppered, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
  return new Uint8Array(bits);
}

/** Hashes a password for storage: `pbkdf2-sha256$<iterations>$<salt>$<hash>`. */
export async function hashPassword(
  masterKey: string,
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  const hash = await derive(await pepper(masterKey, password), salt, iterations);
  return `pbkdf2-sha256$${iterations}$${encodeBase64urlNoPadding(salt)}$${encodeBase64urlNoPadding(hash)}`;
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(masterKey: string, password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iter || !saltB64 || !hashB64) return false;
  const iterations = Number(iter);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) return false;
  const hash = await derive(
    await pepper(masterKey, password),
    new Uint8Array(decodeBase64urlIgnorePadding(saltB64)),
    iterations,
  );
  return safeEqual(encodeBase64urlNoPadding(hash), hashB64);
}

/** A hash of a random password, to spend the same time on unknown emails (no account enumeration by timing). */
export async function dummyVerify(masterKey: string): Promise<void> {
  await derive(await pepper(masterKey, 'dummy'), new Uint8Array(16), PBKDF2_ITERATIONS);
}

/** Returns why a new password is unacceptable, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'Use at most 256 characters';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password appears in lists of breached passwords; choose another';
  if (/^(.)\1+$/.test(password)) return 'Do not repeat one character';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Do not use your email address in your password';
  return null;
}

/** Where the Node entry and the admin commands get MASTER_KEY: the environment, else (outside production) a local key file. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The default development key file, created on first use so `npm start` needs no setup. */
export const DEV_MASTER_KEY_PATH = './data/master.key';

/**
 * MASTER_KEY from the environment; outside production, a development key read from (or first written to) `path`.
 * In production without MASTER_KEY it returns undefined and writes nothing: configuration then refuses to start.
 */
export function masterKeyFromEnv(
  env: Record<string, string | undefined>,
  path: string = DEV_MASTER_KEY_PATH,
): string | undefined {
  if (env.MASTER_KEY) return env.MASTER_KEY;
  if (env.ENVIRONMENT === 'production') return undefined;
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
}

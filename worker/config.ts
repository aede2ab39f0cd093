/** Configuration: parsed once with zod at start-up, frozen, documented in README's configuration table. */
import { z } from 'zod';
import { proxyListProblems } from './lib/trusted-proxies';

const bool = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

export const configSchema = z.object({
  /** 'development' relaxes Secure cookies and HSTS; 'test' also silences request logs. */
  ENVIRONMENT: z.enum(['development', 'production', 'test']).default('development'),
  /** Public origin of the service; used for did:web identifiers, share links and QR codes. */
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .default('http://localhost:8787')
    .transform((s) => s.replace(/\/+$/, '')),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  /** libSQL URL: a local file by default, or a remote libsql:// / https:// URL (e.g. Turso). */
  DATABASE_URL: z.string().min(1).default('file:./data/care-passport.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /**
   * Where signed credential bodies go instead of the primary database's `credential_bodies` table: a libSQL URL (a
   * second local file, or a remote libsql:// database). On Workers an R2 bucket bound as CREDENTIAL_BODIES wins.
   */
  CREDENTIAL_BODIES_URL: z.string().min(1).optional(),
  CREDENTIAL_BODIES_AUTH_TOKEN: z.string().optional(),
  /** 32+ byte secret (base64url or any long string) that encrypts private keys at rest. */
  MASTER_KEY: z.string().min(32, 'MASTER_KEY must be at least 32 characters'),
  /**
   * The master key before the last rotation, kept only while `rotate-master-key` runs: private keys still
   * encrypted under it can be opened; nothing new is encrypted with it.
   */
  MASTER_KEY_PREVIOUS: z.string().min(32, 'MASTER_KEY_PREVIOUS must be at least 32 characters').optional(),
  /**
   * Server-side pepper of password hashes. Defaults to MASTER_KEY; after a master-key rotation it keeps the old
   * master key's value, so stored password hashes stay valid (they cannot be re-peppered without the passwords).
   */
  PASSWORD_PEPPER: z.string().min(32, 'PASSWORD_PEPPER must be at least 32 characters').optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Smallest count shown in workforce aggregates; smaller cells are suppressed. */
  /**
   * Seed the demo organisations, people and credentials at start (Node entry only). Defaults to true outside
   * production and false in production, where only an explicit `true` (a public demo deployment) seeds it.
   */
  SEED_DEMO: bool.optional(),
  LOG_REQUESTS: bool.default(true),
  /** Requests per minute allowed per client address on the public verifier. */
  VERIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Origins on private or loopback addresses the verifier may fetch DID documents and status lists from, for local
   * development only (comma-separated, e.g. "http://localhost:8790"); ignored in production. Empty by default:
   * no server-side fetch to a private address happens in any mode.
   */
  FETCH_ALLOW_LOCAL_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  /**
   * Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed on Node. None by default:
   * the socket's peer is then the client. On Workers, Cloudflare's CF-Connecting-IP is used.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((v) => proxyListProblems(v).length === 0, {
      message: 'TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges',
    }),
  /** Where the contact form's messages go and the address shown on /contact; default support@ the public host. */
  SUPPORT_EMAIL: z.string().email().optional(),
  /** Sign-in attempts per 15 minutes per account+address before back-off. */
  LOGIN_ATTEMPTS_PER_WINDOW: z.coerce.number().int().min(1).default(10),
});

export type Config = Readonly<Omit<z.infer<typeof configSchema>, 'SEED_DEMO'> & { SEED_DEMO: boolean }>;

/** Parses configuration from an environment-like record; throws a readable error listing every problem. */
export function parseConfig(env: Record<string, unknown>): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  // A server started on another port without an origin is still reached at that port: links and QR codes say so.
  if (picked.PUBLIC_ORIGIN === undefined && /^\d+$/.test(String(picked.PORT ?? ''))) {
    picked.PUBLIC_ORIGIN = `http://localhost:${picked.PORT}`;
  }
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const data = result.data;
  return Object.freeze({ ...data, SEED_DEMO: data.SEED_DEMO ?? data.ENVIRONMENT !== 'production' });
}

/** The secret that peppers password hashes: PASSWORD_PEPPER when set, else MASTER_KEY. */
export function passwordPepper(config: Pick<Config, 'MASTER_KEY' | 'PASSWORD_PEPPER'>): string {
  return config.PASSWORD_PEPPER ?? config.MASTER_KEY;
}

/** Master keys that may open stored private keys, the current one first (new blobs are always under MASTER_KEY). */
export function masterKeys(config: Pick<Config, 'MASTER_KEY' | 'MASTER_KEY_PREVIOUS'>): string[] {
  return config.MASTER_KEY_PREVIOUS ? [config.MASTER_KEY, config.MASTER_KEY_PREVIOUS] : [config.MASTER_KEY];
}

/** True when cookies must carry Secure and responses HSTS. */
export function isSecureOrigin(config: Config): boolean {
  return config.ENVIRONMENT === 'production' || config.PUBLIC_ORIGIN.startsWith('https://');
}

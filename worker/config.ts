/** Configuration: parsed once with zod at start-up, frozen, documented in README's configuration table. */
import { z } from 'zod';

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
  /** 32+ byte secret (base64url or any long string) that encrypts private keys at rest. */
  MASTER_KEY: z.string().min(32, 'MASTER_KEY must be at least 32 characters'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Smallest count shown in workforce aggregates; smaller cells are suppressed. */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
  /**
   * Seed the demo organisations, people and credentials at start (Node entry only). Defaults to true outside
   * production and false in production, where only an explicit `true` (a public demo deployment) seeds it.
   */
  SEED_DEMO: bool.optional(),
  LOG_REQUESTS: bool.default(true),
  /** Requests per minute allowed per client address on the public verifier. */
  VERIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
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
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const data = result.data;
  return Object.freeze({ ...data, SEED_DEMO: data.SEED_DEMO ?? data.ENVIRONMENT !== 'production' });
}

/** True when cookies must carry Secure and responses HSTS. */
export function isSecureOrigin(config: Config): boolean {
  return config.ENVIRONMENT === 'production' || config.PUBLIC_ORIGIN.startsWith('https://');
}

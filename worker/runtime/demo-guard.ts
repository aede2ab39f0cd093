/**
 * Production never runs with the demo's published password: at start-up (Node) or on the first request (Workers)
 * the demo accounts and every platform admin are checked, and the service refuses to serve while any of them
 * still signs in with it. A deployment that sets SEED_DEMO=true on purpose (a public demo) is let through.
 */
import { eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../db/seed/demo-accounts';
import { users } from '../../db/schema';
import { type Config, passwordPepper } from '../config';
import { verifyPassword } from '../services/accounts/passwords';

/** Emails of the demo accounts and platform admins whose password is still the published demo password. */
export async function accountsWithDemoPassword(db: Database, masterKey: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(
      or(
        inArray(
          users.email,
          DEMO_LOGINS.map((l) => l.email),
        ),
        eq(users.isPlatformAdmin, true),
      ),
    );
  const found: string[] = [];
  for (const r of rows) if (await verifyPassword(masterKey, DEMO_PASSWORD, r.passwordHash)) found.push(r.email);
  return found;
}

/** Start-up refused on purpose (not a passing fault): the Worker keeps answering 503 instead of retrying. */
export class StartupRefusal extends Error {}

/** Throws (with what to do) when production would serve accounts that sign in with the published demo password. */
export async function assertNoDemoPasswords(db: Database, config: Config): Promise<void> {
  if (config.ENVIRONMENT !== 'production' || config.SEED_DEMO) return;
  const found = await accountsWithDemoPassword(db, passwordPepper(config));
  if (!found.length) return;
  throw new StartupRefusal(
    `Refusing to start in production: ${found.length} account(s) still use the published demo password (${found.join(', ')}). ` +
      'Delete them or change their passwords (npm run admin), or set SEED_DEMO=true for a public demo deployment.',
  );
}

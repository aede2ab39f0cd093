/**
 * Operator commands over the configured database (DATABASE_URL, default file:./data/care-passport.db).
 * Usage: npm run admin -- <command> [--flags]; run without a command for the list.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { seedReference } from '../db/seed/reference';
import { apiScope, email as emailSchema, orgKind } from '../schemas/accounts';
import '../schemas/messages';
import { parseConfig } from '../worker/config';
import type { AppDeps } from '../worker/context';
import { AppError } from '../worker/errors';
import { jsonLogger, runtimeDeps } from '../worker/runtime/common';
import { migrateLibsql, openLibsql } from '../worker/runtime/libsql';
import { masterKeyFromEnv } from '../worker/runtime/master-key';
import { createUser, findUserByEmail, makePlatformAdmin } from '../worker/services/accounts/accounts';
import { createApiToken } from '../worker/services/organisations/api-tokens';
import { runBatchToEnd, unfinishedBatches } from '../worker/services/academy/cohort-issuing';
import { coverage, cutRelease } from '../worker/services/workforce/releases';
import { addMember } from '../worker/services/organisations/memberships';
import { approveOrganisation, checkIssuingFrameworks } from '../worker/services/organisations/approval';
import { createOrganisation, getOrganisationBySlug } from '../worker/services/organisations/organisations';
import { CommandUsageError, listKeysCommand, retireKeyCommand, rotateMasterKeyCommand } from './lib/key-commands';

const USAGE = `Care Passport admin

  npm run admin -- create-admin --email <email> --name <name> --password <password>
      Creates a platform admin (email already confirmed). An existing account is made admin; its password is kept.
  npm run admin -- create-org --name <name> --kind academy|employer|commissioner|platform [--owner <email>] [--approve] [--scopes a,b]
      Registers an organisation; --approve approves it at once, --scopes lists an academy's issuing frameworks.
  npm run admin -- approve-org --slug <slug> [--scopes a,b]
  npm run admin -- create-token --org <slug> --name <name> --scopes issue,verify,read
  npm run admin -- cut-release
      Cuts this month's workforce release: freezes the commissioners' figures from the database as it is now
      (run monthly, e.g. from cron). Commissioners see only the latest release.
  npm run admin -- finish-batches
      Completes cohort batches that were confirmed but not finished (e.g. the browser was closed mid-issue).
      Prints the token once; only its hash is stored.
  npm run admin -- rotate-master-key
      Re-encrypts every private key under NEW_MASTER_KEY (from the environment; MASTER_KEY is the old key).
      Safe to run again after an interruption. Then run the service with MASTER_KEY=<new> and PASSWORD_PEPPER=<old>.
  npm run admin -- list-keys --org <slug>
  npm run admin -- retire-key --org <slug> --kid <kid> --mode revoke|reissue --reason <text>
      A compromised signing key: the organisation gets a new key, every credential the old one signed is revoked or
      re-signed under the new key, and the old key leaves the DID document. Run it again to finish an interrupted run.

Environment: DATABASE_URL (default file:./data/care-passport.db), MASTER_KEY (else ./data/master.key).`;

const COMMANDS = [
  'create-admin',
  'create-org',
  'approve-org',
  'create-token',
  'finish-batches',
  'cut-release',
  'rotate-master-key',
  'list-keys',
  'retire-key',
];

/** A mistake in how the command was called: printed with the usage, exit code 2. */
class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`Missing --${name}`);
  return v.trim();
}

function list(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

async function openDeps(): Promise<{ deps: AppDeps; close: () => void }> {
  const key = masterKeyFromEnv(process.env);
  if (!key) throw new UsageError('Set MASTER_KEY');
  const config = parseConfig({ ...process.env, MASTER_KEY: key });
  if (config.DATABASE_URL.startsWith('file:')) mkdirSync(dirname(config.DATABASE_URL.slice(5)), { recursive: true });
  const { client, db } = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(db);
  await seedReference(db);
  const clock = () => new Date();
  const logger = jsonLogger((l) => process.stderr.write(`${l}\n`));
  return { deps: runtimeDeps(db, config, clock, logger), close: () => client.close() };
}

async function ownerId(deps: AppDeps, email: string | undefined): Promise<string | null> {
  if (!email) return null;
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw new UsageError(`No account with email ${email}; create it first (sign up, or create-admin)`);
  return user.id;
}

async function run(command: string, values: Record<string, unknown>, deps: AppDeps): Promise<void> {
  const { db, clock } = deps;
  switch (command) {
    case 'create-admin': {
      const email = emailSchema.safeParse(required(values, 'email'));
      if (!email.success) throw new UsageError(`--email: ${email.error.issues[0]?.message}`);
      if (await findUserByEmail(db, email.data)) {
        await makePlatformAdmin(deps, email.data);
        console.log(`${email.data} already had an account; it is now a platform admin (password unchanged).`);
        return;
      }
      const user = await createUser(deps, {
        email: email.data,
        displayName: required(values, 'name'),
        password: required(values, 'password'),
        verified: true,
        isPlatformAdmin: true,
      });
      console.log(`Created platform admin ${user.email} (id ${user.id}).`);
      return;
    }
    case 'create-org': {
      const kind = orgKind.safeParse(required(values, 'kind'));
      if (!kind.success) throw new UsageError('--kind must be academy, employer, commissioner or platform');
      const scopes = list(values.scopes);
      if (scopes.length && kind.data !== 'academy') throw new UsageError('--scopes applies to academies only');
      if (scopes.length && !values.approve) throw new UsageError('--scopes needs --approve');
      await checkIssuingFrameworks(db, scopes);
      const owner = await ownerId(deps, values.owner as string | undefined);
      const org = await createOrganisation(db, { name: required(values, 'name'), kind: kind.data, now: clock() });
      if (owner) await addMember(db, { orgId: org.id, userId: owner, role: 'owner', now: clock() });
      if (values.approve)
        await approveOrganisation(db, { orgId: org.id, frameworkIds: scopes, adminUserId: null, now: clock() });
      console.log(
        `Created ${org.kind} "${org.name}" (slug ${org.slug}, id ${org.id}), ${values.approve ? 'approved' : 'pending'}` +
          `${owner ? `, owner ${values.owner}` : ''}${scopes.length ? `, may issue: ${scopes.join(', ')}` : ''}.`,
      );
      return;
    }
    case 'approve-org': {
      const org = await getOrganisationBySlug(db, required(values, 'slug'));
      if (!org) throw new UsageError(`No organisation with slug ${values.slug}`);
      const scopes = list(values.scopes);
      if (scopes.length && org.kind !== 'academy') throw new UsageError('--scopes applies to academies only');
      // Without --scopes an academy keeps the frameworks it has; with it they are replaced.
      const frameworkIds = values.scopes === undefined ? undefined : scopes;
      await approveOrganisation(db, { orgId: org.id, frameworkIds, adminUserId: null, now: clock() });
      console.log(
        `Approved ${org.kind} "${org.name}" (${org.slug})${scopes.length ? `; may issue: ${scopes.join(', ')}` : ''}.`,
      );
      return;
    }
    case 'create-token': {
      const org = await getOrganisationBySlug(db, required(values, 'org'));
      if (!org) throw new UsageError(`No organisation with slug ${values.org}`);
      const scopes = list(required(values, 'scopes'));
      const bad = scopes.filter((s) => !apiScope.safeParse(s).success);
      if (bad.length || !scopes.length)
        throw new UsageError(`--scopes must be a comma list of issue, verify, read (got: ${bad.join(', ')})`);
      const name = required(values, 'name');
      const { id, token } = await createApiToken(db, {
        orgId: org.id,
        name,
        scopes: scopes as ('issue' | 'verify' | 'read')[],
        createdBy: null,
        now: clock(),
      });
      if (org.status !== 'approved')
        console.error(`Note: ${org.slug} is ${org.status}; the token works once it is approved.`);
      console.log(
        `Token "${name}" (id ${id}) for ${org.slug}, scopes ${scopes.join(', ')}. Shown once; store it now:\n${token}`,
      );
      return;
    }
    case 'finish-batches': {
      // Cohort batches left unfinished (a browser closed mid-issue, or a crash) are completed here.
      const pending = await unfinishedBatches(db);
      if (!pending.length) console.log('No unfinished cohort batches.');
      for (const b of pending) {
        const p = await runBatchToEnd(deps, b.orgId, b.id);
        console.log(
          `Batch ${b.id}: ${p.done} of ${p.total} processed${p.failed ? `, ${p.failed} failed` : ''}${p.blocked ? ' (blocked: organisation not approved)' : ''}`,
        );
      }
      return;
    }
    case 'cut-release': {
      const r = await cutRelease(db, { now: clock(), cutBy: null });
      const c = await coverage(db);
      console.log(
        `Release ${r.period} cut at ${r.cutAt} (${r.areas} areas, method ${r.method}). Counted: ${c.verified} of ${c.consenting} consenting workers (the others have no credential from a recognised issuer and no approved employer).`,
      );
      return;
    }
    case 'rotate-master-key':
      await rotateMasterKeyCommand(deps, process.env);
      return;
    case 'list-keys':
      await listKeysCommand(deps, required(values, 'org'));
      return;
    case 'retire-key':
      await retireKeyCommand(deps, {
        slug: required(values, 'org'),
        kid: required(values, 'kid'),
        mode: required(values, 'mode'),
        reason: required(values, 'reason'),
      });
      return;
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        kind: { type: 'string' },
        owner: { type: 'string' },
        approve: { type: 'boolean' },
        scopes: { type: 'string' },
        slug: { type: 'string' },
        org: { type: 'string' },
        kid: { type: 'string' },
        mode: { type: 'string' },
        reason: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const command = parsed.positionals[0];
  if (!command || parsed.values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    console.error(`Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof openDeps>> | null = null;
  try {
    opened = await openDeps();
    await run(command, parsed.values, opened.deps);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof CommandUsageError) console.error(`${err.message}\n\n${USAGE}`);
    else if (err instanceof AppError) {
      const details = Array.isArray(err.details)
        ? err.details.map((d: { path?: string; message?: string }) => `\n  ${d.path}: ${d.message}`).join('')
        : '';
      console.error(`Error: ${err.message}${details}`);
    } else console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    return err instanceof UsageError || err instanceof CommandUsageError ? 2 : 1;
  } finally {
    opened?.close();
  }
}

main().then((code) => process.exit(code));

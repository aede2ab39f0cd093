/** The admin commands that handle key material: master-key rotation and retiring a compromised issuer key. */
import { masterKeys } from '../../worker/config';
import type { AppDeps } from '../../worker/context';
import { asc, eq } from 'drizzle-orm';
import { issuerKeys } from '../../db/schema';
import { retireIssuerKey } from '../../worker/services/organisations/key-retirement';
import { getOrganisationBySlug } from '../../worker/services/organisations/organisations';
import { rotateMasterKey } from '../../worker/services/platform/master-key-rotation';

/** A mistake in how a command was called (printed with the usage, exit code 2). */
export class CommandUsageError extends Error {}

/**
 * `rotate-master-key`: re-encrypts every private key under NEW_MASTER_KEY. Rerunning after an interruption
 * finishes the job. Prints what the operator must change next (MASTER_KEY, PASSWORD_PEPPER).
 */
export async function rotateMasterKeyCommand(deps: AppDeps, env: Record<string, string | undefined>): Promise<void> {
  const newKey = env.NEW_MASTER_KEY?.trim();
  if (!newKey || newKey.length < 32) throw new CommandUsageError('Set NEW_MASTER_KEY to the new key (32+ characters)');
  const oldKeys = masterKeys(deps.config).filter((k) => k !== newKey);
  if (!oldKeys.length)
    throw new CommandUsageError(
      'NEW_MASTER_KEY equals MASTER_KEY: set MASTER_KEY (or MASTER_KEY_PREVIOUS) to the old key',
    );
  const report = await rotateMasterKey(deps.db, { oldKeys, newKey, now: deps.clock() });
  console.log(
    `Every private key now opens under the new master key: issuer keys ${report.issuerKeys.rotated} re-encrypted` +
      ` (${report.issuerKeys.alreadyNew} already done), holder keys ${report.holderKeys.rotated} re-encrypted` +
      ` (${report.holderKeys.alreadyNew} already done).`,
  );
  console.log('Next: run the service with MASTER_KEY=<the new key> and remove MASTER_KEY_PREVIOUS.');
  if (!env.PASSWORD_PEPPER) {
    console.log(
      'IMPORTANT: password hashes are peppered with the OLD master key. Set PASSWORD_PEPPER=<the old MASTER_KEY>' +
        ' wherever the service runs before it starts with the new MASTER_KEY, or nobody can sign in.',
    );
  }
}

/** `list-keys --org <slug>`: an organisation's signing keys, newest last, with their state. */
export async function listKeysCommand(deps: AppDeps, slug: string): Promise<void> {
  const org = await getOrganisationBySlug(deps.db, slug);
  if (!org) throw new CommandUsageError(`No organisation with slug ${slug}`);
  const keys = await deps.db
    .select()
    .from(issuerKeys)
    .where(eq(issuerKeys.orgId, org.id))
    .orderBy(asc(issuerKeys.createdAt));
  if (!keys.length) console.log(`${slug} has no signing keys yet.`);
  for (const k of keys) {
    const state = k.withdrawnAt ? `withdrawn ${k.withdrawnAt}` : k.active ? 'signing' : `retired ${k.retiredAt ?? ''}`;
    console.log(`${k.kid}  created ${k.createdAt}  ${state}`);
  }
}

/**
 * `retire-key --org <slug> --kid <kid> --mode revoke|reissue --reason <text>`: withdraws a compromised key and
 * revokes or re-signs every credential it signed. Rerun the same command after an interruption to finish.
 */
export async function retireKeyCommand(
  deps: AppDeps,
  o: { slug: string; kid: string; mode: string; reason: string },
): Promise<void> {
  if (o.mode !== 'revoke' && o.mode !== 'reissue') throw new CommandUsageError('--mode must be revoke or reissue');
  const org = await getOrganisationBySlug(deps.db, o.slug);
  if (!org) throw new CommandUsageError(`No organisation with slug ${o.slug}`);
  const job = await retireIssuerKey(
    deps,
    { orgId: org.id, kid: o.kid, mode: o.mode, reason: o.reason, actorUserId: null, now: deps.clock() },
    { afterBatch: (done) => void process.stderr.write(`  ${done} credentials re-signed\n`) },
  );
  console.log(
    `Key ${job.kid} of ${o.slug} is withdrawn from its DID document (${job.mode}): ${job.done} of ${job.total} credentials ` +
      `${job.mode === 'revoke' ? 'revoked' : 're-signed under the new key (any left over were revoked)'}.`,
  );
}

/**
 * Retiring a compromised issuer key. The organisation first gets a new signing key (nothing new is signed with the
 * old one), then, at the academy's choice, every credential the key signed is either revoked or re-signed under the
 * new key (same id, same status slot, same content), and the key is withdrawn from the DID document so nothing,
 * forgeries included, verifies with it any more.
 *
 * Crash safety: "revoke" is one batch (revocations, list version bumps, the withdrawal, the job's end). "reissue"
 * swaps credentials in batches of conditional updates (only if the row still has the JWT read) while the old key is
 * still listed, and withdraws it in the batch that finds nothing left; so after a crash every credential verifies
 * (under the old key or the new one) or is revoked, and a rerun continues the job.
 */
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type Database, rowsChanged } from '../../../db/client';
import { type CredentialBodies, bodiesOf, bodyKey, freshBodyKey } from '../../../db/credential-bodies';
import { credentials, issuerKeys, keyRetirements, organisations, statusLists } from '../../../db/schema';
import { signCredentialJwt } from '../../credentials/issue';
import { parseCompactJwt } from '../../credentials/jwt';
import { AppError } from '../../errors';
import { auditInsert } from '../../lib/audit';
import { bumpStatusEpoch, bumpTrustEpoch } from '../../lib/cache-epochs';
import { type SignerDeps, rotateIssuerKey, signerFor } from './issuers';

export type RetirementMode = 'revoke' | 'reissue';
export type KeyRetirement = typeof keyRetirements.$inferSelect;

/** Credentials re-signed per batch: two bound parameters per conditional update, far under D1's limits. */
export const REISSUE_BATCH_SIZE = 25;

export interface RetireKeyInput {
  orgId: string;
  kid: string;
  mode: RetirementMode;
  reason: string;
  actorUserId: string | null;
  now: Date;
}

export interface RetireOptions {
  batchSize?: number;
  /** Called after each committed batch with the credentials dealt with so far; lets a test stop the run mid-way. */
  afterBatch?: (done: number) => void | Promise<void>;
}

type Deps = SignerDeps & { bodies: CredentialBodies };

async function loadKey(db: Database, orgId: string, kid: string) {
  const rows = await db
    .select({ k: issuerKeys, o: organisations })
    .from(issuerKeys)
    .innerJoin(organisations, eq(organisations.id, issuerKeys.orgId))
    .where(and(eq(issuerKeys.kid, kid), eq(issuerKeys.orgId, orgId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No such key for this organisation');
  return row;
}

const signedWith = (orgId: string, kid: string) => and(eq(credentials.issuerOrgId, orgId), eq(credentials.kid, kid));

/**
 * Starts retiring a key (or continues the job already started for it) and runs it to the end. The mode of a job
 * already under way cannot change; a finished job is returned as it is.
 */
export async function retireIssuerKey(deps: Deps, input: RetireKeyInput, opts: RetireOptions = {}) {
  const { db, config } = deps;
  const { k, o } = await loadKey(db, input.orgId, input.kid);
  if (!input.reason.trim())
    throw new AppError('validation_failed', 'Say why the key is retired', [{ path: 'reason', message: 'Required' }]);
  // Nothing new is signed with the key from here on (a crash after this leaves a harmless extra rotation).
  if (k.active) await rotateIssuerKey(db, config, o, input.now, input.actorUserId);
  const total = (await db.select({ n: count() }).from(credentials).where(signedWith(o.id, k.kid)))[0]?.n ?? 0;
  await db
    .insert(keyRetirements)
    .values({
      kid: k.kid,
      orgId: o.id,
      mode: input.mode,
      reason: input.reason.trim(),
      status: 'running',
      total,
      createdBy: input.actorUserId,
      createdAt: input.now.toISOString(),
    })
    .onConflictDoNothing();
  const job = await getRetirement(db, o.id, k.kid);
  if (job.status === 'done') return job;
  if (job.mode !== input.mode)
    throw new AppError('conflict', `This key is already being retired with "${job.mode}"; run that again to finish`);
  return continueRetirement(deps, job, input.now, opts);
}

/** The retirement job of a key. */
export async function getRetirement(db: Database, orgId: string, kid: string): Promise<KeyRetirement> {
  const rows = await db
    .select()
    .from(keyRetirements)
    .where(and(eq(keyRetirements.kid, kid), eq(keyRetirements.orgId, orgId)))
    .limit(1);
  if (!rows[0]) throw new AppError('not_found', 'This key is not being retired');
  return rows[0];
}

/** Runs a started job to the end: re-signs what is left (reissue), then revokes and withdraws in one batch. */
export async function continueRetirement(deps: Deps, job: KeyRetirement, now: Date, opts: RetireOptions = {}) {
  if (job.mode === 'reissue') await reissueAll(deps, job, now, opts);
  await finish(deps.db, job, now);
  bumpStatusEpoch();
  bumpTrustEpoch();
  return getRetirement(deps.db, job.orgId, job.kid);
}

async function reissueAll(deps: Deps, job: KeyRetirement, now: Date, opts: RetireOptions) {
  const { db } = deps;
  const orgRows = await db.select().from(organisations).where(eq(organisations.id, job.orgId)).limit(1);
  const signer = await signerFor(deps, orgRows[0]!, now);
  const newKid = signer.kid.slice(signer.kid.indexOf('#') + 1);
  if (newKid === job.kid) throw new Error('The organisation still signs with the key being retired');
  for (;;) {
    const rows = await db
      .select({ id: credentials.id, bodyRef: credentials.bodyRef })
      .from(credentials)
      .where(signedWith(job.orgId, job.kid))
      .orderBy(asc(credentials.id))
      .limit(opts.batchSize ?? REISSUE_BATCH_SIZE);
    if (!rows.length) return;
    const texts = await bodiesOf(deps, rows);
    const statements: BatchItem<'sqlite'>[] = [];
    const fresh: { key: string; body: string }[] = [];
    for (const [i, row] of rows.entries()) {
      const parsed = parseCompactJwt(texts[i] as string);
      if (!parsed.ok) throw new Error(`Stored credential ${row.id} is unreadable`);
      const { iss: _iss, iat: _iat, jti: _jti, ...credential } = parsed.jwt.payload;
      fresh.push({ key: freshBodyKey(row.id), body: await signCredentialJwt(credential, signer, { now }) });
      // Switched only if nothing re-signed it meanwhile (a claim, another run of this job).
      const unchanged = row.bodyRef === null ? isNull(credentials.bodyRef) : eq(credentials.bodyRef, row.bodyRef);
      statements.push(
        db
          .update(credentials)
          .set({ bodyRef: fresh[i]!.key, kid: newKid })
          .where(and(eq(credentials.id, row.id), unchanged)),
      );
    }
    statements.push(progressUpdate(db, job));
    // New texts first, under fresh keys; then the rows switch; then whichever text no row names goes.
    await deps.bodies.put(fresh);
    const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    await deps.bodies.delete(rows.map((row, i) => (rowsChanged(results[i]) ? bodyKey(row) : fresh[i]!.key)));
    const done = (await getRetirement(db, job.orgId, job.kid)).done;
    await opts.afterBatch?.(done);
  }
}

/** Sets the job's progress from the register itself: everything no longer signed with the key is done. */
function progressUpdate(db: Database, job: KeyRetirement) {
  return db
    .update(keyRetirements)
    .set({
      done: sql`max(0, ${keyRetirements.total} - (select count(*) from ${credentials} where ${credentials.issuerOrgId} = ${job.orgId} and ${credentials.kid} = ${job.kid}))`,
    })
    .where(eq(keyRetirements.kid, job.kid));
}

/**
 * The last batch: revokes whatever is still signed with the key (everything, in "revoke" mode; in "reissue" mode only
 * a credential a concurrent claim or issue slipped in), bumps the organisation's lists so they are signed afresh with
 * the new key, withdraws the key and closes the job, all or nothing.
 */
async function finish(db: Database, job: KeyRetirement, now: Date) {
  const at = now.toISOString();
  await db.batch([
    db
      .update(credentials)
      .set({ status: 'revoked', statusReason: `Issuer key withdrawn: ${job.reason}`.slice(0, 500) })
      .where(and(signedWith(job.orgId, job.kid), ne(credentials.status, 'revoked'))),
    db
      .update(statusLists)
      .set({ version: sql`${statusLists.version} + 1` })
      .where(eq(statusLists.orgId, job.orgId)),
    db
      .update(issuerKeys)
      .set({ active: false, retiredAt: sql`coalesce(${issuerKeys.retiredAt}, ${at})`, withdrawnAt: at })
      .where(eq(issuerKeys.kid, job.kid)),
    db
      .update(keyRetirements)
      .set({ status: 'done', done: keyRetirements.total, completedAt: at })
      .where(and(eq(keyRetirements.kid, job.kid), eq(keyRetirements.status, 'running'))),
    auditInsert(db, {
      at: now,
      actorUserId: job.createdBy,
      actorOrgId: job.orgId,
      action: 'issuer_key.withdrawn',
      targetType: 'organisation',
      targetId: job.orgId,
      details: { kid: job.kid, mode: job.mode, reason: job.reason, credentials: job.total },
    }),
  ]);
}

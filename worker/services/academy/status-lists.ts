/**
 * Bitstring status lists (revocation and suspension) per issuer. The bits are derived from the
 * credentials table, so a status change is one row update plus a version bump in the same batch:
 * a crash can never leave a list and the credential disagreeing.
 */
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { credentials, statusLists } from '../../../db/schema';
import type { Config } from '../../config';
import { signCredentialJwt } from '../../credentials/issue';
import {
  MESSAGE_STATUS_SIZE,
  STATUS_LIST_SIZE,
  STATUS_VALUES,
  buildStatusListCredential,
  encodeStatusList,
  statusValueBits,
} from '../../credentials/status-list';
import { newId } from '../../lib/ids';
import { type SignerDeps, signerFor } from '../organisations/issuers';
import type { KitCacheSpec } from '../../lib/cache-kit';

/** Lists are rolled over before they fill, so random allocation stays cheap and sparse. */
const MAX_FILL = Math.floor(STATUS_LIST_SIZE * 0.75);

/**
 * Where a credential's status lives. New credentials have one `message` list (2 bits each: valid, revoked,
 * suspended), named in both columns; credentials issued before it have a revocation and a suspension list.
 */
export interface StatusSlot {
  revocationListId: string;
  suspensionListId: string;
  index: number;
}

/** The URL a status list credential is served at. */
export function statusListUrl(config: Config, listId: string): string {
  return `${config.PUBLIC_ORIGIN}/status-lists/${listId}`;
}

/** The issuer's newest `message` list: new credentials take their single status entry from it. */
async function currentList(db: Database, orgId: string) {
  const lists = await db
    .select()
    .from(statusLists)
    .where(and(eq(statusLists.orgId, orgId), eq(statusLists.purpose, 'message')))
    .orderBy(asc(statusLists.createdAt), asc(statusLists.id));
  return lists.at(-1) ?? null;
}

async function createList(db: Database, orgId: string, now: Date) {
  // size counts bits: 131,072 entries of MESSAGE_STATUS_SIZE bits each.
  const list = {
    id: newId(),
    orgId,
    purpose: 'message' as const,
    size: STATUS_LIST_SIZE * MESSAGE_STATUS_SIZE,
    version: 0,
    createdAt: now.toISOString(),
  };
  await db.insert(statusLists).values(list);
  return list;
}

/**
 * Allocates `n` random, unused status indices for an issuer. Uniqueness is finally enforced by the
 * (revocation_list_id, status_index) unique index; callers retry on the rare conflict from a concurrent issuer.
 */
export async function allocateStatusSlots(db: Database, orgId: string, n: number, now: Date): Promise<StatusSlot[]> {
  const slots: StatusSlot[] = [];
  let list = (await currentList(db, orgId)) ?? (await createList(db, orgId, now));
  while (slots.length < n) {
    // How full the list is, counted inside SQLite over the unique index (no rows cross into JS).
    const counted = await db.select({ n: count() }).from(credentials).where(eq(credentials.revocationListId, list.id));
    const mine = new Set(slots.filter((s) => s.revocationListId === list.id).map((s) => s.index));
    const room = MAX_FILL - (counted[0]?.n ?? 0) - mine.size;
    if (room <= 0) {
      list = await createList(db, orgId, now);
      continue;
    }
    const want = Math.min(room, n - slots.length);
    for (const index of await freeIndices(db, list.id, want, mine)) {
      slots.push({ revocationListId: list.id, suspensionListId: list.id, index });
    }
    if (slots.length < n) list = await createList(db, orgId, now);
  }
  return slots;
}

/**
 * `want` random indices of a list that no credential holds: draw random candidates, then ask the database which
 * of just those are taken. Work grows with the chunk, not with how many credentials the list already holds.
 */
async function freeIndices(db: Database, listId: string, want: number, exclude: Set<number>): Promise<number[]> {
  const out: number[] = [];
  const seen = new Set(exclude);
  while (out.length < want) {
    // A little over what is needed, within D1's 100 bound parameters (one is the list id).
    const batch = Math.min(want - out.length + 8, 90);
    const candidates: number[] = [];
    for (let k = 0; k < batch; k++) {
      const i = randomFreeIndex(seen);
      seen.add(i);
      candidates.push(i);
    }
    const taken = await db
      .select({ i: credentials.statusIndex })
      .from(credentials)
      .where(and(eq(credentials.revocationListId, listId), inArray(credentials.statusIndex, candidates)));
    const takenSet = new Set(taken.map((r) => r.i));
    for (const i of candidates) if (!takenSet.has(i) && out.length < want) out.push(i);
  }
  return out;
}

/** A uniformly random index not in `used` (rejection sampling; lists stay at most 75% full). */
export function randomFreeIndex(used: Set<number>): number {
  const buf = new Uint32Array(8);
  for (;;) {
    crypto.getRandomValues(buf);
    for (const v of buf) {
      const i = v % STATUS_LIST_SIZE;
      if (!used.has(i)) return i;
    }
  }
}

/** The statement that bumps list versions; batch it with every status change. */
export function bumpVersions(db: Database, listIds: string[]) {
  return db
    .update(statusLists)
    .set({ version: sql`${statusLists.version} + 1` })
    .where(inArray(statusLists.id, listIds));
}

/**
 * Signed lists by id with the version they were signed at: a list is re-signed only when its version moved, so
 * entries need no lifetime; the bound keeps one process's memory flat across many academies.
 */
const SIGNED_LISTS: KitCacheSpec = { ttlMs: Number.POSITIVE_INFINITY, max: 5000 };

/** The signed BitstringStatusListCredential (JWT) for a list, rebuilt only when its version changed. */
export async function statusListJwt(deps: SignerDeps, listId: string, now: Date): Promise<string | null> {
  const { db, config } = deps;
  const rows = await db.select().from(statusLists).where(eq(statusLists.id, listId)).limit(1);
  const list = rows[0];
  if (!list) return null;
  const signed = deps.caches.named<{ version: number; jwt: string }>('signed-status-lists', SIGNED_LISTS);
  const cached = signed.get(listId);
  if (cached && cached.version === list.version) return cached.jwt;
  const setBits = await listBits(db, list);
  const orgRows = await db.query.organisations.findFirst({ where: (o, { eq: e }) => e(o.id, list.orgId) });
  if (!orgRows) return null;
  const signer = await signerFor(deps, orgRows, now);
  const credential = buildStatusListCredential({
    id: statusListUrl(config, listId),
    issuerDid: signer.did,
    purpose: list.purpose,
    encodedList: await encodeStatusList(setBits, list.size),
    validFrom: now.toISOString(),
  });
  const jwt = await signCredentialJwt(credential, signer);
  signed.set(listId, { version: list.version, jwt });
  return jwt;
}

/** The set bits of a list: for a `message` list each credential's 2-bit value, for the older lists one bit each. */
async function listBits(db: Database, list: typeof statusLists.$inferSelect): Promise<number[]> {
  if (list.purpose === 'message') {
    const rows = await db
      .select({ i: credentials.statusIndex, status: credentials.status })
      .from(credentials)
      .where(and(eq(credentials.revocationListId, list.id), ne(credentials.status, 'active')));
    const values = rows.map((r) => ({
      index: r.i,
      value: STATUS_VALUES[r.status === 'revoked' ? 'revoked' : 'suspended'],
    }));
    return statusValueBits(values, MESSAGE_STATUS_SIZE);
  }
  const status = list.purpose === 'revocation' ? 'revoked' : 'suspended';
  const column = list.purpose === 'revocation' ? credentials.revocationListId : credentials.suspensionListId;
  const set = await db
    .select({ i: credentials.statusIndex })
    .from(credentials)
    .where(and(eq(column, list.id), eq(credentials.status, status)));
  return set.map((r) => r.i);
}

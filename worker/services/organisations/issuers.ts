/** Issuer identities: did:web per approved organisation (and the platform), Ed25519 keys encrypted at rest, rotation. */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { issuerKeys, organisations } from '../../../db/schema';
import { type Config, masterKeys } from '../../config';
import { buildDidDocument, didWebFromUrl } from '../../credentials/did';
import {
  decryptPrivateKeyWithAny,
  encryptPrivateKey,
  generateEd25519KeyPair,
  importPrivateKey,
} from '../../credentials/keys';
import type { SignBytes, Signing } from '../../credentials/signing';
import { auditInsert } from '../../lib/audit';
import type { CacheKit, KitCacheSpec } from '../../lib/cache-kit';

export const PLATFORM_SLUG = 'platform';

/** The did:web of an organisation: the platform is the host itself, others live under /orgs/<slug>. */
export function issuerDid(config: Config, org: { slug: string; kind: string }): string {
  return org.kind === 'platform'
    ? didWebFromUrl(config.PUBLIC_ORIGIN)
    : didWebFromUrl(config.PUBLIC_ORIGIN, ['orgs', org.slug]);
}

/** The organisation slug named by a did:web of this host, 'platform' for the host itself, or null if not ours. */
export function slugFromDid(config: Config, did: string): string | null {
  const base = didWebFromUrl(config.PUBLIC_ORIGIN);
  if (did === base) return PLATFORM_SLUG;
  const prefix = `${base}:orgs:`;
  if (!did.startsWith(prefix)) return null;
  const slug = did.slice(prefix.length);
  return /^[a-z0-9-]{1,64}$/.test(slug) ? slug : null;
}

type IssuerKeyRow = typeof issuerKeys.$inferSelect;

/** Returns the organisation's active signing key, creating the first one if it has none. */
export async function ensureIssuerKey(
  db: Database,
  config: Config,
  org: { id: string; slug: string; kind: string },
  now: Date,
): Promise<IssuerKeyRow> {
  const existing = await db
    .select()
    .from(issuerKeys)
    .where(and(eq(issuerKeys.orgId, org.id), eq(issuerKeys.active, true)))
    .orderBy(desc(issuerKeys.createdAt))
    .limit(1);
  if (existing[0]) return existing[0];
  const row = await newKeyRow(config, org, now);
  await db.insert(issuerKeys).values(row);
  return row;
}

async function newKeyRow(
  config: Config,
  org: { id: string; slug: string; kind: string },
  now: Date,
): Promise<IssuerKeyRow> {
  const { publicJwk, privateJwk } = await generateEd25519KeyPair();
  const kid = `key-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomUUID().slice(0, 8)}`;
  return {
    kid,
    orgId: org.id,
    did: issuerDid(config, org),
    publicJwk: JSON.stringify(publicJwk),
    privateKeyEnc: await encryptPrivateKey(config.MASTER_KEY, privateJwk),
    active: true,
    createdAt: now.toISOString(),
    retiredAt: null,
    withdrawnAt: null,
  };
}

/** Makes a new key the signing key; old public keys stay in the DID document so earlier credentials still verify. */
export async function rotateIssuerKey(
  db: Database,
  config: Config,
  org: { id: string; slug: string; kind: string },
  now: Date,
  actorUserId: string | null,
): Promise<IssuerKeyRow> {
  const row = await newKeyRow(config, org, now);
  await db.batch([
    db
      .update(issuerKeys)
      .set({ active: false, retiredAt: now.toISOString() })
      .where(and(eq(issuerKeys.orgId, org.id), eq(issuerKeys.active, true))),
    db.insert(issuerKeys).values(row),
    auditInsert(db, {
      at: now,
      actorUserId,
      actorOrgId: org.id,
      action: 'issuer_key.rotated',
      targetType: 'organisation',
      targetId: org.id,
      details: { kid: row.kid },
    }),
  ]);
  return row;
}

/** The DID document for an organisation slug (or the platform), or null when it has no keys / is unknown. */
export async function didDocumentForSlug(db: Database, config: Config, slug: string) {
  const orgRows = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  const org = orgRows[0];
  if (!org) return null;
  if (slug === PLATFORM_SLUG && org.kind !== 'platform') return null;
  const keys = await db
    .select()
    .from(issuerKeys)
    // A withdrawn (compromised) key is left out, so nothing signed with it verifies any more.
    .where(and(eq(issuerKeys.orgId, org.id), isNull(issuerKeys.withdrawnAt)))
    .orderBy(asc(issuerKeys.createdAt));
  if (!keys.length) return null;
  const did = issuerDid(config, org);
  return buildDidDocument(
    did,
    keys.map((k) => ({ kid: k.kid, publicJwk: JSON.parse(k.publicJwk) as JsonWebKey })),
  );
}

/** What signing needs from the app: the database, the master keys in config, the app's caches and its Ed25519. */
export interface SignerDeps {
  db: Database;
  config: Config;
  caches: CacheKit;
  /** The runtime's Ed25519. */
  signing: Signing;
}

/** Decrypted signing keys by kid: a kid's private half never changes (rotation makes a new kid), so no lifetime. */
const SIGNERS: KitCacheSpec = { ttlMs: Number.POSITIVE_INFINITY, max: 1000 };

/** The signer for an organisation's active key (decrypted once per app, cached by kid). */
export async function signerFor(deps: SignerDeps, org: { id: string; slug: string; kind: string }, now: Date) {
  const key = await ensureIssuerKey(deps.db, deps.config, org, now);
  const { privateKey, sign } = await deps.caches
    .named<Promise<{ privateKey: CryptoKey; sign: SignBytes }>>('issuer-signers', SIGNERS)
    .through(key.kid, async () => {
      const jwk = await decryptPrivateKeyWithAny(masterKeys(deps.config), key.privateKeyEnc);
      // The WebCrypto key serves Data Integrity proofs and presentations; `sign` is the runtime's fastest path.
      return { privateKey: await importPrivateKey(jwk), sign: await deps.signing.signWith(jwk) };
    });
  return { did: key.did, kid: `${key.did}#${key.kid}`, privateKey, sign };
}

/** Makes sure the platform operator's organisation exists (slug 'platform', approved); returns it. */
export async function ensurePlatformOrg(db: Database, now: Date) {
  await db
    .insert(organisations)
    .values({
      id: 'org-platform',
      slug: PLATFORM_SLUG,
      name: 'Care Passport',
      kind: 'platform',
      status: 'approved',
      approvedAt: now.toISOString(),
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing();
  const rows = await db.select().from(organisations).where(eq(organisations.slug, PLATFORM_SLUG)).limit(1);
  return rows[0]!;
}

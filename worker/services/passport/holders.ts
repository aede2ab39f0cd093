/** Holder identities: each care worker gets a did:key the platform keeps for them (encrypted), or brings their own. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { users } from '../../../db/schema';
import { type Config, masterKeys } from '../../config';
import { didKeyFromPublicJwk } from '../../credentials/did';
import {
  decryptPrivateKeyWithAny,
  encryptPrivateKey,
  generateEd25519KeyPair,
  importPrivateKey,
} from '../../credentials/keys';
import { AppError } from '../../errors';

/** The worker's holder DID, creating a platform-held did:key on first use. */
export async function ensureHolderDid(db: Database, config: Config, userId: string): Promise<string> {
  const rows = await db.select({ did: users.holderDid }).from(users).where(eq(users.id, userId)).limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'No such person');
  if (row.did) return row.did;
  const { publicJwk, privateJwk } = await generateEd25519KeyPair();
  const did = didKeyFromPublicJwk(publicJwk);
  // Conditional update: if two requests race, the first DID wins and the second reads it back.
  await db
    .update(users)
    .set({ holderDid: did, holderKeyEnc: await encryptPrivateKey(config.MASTER_KEY, privateJwk) })
    .where(and(eq(users.id, userId), isNull(users.holderDid)));
  const after = await db.select({ did: users.holderDid }).from(users).where(eq(users.id, userId)).limit(1);
  return after[0]?.did ?? did;
}

/** The holder's signing key for presentations; null when the worker brought a DID whose key we do not hold. */
export async function holderSigner(db: Database, config: Config, userId: string) {
  const did = await ensureHolderDid(db, config, userId);
  const rows = await db.select({ enc: users.holderKeyEnc }).from(users).where(eq(users.id, userId)).limit(1);
  const enc = rows[0]?.enc;
  if (!enc) return null;
  const privateKey = await importPrivateKey(await decryptPrivateKeyWithAny(masterKeys(config), enc));
  // A did:key's only verification method is the key itself, fragment = the multibase part.
  return { did, kid: `${did}#${did.slice('did:key:'.length)}`, privateKey };
}

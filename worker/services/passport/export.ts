/** Exporting a worker's whole passport as one JSON document they can keep and check anywhere. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { type CredentialBodies, bodiesOf } from '../../../db/credential-bodies';
import { achievements, credentials, importedCredentials, organisations, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { listShares } from './shares';
import {
  type StoredVerification,
  competencyKinds,
  kindOf,
  loadPassport,
  parseIds,
  safeJson,
  statusAt,
} from './passport';

/** Every credential issued here to the person, older renewals included, with its name and issuer. */
function issuedTo(db: Database, userId: string) {
  return db
    .select({ c: credentials, name: achievements.name, org: organisations.name, orgStatus: organisations.status })
    .from(credentials)
    .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
    .innerJoin(organisations, eq(organisations.id, credentials.issuerOrgId))
    .where(eq(credentials.subjectUserId, userId))
    .orderBy(asc(credentials.issuedAt));
}

/**
 * Everything the worker holds, as one JSON document: a manifest and every credential with its JWT (issued
 * here, older renewals included and marked, and imported), plus their shares' history. The JWTs are the
 * credentials: any verifier can check them without this platform's help.
 */
export async function exportPassport(db: Database, bodies: CredentialBodies, userId: string, now: Date) {
  const userRows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = userRows[0];
  if (!user) throw new AppError('not_found', 'Account not found');
  const [issued, imported, current, shareList] = await Promise.all([
    issuedTo(db, userId),
    db
      .select()
      .from(importedCredentials)
      .where(eq(importedCredentials.userId, userId))
      .orderBy(asc(importedCredentials.importedAt)),
    loadPassport(db, userId, now),
    listShares(db, userId),
  ]);
  const issuedRows = issued.map(({ c }) => c);
  const [texts, kinds] = await Promise.all([bodiesOf({ db, bodies }, issuedRows), competencyKinds(db)]);
  const kindById = new Map(current.map((e) => [e.id, e.kind]));
  const list = [
    ...issued.map(({ c, name, org, orgStatus }, i) => ({
      id: `urn:uuid:${c.id}`,
      source: 'issued' as const,
      name,
      issuer: org,
      issuerRecognised: orgStatus === 'approved',
      kind: kindById.get(c.id) ?? kindOf(parseIds(c.alignedIds), kinds),
      status: statusAt(c, now),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      issuedAt: c.issuedAt,
      supersededBy: c.replacedById ? `urn:uuid:${c.replacedById}` : null,
      alignedIds: parseIds(c.alignedIds),
      format: 'vc2-jwt',
      jwt: texts[i] as string,
    })),
    ...imported.map((i) => ({
      id: i.id,
      source: 'imported' as const,
      name: i.name,
      issuer: i.issuer,
      issuerRecognised: !!safeJson<StoredVerification>(i.verification)?.trust?.recognised,
      kind: kindById.get(i.id) ?? 'other',
      status: statusAt({ validUntil: i.validUntil }, now),
      validFrom: i.validFrom,
      validUntil: i.validUntil,
      issuedAt: i.importedAt,
      supersededBy: null,
      alignedIds: parseIds(i.alignedIds),
      format: i.format,
      jwt: i.jwt,
    })),
  ];
  return {
    manifest: {
      format: 'care-passport-export',
      version: 1,
      exportedAt: now.toISOString(),
      holder: { name: user.displayName, email: user.email, did: user.holderDid },
      credentialCount: list.length,
      about:
        'Each "jwt" is a W3C Verifiable Credential (VC 2.0, vc+jwt, signed with Ed25519). Anyone can check one with a ' +
        'VC verifier (for example POST /credentials/verify on this site) without your account. Keep this file private.',
    },
    credentials: list,
    shares: shareList.map((s) => ({
      label: s.label,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      revokedAt: s.revokedAt,
      credentialIds: s.credentialIds.map((id) => `urn:uuid:${id}`),
      views: s.views,
    })),
  };
}

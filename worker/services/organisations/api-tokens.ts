/** Organisation API tokens: `cpt_` + a random token, shown once; only its SHA-256 is stored. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { apiTokens } from '../../../db/schema';
import type { ApiScope } from '../../../schemas/accounts';
import { AppError } from '../../errors';
import { hashToken, newId, newToken } from '../../lib/ids';
import { API_TOKEN_PREFIX } from '../../middleware/actor';
import { auditInsert } from '../../lib/audit';

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates a token for an organisation; the returned `token` is the only copy there will ever be. */
export async function createApiToken(
  db: Database,
  input: { orgId: string; name: string; scopes: ApiScope[]; createdBy: string | null; now: Date },
): Promise<{ id: string; token: string }> {
  const scopes = [...new Set(input.scopes)];
  if (!scopes.length)
    throw new AppError('validation_failed', 'Choose at least one scope', [
      { path: 'scopes', message: 'Choose at least one scope' },
    ]);
  const token = `${API_TOKEN_PREFIX}${newToken()}`;
  const id = newId();
  await db.batch([
    db.insert(apiTokens).values({
      id,
      orgId: input.orgId,
      name: input.name.trim(),
      tokenHash: hashToken(token),
      scopes: JSON.stringify(scopes),
      createdBy: input.createdBy,
      createdAt: input.now.toISOString(),
    }),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.createdBy,
      actorOrgId: input.orgId,
      action: 'api_token.created',
      targetType: 'api_token',
      targetId: id,
      details: { name: input.name.trim(), scopes },
    }),
  ]);
  return { id, token };
}

/** An organisation's tokens, newest first, without their hashes. */
export async function listApiTokens(db: Database, orgId: string): Promise<ApiTokenView[]> {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.orgId, orgId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => ({ ...r, scopes: JSON.parse(r.scopes) as ApiScope[] }));
}

/** Revokes one of the organisation's tokens; another organisation's token id is "not found". */
export async function revokeApiToken(
  db: Database,
  input: { orgId: string; tokenId: string; actorUserId: string | null; now: Date },
): Promise<void> {
  const found = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.orgId, input.orgId)))
    .limit(1);
  if (!found[0]) throw new AppError('not_found', 'No such API token');
  if (found[0].revokedAt) return;
  await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: input.now.toISOString() })
      .where(and(eq(apiTokens.id, input.tokenId), isNull(apiTokens.revokedAt))),
    auditInsert(db, {
      at: input.now,
      actorUserId: input.actorUserId,
      actorOrgId: input.orgId,
      action: 'api_token.revoked',
      targetType: 'api_token',
      targetId: input.tokenId,
    }),
  ]);
}

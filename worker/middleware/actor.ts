/** Resolves who is calling: a session cookie, an organisation API token, or nobody. */
import { and, eq, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { apiTokens, organisations } from '../../db/schema';
import { isSecureOrigin } from '../config';
import type { Actor, AppEnv } from '../context';
import { AppError } from '../errors';
import { hashToken } from '../lib/ids';
import { WALLET_TOKEN_PREFIX } from '../services/wallets/tokens';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '../services/accounts/sessions';

export const API_TOKEN_PREFIX = 'cpt_';

/** Attaches `actor` to the request: user + session, token + org, or anonymous. */
export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, config, clock } = c.get('deps');
  const auth = c.req.header('authorization');
  let actor: Actor = { kind: 'anonymous' };
  // A wallet's access token is checked by the credential endpoint itself; the wallet stays anonymous here.
  if (auth?.startsWith('Bearer ') && !auth.slice(7).trim().startsWith(WALLET_TOKEN_PREFIX)) {
    const token = auth.slice(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) throw new AppError('unauthenticated', 'Unknown API token');
    const rows = await db
      .select({ t: apiTokens, o: organisations })
      .from(apiTokens)
      .innerJoin(organisations, eq(organisations.id, apiTokens.orgId))
      .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
      .limit(1);
    const row = rows[0];
    if (!row) throw new AppError('unauthenticated', 'Unknown or revoked API token');
    actor = {
      kind: 'token',
      tokenId: row.t.id,
      scopes: JSON.parse(row.t.scopes),
      org: {
        orgId: row.o.id,
        slug: row.o.slug,
        name: row.o.name,
        kind: row.o.kind,
        status: row.o.status,
        role: 'staff',
      },
    };
    await db.update(apiTokens).set({ lastUsedAt: clock().toISOString() }).where(eq(apiTokens.id, row.t.id));
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const s = await validateSessionToken(db, token, clock(), config.SESSION_DAYS);
      if (s) {
        actor = {
          kind: 'user',
          user: s.user,
          sessionId: s.sessionId,
          csrfToken: s.csrfToken,
          memberships: s.memberships,
        };
        if (s.renewed) setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(isSecureOrigin(config), s.expiresAt));
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
  }
  c.set('actor', actor);
  await next();
};

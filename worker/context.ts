/** The app's dependencies and per-request variables, shared by every route. */
import type { Context } from 'hono';
import type { CredentialBodies } from '../db/credential-bodies';
import type { Database } from '../db/client';
import type { Lang } from '../web/i18n/messages';
import type { Config } from './config';
import type { Signing } from './credentials/signing';
import type { CacheKit } from './lib/cache-kit';

/** Sends mail; the local implementation writes to the outbox table. */
export interface Mailer {
  send(message: { to: string; subject: string; body: string }): Promise<void>;
}

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Everything the app needs from its runtime; only the two entry files build it. */
export interface AppDeps {
  db: Database;
  /** Where the signed credentials themselves are kept (db/credential-bodies.ts). */
  bodies: CredentialBodies;
  config: Config;
  /** Current time; injected so tests can move the clock. */
  clock: () => Date;
  /** The app's in-memory caches, all on `clock` (made once where these deps are built). */
  caches: CacheKit;
  mailer: Mailer;
  logger: Logger;
  /** Ed25519 as this runtime does it fastest: WebCrypto by default, node:crypto on the Node server. */
  signing: Signing;
  /**
   * Outbound HTTP to other services (issuers' DID documents and status lists, wallets and verifiers): the platform's
   * fetch, or on the Node server one that refuses private addresses when it connects (worker/runtime/node-fetch.ts).
   */
  fetch: typeof fetch;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  emailVerified: boolean;
  holderDid: string | null;
}

export interface OrgMembership {
  orgId: string;
  slug: string;
  name: string;
  kind: 'academy' | 'employer' | 'commissioner' | 'platform';
  status: 'pending' | 'approved' | 'suspended' | 'refused';
  role: 'owner' | 'admin' | 'staff';
}

/** Who is making the request: a signed-in person, an organisation's API token, or nobody. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      user: SessionUser;
      sessionId: string;
      csrfToken: string;
      memberships: OrgMembership[];
    }
  | {
      kind: 'token';
      tokenId: string;
      org: OrgMembership;
      scopes: ('issue' | 'verify' | 'read')[];
    };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    actor: Actor;
    requestId: string;
    /** The language pages are shown in (set from the language cookie or Accept-Language). */
    lang: Lang;
    /** The organisation the route's guard let the request through for (org and API routes only). */
    membership?: OrgMembership;
    /** Set by routes so the request log names the matched route, not the raw path (no personal data). */
    routeName?: string;
  };
};

export type AppContext = Context<AppEnv>;

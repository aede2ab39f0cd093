/** Test helpers for people, organisations, sessions and the outbox, built through the real services. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { outbox, sessions } from '../../db/schema';
import type { OrgRole } from '../../schemas/accounts';
import type { OrgKind } from '../../worker/policy';
import { createUser } from '../../worker/services/accounts/accounts';
import { addMember } from '../../worker/services/organisations/memberships';
import { approveOrganisation } from '../../worker/services/organisations/approval';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import { SESSION_COOKIE, createSession } from '../../worker/services/accounts/sessions';
import { hashToken } from '../../worker/lib/ids';
import { Browser, type TestEnv } from './app';

/** A password that passes the policy. */
export const PASSWORD = 'sturdy test passphrase 42';

let counter = 0;

/** Creates a confirmed account (email unique per call unless given). */
export async function makeUser(
  env: TestEnv,
  opts: { email?: string; name?: string; password?: string; admin?: boolean; verified?: boolean } = {},
) {
  counter += 1;
  return createUser(env.deps, {
    email: opts.email ?? `person${counter}-${Date.now()}@example.org`,
    displayName: opts.name ?? `Person ${counter}`,
    password: opts.password ?? PASSWORD,
    verified: opts.verified ?? true,
    isPlatformAdmin: opts.admin ?? false,
  });
}

/** Creates an organisation with an owner (and optionally approves it with issuing scopes). */
export async function makeOrg(
  env: TestEnv,
  opts: { name: string; kind: OrgKind; ownerId?: string; approve?: boolean; scopes?: string[] },
) {
  const now = env.deps.clock();
  const org = await createOrganisation(env.deps.db, {
    name: opts.name,
    kind: opts.kind,
    ownerUserId: opts.ownerId ?? null,
    now,
  });
  if (opts.approve)
    await approveOrganisation(env.deps.db, { orgId: org.id, frameworkIds: opts.scopes ?? [], adminUserId: null, now });
  return { ...org, status: opts.approve ? ('approved' as const) : org.status };
}

export async function join(env: TestEnv, orgId: string, userId: string, role: OrgRole) {
  await addMember(env.deps.db, { orgId, userId, role, now: env.deps.clock() });
}

/** A fresh session for a user, without going through the sign-in form: the cookie value and its CSRF token. */
export async function sessionFor(env: TestEnv, userId: string): Promise<{ token: string; csrf: string }> {
  const { db, clock, config } = env.deps;
  const { token } = await createSession(db, userId, clock(), config.SESSION_DAYS);
  const row = await db
    .select({ csrf: sessions.csrfSecret })
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return { token, csrf: row[0]?.csrf ?? '' };
}

/** A browser already signed in as the user. */
export async function browserAs(env: TestEnv, userId: string): Promise<Browser> {
  const b = new Browser(env);
  b.cookies.set(SESSION_COOKIE, (await sessionFor(env, userId)).token);
  return b;
}

/** The newest message sent to an address (optionally with a subject containing `about`). */
export async function latestMail(env: TestEnv, to: string, about?: string) {
  const rows = await env.deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.to, to), about ? sql`instr(${outbox.subject}, ${about}) > 0` : undefined))
    .orderBy(desc(sql`rowid`))
    .limit(1);
  return rows[0] ?? null;
}

export async function mailCount(env: TestEnv, to: string): Promise<number> {
  return env.deps.db.$count(outbox, eq(outbox.to, to));
}

/** The path and query of the first link in a mail body that starts with `path` (e.g. '/verify-email'). */
export function linkIn(body: string, path: string): string {
  const m = body.match(new RegExp(`https?://[^\\s/]+(${path.replace(/[/?]/g, '\\$&')}[^\\s]*)`));
  if (!m?.[1]) throw new Error(`No ${path} link in mail:\n${body}`);
  return m[1];
}

/** Posts a form as a browser with a known CSRF token (or none). */
export function postForm(
  b: Browser,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return b.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787', ...headers },
    body: new URLSearchParams(fields),
  });
}

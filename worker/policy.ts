/**
 * Authorisation in one place. Every route declares one policy with `guard(...)`; the guard is the only
 * code that decides who may reach a handler. The authorisation matrix test checks that every route has
 * a guard and that each actor gets the expected status.
 */
import type { MiddlewareHandler } from 'hono';
import type { Actor, AppEnv, OrgMembership } from './context';
import { AppError } from './errors';

export type OrgKind = OrgMembership['kind'];
export type PolicyName =
  /** anyone, signed in or not */
  | 'public'
  /** any signed-in person */
  | 'signedIn'
  /** a member of the organisation named by the `:org` route param, of the given kind */
  | 'orgMember'
  /** an owner or admin of the `:org` organisation */
  | 'orgAdmin'
  /** platform operators */
  | 'platformAdmin'
  /** an API token with the given scope, or a signed-in member of an approved org of the given kind */
  | 'apiToken';

export interface PolicyOptions {
  kind?: OrgKind;
  /** orgMember/orgAdmin: the organisation must be approved (academies must be, to issue). */
  approved?: boolean;
  scope?: 'issue' | 'verify' | 'read';
}

export type Guard = MiddlewareHandler<AppEnv> & { policy: PolicyName; options: PolicyOptions };

/** Finds the membership that gives access to an organisation route, or null. */
function membershipFor(actor: Actor, slug: string | undefined, kind?: OrgKind): OrgMembership | null {
  if (actor.kind !== 'user' || !slug) return null;
  return actor.memberships.find((m) => m.slug === slug && (!kind || m.kind === kind)) ?? null;
}

/** Decides a policy for an actor; returns null when allowed, or the error to answer with. */
export function decide(policy: PolicyName, options: PolicyOptions, actor: Actor, orgSlug?: string): AppError | null {
  switch (policy) {
    case 'public':
      return null;
    case 'signedIn':
      return actor.kind === 'user' ? null : new AppError('unauthenticated', 'Sign in to continue');
    case 'platformAdmin':
      if (actor.kind !== 'user') return new AppError('unauthenticated', 'Sign in to continue');
      // 404, not 403: the admin area's existence is not advertised.
      return actor.user.isPlatformAdmin ? null : new AppError('not_found', 'Not found');
    case 'orgMember':
    case 'orgAdmin': {
      if (actor.kind !== 'user') return new AppError('unauthenticated', 'Sign in to continue');
      const m = membershipFor(actor, orgSlug, options.kind);
      // Someone else's organisation answers 404 so its existence does not leak.
      if (!m) return new AppError('not_found', 'Not found');
      if (policy === 'orgAdmin' && m.role === 'staff')
        return new AppError('forbidden', 'Only owners and admins can do this');
      if (options.approved && m.status !== 'approved') {
        return new AppError('forbidden', 'Your organisation is awaiting approval by the platform');
      }
      return null;
    }
    case 'apiToken': {
      if (actor.kind === 'token') {
        if (options.scope && !actor.scopes.includes(options.scope)) {
          return new AppError('forbidden', `This API token lacks the '${options.scope}' scope`);
        }
        if (options.kind && actor.org.kind !== options.kind)
          return new AppError('forbidden', 'Wrong organisation kind');
        if (actor.org.status !== 'approved') return new AppError('forbidden', 'Organisation is not approved');
        return null;
      }
      if (actor.kind === 'user') {
        const m = actor.memberships.find((x) => (!options.kind || x.kind === options.kind) && x.status === 'approved');
        return m ? null : new AppError('forbidden', 'No approved organisation of yours can do this');
      }
      return new AppError('unauthenticated', 'Send an API token (Authorization: Bearer ...) or sign in');
    }
  }
}

/**
 * The organisation a request was let through for: the `:org` membership for org routes; for API routes the token's
 * organisation, or the signed-in member's approved organisation of the kind (the one named by `:org` if any).
 */
function authorisedOrg(policy: PolicyName, options: PolicyOptions, actor: Actor, slug?: string): OrgMembership | null {
  if (policy === 'orgMember' || policy === 'orgAdmin') return membershipFor(actor, slug, options.kind);
  if (policy !== 'apiToken') return null;
  if (actor.kind === 'token') return actor.org;
  if (actor.kind !== 'user') return null;
  const fits = (m: OrgMembership) => (!options.kind || m.kind === options.kind) && m.status === 'approved';
  return actor.memberships.find((m) => fits(m) && (!slug || m.slug === slug)) ?? null;
}

/**
 * Route middleware enforcing one policy; carries its name so tests can find unguarded routes. What it authorised is
 * handed on: `c.get('membership')` is the organisation acted for (org and API routes).
 */
export function guard(policy: PolicyName, options: PolicyOptions = {}): Guard {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = c.get('actor');
    const slug = c.req.param('org');
    const err = decide(policy, options, actor, slug);
    if (err) throw err;
    const org = authorisedOrg(policy, options, actor, slug);
    if (org) c.set('membership', org);
    await next();
  };
  return Object.assign(mw, { policy, options });
}

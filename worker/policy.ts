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
export function membershipFor(actor: Actor, slug: string | undefined, kind?: OrgKind): OrgMembership | null {
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

/** Route middleware enforcing one policy; carries its name so tests can find unguarded routes. */
export function guard(policy: PolicyName, options: PolicyOptions = {}): Guard {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    const err = decide(policy, options, c.get('actor'), c.req.param('org'));
    if (err) throw err;
    await next();
  };
  return Object.assign(mw, { policy, options });
}

/** The membership a guarded org route was allowed through (call only after guard('orgMember'|'orgAdmin')). */
export function currentMembership(actor: Actor, slug: string | undefined, kind?: OrgKind): OrgMembership {
  const m = membershipFor(actor, slug, kind);
  if (!m) throw new AppError('not_found', 'Not found');
  return m;
}

/** The organisation acting through an API token or a signed-in member (call only after guard('apiToken')). */
export function actingOrg(actor: Actor, kind?: OrgKind, slug?: string): OrgMembership {
  if (actor.kind === 'token') return actor.org;
  if (actor.kind === 'user') {
    const m = actor.memberships.find(
      (x) => (!kind || x.kind === kind) && x.status === 'approved' && (!slug || x.slug === slug),
    );
    if (m) return m;
  }
  throw new AppError('forbidden', 'No approved organisation of yours can do this');
}

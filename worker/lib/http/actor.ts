/** Who is calling, as the handlers need it: the signed-in person, their user id for audit rows, their address. */
import type { Actor, AppContext, OrgMembership } from '../../context';
import { AppError } from '../../errors';
import { trustedClientAddress, trustedProxies } from '../trusted-proxies';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The signed-in actor (call only after a guard that requires one). */
export function userActor(c: AppContext): UserActor {
  const actor = c.get('actor');
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue');
  return actor;
}

/** The signed-in person's id for audit rows, or null when an organisation's API token is acting. */
export function actorUserId(c: AppContext): string | null {
  const a = c.get('actor');
  return a.kind === 'user' ? a.user.id : null;
}

/** The caller's address for rate limits, from trusted sources only (lib/trusted-proxies.ts). */
export function clientAddress(c: AppContext): string {
  return trustedClientAddress(c, trustedProxies(c.get('deps').config.TRUSTED_PROXIES));
}

/** The organisation the route's guard authorised (org routes only; anywhere else it is not found). */
export function guardedOrg(c: AppContext): OrgMembership {
  const m = c.get('membership');
  if (!m) throw new AppError('not_found', 'Not found');
  return m;
}

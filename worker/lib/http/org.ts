/** The organisation an org route's guard let the request through for, with the organisation's own row. */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { getOrganisationBySlug } from '../../services/organisations/organisations';
import { guardedOrg, userActor } from './actor';

/** The guarded organisation: the caller, their membership and the organisation row. */
export async function orgContext(c: AppContext) {
  const actor = userActor(c);
  const membership = guardedOrg(c);
  const org = await getOrganisationBySlug(c.get('deps').db, membership.slug);
  if (!org) throw notFound();
  return { actor, membership, org };
}

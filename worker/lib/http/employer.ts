/** What the employer's pages share: the guarded employer organisation and its flash notices. */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import type { EmployerOrg } from '../../../web/pages/employer';
import type { EmployerContext } from '../../../web/pages/role-fit';
import { roleChoices } from '../../services/employer/employer-roles';
import { getOrganisationBySlug } from '../../services/organisations/organisations';
import { guardedOrg, userActor } from './actor';
import { noticeFrom } from './forms';

const NOTICES: Record<string, string> = {
  created: 'Role added.',
  updated: 'Role saved.',
  deleted: 'Role deleted. Saved checks against it keep their reports.',
  saved: 'Check saved to your records.',
  rechecked: 'Checked again just now.',
};

/** The employer page's flash message named by `?notice=`. */
export const employerNotice = (c: AppContext) => noticeFrom(c, NOTICES);

/** The guarded employer: the caller, their membership, the organisation and its page context. */
export async function employerContext(c: AppContext) {
  const actor = userActor(c);
  const membership = guardedOrg(c);
  const { db } = c.get('deps');
  const row = await getOrganisationBySlug(db, membership.slug);
  if (!row) throw notFound();
  const org: EmployerOrg = { slug: row.slug, name: row.name, status: row.status };
  const page = async (): Promise<EmployerContext> => ({
    actor,
    slug: row.slug,
    name: row.name,
    roleGroups: await roleChoices(db, row.id),
  });
  return { actor, membership, orgId: row.id, org, page };
}

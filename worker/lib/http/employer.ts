/** What the employer's pages share: the guarded employer organisation and its flash notices. */
import type { AppContext } from '../../context';
import type { EmployerOrg } from '../../../web/components/employer-nav';
import type { EmployerContext } from '../../../web/components/employer-actions';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { roleChoices } from '../../services/employer/employer-roles';
import { noticeFrom } from './forms';
import { orgContext } from './org';

/** The employer pages' flash messages by `?notice=` name (the pages are in English). */
const NOTICES = {
  created: 'employer.noticeCreated',
  updated: 'employer.noticeUpdated',
  deleted: 'employer.noticeDeleted',
  saved: 'employer.noticeSaved',
  rechecked: 'employer.noticeRechecked',
  rule: 'employer.noticeRule',
} as const satisfies Record<string, PlainMessageKey>;

/** The employer page's flash message named by `?notice=`. */
export const employerNotice = (c: AppContext) => noticeFrom(c, NOTICES);

/** The guarded employer: the caller, their membership, the organisation and its page context. */
export async function employerContext(c: AppContext) {
  const { actor, membership, org: row } = await orgContext(c);
  const { db } = c.get('deps');
  const org: EmployerOrg = { slug: row.slug, name: row.name, status: row.status };
  const page = async (): Promise<EmployerContext> => ({
    actor,
    slug: row.slug,
    name: row.name,
    roleGroups: await roleChoices(db, row.id),
  });
  return { actor, membership, orgId: row.id, org, page };
}

/** An organisation's approval status as a tag, shown on organisation, academy and admin pages. */
import type { OrgMembership } from '../../worker/context';
import { translator } from '../i18n/messages';

const t = translator('en');

/** Approved, suspended, refused or awaiting a platform admin's approval, in words. */
export function StatusTag({ status }: { status: OrgMembership['status'] }) {
  if (status === 'approved') return <span class="tag ok">{t('organisation.statusApproved')}</span>;
  if (status === 'suspended') return <span class="tag bad">{t('organisation.statusSuspended')}</span>;
  if (status === 'refused') return <span class="tag bad">{t('organisation.statusRefused')}</span>;
  return <span class="tag warn">{t('organisation.statusPending')}</span>;
}

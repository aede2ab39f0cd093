/** An organisation's approval status as a tag, shown on organisation, academy and admin pages. */
import type { OrgMembership } from '../../worker/context';

/** Approved, suspended, refused or awaiting a platform admin's approval, in words. */
export function StatusTag({ status }: { status: OrgMembership['status'] }) {
  if (status === 'approved') return <span class="tag ok">approved</span>;
  if (status === 'suspended') return <span class="tag bad">suspended</span>;
  if (status === 'refused') return <span class="tag bad">refused</span>;
  return <span class="tag warn">awaiting approval</span>;
}

/** The employer organisation as its pages see it, and the links between those pages. */
import { translator } from '../i18n/messages';

/** The employer organisation a page is about. */
export interface EmployerOrg {
  slug: string;
  name: string;
  status: 'pending' | 'approved' | 'suspended' | 'refused';
}

const t = translator('en');

/** Links between the employer's pages; `area` names the page being shown (marked as the current one). */
export function EmployerNav({ org, area }: { org: EmployerOrg; area?: 'home' | 'fit' | 'roles' | 'saved' }) {
  const links: [string, string, typeof area][] = [
    [`/employer/${org.slug}`, t('employer.navOverview'), 'home'],
    [`/employer/${org.slug}/role-fit`, t('employer.checkCandidate'), 'fit'],
    [`/employer/${org.slug}/roles`, t('employer.yourRoles'), 'roles'],
    [`/employer/${org.slug}/saved`, t('employer.savedChecks'), 'saved'],
  ];
  return (
    <nav aria-label={t('employer.navLabel', { org: org.name })} class="no-print">
      <ul class="inline-list">
        {links.map(([href, label, key]) => (
          <li>
            <a href={href} aria-current={key === area ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/org/${org.slug}`}>{t('employer.orgSettings')}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The employer organisation as its pages see it, and the links between those pages. */

/** The employer organisation a page is about. */
export interface EmployerOrg {
  slug: string;
  name: string;
  status: 'pending' | 'approved' | 'suspended' | 'refused';
}

/** Links between the employer's pages. */
export function EmployerNav({ org, current }: { org: EmployerOrg; current?: 'home' | 'fit' | 'roles' | 'saved' }) {
  const links: [string, string, typeof current][] = [
    [`/employer/${org.slug}`, 'Overview', 'home'],
    [`/employer/${org.slug}/role-fit`, 'Check a candidate', 'fit'],
    [`/employer/${org.slug}/roles`, 'Your roles', 'roles'],
    [`/employer/${org.slug}/saved`, 'Saved checks', 'saved'],
  ];
  return (
    <nav aria-label={`${org.name} pages`} class="no-print">
      <ul class="inline-list">
        {links.map(([href, label, key]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/org/${org.slug}`}>Organisation settings</a>
        </li>
      </ul>
    </nav>
  );
}

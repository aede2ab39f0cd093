/** One page of an academy register search: the matching certificates with their status, and links to other pages. */
import type { RegisterResult } from '../../worker/services/academy/register';
import { CredentialStatusTag, longDate } from './academy';
import type { FormState } from './form-state';
import { Scroll } from './scroll';

/** The register's address for another page of the same search. */
function pageLink(slug: string, form: FormState, page: number): string {
  const q = new URLSearchParams();
  for (const k of ['q', 'achievement', 'from', 'to', 'status']) if (form.values[k]) q.set(k, form.values[k]!);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/academy/${slug}/register${s ? `?${s}` : ''}`;
}

/** The certificates on this page of results; one past its expiry date shows as expired. */
function ResultsTable(p: { slug: string; rows: RegisterResult['rows']; now: Date }) {
  const iso = p.now.toISOString();
  return (
    <Scroll label="Search results">
      <table aria-labelledby="results-title">
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Achievement</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const status =
              r.status !== 'active' ? r.status : r.validUntil && r.validUntil <= iso ? 'expired' : 'active';
            return (
              <tr>
                <th scope="row">
                  <a href={`/academy/${p.slug}/credentials/${r.id}`}>{r.subjectName ?? 'Learner'}</a>
                  <div class="small muted">{r.subjectEmail}</div>
                </th>
                <td>{r.achievementName}</td>
                <td>{longDate(r.issuedAt)}</td>
                <td>{r.validUntil ? longDate(r.validUntil) : 'Does not expire'}</td>
                <td>
                  <CredentialStatusTag status={status} />
                  {r.replacedById ? <span class="tag">Renewed</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/** How many certificates matched, the table of this page of them, and previous/next links. */
export function RegisterResults(p: { slug: string; form: FormState; result: RegisterResult; now: Date }) {
  const { result } = p;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => pageLink(p.slug, p.form, page);
  return (
    <>
      <h2 id="results-title">
        {result.total === 1 ? '1 certificate' : `${result.total.toLocaleString('en-GB')} certificates`}
      </h2>
      {result.rows.length ? (
        <ResultsTable slug={p.slug} rows={result.rows} now={p.now} />
      ) : (
        <p>No certificate matches. Try fewer filters.</p>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages of results">
          <p>
            {result.page > 1 ? <a href={link(result.page - 1)}>Previous page</a> : null} Page {result.page} of {pages}{' '}
            {result.page < pages ? <a href={link(result.page + 1)}>Next page</a> : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}

/**
 * One page of an academy register search: the matching certificates with their status, links to other pages, the
 * CSV export, and (for an academy that may issue) ticking certificates to change their status together.
 */
import type { Actor } from '../../worker/context';
import type { RegisterResult } from '../../worker/services/academy/register';
import { Csrf } from '../layout';
import { CredentialStatusTag, longDate } from './academy';
import { type FormState, emptyForm } from './form-state';
import { BulkChangeFields, SearchHiddenFields, registerLink } from './register-bulk';
import { Scroll } from './scroll';
import { translator } from '../i18n/messages';

const t = translator('en');

/** The certificates on this page of results; one past its expiry date shows as expired. */
function ResultsTable(p: { slug: string; rows: RegisterResult['rows']; now: Date; selectable: boolean }) {
  const iso = p.now.toISOString();
  return (
    <Scroll label="Search results">
      <table aria-labelledby="results-title">
        <thead>
          <tr>
            {p.selectable ? (
              <th scope="col">
                <span class="visually-hidden">Tick to change</span>
              </th>
            ) : null}
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
                {p.selectable ? (
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={r.id}
                      id={`tick-${r.id}`}
                      aria-labelledby={`learner-${r.id}`}
                    />
                  </td>
                ) : null}
                <th scope="row">
                  <a href={`/academy/${p.slug}/credentials/${r.id}`} id={`learner-${r.id}`}>
                    {r.subjectName ?? 'Learner'}
                  </a>
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
export function RegisterResults(p: {
  slug: string;
  form: FormState;
  result: RegisterResult;
  now: Date;
  /** Set when the viewer may change certificates' status: the rows can then be ticked. */
  actor?: Actor | undefined;
}) {
  const { result } = p;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => registerLink(p.slug, p.form.values, page);
  const table = <ResultsTable slug={p.slug} rows={result.rows} now={p.now} selectable={!!p.actor} />;
  return (
    <>
      <h2 id="results-title">
        {result.total === 1 ? '1 certificate' : `${result.total.toLocaleString('en-GB')} certificates`}
      </h2>
      {result.rows.length ? (
        <p>
          <a href={registerLink(p.slug, p.form.values, 1, 'register/export.csv')} download>
            Download these {result.total === 1 ? '' : `${result.total} `}certificates as a spreadsheet (CSV)
          </a>
        </p>
      ) : null}
      {result.rows.length && p.actor ? (
        <form method="post" action={`/academy/${p.slug}/register/bulk`} class="stack" novalidate>
          <Csrf actor={p.actor} />
          <SearchHiddenFields values={p.form.values} />
          {table}
          <h3>Change the status of several certificates</h3>
          <p>Tick certificates above, or choose all matching the search. You check the change before it is made.</p>
          <BulkChangeFields form={emptyForm()} total={result.total} />
          <h3>{t('register.linksSection')}</h3>
          <p>{t('register.linksIntro')}</p>
          <div>
            <button type="submit" class="secondary" formaction={`/academy/${p.slug}/register/claim-links`}>
              {t('register.linksReview')}
            </button>
          </div>
        </form>
      ) : result.rows.length ? (
        table
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

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
    <Scroll label={t('register.searchResults')}>
      <table aria-labelledby="results-title">
        <thead>
          <tr>
            {p.selectable ? (
              <th scope="col">
                <span class="visually-hidden">{t('register.tickToChange')}</span>
              </th>
            ) : null}
            <th scope="col">{t('register.colLearner')}</th>
            <th scope="col">{t('register.colAchievement')}</th>
            <th scope="col">{t('register.colIssued')}</th>
            <th scope="col">{t('register.colExpires')}</th>
            <th scope="col">{t('register.colStatus')}</th>
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
                    {r.subjectName ?? t('register.learner')}
                  </a>
                  <div class="small muted">{r.subjectEmail}</div>
                </th>
                <td>{r.achievementName}</td>
                <td>{longDate(r.issuedAt)}</td>
                <td>{r.validUntil ? longDate(r.validUntil) : t('register.noExpiry')}</td>
                <td>
                  <CredentialStatusTag status={status} />
                  {r.replacedById ? <span class="tag">{t('register.renewedTag')}</span> : null}
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
        {result.total === 1
          ? t('register.countOne')
          : t('register.countMany', { count: result.total.toLocaleString('en-GB') })}
      </h2>
      {result.rows.length ? (
        <p>
          <a href={registerLink(p.slug, p.form.values, 1, 'register/export.csv')} download>
            {result.total === 1
              ? t('register.downloadOne')
              : t('register.downloadMany', { count: String(result.total) })}
          </a>
        </p>
      ) : null}
      {result.rows.length && p.actor ? (
        <form method="post" action={`/academy/${p.slug}/register/bulk`} class="stack" novalidate>
          <Csrf actor={p.actor} />
          <SearchHiddenFields values={p.form.values} />
          {table}
          <h3>{t('register.bulkSection')}</h3>
          <p>{t('register.bulkIntro')}</p>
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
        <p>{t('register.noMatch')}</p>
      )}
      {pages > 1 ? (
        <nav aria-label={t('register.pagesLabel')}>
          <p>
            {result.page > 1 ? <a href={link(result.page - 1)}>{t('register.previousPage')}</a> : null}{' '}
            {t('register.pageOf', { page: result.page, pages })}{' '}
            {result.page < pages ? <a href={link(result.page + 1)}>{t('register.nextPage')}</a> : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}

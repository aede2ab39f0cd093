/** Saved checks as a table, on the employer's dashboard and its saved-checks list. */
import type { SavedSummary } from '../../worker/services/employer/saved-verifications';
import { translator } from '../i18n/messages';
import type { EmployerOrg } from './employer-nav';
import { Scroll } from './scroll';

const t = translator('en');
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** A small table of saved checks (the dashboard shows the newest few, the list page all). */
export function SavedTable({ org, items }: { org: EmployerOrg; items: SavedSummary[] }) {
  if (!items.length) return <p>{t('employer.noSaved')}</p>;
  return (
    <Scroll label={t('employer.savedChecks')}>
      <table>
        <caption class="visually-hidden">{t('employer.savedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('employer.candidate')}</th>
            <th scope="col">{t('employer.role')}</th>
            <th scope="col">{t('employer.result')}</th>
            <th scope="col">{t('employer.firstChecked')}</th>
            <th scope="col">{t('employer.lastCheckedUtc')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/employer/${org.slug}/saved/${s.id}`}>{s.candidateName ?? t('employer.unnamedCandidate')}</a>
              </th>
              <td>
                {s.roleTitle ?? <span class="muted">{t('employer.noRole')}</span>}
                {s.roleFitText ? <div class="small">{s.roleFitText}</div> : null}
              </td>
              <td>
                {s.verified ? (
                  <span class="tag ok">{t('employer.valid')}</span>
                ) : (
                  <span class="tag bad">{t('employer.notAllValid')}</span>
                )}
                <div class="small muted">
                  {s.credentialCount === 1
                    ? t('employer.credentialCountOne')
                    : t('employer.credentialCountMany', { count: s.credentialCount })}
                </div>
              </td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.checkedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** GET /employer/:org. */

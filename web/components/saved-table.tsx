/** Saved checks as a table, on the employer's dashboard and its saved-checks list. */
import type { SavedSummary } from '../../worker/services/employer/saved-verifications';
import type { EmployerOrg } from './employer-nav';
import { Scroll } from './scroll';

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** A small table of saved checks (the dashboard shows the newest few, the list page all). */
export function SavedTable({ org, items }: { org: EmployerOrg; items: SavedSummary[] }) {
  if (!items.length) return <p>No saved checks yet. Save one from a verification result or a role-fit report.</p>;
  return (
    <Scroll label="Saved checks">
      <table>
        <caption class="visually-hidden">Saved checks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Role</th>
            <th scope="col">Result</th>
            <th scope="col">First checked</th>
            <th scope="col">Last checked (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/employer/${org.slug}/saved/${s.id}`}>{s.candidateName ?? 'Unnamed candidate'}</a>
              </th>
              <td>
                {s.roleTitle ?? <span class="muted">No role</span>}
                {s.roleFitText ? <div class="small">{s.roleFitText}</div> : null}
              </td>
              <td>
                {s.verified ? <span class="tag ok">Valid</span> : <span class="tag bad">Not all valid</span>}
                <div class="small muted">
                  {s.credentialCount} credential{s.credentialCount === 1 ? '' : 's'}
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

/** Saved checks: the list, and one check as a printable record for the personnel file. */
import type { Actor } from '../../worker/context';
import type { SavedSummary, SavedVerification } from '../../worker/services/employer/saved-verifications';
import { Csrf, Layout } from '../layout';
import { EmployerNav, type EmployerOrg } from '../components/employer-nav';
import { SavedTable } from '../components/saved-table';
import { RoleFitTable } from './role-fit';
import { CheckResults } from '../components/check-results';
import { Breakable, TechnicalDetails } from '../components/technical';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** GET /employer/:org/saved. */
export function SavedListPage(p: { actor: UserActor; org: EmployerOrg; items: SavedSummary[] }) {
  return (
    <Layout title={`Saved checks · ${p.org.name}`} actor={p.actor}>
      <h1>Saved checks</h1>
      <EmployerNav org={p.org} current="saved" />
      <p>Checks your organisation saved for personnel files, newest first. Open one to print it or check it again.</p>
      <SavedTable org={p.org} items={p.items} />
    </Layout>
  );
}

const when = (iso: string) => `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;

const SOURCE: Record<string, string> = {
  share: 'Share link from their Care Passport',
  presentation: 'Presentation (pasted or uploaded)',
  credentials: 'Credentials (pasted or uploaded)',
};

/** What changed between the first check and the latest, in plain words (empty when nothing did). */
function changes(saved: SavedVerification): string[] {
  const { original, latest } = saved.result;
  if (original.checkedAt === latest.report.checkedAt) return [];
  const out: string[] = [];
  latest.report.credentials.forEach((c, i) => {
    const before = original.verdicts[i];
    if (before && before.verified !== c.result.verified) {
      const codes = c.result.errors.map((e) => e.code).join(', ');
      out.push(
        `${before.name}: was ${before.verified ? 'valid' : 'not valid'}, now ${c.result.verified ? 'valid' : `not valid (${codes})`}.`,
      );
    }
  });
  const fitNow = latest.roleFit?.summary.text ?? null;
  if (original.roleFitText && fitNow && fitNow !== original.roleFitText)
    out.push(`Role fit was: ${original.roleFitText} Now: ${fitNow}`);
  return out;
}

/** After a re-check: what changed since the first check, or that nothing did. */
function ChangesSinceFirst({ changed }: { changed: string[] }) {
  if (!changed.length) {
    return (
      <p class="notice" role="status">
        Nothing has changed since the first check.
      </p>
    );
  }
  return (
    <div class="notice error" role="status">
      <p>
        <strong>Changed since the first check:</strong>
      </p>
      <ul>
        {changed.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** GET /employer/:org/saved/:id: the record, printable (print stylesheet hides navigation and buttons). */
export function SavedDetailPage(p: {
  actor: UserActor;
  org: EmployerOrg;
  saved: SavedVerification;
  frameworkNames: Record<string, string>;
  notice?: string | undefined;
}) {
  const { saved, org } = p;
  const latest = saved.result.latest;
  const changed = changes(saved);
  const rechecked = saved.result.original.checkedAt !== latest.report.checkedAt;
  return (
    <Layout title={`Check: ${saved.candidateName ?? 'candidate'} · ${org.name}`} actor={p.actor} notice={p.notice}>
      <EmployerNav org={org} current="saved" />
      <h1>Verification record: {saved.candidateName ?? 'Unnamed candidate'}</h1>
      <dl class="facts">
        <dt>Organisation</dt>
        <dd>{org.name}</dd>
        <dt>Candidate</dt>
        <dd>{saved.candidateName ?? '—'}</dd>
        <dt>Saved by</dt>
        <dd>{saved.savedBy ?? '—'}</dd>
        <dt>First checked</dt>
        <dd>{when(saved.result.original.checkedAt)}</dd>
        <dt>Last checked</dt>
        <dd>{rechecked ? when(latest.report.checkedAt) : 'Not re-checked since'}</dd>
        <dt>What they gave</dt>
        <dd>{SOURCE[saved.input.source] ?? saved.input.source}</dd>
        <dt>First result</dt>
        <dd>
          {saved.result.original.verified ? 'All valid' : 'Not all valid'}
          {saved.result.original.roleFitText ? `; ${saved.result.original.roleFitText}` : ''}
        </dd>
      </dl>
      {saved.input.holder ? (
        <TechnicalDetails>
          <dl class="facts">
            <dt>Holder's identifier</dt>
            <dd>
              <Breakable text={saved.input.holder} />
            </dd>
          </dl>
        </TechnicalDetails>
      ) : null}
      {rechecked ? <ChangesSinceFirst changed={changed} /> : null}
      {saved.input.erased ? (
        <p class="notice" role="status">
          The candidate has deleted their account: this record keeps its result, without their name or certificates, and
          cannot be re-checked.
        </p>
      ) : (
        <form method="post" action={`/employer/${org.slug}/saved/${saved.id}/recheck`} class="no-print">
          <Csrf actor={p.actor} />
          <button type="submit">Re-check now</button>{' '}
          <span class="small muted">
            Verifies the credentials again (revocation, suspension, expiry); the first check's time is kept.
          </span>
        </form>
      )}
      <p class="small muted no-print">
        To file it, use your browser's Print command (or print to PDF): navigation and buttons are left out.
      </p>
      {latest.roleFit ? <RoleFitTable fit={latest.roleFit} /> : null}
      <CheckResults
        report={latest.report}
        frameworkNames={p.frameworkNames}
        title={rechecked ? 'Latest check' : 'Check'}
      />
    </Layout>
  );
}

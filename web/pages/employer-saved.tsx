/** Saved checks: the list, and one check as a printable record for the personnel file. */
import type { Actor } from '../../worker/context';
import type { SavedSummary, SavedVerification } from '../../worker/services/employer/saved-verifications';
import { type MessageKey, translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';
import { EmployerNav, type EmployerOrg } from '../components/employer-nav';
import { SavedTable } from '../components/saved-table';
import { RoleFitTable } from './role-fit';
import { CheckResults } from '../components/check-results';
import { Breakable, TechnicalDetails } from '../components/technical';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

/** GET /employer/:org/saved. */
export function SavedListPage(p: { actor: UserActor; org: EmployerOrg; items: SavedSummary[] }) {
  return (
    <Layout title={t('employer.savedListTitle', { org: p.org.name })} actor={p.actor}>
      <h1>{t('employer.savedChecks')}</h1>
      <EmployerNav org={p.org} area="saved" />
      <p>{t('employer.savedListIntro')}</p>
      <SavedTable org={p.org} items={p.items} />
    </Layout>
  );
}

const when = (iso: string) => t('employer.savedWhen', { date: iso.slice(0, 10), time: iso.slice(11, 16) });

const SOURCE = {
  share: 'employer.sourceShare',
  presentation: 'employer.sourcePresentation',
  credentials: 'employer.sourceCredentials',
} as const satisfies Record<string, MessageKey>;

/** What the candidate gave, in plain words (the stored kind itself if it is not one of ours). */
const sourceWords = (source: string) =>
  Object.hasOwn(SOURCE, source) ? t(SOURCE[source as keyof typeof SOURCE]) : source;

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
        c.result.verified
          ? t('employer.changeNowValid', { name: before.name })
          : t('employer.changeNowInvalid', { name: before.name, codes }),
      );
    }
  });
  const fitNow = latest.roleFit?.summary.text ?? null;
  if (original.roleFitText && fitNow && fitNow !== original.roleFitText)
    out.push(t('employer.changeRoleFit', { before: original.roleFitText, now: fitNow }));
  return out;
}

/** After a re-check: what changed since the first check, or that nothing did. */
function ChangesSinceFirst({ changed }: { changed: string[] }) {
  if (!changed.length) {
    return (
      <p class="notice" role="status">
        {t('employer.nothingChanged')}
      </p>
    );
  }
  return (
    <div class="notice error" role="status">
      <p>
        <strong>{t('employer.changedSince')}</strong>
      </p>
      <ul>
        {changed.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** The record's page title: the candidate's name (or "candidate") and the organisation. */
const pageTitle = (name: string | null, org: string) =>
  name === null ? t('employer.savedTitleUnnamed', { org }) : t('employer.savedTitle', { name, org });

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
    <Layout title={pageTitle(saved.candidateName, org.name)} actor={p.actor} notice={p.notice}>
      <EmployerNav org={org} area="saved" />
      <h1>{t('employer.recordTitle', { name: saved.candidateName ?? t('employer.unnamedCandidate') })}</h1>
      <dl class="facts">
        <dt>{t('employer.organisation')}</dt>
        <dd>{org.name}</dd>
        <dt>{t('employer.candidate')}</dt>
        <dd>{saved.candidateName ?? '—'}</dd>
        <dt>{t('employer.savedBy')}</dt>
        <dd>{saved.savedBy ?? '—'}</dd>
        <dt>{t('employer.firstChecked')}</dt>
        <dd>{when(saved.result.original.checkedAt)}</dd>
        <dt>{t('employer.lastChecked')}</dt>
        <dd>{rechecked ? when(latest.report.checkedAt) : t('employer.notRechecked')}</dd>
        <dt>{t('employer.whatTheyGave')}</dt>
        <dd>{sourceWords(saved.input.source)}</dd>
        <dt>{t('employer.firstResult')}</dt>
        <dd>
          {t(saved.result.original.verified ? 'employer.allValid' : 'employer.notAllValid')}
          {saved.result.original.roleFitText ? `; ${saved.result.original.roleFitText}` : ''}
        </dd>
      </dl>
      {saved.input.holder ? (
        <TechnicalDetails>
          <dl class="facts">
            <dt>{t('employer.holderId')}</dt>
            <dd>
              <Breakable text={saved.input.holder} />
            </dd>
          </dl>
        </TechnicalDetails>
      ) : null}
      {rechecked ? <ChangesSinceFirst changed={changed} /> : null}
      {saved.input.erased ? (
        <p class="notice" role="status">
          {t('employer.erased')}
        </p>
      ) : (
        <form method="post" action={`/employer/${org.slug}/saved/${saved.id}/recheck`} class="no-print">
          <Csrf actor={p.actor} />
          <button type="submit">{t('employer.recheckNow')}</button>{' '}
          <span class="small muted">{t('employer.recheckHint')}</span>
        </form>
      )}
      <p class="small muted no-print">{t('employer.printHint')}</p>
      {latest.roleFit ? <RoleFitTable fit={latest.roleFit} /> : null}
      <CheckResults
        report={latest.report}
        frameworkNames={p.frameworkNames}
        title={t(rechecked ? 'employer.latestCheck' : 'employer.check')}
      />
    </Layout>
  );
}

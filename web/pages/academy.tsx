/** The academy's dashboard: its achievements, cohort batches and recent certificates. */
import type { OrgMembership } from '../../worker/context';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { Scroll } from '../components/scroll';
import { Layout } from '../layout';
import { AcademyNav, type UserActor, humanType, longDate } from '../components/academy';
import { StatusTag } from '../components/organisation-status';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';

const t = translator('en');

export interface DashboardProps {
  actor: UserActor;
  org: Organisation;
  membership: OrgMembership;
  scopes: { id: string; name: string }[];
  achievements: {
    id: string;
    name: string;
    achievementType: string;
    covers: string[];
    validity: string;
    issued: number;
  }[];
  batches: {
    id: string;
    fileName: string | null;
    achievementName: string;
    createdAt: string;
    status: string;
    totalRows: number;
    validRows: number;
  }[];
  recent: { id: string; subjectName: string | null; achievementName: string; issuedAt: string; status: string }[];
  notice?: string | undefined;
}

/** A cohort upload's status in words (its code when the catalogue has no name for it). */
const BATCH_STATUS: Record<string, string> = {
  preview: t('academy.batchPreview'),
  issuing: t('academy.batchIssuing'),
  done: t('academy.batchDone'),
};

/** The achievements the academy awards, with how many of each it has issued. */
function AchievementsSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  const approved = org.status === 'approved';
  return (
    <section aria-labelledby="achievements-title">
      <h2 id="achievements-title">{t('academy.achievements')}</h2>
      {approved ? (
        <p>
          <a class="button" href={`/academy/${org.slug}/achievements/new`}>
            {t('academy.defineNew')}
          </a>
        </p>
      ) : null}
      {p.achievements.length ? (
        <Scroll label={t('academy.achievements')}>
          <table>
            <caption class="visually-hidden">{t('academy.achievementsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('register.colAchievement')}</th>
                <th scope="col">{t('academy.kind')}</th>
                <th scope="col">{t('academy.covers')}</th>
                <th scope="col">{t('academy.validFor')}</th>
                <th scope="col">{t('register.colIssued')}</th>
              </tr>
            </thead>
            <tbody>
              {p.achievements.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={`/academy/${org.slug}/achievements/${a.id}`}>{a.name}</a>
                  </th>
                  <td>{humanType(a.achievementType)}</td>
                  <td>{a.covers.join(', ')}</td>
                  <td>{a.validity}</td>
                  <td>{a.issued}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p class="muted">{t('academy.noAchievements')}</p>
      )}
    </section>
  );
}

/** The latest cohort CSV uploads and how far each has got. */
function BatchesSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  return (
    <section aria-labelledby="batches-title">
      <h2 id="batches-title">{t('academy.recentUploads')}</h2>
      {p.batches.length ? (
        <Scroll label={t('academy.recentUploads')}>
          <table>
            <caption class="visually-hidden">{t('academy.recentUploads')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('academy.file')}</th>
                <th scope="col">{t('register.colAchievement')}</th>
                <th scope="col">{t('academy.uploaded')}</th>
                <th scope="col">{t('academy.learners')}</th>
                <th scope="col">{t('register.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {p.batches.map((b) => (
                <tr>
                  <th scope="row">
                    <a href={`/academy/${org.slug}/batches/${b.id}`}>{b.fileName || t('register.upload')}</a>
                  </th>
                  <td>{b.achievementName}</td>
                  <td>{longDate(b.createdAt)}</td>
                  <td>{t('academy.rowsReady', { valid: b.validRows, total: b.totalRows })}</td>
                  <td>{BATCH_STATUS[b.status] ?? b.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p class="muted">{t('academy.noUploads')}</p>
      )}
    </section>
  );
}

/** The certificates issued most recently, linking to the full register. */
function RecentSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{t('academy.recentlyIssued')}</h2>
      {p.recent.length ? (
        <ul>
          {p.recent.map((r) => (
            <li>
              <a href={`/academy/${org.slug}/credentials/${r.id}`}>
                {t('academy.recentItem', {
                  name: r.subjectName ?? t('register.learner'),
                  achievement: r.achievementName,
                })}
              </a>{' '}
              <span class="muted small">{longDate(r.issuedAt)}</span>
              {r.status !== 'active' ? <span class="tag bad">{r.status}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('academy.nothingIssued')}</p>
      )}
      <p>
        <a href={`/academy/${org.slug}/register`}>{t('academy.searchEvery')}</a>
      </p>
    </section>
  );
}

/** GET /academy/:org — approval status, what it may issue, achievements, recent issuing and links. */
export function AcademyDashboardPage(p: DashboardProps) {
  const { org } = p;
  return (
    <Layout title={t('academy.dashTitle', { name: org.name })} actor={p.actor} notice={p.notice}>
      <h1>{org.name}</h1>
      <AcademyNav slug={org.slug} />
      <dl class="facts">
        <dt>{t('academy.approval')}</dt>
        <dd>
          <StatusTag status={org.status} />
          {org.approvedAt ? ` ${t('academy.since', { date: longDate(org.approvedAt) })}` : null}
        </dd>
        <dt>{t('academy.yourRole')}</dt>
        <dd>{p.membership.role}</dd>
      </dl>
      {org.status === 'pending' ? <p class="notice">{t('academy.pending')}</p> : null}
      {org.status === 'suspended' ? <p class="notice error">{t('academy.suspended')}</p> : null}

      <section aria-labelledby="scopes-title">
        <h2 id="scopes-title">{t('academy.mayIssue')}</h2>
        {p.scopes.length ? (
          <>
            <p>{t('academy.scopesIntro')}</p>
            <ul>
              {p.scopes.map((s) => (
                <li>{s.name}</li>
              ))}
            </ul>
            <p class="small muted">{t('academy.scopesOutside')}</p>
          </>
        ) : (
          <p class="muted">{t('academy.noScopes')}</p>
        )}
      </section>

      <AchievementsSection p={p} />

      <BatchesSection p={p} />

      <RecentSection p={p} />

      <section aria-labelledby="api-title">
        <h2 id="api-title">{t('academy.apiTitle')}</h2>
        <p>
          {rich('en', 'academy.apiIntro', {
            one: <code>POST /credentials/issue</code>,
            cohort: <code>POST /api/v1/academies/{org.slug}/cohorts</code>,
            tokens: <a href={`/org/${org.slug}/tokens`}>{t('academy.apiTokens')}</a>,
            description: <a href="/api/openapi.json">{t('academy.apiDescription')}</a>,
          })}
        </p>
      </section>
    </Layout>
  );
}

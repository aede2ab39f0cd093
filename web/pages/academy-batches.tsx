/** A cohort upload: the row-by-row preview, the progress of issuing, and the result. */
import type { Batch, BatchProgress, StoredRowData } from '../../worker/services/academy/cohort-batches';
import type { ClaimState } from '../../worker/services/academy/cohort-results';
import type { RowError } from '../../worker/services/academy/cohort-csv';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { AcademyNav, type UserActor, longDate } from '../components/academy';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';

const t = translator('en');

export interface BatchRowView {
  rowNo: number;
  state: 'invalid' | 'pending' | 'issued' | 'failed';
  data: StoredRowData;
  errors: RowError[];
  credentialId?: string | null;
  claim?: ClaimState;
}

export interface BatchPageProps {
  actor: UserActor;
  slug: string;
  batch: Batch;
  achievementName: string;
  canIssue: boolean;
  progress: BatchProgress;
  /** Rows with errors (invalid, or failed while issuing). */
  problems: BatchRowView[];
  /** Preview: the first rows ready to issue. Result: the issued rows shown. */
  rows: BatchRowView[];
  /** Preview: learners in this upload who already hold a valid certificate of this achievement. */
  holders: { rowNo: number; email: string; issuedAt: string }[];
  /** Preview: rows whose completion date makes the certificate expired before it is issued. */
  expired: { rowNo: number; email: string; expiredAt: string }[];
  notice?: string | undefined;
}

const FIELD_LABEL: Record<string, string> = {
  name: 'name',
  email: 'email',
  completion_date: 'completion_date',
  assessor_name: 'assessor_name',
  assessed_on: 'assessed_on',
  score: 'score',
  notes: 'notes',
  _row: t('academy.wholeRow'),
};

/** Rows of an upload by spreadsheet row number, learner name and email, then the given columns. */
function LearnerRowsTable(p: {
  label: string;
  caption: string;
  rows: BatchRowView[];
  columns: { head: string; cell: (r: BatchRowView) => unknown }[];
}) {
  return (
    <Scroll label={p.label}>
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('academy.colRow')}</th>
            <th scope="col">{t('academy.colName')}</th>
            <th scope="col">{t('academy.colEmail')}</th>
            {p.columns.map((c) => (
              <th scope="col">{c.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">{r.rowNo}</th>
              <td>{r.data.name}</td>
              <td>{r.data.email}</td>
              {p.columns.map((c) => (
                <td>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function ProblemsTable({ rows, caption }: { rows: BatchRowView[]; caption: string }) {
  return (
    <Scroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('academy.colRow')}</th>
            <th scope="col">{t('academy.colColumn')}</th>
            <th scope="col">{t('academy.colProblem')}</th>
            <th scope="col">{t('register.colLearner')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((r) =>
            r.errors.map((e, i) => (
              <tr>
                {i === 0 ? (
                  <th scope="row" rowspan={r.errors.length}>
                    {r.rowNo}
                  </th>
                ) : null}
                <td>{FIELD_LABEL[e.field] ?? e.field}</td>
                <td>{e.message}</td>
                <td>{[r.data.name, r.data.email].filter(Boolean).join(', ')}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </Scroll>
  );
}

function Counts({ progress, batch }: { progress: BatchProgress; batch: Batch }) {
  return (
    <dl class="facts">
      <dt>{t('academy.inFile')}</dt>
      <dd>{batch.totalRows}</dd>
      <dt>{t('academy.readyCaption')}</dt>
      <dd>{batch.validRows}</dd>
      <dt>{t('academy.rowsWithProblems')}</dt>
      <dd>{progress.invalid}</dd>
      {batch.status !== 'preview' ? (
        <>
          <dt>{t('register.colIssued')}</dt>
          <dd>{progress.issued}</dd>
          <dt>{t('academy.failedIssuing')}</dt>
          <dd>{progress.failed}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The upload's dates as one sentence: uploaded, and confirmed and finished once they happened. */
function uploadedSentence(batch: Batch): string {
  const dates = {
    uploaded: longDate(batch.createdAt),
    confirmed: longDate(batch.confirmedAt),
    finished: longDate(batch.completedAt),
  };
  if (batch.confirmedAt && batch.completedAt) return t('academy.uploadedConfirmedFinished', dates);
  if (batch.confirmedAt) return t('academy.uploadedConfirmed', dates);
  if (batch.completedAt) return t('academy.uploadedFinished', dates);
  return t('academy.uploadedOn', dates);
}

/** GET /academy/:org/batches/:batchId */
export function BatchPage(p: BatchPageProps) {
  const { batch, progress } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  const title = batch.fileName ? t('academy.batchTitleFile', { file: batch.fileName }) : t('academy.batchTitle');
  return (
    <Layout title={title} actor={p.actor} notice={p.notice}>
      <h1>{title}</h1>
      <AcademyNav slug={p.slug} />
      <p>
        {rich('en', 'academy.batchOf', {
          achievement: <a href={`/academy/${p.slug}/achievements/${batch.achievementId}`}>{p.achievementName}</a>,
        })}{' '}
        {uploadedSentence(batch)}
      </p>
      <Counts progress={progress} batch={batch} />

      {batch.status === 'preview' ? <Preview {...p} /> : null}
      {batch.status === 'issuing' ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t('academy.batchIssuing')}</h2>
          {progress.blocked ? <p class="notice error">{progress.blocked}</p> : null}
          {/* app.js polls the progress URL (which also does the next piece of work) and opens the result when done. */}
          <div data-poll={`${base}/progress`} data-done-href={base}>
            <label for="batch-progress">{t('academy.issuedSoFar')}</label>
            <progress id="batch-progress" max={progress.total || 1} value={progress.done}>
              {t('academy.progressOf', { done: progress.done, total: progress.total })}
            </progress>
            <p data-progress-text>
              {progress.failed
                ? t('academy.processedFailed', { done: progress.done, total: progress.total, failed: progress.failed })
                : t('academy.processed', { done: progress.done, total: progress.total })}
            </p>
          </div>
          <p class="small muted">{t('academy.keepOpen')}</p>
          {p.canIssue ? (
            <form method="post" action={`${base}/continue`}>
              <Csrf actor={p.actor} />
              <button type="submit" class="secondary">
                {t('academy.continueIssuing')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      {batch.status === 'done' ? <Result {...p} /> : null}
    </Layout>
  );
}

/** Rows that would be expired on issue: named with the day each expired, before anything is confirmed. */
function ExpiredRows({ rows }: { rows: BatchPageProps['expired'] }) {
  if (!rows.length) return null;
  return (
    <>
      <h3>{t('academy.expiredTitle')}</h3>
      <p class="notice error">
        {rows.length === 1 ? t('academy.expiredIntroOne') : t('academy.expiredIntroMany', { count: rows.length })}
      </p>
      <ul>
        {rows.map((r) => (
          <li>{t('academy.expiredRow', { row: r.rowNo, email: r.email, date: longDate(r.expiredAt) })}</li>
        ))}
      </ul>
    </>
  );
}

function Preview(p: BatchPageProps) {
  const { batch, progress } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  const { expired } = p;
  const confirm = expired.length
    ? t('academy.issueConfirmExpired', { count: batch.validRows, name: p.achievementName, expired: expired.length })
    : t('academy.issueConfirm', { count: batch.validRows, name: p.achievementName });
  return (
    <>
      <h2>{t('academy.checkBefore')}</h2>
      {progress.invalid ? (
        <>
          <p class="notice error" role="alert">
            {progress.invalid === 1 ? t('academy.problemsOne') : t('academy.problemsMany', { count: progress.invalid })}
          </p>
          <ProblemsTable rows={p.problems} caption={t('academy.rowsWithProblems')} />
          <p class="small">{t('academy.includeLater')}</p>
        </>
      ) : (
        <p>{t('academy.everyRowReady')}</p>
      )}
      <ExpiredRows rows={expired} />
      {p.holders.length ? (
        <>
          <h3>{t('academy.holdersTitle')}</h3>
          <p>{t('academy.holdersIntro', { name: p.achievementName })}</p>
          <ul>
            {p.holders.map((h) => (
              <li>{t('academy.holderRow', { row: h.rowNo, email: h.email, date: longDate(h.issuedAt) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.rows.length ? (
        <LearnerRowsTable
          label={t('academy.rowsReadyLabel')}
          caption={
            batch.validRows > p.rows.length
              ? t('academy.readyCaptionFirst', { shown: p.rows.length, total: batch.validRows })
              : t('academy.readyCaption')
          }
          rows={p.rows}
          columns={[
            { head: t('register.completed'), cell: (r) => longDate(r.data.completion_date) },
            { head: t('academy.assessor'), cell: (r) => r.data.assessor_name ?? '' },
          ]}
        />
      ) : null}
      {p.canIssue && batch.validRows > 0 ? (
        <form method="post" action={`${base}/confirm`} data-confirm={confirm}>
          <Csrf actor={p.actor} />
          <button type="submit">
            {batch.validRows === 1 ? t('academy.issueOne') : t('academy.issueMany', { count: batch.validRows })}
          </button>
        </form>
      ) : null}
      {batch.validRows === 0 ? <p class="notice error">{t('academy.noRowIssuable')}</p> : null}
    </>
  );
}

const CLAIM_LABEL: Record<string, string> = {
  'in passport': t('academy.claimInPassport'),
  claimed: t('academy.claimClaimed'),
  'claim link sent': t('academy.claimSent'),
  'claim link expired': t('academy.claimExpired'),
  '': '',
};

function Result(p: BatchPageProps) {
  const { progress, batch } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  return (
    <>
      <h2>{t('academy.result')}</h2>
      <p class="notice" role="status">
        {t('academy.finished', { issued: progress.issued, failed: progress.failed, invalid: progress.invalid })}
      </p>
      <p>
        <a class="button secondary" href={`${base}/result.csv`} download>
          {t('academy.downloadResult')}
        </a>
      </p>
      {p.problems.length ? <ProblemsTable rows={p.problems} caption={t('academy.notIssued')} /> : null}
      {p.rows.length ? (
        <LearnerRowsTable
          label={t('academy.issuedCertificates')}
          caption={
            progress.issued > p.rows.length
              ? t('academy.issuedCaptionFirst', { shown: p.rows.length, total: progress.issued })
              : t('register.colIssued')
          }
          rows={p.rows}
          columns={[
            {
              head: t('academy.certificate'),
              cell: (r) =>
                r.credentialId ? (
                  <a href={`/academy/${p.slug}/credentials/${r.credentialId}`}>
                    {t('academy.view')}
                    <span class="visually-hidden"> {t('academy.viewRow', { row: r.rowNo })}</span>
                  </a>
                ) : (
                  ''
                ),
            },
            { head: t('academy.claim'), cell: (r) => CLAIM_LABEL[r.claim ?? ''] ?? r.claim },
          ]}
        />
      ) : null}
    </>
  );
}

/** A cohort upload: the row-by-row preview, the progress of issuing, and the result. */
import type { Batch, BatchProgress, StoredRowData } from '../../worker/services/academy/cohort-batches';
import type { ClaimState } from '../../worker/services/academy/cohort-results';
import type { RowError } from '../../worker/services/academy/cohort-csv';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { AcademyNav, type UserActor, longDate } from '../components/academy';

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
  _row: 'whole row',
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
            <th scope="col">Row</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
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
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
            <th scope="col">Learner</th>
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
      <dt>Learners in the file</dt>
      <dd>{batch.totalRows}</dd>
      <dt>Ready to issue</dt>
      <dd>{batch.validRows}</dd>
      <dt>Rows with problems</dt>
      <dd>{progress.invalid}</dd>
      {batch.status !== 'preview' ? (
        <>
          <dt>Issued</dt>
          <dd>{progress.issued}</dd>
          <dt>Failed while issuing</dt>
          <dd>{progress.failed}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** GET /academy/:org/batches/:batchId */
export function BatchPage(p: BatchPageProps) {
  const { batch, progress } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  const title = `Cohort upload${batch.fileName ? `: ${batch.fileName}` : ''}`;
  return (
    <Layout title={title} actor={p.actor} notice={p.notice}>
      <h1>{title}</h1>
      <AcademyNav slug={p.slug} />
      <p>
        Achievement: <a href={`/academy/${p.slug}/achievements/${batch.achievementId}`}>{p.achievementName}</a>.
        Uploaded {longDate(batch.createdAt)}
        {batch.confirmedAt ? `, confirmed ${longDate(batch.confirmedAt)}` : ''}
        {batch.completedAt ? `, finished ${longDate(batch.completedAt)}` : ''}.
      </p>
      <Counts progress={progress} batch={batch} />

      {batch.status === 'preview' ? <Preview {...p} /> : null}
      {batch.status === 'issuing' ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">Issuing</h2>
          {progress.blocked ? <p class="notice error">{progress.blocked}</p> : null}
          {/* app.js polls the progress URL (which also does the next piece of work) and opens the result when done. */}
          <div data-poll={`${base}/progress`} data-done-href={base}>
            <label for="batch-progress">Certificates issued so far</label>
            <progress id="batch-progress" max={progress.total || 1} value={progress.done}>
              {progress.done} of {progress.total}
            </progress>
            <p data-progress-text>
              {progress.done} of {progress.total} processed{progress.failed ? ` (${progress.failed} failed)` : ''}
            </p>
          </div>
          <p class="small muted">
            Keep this page open until it finishes; it updates by itself. If it stops, or your browser runs without
            JavaScript, continue with the button. Nothing is issued twice.
          </p>
          {p.canIssue ? (
            <form method="post" action={`${base}/continue`}>
              <Csrf actor={p.actor} />
              <button type="submit" class="secondary">
                Continue issuing
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      {batch.status === 'done' ? <Result {...p} /> : null}
    </Layout>
  );
}

function Preview(p: BatchPageProps) {
  const { batch, progress } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  return (
    <>
      <h2>Check before issuing</h2>
      {progress.invalid ? (
        <>
          <p class="notice error" role="alert">
            {progress.invalid === 1 ? '1 row has' : `${progress.invalid} rows have`} problems and will not be issued.
            Row numbers match your spreadsheet (the header is row 1).
          </p>
          <ProblemsTable rows={p.problems} caption="Rows with problems" />
          <p class="small">
            To include them later, fix those rows and upload a file with only them. Uploading the whole file again after
            changing it counts as a new upload and would issue everyone again.
          </p>
        </>
      ) : (
        <p>Every row is ready to issue.</p>
      )}
      {p.holders.length ? (
        <>
          <h3>Learners who already hold this certificate</h3>
          <p>These learners already have a valid "{p.achievementName}" from you. Confirming issues them another one.</p>
          <ul>
            {p.holders.map((h) => (
              <li>
                Row {h.rowNo}: {h.email} (issued {longDate(h.issuedAt)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.rows.length ? (
        <LearnerRowsTable
          label="Rows ready to issue"
          caption={`Ready to issue${batch.validRows > p.rows.length ? ` (first ${p.rows.length} of ${batch.validRows})` : ''}`}
          rows={p.rows}
          columns={[
            { head: 'Completed', cell: (r) => r.data.completion_date },
            { head: 'Assessor', cell: (r) => r.data.assessor_name ?? '' },
          ]}
        />
      ) : null}
      {p.canIssue && batch.validRows > 0 ? (
        <form
          method="post"
          action={`${base}/confirm`}
          data-confirm={`Issue ${batch.validRows} certificates of "${p.achievementName}" now? Learners are emailed straight away.`}
        >
          <Csrf actor={p.actor} />
          <button type="submit">
            Issue {batch.validRows} {batch.validRows === 1 ? 'certificate' : 'certificates'}
          </button>
        </form>
      ) : null}
      {batch.validRows === 0 ? (
        <p class="notice error">No row can be issued. Fix the file and upload it again.</p>
      ) : null}
    </>
  );
}

const CLAIM_LABEL: Record<string, string> = {
  'in passport': 'In their passport',
  claimed: 'Claimed',
  'claim link sent': 'Claim link emailed',
  'claim link expired': 'Claim link expired',
  '': '',
};

function Result(p: BatchPageProps) {
  const { progress, batch } = p;
  const base = `/academy/${p.slug}/batches/${batch.id}`;
  return (
    <>
      <h2>Result</h2>
      <p class="notice" role="status">
        Finished: {progress.issued} issued, {progress.failed} failed, {progress.invalid} not issued because of problems
        in the file.
      </p>
      <p>
        <a class="button secondary" href={`${base}/result.csv`} download>
          Download the result (CSV)
        </a>
      </p>
      {p.problems.length ? <ProblemsTable rows={p.problems} caption="Not issued" /> : null}
      {p.rows.length ? (
        <LearnerRowsTable
          label="Issued certificates"
          caption={`Issued${progress.issued > p.rows.length ? ` (first ${p.rows.length} of ${progress.issued}; the CSV has all)` : ''}`}
          rows={p.rows}
          columns={[
            {
              head: 'Certificate',
              cell: (r) =>
                r.credentialId ? (
                  <a href={`/academy/${p.slug}/credentials/${r.credentialId}`}>
                    View<span class="visually-hidden"> certificate of row {r.rowNo}</span>
                  </a>
                ) : (
                  ''
                ),
            },
            { head: 'Claim', cell: (r) => CLAIM_LABEL[r.claim ?? ''] ?? r.claim },
          ]}
        />
      ) : null}
    </>
  );
}

/** Achievement pages: define one (aligned only to approved frameworks), view and archive it, issue it to one learner or a cohort. */
import { ACHIEVEMENT_TYPES, ASSESSMENT_METHODS } from '../../schemas/achievement';
import { COHORT_COLUMNS, MAX_COHORT_ROWS } from '../../schemas/academy';
import type { Achievement } from '../../worker/services/academy/achievements';
import type { Competency } from '../../worker/services/catalogue/catalogue';
import type { IssuableCatalogue } from '../../worker/services/academy/register';
import { Scroll } from '../components/scroll';
import { Csrf, Layout } from '../layout';
import {
  AcademyNav,
  EvidenceFields,
  METHOD_LABEL,
  TextArea,
  type UserActor,
  humanType,
  longDate,
} from '../components/academy';
import { describedBy, ErrorSummary, Field, FieldNotes, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';

const CSV_HINT = `Columns: ${COHORT_COLUMNS.join(', ')}. The first three are required. Dates as UK dates (20/05/2026) or 2026-05-20; Excel date cells are fine too. At most ${MAX_COHORT_ROWS.toLocaleString('en-GB')} learners and 2 MB.`;

const refresher = (m: number | null) => (m ? `refresher every ${m} months` : 'does not expire');

/** How long credentials of an achievement stay valid, in words, with where the default comes from. */
export function validityText(
  a: Pick<Achievement, 'validityMonths'>,
  aligned: Pick<Competency, 'name' | 'refreshMonths'>[],
): string {
  if (a.validityMonths) return `${a.validityMonths} months (set for this achievement)`;
  const periods = aligned.filter((c) => c.refreshMonths && c.refreshMonths > 0);
  if (!periods.length) return 'Does not expire (none of the items it covers has a refresher period)';
  const shortest = periods.reduce((x, y) => (y.refreshMonths! < x.refreshMonths! ? y : x));
  return `${shortest.refreshMonths} months (the default: the refresher period of ${shortest.name})`;
}

/** The catalogue items an achievement can certify, grouped by the frameworks the academy is approved for. */
function AlignedItems({
  catalogue,
  checked,
  error,
}: {
  catalogue: IssuableCatalogue;
  checked: string[];
  error: string | undefined;
}) {
  return (
    <fieldset id="alignedIds" aria-describedby={describedBy('alignedIds', true, error)}>
      <legend>What it covers</legend>
      <FieldNotes
        id="alignedIds"
        hint={`Choose the catalogue items this achievement certifies. Only frameworks the platform approved this academy for are offered: ${catalogue.map((c) => c.framework.name).join('; ') || 'none yet'}.`}
        error={error}
      />
      {catalogue.map(({ framework, items }) => (
        <fieldset>
          <legend>{framework.name}</legend>
          {items.map((c) => (
            <div class="check">
              <input
                type="checkbox"
                id={`aligned-${c.id}`}
                name="alignedIds"
                value={c.id}
                checked={checked.includes(c.id)}
              />{' '}
              <label for={`aligned-${c.id}`}>
                {c.name}
                {c.level ? ` (${c.level})` : ''} <span class="muted small">{refresher(c.refreshMonths)}</span>
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

/** Uploads a cohort CSV or Excel workbook, checked row by row and previewed before anything is issued. */
function CohortUpload({ p }: { p: AchievementPageProps }) {
  const base = `/academy/${p.slug}/achievements/${p.achievement.id}`;
  const templates = `/academy/${p.slug}/cohorts`;
  const uploadError = p.upload.errors.file;
  return (
    <section aria-labelledby="cohort-title">
      <h2 id="cohort-title">Issue to a cohort</h2>
      <p>
        Upload an Excel workbook (.xlsx) or a CSV file with a header row; commas, semicolons and tabs all work, and
        dates can be written the UK way (day first). Every row is checked first and you see a preview; nothing is issued
        until you confirm.
      </p>
      <p>
        Start from a blank template: <a href={`${templates}/template.xlsx`}>Excel template (.xlsx)</a> or{' '}
        <a href={`${templates}/template.csv`}>CSV template</a>.
      </p>
      <ErrorSummary errors={p.upload.errors} labels={{ file: 'Cohort file' }} />
      <form method="post" action={`${base}/cohorts`} enctype="multipart/form-data" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <div class="field">
          <label for="file">Cohort file (Excel or CSV)</label>
          <FieldNotes id="file" hint={CSV_HINT} error={uploadError} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={uploadError ? 'true' : undefined}
            aria-describedby={describedBy('file', CSV_HINT, uploadError)}
          />
        </div>
        <details>
          <summary>Example file</summary>
          <Scroll label="Example file">
            <pre class="small">
              {`name,email,completion_date,assessor_name,assessed_on,score,notes\nAmina Khan,amina.khan@example.org,20/05/2026,Jo Smith,20/05/2026,92%,"Observed hoist transfer, safe"`}
            </pre>
          </Scroll>
        </details>
        <button type="submit">Upload and check</button>
      </form>
    </section>
  );
}

/** GET/POST /academy/:org/achievements/new */
export function NewAchievementPage(p: {
  actor: UserActor;
  slug: string;
  catalogue: IssuableCatalogue;
  form: FormState;
  checked: string[];
}) {
  const { form } = p;
  const alignedError = form.errors.alignedIds;
  return (
    <Layout title="Define an achievement" actor={p.actor}>
      <h1>Define an achievement</h1>
      <AcademyNav slug={p.slug} />
      <p>
        An achievement is the certificate you award, for example "Moving and handling (level 2)". Define it once, then
        issue it to each learner who completes it.
      </p>
      <ErrorSummary errors={form.errors} />
      {p.catalogue.length ? null : (
        <p class="notice error">
          This academy is not approved for any framework yet, so there is nothing to align an achievement to.
        </p>
      )}
      <form method="post" action={`/academy/${p.slug}/achievements/new`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field name="name" label="Name" form={form} hint="As it should appear on the certificate." />
        <TextArea
          name="description"
          label="Description"
          form={form}
          hint="What the training covers, in a sentence or two."
          required
        />
        <TextArea name="criteria" label="Criteria" form={form} hint="What a learner had to do to earn it." required />
        <SelectField
          name="achievementType"
          label="Kind of achievement"
          form={form}
          options={[['', 'Choose one'], ...ACHIEVEMENT_TYPES.map((t): [string, string] => [t, humanType(t)])]}
          hint="The Open Badges achievement type verifiers will see."
          required
        />
        <AlignedItems catalogue={p.catalogue} checked={p.checked} error={alignedError} />
        <Field
          name="level"
          label="Level (optional)"
          form={form}
          required={false}
          hint="For example: Level 2, or Foundation."
        />
        <Field
          name="validityMonths"
          label="Valid for, in months (optional)"
          type="number"
          form={form}
          required={false}
          hint="Leave empty to use the default: the shortest refresher period of the items it covers (shown next to each item). Items without one do not expire."
        />
        <SelectField
          name="assessmentMethod"
          label="How learners are assessed"
          form={form}
          options={[['', 'Choose one'], ...ASSESSMENT_METHODS.map((m): [string, string] => [m, METHOD_LABEL[m] ?? m])]}
          required
        />
        <button type="submit">Save achievement</button>
      </form>
    </Layout>
  );
}

export interface AchievementPageProps {
  actor: UserActor;
  slug: string;
  canIssue: boolean;
  achievement: Achievement;
  aligned: (Competency & { frameworkName?: string })[];
  issued: number;
  upload: FormState;
  notice?: string | undefined;
}

/** GET /academy/:org/achievements/:id — the achievement, and issuing it to one learner or a cohort. */
export function AchievementPage(p: AchievementPageProps) {
  const a = p.achievement;
  const base = `/academy/${p.slug}/achievements/${a.id}`;
  return (
    <Layout title={a.name} actor={p.actor} notice={p.notice}>
      <h1>{a.name}</h1>
      <AcademyNav slug={p.slug} />
      {a.archivedAt ? (
        <p class="notice error">
          Archived on {longDate(a.archivedAt)}. It can no longer be issued; certificates already issued stay valid.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{humanType(a.achievementType)}</dd>
        <dt>Description</dt>
        <dd>{a.description}</dd>
        <dt>Criteria</dt>
        <dd>{a.criteria}</dd>
        <dt>Covers</dt>
        <dd>
          <ul>
            {p.aligned.map((c) => (
              <li>
                {c.name} <span class="muted small">({refresher(c.refreshMonths)})</span>
              </li>
            ))}
          </ul>
        </dd>
        {a.level ? (
          <>
            <dt>Level</dt>
            <dd>{a.level}</dd>
          </>
        ) : null}
        <dt>Valid for</dt>
        <dd>{validityText(a, p.aligned)}</dd>
        <dt>Assessment</dt>
        <dd>{METHOD_LABEL[a.assessmentMethod] ?? a.assessmentMethod}</dd>
        <dt>Issued</dt>
        <dd>
          <a href={`/academy/${p.slug}/register?achievement=${a.id}`}>{p.issued} certificates</a>
        </dd>
      </dl>

      {p.canIssue && !a.archivedAt ? (
        <>
          <section aria-labelledby="one-title">
            <h2 id="one-title">Issue to one learner</h2>
            <p>
              <a class="button" href={`${base}/issue`}>
                Issue to one learner
              </a>
            </p>
          </section>

          <CohortUpload p={p} />
        </>
      ) : null}

      {p.canIssue && !a.archivedAt ? (
        <section aria-labelledby="archive-title">
          <h2 id="archive-title">Archive</h2>
          <p>Archive it when you stop running this training. Certificates already issued stay valid.</p>
          <form
            method="post"
            action={`${base}/archive`}
            data-confirm={`Archive "${a.name}"? It can no longer be issued.`}
          >
            <Csrf actor={p.actor} />
            <button type="submit" class="secondary">
              Archive this achievement
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** GET/POST /academy/:org/achievements/:id/issue */
export function IssueOnePage(p: {
  actor: UserActor;
  slug: string;
  achievement: Achievement;
  validity: string;
  form: FormState;
}) {
  const { form } = p;
  const a = p.achievement;
  return (
    <Layout title={`Issue ${a.name}`} actor={p.actor}>
      <h1>Issue "{a.name}" to one learner</h1>
      <AcademyNav slug={p.slug} />
      <p>
        If the learner has a Care Passport under this email address, the certificate goes straight into it. If not, we
        email them a link to claim it. Valid for: {p.validity}.
      </p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action={`/academy/${p.slug}/achievements/${a.id}/issue`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="submission" value={form.values.submission ?? ''} />
        <Field
          name="name"
          label="Learner's full name"
          form={form}
          autocomplete="off"
          hint="As it should appear on the certificate."
        />
        <Field name="email" label="Learner's email address" type="email" form={form} autocomplete="off" />
        <Field
          name="completedOn"
          label="Date completed"
          type="date"
          form={form}
          hint="The certificate is valid from this date."
        />
        <fieldset>
          <legend>Evidence (optional)</legend>
          <EvidenceFields form={form} />
        </fieldset>
        <SelectField
          name="securing"
          label="Signature format"
          form={form}
          options={[
            ['vc+jwt', 'JWT (vc+jwt): accepted by most wallets and verifiers'],
            ['eddsa-rdfc-2022', 'Data Integrity proof (eddsa-rdfc-2022): for Open Badges 3.0 certified tools'],
          ]}
          hint="Both are Open Badges 3.0 credentials, revocable the same way."
        />
        <button type="submit">Issue certificate</button>
      </form>
    </Layout>
  );
}

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
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';

const t = translator('en');

const CSV_HINT = t('academy.csvHint', {
  columns: COHORT_COLUMNS.join(', '),
  max: MAX_COHORT_ROWS.toLocaleString('en-GB'),
});

const refresher = (m: number | null) => (m ? t('academy.refresherEvery', { months: m }) : t('academy.refresherNone'));

/** How long credentials of an achievement stay valid, in words, with where the default comes from. */
export function validityText(
  a: Pick<Achievement, 'validityMonths'>,
  aligned: Pick<Competency, 'name' | 'refreshMonths'>[],
): string {
  if (a.validityMonths) return t('academy.validitySet', { months: a.validityMonths });
  const periods = aligned.filter((c) => c.refreshMonths && c.refreshMonths > 0);
  if (!periods.length) return t('academy.validityNone');
  const shortest = periods.reduce((x, y) => (y.refreshMonths! < x.refreshMonths! ? y : x));
  return t('academy.validityDefault', { months: shortest.refreshMonths ?? 0, name: shortest.name });
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
      <legend>{t('academy.whatItCovers')}</legend>
      <FieldNotes
        id="alignedIds"
        hint={t('academy.alignedHint', {
          frameworks: catalogue.map((c) => c.framework.name).join('; ') || t('academy.noneYet'),
        })}
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
      <h2 id="cohort-title">{t('academy.cohortTitle')}</h2>
      <p>{t('academy.cohortIntro')}</p>
      <p>
        {rich('en', 'academy.templates', {
          excel: <a href={`${templates}/template.xlsx`}>{t('academy.templateExcel')}</a>,
          csv: <a href={`${templates}/template.csv`}>{t('academy.templateCsv')}</a>,
        })}
      </p>
      <form method="post" action={`${base}/cohorts`} enctype="multipart/form-data" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <div class="field">
          <label for="file">{t('academy.cohortFileLabel')}</label>
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
          <summary>{t('academy.exampleFile')}</summary>
          <Scroll label={t('academy.exampleFile')}>
            <pre class="small">
              {`name,email,completion_date,assessor_name,assessed_on,score,notes\nAmina Khan,amina.khan@example.org,20/05/2026,Jo Smith,20/05/2026,92%,"Observed hoist transfer, safe"`}
            </pre>
          </Scroll>
        </details>
        <button type="submit">{t('academy.uploadCheck')}</button>
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
    <Layout title={t('academy.defineTitle')} actor={p.actor}>
      <h1>{t('academy.defineTitle')}</h1>
      <AcademyNav slug={p.slug} />
      <p>{t('academy.defineIntro')}</p>
      <ErrorSummary errors={form.errors} />
      {p.catalogue.length ? null : <p class="notice error">{t('academy.noFramework')}</p>}
      <form method="post" action={`/academy/${p.slug}/achievements/new`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field name="name" label={t('academy.colName')} form={form} hint={t('academy.asOnCertificate')} />
        <TextArea
          name="description"
          label={t('academy.description')}
          form={form}
          hint={t('academy.descriptionHint')}
          required
        />
        <TextArea name="criteria" label={t('academy.criteria')} form={form} hint={t('academy.criteriaHint')} required />
        <SelectField
          name="achievementType"
          label={t('academy.kindLabel')}
          form={form}
          options={[
            ['', t('academy.chooseOne')],
            ...ACHIEVEMENT_TYPES.map((type): [string, string] => [type, humanType(type)]),
          ]}
          hint={t('academy.kindHint')}
          required
        />
        <AlignedItems catalogue={p.catalogue} checked={p.checked} error={alignedError} />
        <Field
          name="level"
          label={t('academy.levelOptional')}
          form={form}
          required={false}
          hint={t('academy.levelHint')}
        />
        <Field
          name="validityMonths"
          label={t('academy.validityLabel')}
          type="number"
          form={form}
          required={false}
          hint={t('academy.validityHint')}
        />
        <SelectField
          name="assessmentMethod"
          label={t('academy.methodLabel')}
          form={form}
          options={[
            ['', t('academy.chooseOne')],
            ...ASSESSMENT_METHODS.map((m): [string, string] => [m, METHOD_LABEL[m] ?? m]),
          ]}
          required
        />
        <button type="submit">{t('academy.saveAchievement')}</button>
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
      <ErrorSummary errors={p.upload.errors} labels={{ file: t('academy.cohortFile') }} />
      {a.archivedAt ? <p class="notice error">{t('academy.archivedOn', { date: longDate(a.archivedAt) })}</p> : null}
      <dl class="facts">
        <dt>{t('academy.kind')}</dt>
        <dd>{humanType(a.achievementType)}</dd>
        <dt>{t('academy.description')}</dt>
        <dd>{a.description}</dd>
        <dt>{t('academy.criteria')}</dt>
        <dd>{a.criteria}</dd>
        <dt>{t('academy.covers')}</dt>
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
            <dt>{t('academy.certLevel')}</dt>
            <dd>{a.level}</dd>
          </>
        ) : null}
        <dt>{t('academy.validFor')}</dt>
        <dd>{validityText(a, p.aligned)}</dd>
        <dt>{t('academy.assessment')}</dt>
        <dd>{METHOD_LABEL[a.assessmentMethod] ?? a.assessmentMethod}</dd>
        <dt>{t('register.colIssued')}</dt>
        <dd>
          <a href={`/academy/${p.slug}/register?achievement=${a.id}`}>
            {t('academy.issuedCount', { count: p.issued })}
          </a>
        </dd>
      </dl>

      {p.canIssue && !a.archivedAt ? (
        <>
          <section aria-labelledby="one-title">
            <h2 id="one-title">{t('academy.issueToOne')}</h2>
            <p>
              <a class="button" href={`${base}/issue`}>
                {t('academy.issueToOne')}
              </a>
            </p>
          </section>

          <CohortUpload p={p} />
        </>
      ) : null}

      {p.canIssue && !a.archivedAt ? (
        <section aria-labelledby="archive-title">
          <h2 id="archive-title">{t('academy.archive')}</h2>
          <p>{t('academy.archiveIntro')}</p>
          <form method="post" action={`${base}/archive`} data-confirm={t('academy.archiveConfirm', { name: a.name })}>
            <Csrf actor={p.actor} />
            <button type="submit" class="secondary">
              {t('academy.archiveButton')}
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
  /** Offer "Issue it anyway" (the completion date makes the certificate expired already). */
  confirmExpired?: boolean;
}) {
  const { form } = p;
  const a = p.achievement;
  return (
    <Layout title={t('academy.issueTitle', { name: a.name })} actor={p.actor}>
      <h1>{t('academy.issueHeading', { name: a.name })}</h1>
      <AcademyNav slug={p.slug} />
      <p>{t('academy.issueIntro', { validity: p.validity })}</p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action={`/academy/${p.slug}/achievements/${a.id}/issue`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <input type="hidden" name="submission" value={form.values.submission ?? ''} />
        <Field
          name="name"
          label={t('academy.learnerName')}
          form={form}
          autocomplete="off"
          hint={t('academy.asOnCertificate')}
        />
        <Field name="email" label={t('academy.learnerEmail')} type="email" form={form} autocomplete="off" />
        <Field
          name="completedOn"
          label={t('academy.dateCompleted')}
          type="date"
          form={form}
          hint={t('academy.dateCompletedHint')}
        />
        {p.confirmExpired || form.values.issueExpired === 'yes' ? (
          <div class="check">
            <input
              type="checkbox"
              id="issueExpired"
              name="issueExpired"
              value="yes"
              checked={form.values.issueExpired === 'yes'}
              aria-describedby="issueExpired-hint"
            />{' '}
            <label for="issueExpired">{t('academy.issueExpired')}</label>
            <span class="hint" id="issueExpired-hint">
              {t('academy.issueExpiredHint')}
            </span>
          </div>
        ) : null}
        <fieldset>
          <legend>{t('register.evidenceOptional')}</legend>
          <EvidenceFields form={form} />
        </fieldset>
        <SelectField
          name="securing"
          label={t('academy.signatureFormat')}
          form={form}
          options={[
            ['vc+jwt', t('academy.formatJwt')],
            ['eddsa-rdfc-2022', t('academy.formatDi')],
          ]}
          hint={t('academy.formatHint')}
        />
        <button type="submit">{t('academy.issueCertificate')}</button>
      </form>
    </Layout>
  );
}

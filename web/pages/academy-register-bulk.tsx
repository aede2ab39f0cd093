/** The page that comes before a bulk status change of register certificates: what will change, then confirm. */
import type { BulkAction } from '../../schemas/register-bulk';
import type { BulkPreview } from '../../worker/services/academy/bulk-status';
import { effectiveStatus } from '../../worker/services/academy/register';
import { AcademyNav, CredentialStatusTag, type UserActor } from '../components/academy';
import { ErrorSummary } from '../components/forms';
import type { FormState } from '../components/form-state';
import {
  BULK_WORDS,
  BulkChangeFields,
  LearnerCells,
  SearchHiddenFields,
  registerLink,
} from '../components/register-bulk';
import { Scroll } from '../components/scroll';
import { translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';

const t = translator('en');
const n = (count: number) => count.toLocaleString('en-GB');

/** What the confirmation page shows and carries. */
export interface BulkConfirmProps {
  actor: UserActor;
  slug: string;
  /** The posted fields (selection, change, reason) and any errors. */
  form: FormState;
  /** The ticked certificate ids, carried to the confirming post. */
  ids: string[];
  /** What the change would do; null when the selection itself could not be read. */
  preview: BulkPreview | null;
  /** The change chosen, if any. */
  action: BulkAction | null;
  /** Whether the form was complete (selection, change and reason): the page then asks to confirm it. */
  complete: boolean;
  now: Date;
}

/** The first certificates that would change, with their status now. */
function PreviewTable(p: { preview: BulkPreview; now: Date }) {
  return (
    <Scroll label={t('register.willChange')}>
      <table>
        <caption>
          {p.preview.changes > p.preview.first.length
            ? t('register.firstOf', { shown: p.preview.first.length, count: n(p.preview.changes) })
            : t('register.theWillChange')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('register.colLearner')}</th>
            <th scope="col">{t('register.colAchievement')}</th>
            <th scope="col">{t('register.colIssued')}</th>
            <th scope="col">{t('register.colStatusNow')}</th>
          </tr>
        </thead>
        <tbody>
          {p.preview.first.map((r) => (
            <tr>
              <LearnerCells row={r} />
              <td>
                <CredentialStatusTag status={effectiveStatus(r, p.now)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** How many were chosen and how many the change applies to (the others stay as they are, and why). */
function Summary(p: { preview: BulkPreview; action: BulkAction }) {
  const { chosen, changes } = p.preview;
  const left = chosen - changes;
  const words = BULK_WORDS[p.action];
  const counts = { changes: n(changes), left: n(left) };
  return (
    <p>
      {chosen === 1 ? t('register.chosenOne') : t('register.chosenMany', { count: n(chosen) })}{' '}
      {left <= 0 ? t(words.changes, counts) : left === 1 ? t(words.leftOne, counts) : t(words.leftMany, counts)}
    </p>
  );
}

/** POST /academy/:org/register/bulk without `confirm`: the check before the change. */
export function BulkConfirmPage(p: BulkConfirmProps) {
  const { preview, action, form } = p;
  const confirmable = p.complete && !!action && !!preview && preview.changes > 0 && !preview.tooMany;
  const words = action ? BULK_WORDS[action] : null;
  return (
    <Layout title={t('register.checkTitle')} actor={p.actor}>
      <h1>
        {confirmable && words
          ? preview.changes === 1
            ? t(words.headingOne)
            : t(words.headingMany, { count: n(preview.changes) })
          : t('register.changeSeveral')}
      </h1>
      <AcademyNav slug={p.slug} />
      <ErrorSummary
        errors={form.errors}
        labels={{ reason: t('register.reasonLabel'), ids: t('register.certificatesLabel') }}
      />
      {preview && action ? <Summary preview={preview} action={action} /> : null}
      {preview?.tooMany ? (
        <div class="notice error" role="alert">
          {t('register.tooManyChange')}
        </div>
      ) : null}
      {preview?.first.length ? <PreviewTable preview={preview} now={p.now} /> : null}
      <form method="post" action={`/academy/${p.slug}/register/bulk`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <SearchHiddenFields values={form.values} />
        <input type="hidden" name="scope" value={form.values.scope ?? 'ticked'} />
        {p.ids.map((id) => (
          <input type="hidden" name="ids" value={id} />
        ))}
        {confirmable && words ? (
          <>
            <dl class="facts">
              <dt>{t('register.change')}</dt>
              <dd>{t(words.option)}</dd>
              <dt>{t('register.reason')}</dt>
              <dd>{form.values.reason}</dd>
            </dl>
            <input type="hidden" name="action" value={action} />
            <input type="hidden" name="reason" value={form.values.reason ?? ''} />
            <input type="hidden" name="confirm" value="yes" />
            <p>{t('register.auditRecords')}</p>
            <div>
              <button type="submit" class={action === 'revoke' ? 'danger' : undefined}>
                {preview.changes === 1 ? t(words.buttonOne) : t(words.buttonMany, { count: n(preview.changes) })}
              </button>
            </div>
          </>
        ) : (
          <BulkChangeFields form={form} />
        )}
      </form>
      <p>
        <a href={registerLink(p.slug, form.values)}>{t('register.backUnchanged')}</a>
      </p>
    </Layout>
  );
}

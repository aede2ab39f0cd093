/** The page that comes before a bulk status change of register certificates: what will change, then confirm. */
import type { BulkAction } from '../../schemas/register-bulk';
import type { BulkPreview } from '../../worker/services/academy/bulk-status';
import { effectiveStatus } from '../../worker/services/academy/register';
import { AcademyNav, CredentialStatusTag, type UserActor, longDate } from '../components/academy';
import { ErrorSummary } from '../components/forms';
import type { FormState } from '../components/form-state';
import { BULK_WORDS, BulkChangeFields, SearchHiddenFields, registerLink } from '../components/register-bulk';
import { Scroll } from '../components/scroll';
import { Csrf, Layout } from '../layout';

const plural = (n: number) => (n === 1 ? '1 certificate' : `${n.toLocaleString('en-GB')} certificates`);

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
    <Scroll label="Certificates that will change">
      <table>
        <caption>
          {p.preview.changes > p.preview.first.length
            ? `The first ${p.preview.first.length} of ${plural(p.preview.changes)}`
            : 'The certificates that will change'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Achievement</th>
            <th scope="col">Issued</th>
            <th scope="col">Status now</th>
          </tr>
        </thead>
        <tbody>
          {p.preview.first.map((r) => (
            <tr>
              <th scope="row">
                {r.subjectName ?? 'Learner'}
                <div class="small muted">{r.subjectEmail}</div>
              </th>
              <td>{r.achievementName}</td>
              <td>{longDate(r.issuedAt)}</td>
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
  return (
    <p>
      {`You chose ${plural(chosen)}. ${changes.toLocaleString('en-GB')} will be ${words.done}`}
      {left > 0
        ? `; ${left.toLocaleString('en-GB')} ${left === 1 ? 'stays as it is' : 'stay as they are'} (${words.only}).`
        : '.'}
    </p>
  );
}

/** POST /academy/:org/register/bulk without `confirm`: the check before the change. */
export function BulkConfirmPage(p: BulkConfirmProps) {
  const { preview, action, form } = p;
  const confirmable = p.complete && !!action && !!preview && preview.changes > 0 && !preview.tooMany;
  const words = action ? BULK_WORDS[action] : null;
  return (
    <Layout title="Check the change · Register of issued certificates" actor={p.actor}>
      <h1>{confirmable && words ? `${words.verb} ${plural(preview.changes)}?` : 'Change several certificates'}</h1>
      <AcademyNav slug={p.slug} />
      <ErrorSummary errors={form.errors} labels={{ reason: 'Reason for the change', ids: 'Certificates' }} />
      {preview && action ? <Summary preview={preview} action={action} /> : null}
      {preview?.tooMany ? (
        <div class="notice error" role="alert">
          That is more than can be changed at once. Narrow the search (for example by issue dates) and change them in
          parts.
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
              <dt>Change</dt>
              <dd>
                {words.verb}. {words.hint}
              </dd>
              <dt>Reason</dt>
              <dd>{form.values.reason}</dd>
            </dl>
            <input type="hidden" name="action" value={action} />
            <input type="hidden" name="reason" value={form.values.reason ?? ''} />
            <input type="hidden" name="confirm" value="yes" />
            <p>Each certificate's audit trail records the change, who made it and the reason.</p>
            <div>
              <button type="submit" class={action === 'revoke' ? 'danger' : undefined}>
                {words.verb} {plural(preview.changes)}
              </button>
            </div>
          </>
        ) : (
          <BulkChangeFields form={form} />
        )}
      </form>
      <p>
        <a href={registerLink(p.slug, form.values)}>Back to the register without changing anything</a>
      </p>
    </Layout>
  );
}

/** What the register's bulk status change shares: the search carried along, the change chosen, and its reason. */
import type { BulkAction } from '../../schemas/register-bulk';
import type { RegisterResult } from '../../worker/services/academy/register';
import { TextArea, longDate } from './academy';
import type { FormState } from './form-state';
import { translator } from '../i18n/messages';

const t = translator('en');

type RegisterRow = Pick<
  RegisterResult['rows'][number],
  'subjectName' | 'subjectEmail' | 'achievementName' | 'issuedAt'
>;

/** The register search fields, so a bulk change and the links back keep the search it was made from. */
export const SEARCH_FIELDS = ['q', 'achievement', 'from', 'to', 'status'] as const;

/** The register's address (or its export's) for the same search, at a page. */
export function registerLink(slug: string, values: FormState['values'], page = 1, path = 'register'): string {
  const q = new URLSearchParams();
  for (const k of SEARCH_FIELDS) if (values[k]) q.set(k, values[k]!);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/academy/${slug}/${path}${s ? `?${s}` : ''}`;
}

/** The search as hidden fields of a bulk change form. */
export function SearchHiddenFields({ values }: { values: FormState['values'] }) {
  return (
    <>
      {SEARCH_FIELDS.filter((k) => values[k]).map((k) => (
        <input type="hidden" name={k} value={values[k]} />
      ))}
    </>
  );
}

/**
 * What each change says, as catalogue keys: its option (with what it does), the check page's heading and button, how
 * many it changes and leaves, and the register's notice afterwards. One whole sentence per key, per change.
 */
export const BULK_WORDS = {
  revoke: {
    option: 'register.revokeOption',
    headingOne: 'register.revokeHeadingOne',
    headingMany: 'register.revokeHeadingMany',
    buttonOne: 'register.revokeButtonOne',
    buttonMany: 'register.revokeButtonMany',
    changes: 'register.revokeChanges',
    leftOne: 'register.revokeChangesLeftOne',
    leftMany: 'register.revokeChangesLeftMany',
    doneOne: 'register.revokeDoneOne',
    doneMany: 'register.revokeDoneMany',
    doneSome: 'register.revokeDoneSome',
  },
  suspend: {
    option: 'register.suspendOption',
    headingOne: 'register.suspendHeadingOne',
    headingMany: 'register.suspendHeadingMany',
    buttonOne: 'register.suspendButtonOne',
    buttonMany: 'register.suspendButtonMany',
    changes: 'register.suspendChanges',
    leftOne: 'register.suspendChangesLeftOne',
    leftMany: 'register.suspendChangesLeftMany',
    doneOne: 'register.suspendDoneOne',
    doneMany: 'register.suspendDoneMany',
    doneSome: 'register.suspendDoneSome',
  },
  reinstate: {
    option: 'register.reinstateOption',
    headingOne: 'register.reinstateHeadingOne',
    headingMany: 'register.reinstateHeadingMany',
    buttonOne: 'register.reinstateButtonOne',
    buttonMany: 'register.reinstateButtonMany',
    changes: 'register.reinstateChanges',
    leftOne: 'register.reinstateChangesLeftOne',
    leftMany: 'register.reinstateChangesLeftMany',
    doneOne: 'register.reinstateDoneOne',
    doneMany: 'register.reinstateDoneMany',
    doneSome: 'register.reinstateDoneSome',
  },
} as const;

/** A register row's learner (name over email), achievement and issue date, as the check pages list them. */
export function LearnerCells({ row }: { row: RegisterRow }) {
  return (
    <>
      <th scope="row">
        {row.subjectName ?? t('register.learner')}
        <div class="small muted">{row.subjectEmail}</div>
      </th>
      <td>{row.achievementName}</td>
      <td>{longDate(row.issuedAt)}</td>
    </>
  );
}

/** A radio group in a fieldset with a legend, its error linked to it. */
function Radios(p: { name: string; legend: string; options: [string, string][]; form: FormState }) {
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? p.options[0]?.[0];
  return (
    <fieldset id={p.name} aria-describedby={error ? `${p.name}-error` : undefined}>
      <legend>{p.legend}</legend>
      {error ? (
        <span class="error-text" id={`${p.name}-error`}>
          <span class="visually-hidden">{t('register.errorPrefix')} </span>
          {error}
        </span>
      ) : null}
      {p.options.map(([value, label]) => (
        <div class="check">
          <input type="radio" id={`${p.name}-${value}`} name={p.name} value={value} checked={current === value} />{' '}
          <label for={`${p.name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The change and its reason; with `total`, also whether it is for the ticked certificates or all matching. */
export function BulkChangeFields(p: { form: FormState; total?: number }) {
  return (
    <>
      {p.total !== undefined ? (
        <Radios
          name="scope"
          legend={t('register.whichCertificates')}
          form={p.form}
          options={[
            ['ticked', t('register.scopeTicked')],
            ['all', p.total === 1 ? t('register.scopeAllOne') : t('register.scopeAllMany', { count: String(p.total) })],
          ]}
        />
      ) : null}
      <Radios
        name="action"
        legend={t('register.change')}
        form={p.form}
        options={Object.entries(BULK_WORDS).map(([k, w]): [string, string] => [k, t(w.option)])}
      />
      <TextArea
        name="reason"
        label={t('register.reasonLabel')}
        form={p.form}
        rows={2}
        hint={t('register.reasonHint')}
        required
      />
      <div>
        <button type="submit" class="secondary">
          {t('register.reviewChange')}
        </button>
      </div>
    </>
  );
}

/** The register's message after a bulk change, from its `notice` key and count (no text comes from the URL). */
export function bulkNotice(notice: string | undefined, changed: string | undefined): string | undefined {
  if (notice === 'claim_links_none') return t('register.linksSentNone');
  if (notice === 'claim_links_sent') {
    const sent = Number.parseInt(changed ?? '', 10);
    if (!Number.isFinite(sent) || sent < 1) return t('register.linksSentNone');
    return sent === 1
      ? t('register.linksSentOne')
      : t('register.linksSentMany', { count: sent.toLocaleString('en-GB') });
  }
  const action = Object.keys(BULK_WORDS).find((k) => notice === `bulk_${k}`) as BulkAction | undefined;
  if (notice === 'bulk_none') return t('register.bulkNone');
  if (!action) return undefined;
  const n = Number.parseInt(changed ?? '', 10);
  const words = BULK_WORDS[action];
  if (!Number.isFinite(n) || n < 1) return t(words.doneSome);
  return n === 1 ? t(words.doneOne) : t(words.doneMany, { count: String(n) });
}

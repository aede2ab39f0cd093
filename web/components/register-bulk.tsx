/** What the register's bulk status change shares: the search carried along, the change chosen, and its reason. */
import type { BulkAction } from '../../schemas/register-bulk';
import { TextArea } from './academy';
import type { FormState } from './form-state';
import { translator } from '../i18n/messages';

const t = translator('en');

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

/** What each change does, in the words of the confirmation. */
export const BULK_WORDS: Record<BulkAction, { verb: string; done: string; hint: string; only: string }> = {
  revoke: {
    verb: 'Revoke',
    done: 'revoked',
    hint: 'Permanent: every verifier sees them as revoked from now on.',
    only: 'only certificates not revoked yet can be revoked',
  },
  suspend: {
    verb: 'Suspend',
    done: 'suspended',
    hint: 'Verifiers see them as not valid until you reinstate them.',
    only: 'only certificates neither suspended nor revoked can be suspended',
  },
  reinstate: {
    verb: 'Reinstate',
    done: 'reinstated',
    hint: 'Suspended ones become valid again.',
    only: 'only suspended certificates can be reinstated',
  },
};

/** A radio group in a fieldset with a legend, its error linked to it. */
function Radios(p: { name: string; legend: string; options: [string, string][]; form: FormState }) {
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? p.options[0]?.[0];
  return (
    <fieldset id={p.name} aria-describedby={error ? `${p.name}-error` : undefined}>
      <legend>{p.legend}</legend>
      {error ? (
        <span class="error-text" id={`${p.name}-error`}>
          <span class="visually-hidden">Error: </span>
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
          legend="Which certificates"
          form={p.form}
          options={[
            ['ticked', 'Only the certificates I ticked'],
            ['all', `All ${p.total === 1 ? '1 certificate' : `${p.total} certificates`} matching this search`],
          ]}
        />
      ) : null}
      <Radios
        name="action"
        legend="Change"
        form={p.form}
        options={Object.entries(BULK_WORDS).map(([k, w]): [string, string] => [k, `${w.verb}. ${w.hint}`])}
      />
      <TextArea
        name="reason"
        label="Reason for the change"
        form={p.form}
        rows={2}
        hint="Kept in each certificate's audit trail; not shown to the public."
        required
      />
      <div>
        <button type="submit" class="secondary">
          Review the change
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
  if (notice === 'bulk_none') return 'Nothing changed: the chosen certificates already had that status.';
  if (!action) return undefined;
  const n = Number.parseInt(changed ?? '', 10);
  const count = Number.isFinite(n) && n > 0 ? (n === 1 ? '1 certificate' : `${n} certificates`) : 'Certificates';
  return `${count} ${BULK_WORDS[action].done}. Each change is recorded in the certificate's audit trail.`;
}

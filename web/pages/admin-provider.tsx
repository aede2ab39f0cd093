/** Platform admin: an academy's provider kind and CSTF alignment, which NHS roles' acceptance rules read. */
import type { Actor } from '../../worker/context';
import { translator } from '../i18n/messages';
import { Csrf } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

const KINDS: [value: string, label: string][] = [
  ['training_provider', t('admin.providerTraining')],
  ['nhs_body', t('admin.providerNhs')],
  ['awarding_body', t('admin.providerAwarding')],
];

/** The form under an academy's row; its current values are shown as the summary. */
export function ProviderKindForm(p: {
  actor: UserActor;
  org: { id: string; name: string; providerKind: string; cstfAligned: boolean };
}) {
  const id = `provider-${p.org.id}`;
  const label = KINDS.find(([v]) => v === p.org.providerKind)?.[1] ?? p.org.providerKind;
  return (
    <details>
      <summary>
        {p.org.cstfAligned
          ? t('admin.providerSummaryCstf', { kind: label })
          : t('admin.providerSummary', { kind: label })}
      </summary>
      <form method="post" action={`/admin/organisations/${p.org.id}/provider`}>
        <Csrf actor={p.actor} />
        <label for={`${id}-kind`}>{t('admin.providerKind')}</label>
        <select id={`${id}-kind`} name="providerKind">
          {KINDS.map(([v, l]) => (
            <option value={v} selected={v === p.org.providerKind}>
              {l}
            </option>
          ))}
        </select>
        <label class="checkbox">
          <input type="checkbox" name="cstfAligned" checked={p.org.cstfAligned} /> {t('admin.cstfAligned')}
        </label>
        <button type="submit">
          {t('admin.saveProvider')}
          <span class="visually-hidden"> {t('admin.ofOrg', { name: p.org.name })}</span>
        </button>
      </form>
    </details>
  );
}

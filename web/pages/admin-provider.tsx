/** Platform admin: an academy's provider kind and CSTF alignment, which NHS roles' acceptance rules read. */
import type { Actor } from '../../worker/context';
import { Csrf } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

const KINDS: [value: string, label: string][] = [
  ['training_provider', 'Training provider or care employer academy'],
  ['nhs_body', 'NHS body (trust, ICB, e-learning for Healthcare)'],
  ['awarding_body', 'Awarding body'],
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
        Provider: {label}
        {p.org.cstfAligned ? '; CSTF-aligned' : ''}
      </summary>
      <form method="post" action={`/admin/organisations/${p.org.id}/provider`}>
        <Csrf actor={p.actor} />
        <label for={`${id}-kind`}>Kind of provider</label>
        <select id={`${id}-kind`} name="providerKind">
          {KINDS.map(([v, l]) => (
            <option value={v} selected={v === p.org.providerKind}>
              {l}
            </option>
          ))}
        </select>
        <label class="checkbox">
          <input type="checkbox" name="cstfAligned" checked={p.org.cstfAligned} /> Mandatory training is aligned to the
          Core Skills Training Framework
        </label>
        <button type="submit">
          Save provider<span class="visually-hidden"> of {p.org.name}</span>
        </button>
      </form>
    </details>
  );
}

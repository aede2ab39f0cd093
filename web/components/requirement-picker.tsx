/** Choosing a role's requirements from the catalogue, with how often each must be refreshed (employer and admin role forms). */
import type { Competency, Framework } from '../../worker/services/catalogue/catalogue';
import { FieldNotes } from './forms';
import { Scroll } from './scroll';
import { translator } from '../i18n/messages';

const t = translator('en');

/** A role form as posted: its fields, the ticked requirements and any errors. */
export interface RoleFormState {
  values: {
    title: string;
    catalogueRoleId: string;
    bandLabel: string;
    payText: string;
    /** The ladder role a new role was started from: its acceptance rules are copied when it is added. */
    copiedFrom?: string;
  };
  /** Ticked competencies with their strength and max age as typed. */
  reqs: Map<string, { requirement: 'required' | 'recommended'; maxAge: string }>;
  errors: Record<string, string>;
}

type PickedRequirements = Pick<RoleFormState, 'reqs' | 'errors'>;

function RequirementRows({ items, form, label }: { items: Competency[]; form: PickedRequirements; label: string }) {
  return (
    <Scroll label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('academy.pickerInclude')}</th>
            <th scope="col">{t('academy.pickerStrength')}</th>
            <th scope="col">{t('academy.pickerOldest')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const chosen = form.reqs.get(c.id);
            const ageError = form.errors[`maxAge-${c.id}`];
            return (
              <tr>
                <td>
                  <input type="checkbox" id={`req-${c.id}`} name="req" value={c.id} checked={!!chosen} />{' '}
                  <label for={`req-${c.id}`}>
                    {c.name} <span class="small muted">({c.code})</span>
                  </label>
                </td>
                <td>
                  <label class="visually-hidden" for={`strength-${c.id}`}>
                    {t('academy.pickerStrengthOf', { name: c.name })}
                  </label>
                  <select id={`strength-${c.id}`} name={`strength-${c.id}`}>
                    <option value="required" selected={chosen?.requirement !== 'recommended'}>
                      {t('academy.pickerRequired')}
                    </option>
                    <option value="recommended" selected={chosen?.requirement === 'recommended'}>
                      {t('academy.pickerRecommended')}
                    </option>
                  </select>
                </td>
                <td>
                  <label class="visually-hidden" for={`maxAge-${c.id}`}>
                    {t('academy.pickerOldestOf', { name: c.name })}
                  </label>
                  <FieldNotes id={`maxAge-${c.id}`} error={ageError} />
                  <input
                    type="number"
                    inputmode="numeric"
                    min={1}
                    max={240}
                    id={`maxAge-${c.id}`}
                    name={`maxAge-${c.id}`}
                    value={chosen?.maxAge ?? ''}
                    placeholder={c.refreshMonths ? String(c.refreshMonths) : ''}
                    aria-describedby={ageError ? `maxAge-${c.id}-error` : 'maxage-hint'}
                    aria-invalid={ageError ? 'true' : undefined}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/**
 * The "Requirements" part of a role form: every competency of the catalogue by framework, with required or
 * recommended and the oldest acceptable training. Used for employers' roles and the admin's catalogue roles.
 */
export function RequirementPicker(p: {
  frameworks: Framework[];
  competencies: Competency[];
  form: PickedRequirements;
}) {
  const byFramework = p.frameworks
    .filter((f) => f.kind === 'competency')
    .map((f) => ({ f, items: p.competencies.filter((c) => c.frameworkId === f.id) }))
    .filter((g) => g.items.length);
  return (
    <>
      <h2 id="req">{t('academy.pickerTitle')}</h2>
      <FieldNotes id="req" error={p.form.errors.req} />
      <p class="small" id="maxage-hint">
        {t('academy.pickerHint')}
      </p>
      <div
        id="req-list"
        data-filter="tbody tr"
        data-filter-groups="fieldset"
        data-filter-label={t('academy.pickerFind')}
        data-filter-noun={t('academy.pickerNoun')}
      >
        {byFramework.map(({ f, items }) => (
          <fieldset>
            <legend>{f.name}</legend>
            <RequirementRows items={items} form={p.form} label={t('academy.pickerGroup', { name: f.name })} />
          </fieldset>
        ))}
      </div>
      <script src="/static/picker.js" defer />
    </>
  );
}

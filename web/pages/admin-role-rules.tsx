/** Platform admin: the acceptance rules of a catalogue role's requirements and the relations between its items. */
import type { Actor } from '../../worker/context';
import type { Competency } from '../../worker/services/catalogue/catalogue';
import type { LevelChoice } from '../../worker/services/catalogue/requirement-levels';
import { PROVIDER_KINDS, PROVIDER_WORDS, parseAcceptance } from '../../worker/services/catalogue/rules';
import { translator } from '../i18n/messages';
import { Csrf } from '../layout';
import { Scroll } from '../components/scroll';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

export interface RuleRow {
  competencyId: string;
  acceptance: string | null;
}

export interface RelationRow {
  id: string;
  fromId: string;
  toId: string;
  relation: string;
  strength: string;
  label: string;
  source: string;
}

/** A stored acceptance rule in plain words. */
export function ruleText(json: string | null): string {
  const r = parseAcceptance(json);
  if (!r) return t('admin.ruleAny');
  const parts = [
    r.providers
      ? t('admin.ruleOnlyFrom', { providers: r.providers.map((p) => PROVIDER_WORDS[p]).join(t('admin.ruleOr')) })
      : null,
    r.minLevel ? t('admin.ruleMinLevel', { level: r.minLevel }) : null,
    r.maxAgeMonths != null ? t('admin.ruleMaxAge', { months: r.maxAgeMonths }) : null,
    r.dueWithinMonths ? t('admin.ruleDueWithin', { months: r.dueWithinMonths }) : null,
  ].filter(Boolean);
  const rule = parts.join('; ');
  return r.indicative ? t('admin.ruleIndicative', { rule }) : rule;
}

/** The reason every catalogue edit records as its basis, and the form's button. */
function ReasonAndSubmit({ id, button }: { id: string; button: string }) {
  return (
    <>
      <label for={id}>{t('admin.reasonAndSource')}</label>
      <input id={id} name="note" type="text" required maxlength={500} />
      <div>
        <button type="submit">{button}</button>
      </div>
    </>
  );
}

/** Sets who one requirement is accepted from, its minimum level and allowable period, with the reason. */
function RuleForm({ actor, roleId, rules, names }: Props & { names: Map<string, string> }) {
  return (
    <form method="post" action={`/admin/roles/${roleId}/rules`} class="stack" novalidate>
      <Csrf actor={actor} />
      <h3>{t('admin.setRuleTitle')}</h3>
      <label for="rule-item">{t('admin.requirement')}</label>
      <select id="rule-item" name="competencyId" required>
        {rules.map((r) => (
          <option value={r.competencyId}>{names.get(r.competencyId) ?? r.competencyId}</option>
        ))}
      </select>
      <fieldset>
        <legend>{t('admin.acceptedFrom')}</legend>
        {PROVIDER_KINDS.map((k) => (
          <label class="checkbox">
            <input type="checkbox" name="providers" value={k} /> {PROVIDER_WORDS[k]}
          </label>
        ))}
      </fieldset>
      <label for="rule-min-level">{t('admin.minLevel')}</label>
      <input id="rule-min-level" name="minLevel" type="number" min={1} max={8} />
      <label for="rule-max-age">{t('admin.allowablePeriod')}</label>
      <input id="rule-max-age" name="maxAgeMonths" type="number" min={0} max={240} />
      <label for="rule-due">{t('admin.dueWithin')}</label>
      <input id="rule-due" name="dueWithinMonths" type="number" min={1} max={120} />
      <label class="checkbox">
        <input type="checkbox" name="indicative" /> {t('admin.indicative')}
      </label>
      <ReasonAndSubmit id="rule-note" button={t('admin.saveRule')} />
    </form>
  );
}

/** Adds or changes how one catalogue item relates to another, with the strength of its source. */
function RelationForm({ actor, roleId, competencies }: Props) {
  const options = competencies.map((c) => <option value={c.id}>{`${c.code}: ${c.name}`}</option>);
  return (
    <form method="post" action={`/admin/roles/${roleId}/relations`} class="stack" novalidate>
      <Csrf actor={actor} />
      <h3>{t('admin.relationTitle')}</h3>
      <label for="rel-from">{t('admin.heldItem')}</label>
      <select id="rel-from" name="fromId" required>
        {options}
      </select>
      <label for="rel-relation">{t('admin.relation')}</label>
      <select id="rel-relation" name="relation" required>
        <option value="includes">{t('admin.relIncludes')}</option>
        <option value="satisfies">{t('admin.relSatisfies')}</option>
        <option value="equivalent">{t('admin.relEquivalent')}</option>
        <option value="comparable">{t('admin.relComparableCompare')}</option>
      </select>
      <label for="rel-to">{t('admin.requiredItem')}</label>
      <select id="rel-to" name="toId" required>
        {options}
      </select>
      <label for="rel-strength">{t('admin.strengthOfSource')}</label>
      <select id="rel-strength" name="strength" required>
        <option value="official">{t('admin.strengthOfficial')}</option>
        <option value="published">{t('admin.strengthPublished')}</option>
        <option value="indicative">{t('admin.strengthIndicative')}</option>
      </select>
      <label for="rel-label">{t('admin.relationMeaning')}</label>
      <input id="rel-label" name="label" type="text" required maxlength={400} />
      <ReasonAndSubmit id="rel-note" button={t('admin.saveRelation')} />
    </form>
  );
}

interface Props {
  actor: UserActor;
  roleId: string;
  rules: RuleRow[];
  relations: RelationRow[];
  competencies: Competency[];
  /** The role's requirements that have other levels, with those levels. */
  levels: LevelChoice[];
}

/** Moves a requirement to another level of its subject (each option is one whole change, so no script is needed). */
function LevelForm({ actor, roleId, levels, names }: Props & { names: Map<string, string> }) {
  return (
    <form method="post" action={`/admin/roles/${roleId}/levels`} class="stack" novalidate>
      <Csrf actor={actor} />
      <h3>{t('admin.levelTitle')}</h3>
      <p>{t('admin.levelIntro')}</p>
      <label for="change">{t('admin.levelChange')}</label>
      <select id="change" name="change" required>
        {levels.map((l) => (
          <optgroup label={names.get(l.competencyId) ?? l.competencyId}>
            {l.others.map((o) => (
              <option
                value={`${l.competencyId}>${o.id}`}
              >{`${names.get(l.competencyId) ?? l.competencyId} → ${o.name}`}</option>
            ))}
          </optgroup>
        ))}
      </select>
      <ReasonAndSubmit id="level-note" button={t('admin.changeLevel')} />
    </form>
  );
}

/** The acceptance rules and relations sections of the admin role editor. */
export function RoleRulesSection(p: Props) {
  const names = new Map(p.competencies.map((c) => [c.id, c.name]));
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('admin.rulesTitle')}</h2>
      <p>{t('admin.rulesIntro')}</p>
      <Scroll label={t('admin.acceptanceRules')}>
        <table>
          <caption>{t('admin.acceptanceRules')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.colRequirement')}</th>
              <th scope="col">{t('admin.colRule')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r) => (
              <tr>
                <th scope="row">{names.get(r.competencyId) ?? r.competencyId}</th>
                <td>{ruleText(r.acceptance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <RuleForm {...p} names={names} />
      {p.levels.length ? <LevelForm {...p} names={names} /> : null}
      <Scroll label={t('admin.relations')}>
        <table>
          <caption>{t('admin.relationsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.colRelation')}</th>
              <th scope="col">{t('admin.colStrength')}</th>
              <th scope="col">{t('admin.colSource')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('admin.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.relations.map((r) => (
              <tr>
                <th scope="row" id={`rel-${r.id}`}>
                  {r.label}
                </th>
                <td>{r.strength}</td>
                <td class="small">{r.source}</td>
                <td>
                  <form method="post" action={`/admin/roles/${p.roleId}/relations/${r.id}/delete`}>
                    <Csrf actor={p.actor} />
                    <button
                      type="submit"
                      class="secondary"
                      id={`del-${r.id}`}
                      aria-labelledby={`del-${r.id} rel-${r.id}`}
                    >
                      {t('admin.deleteMore')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <RelationForm {...p} />
    </section>
  );
}

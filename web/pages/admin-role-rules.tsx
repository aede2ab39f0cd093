/** Platform admin: the acceptance rules of a catalogue role's requirements and the relations between its items. */
import type { Actor } from '../../worker/context';
import type { Competency } from '../../worker/services/catalogue/catalogue';
import type { LevelChoice } from '../../worker/services/catalogue/requirement-levels';
import { PROVIDER_KINDS, PROVIDER_WORDS, parseAcceptance } from '../../worker/services/catalogue/rules';
import { Csrf } from '../layout';
import { Scroll } from '../components/scroll';

type UserActor = Extract<Actor, { kind: 'user' }>;

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
  if (!r) return 'Any provider, within the refresher period';
  const parts = [
    r.providers ? `only from ${r.providers.map((p) => PROVIDER_WORDS[p]).join(' or ')}` : null,
    r.minLevel ? `level ${r.minLevel} or above` : null,
    r.maxAgeMonths != null ? `completed within ${r.maxAgeMonths} months` : null,
    r.dueWithinMonths ? `may follow the start by ${r.dueWithinMonths} months` : null,
  ].filter(Boolean);
  return `${parts.join('; ')}${r.indicative ? ' (indicative)' : ''}`;
}

/** The reason every catalogue edit records as its basis, and the form's button. */
function ReasonAndSubmit({ id, button }: { id: string; button: string }) {
  return (
    <>
      <label for={id}>Reason and source</label>
      <input id={id} name="note" type="text" required maxlength={500} />
      <div>
        <button type="submit">{button}</button>
      </div>
    </>
  );
}

function RuleForm({ actor, roleId, rules, names }: Props & { names: Map<string, string> }) {
  return (
    <form method="post" action={`/admin/roles/${roleId}/rules`} class="stack" novalidate>
      <Csrf actor={actor} />
      <h3>Set the rule for one requirement</h3>
      <label for="rule-item">Requirement</label>
      <select id="rule-item" name="competencyId" required>
        {rules.map((r) => (
          <option value={r.competencyId}>{names.get(r.competencyId) ?? r.competencyId}</option>
        ))}
      </select>
      <fieldset>
        <legend>Accepted from (none ticked: any provider)</legend>
        {PROVIDER_KINDS.map((k) => (
          <label class="checkbox">
            <input type="checkbox" name="providers" value={k} /> {PROVIDER_WORDS[k]}
          </label>
        ))}
      </fieldset>
      <label for="rule-min-level">Minimum level</label>
      <input id="rule-min-level" name="minLevel" type="number" min={1} max={8} />
      <label for="rule-max-age">Allowable period in months (may be shorter than the refresher period)</label>
      <input id="rule-max-age" name="maxAgeMonths" type="number" min={0} max={240} />
      <label for="rule-due">May be completed after starting, within months</label>
      <input id="rule-due" name="dueWithinMonths" type="number" min={1} max={120} />
      <label class="checkbox">
        <input type="checkbox" name="indicative" /> Indicative (our reading of common practice, not a stated policy)
      </label>
      <ReasonAndSubmit id="rule-note" button="Save the rule" />
    </form>
  );
}

function RelationForm({ actor, roleId, competencies }: Props) {
  const options = competencies.map((c) => <option value={c.id}>{`${c.code}: ${c.name}`}</option>);
  return (
    <form method="post" action={`/admin/roles/${roleId}/relations`} class="stack" novalidate>
      <Csrf actor={actor} />
      <h3>Add or change a relation</h3>
      <label for="rel-from">Held item</label>
      <select id="rel-from" name="fromId" required>
        {options}
      </select>
      <label for="rel-relation">Relation</label>
      <select id="rel-relation" name="relation" required>
        <option value="includes">includes (a higher level of the same subject)</option>
        <option value="satisfies">meets a requirement for</option>
        <option value="equivalent">is equivalent to (both ways)</option>
        <option value="comparable">is comparable to (no published equivalence: compare the content)</option>
      </select>
      <label for="rel-to">Required item</label>
      <select id="rel-to" name="toId" required>
        {options}
      </select>
      <label for="rel-strength">Strength of the source</label>
      <select id="rel-strength" name="strength" required>
        <option value="official">official</option>
        <option value="published">published by an awarding or sector body</option>
        <option value="indicative">indicative</option>
      </select>
      <label for="rel-label">What it means, in a sentence</label>
      <input id="rel-label" name="label" type="text" required maxlength={400} />
      <ReasonAndSubmit id="rel-note" button="Save the relation" />
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
      <h3>Change the level of a requirement</h3>
      <p>
        For subjects passported by level, a higher level meets a lower requirement, never the reverse. The requirement
        keeps its strength, allowable period and acceptance rule.
      </p>
      <label for="change">Requirement and its new level</label>
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
      <ReasonAndSubmit id="level-note" button="Change the level" />
    </form>
  );
}

/** The acceptance rules and relations sections of the admin role editor. */
export function RoleRulesSection(p: Props) {
  const names = new Map(p.competencies.map((c) => [c.id, c.name]));
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Acceptance rules and relations</h2>
      <p>
        Who this role accepts prior training from, the minimum level and the allowable period; and how catalogue items
        relate. Each change records its reason as the basis and is audited.
      </p>
      <Scroll label="Acceptance rules">
        <table>
          <caption>Acceptance rules</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Rule</th>
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
      <Scroll label="Relations">
        <table>
          <caption>Relations touching this role's items</caption>
          <thead>
            <tr>
              <th scope="col">Relation</th>
              <th scope="col">Strength</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span class="visually-hidden">Delete</span>
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
                      Delete…
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

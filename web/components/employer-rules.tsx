/** The employer's own acceptance rules on one of its roles: the rule each requirement applies, and the form to set one. */
import type { Actor } from '../../worker/context';
import {
  acceptanceWords,
  PROVIDER_KINDS,
  PROVIDER_WORDS,
  parseAcceptance,
} from '../../worker/services/catalogue/rules';
import { Csrf } from '../layout';
import { describedBy, ErrorSummary, FieldNotes } from './forms';
import { Scroll } from './scroll';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** One requirement of the role with its stored rule (JSON). */
export interface RuleLine {
  competencyId: string;
  name: string;
  acceptance: string | null;
}

/** Whose rule a requirement applies and what it says, in plain words. */
export function appliedRule(line: RuleLine): string {
  const rule = parseAcceptance(line.acceptance);
  if (!rule) return 'Any provider, within the refresher period';
  if (rule.setBy !== 'employer')
    return `Sector rule: ${acceptanceWords(rule)}${rule.indicative ? ' (indicative)' : ''}`;
  return `Your rule: ${acceptanceWords(rule)}${rule.looserThan ? `. Accepts more than the ${rule.looserThan}` : ''}`;
}

function RuleForm(p: { actor: UserActor; action: string; lines: RuleLine[]; errors: Record<string, string> }) {
  const periodHint = 'How recently the training must have been completed; leave empty for the refresher period.';
  const noteHint = 'Needed only if your rule accepts more than the sector rule; shown on reports.';
  return (
    <form method="post" action={p.action} class="stack no-print" novalidate>
      <Csrf actor={p.actor} />
      <h3>Set your rule for one requirement</h3>
      <label for="competencyId">Requirement</label>
      <FieldNotes id="competencyId" error={p.errors.competencyId} />
      <select
        id="competencyId"
        name="competencyId"
        required
        aria-describedby={describedBy('competencyId', false, p.errors.competencyId)}
      >
        {p.lines.map((l) => (
          <option value={l.competencyId}>{l.name}</option>
        ))}
      </select>
      <fieldset>
        <legend>Accept training from (none ticked: any provider)</legend>
        {PROVIDER_KINDS.map((k) => (
          <label class="checkbox">
            <input type="checkbox" name="providers" value={k} /> {PROVIDER_WORDS[k]}
          </label>
        ))}
      </fieldset>
      <label for="maxAgeMonths">Allowable period in months</label>
      <FieldNotes id="maxAgeMonths" hint={periodHint} error={p.errors.maxAgeMonths} />
      <input
        id="maxAgeMonths"
        name="maxAgeMonths"
        type="number"
        inputmode="numeric"
        min={0}
        max={240}
        aria-describedby={describedBy('maxAgeMonths', periodHint, p.errors.maxAgeMonths)}
      />
      <label for="note">Reason</label>
      <FieldNotes id="note" hint={noteHint} error={p.errors.note} />
      <input
        id="note"
        name="note"
        type="text"
        maxlength={500}
        aria-describedby={describedBy('note', noteHint, p.errors.note)}
      />
      <p class="small">Untick everything and leave the period empty to go back to the sector rule.</p>
      <div>
        <button type="submit">Save the rule</button>
      </div>
    </form>
  );
}

/**
 * The "Acceptance rules" section of an employer's role: every requirement with the rule role fit applies to it, and
 * (for owners and admins of an approved organisation) the form to set the employer's own rule.
 */
export function EmployerRulesSection(p: {
  actor: UserActor;
  action: string;
  lines: RuleLine[];
  canEdit: boolean;
  errors: Record<string, string>;
}) {
  if (!p.lines.length) return null;
  return (
    <section aria-labelledby="rules">
      <h2 id="rules">Acceptance rules</h2>
      <ErrorSummary
        errors={p.errors}
        labels={{ competencyId: 'Requirement', maxAgeMonths: 'Allowable period', note: 'Reason' }}
      />
      <p>
        Who you accept prior training from and how recent it must be, per requirement. Role-fit reports apply your rule
        and name it. You can be stricter than the sector rule; a looser rule needs a reason and reports say so.
      </p>
      <Scroll label="Acceptance rules">
        <table>
          <caption class="visually-hidden">Acceptance rules of this role</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Rule applied</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((l) => (
              <tr>
                <th scope="row">{l.name}</th>
                <td>{appliedRule(l)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {p.canEdit ? (
        <RuleForm actor={p.actor} action={p.action} lines={p.lines} errors={p.errors} />
      ) : (
        <p class="small">Owners and admins of an approved organisation can set your rules.</p>
      )}
    </section>
  );
}

/** The employer's own acceptance rules on one of its roles: the rule each requirement applies, and the form to set one. */
import type { Actor } from '../../worker/context';
import {
  acceptanceWords,
  PROVIDER_KINDS,
  PROVIDER_WORDS,
  parseAcceptance,
} from '../../worker/services/catalogue/rules';
import { translator } from '../i18n/messages';
import { Csrf } from '../layout';
import { describedBy, ErrorSummary, FieldNotes } from './forms';
import { Scroll } from './scroll';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

/** One requirement of the role with its stored rule (JSON). */
export interface RuleLine {
  competencyId: string;
  name: string;
  acceptance: string | null;
}

/** Whose rule a requirement applies and what it says, in plain words. */
export function appliedRule(line: RuleLine): string {
  const rule = parseAcceptance(line.acceptance);
  if (!rule) return t('employer.ruleAny');
  const words = acceptanceWords(rule);
  if (rule.setBy !== 'employer')
    return t(rule.indicative ? 'employer.ruleSectorIndicative' : 'employer.ruleSector', { rule: words });
  return rule.looserThan
    ? t('employer.ruleOwnLooser', { rule: words, looserThan: rule.looserThan })
    : t('employer.ruleOwn', { rule: words });
}

function RuleForm(p: { actor: UserActor; action: string; lines: RuleLine[]; errors: Record<string, string> }) {
  const periodHint = t('employer.rulePeriodHint');
  const noteHint = t('employer.ruleReasonHint');
  return (
    <form method="post" action={p.action} class="stack no-print" novalidate>
      <Csrf actor={p.actor} />
      <h3>{t('employer.ruleFormTitle')}</h3>
      <label for="competencyId">{t('employer.requirement')}</label>
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
        <legend>{t('employer.ruleProviders')}</legend>
        {PROVIDER_KINDS.map((k) => (
          <label class="checkbox">
            <input type="checkbox" name="providers" value={k} /> {PROVIDER_WORDS[k]}
          </label>
        ))}
      </fieldset>
      <label for="maxAgeMonths">{t('employer.rulePeriod')}</label>
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
      <label for="note">{t('employer.ruleReason')}</label>
      <FieldNotes id="note" hint={noteHint} error={p.errors.note} />
      <input
        id="note"
        name="note"
        type="text"
        maxlength={500}
        aria-describedby={describedBy('note', noteHint, p.errors.note)}
      />
      <p class="small">{t('employer.ruleReset')}</p>
      <div>
        <button type="submit">{t('employer.ruleSave')}</button>
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
      <h2 id="rules">{t('employer.rulesTitle')}</h2>
      <ErrorSummary
        errors={p.errors}
        labels={{
          competencyId: t('employer.requirement'),
          maxAgeMonths: t('employer.rulePeriodShort'),
          note: t('employer.ruleReason'),
        }}
      />
      <p>{t('employer.rulesIntro')}</p>
      <Scroll label={t('employer.rulesTitle')}>
        <table>
          <caption class="visually-hidden">{t('employer.rulesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('employer.requirement')}</th>
              <th scope="col">{t('employer.ruleApplied')}</th>
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
        <p class="small">{t('employer.rulesWho')}</p>
      )}
    </section>
  );
}

/** The role-fit report: each requirement of the role met and in date, expiring, expired or missing, and what to skip. */
import type { FitLine, FitStatus, RoutePlan } from '../../worker/services/employer/role-fit';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import type { RoleFitReport } from '../../worker/services/employer/check-fit';
import { type MessageKey, type Translate, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckResults } from '../components/check-results';
import { type EmployerContext, RoleSelect, SaveForm } from '../components/employer-actions';
import { FileField } from '../components/file-field';

const t = translator('en');

const STATUS = {
  met: { tone: 'ok', label: 'employer.fitMet', hint: 'employer.fitMetHint' },
  expiring: { tone: 'warn', label: 'employer.fitExpiring', hint: 'employer.fitExpiringHint' },
  expired: { tone: 'bad', label: 'employer.fitExpired', hint: 'employer.fitExpiredHint' },
  missing: { tone: 'bad', label: 'employer.fitMissing', hint: 'employer.fitMissingHint' },
  not_accepted: { tone: 'warn', label: 'employer.fitNotAccepted', hint: 'employer.fitNotAcceptedHint' },
  local_signoff: { tone: 'warn', label: 'employer.fitLocalSignoff', hint: 'employer.fitLocalSignoffHint' },
  due_later: { tone: '', label: 'employer.fitDueLater', hint: 'employer.fitDueLaterHint' },
  compare: { tone: '', label: 'employer.fitCompare', hint: 'employer.fitCompareHint' },
  check_register: { tone: 'warn', label: 'employer.fitCheckRegister', hint: 'employer.fitCheckRegisterHint' },
} as const satisfies Record<FitStatus, { tone: 'ok' | 'warn' | 'bad' | ''; label: MessageKey; hint: MessageKey }>;

/**
 * An equivalence's strength in the reader's words, for the employer's report and the worker's pathway (indicative when
 * it has none, or one we do not know).
 */
export function strengthWord(strength: string | null | undefined, tr: Translate = t): string {
  if (strength === 'official') return tr('fit.strengthOfficial');
  if (strength === 'published') return tr('fit.strengthPublished');
  return tr('pathway.indicative');
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function LineRow({ line }: { line: FitLine }) {
  const st = STATUS[line.status];
  const h = line.holding;
  const req = line.requirement;
  return (
    <tr>
      <th scope="row">
        {req.name} <span class="small muted">({req.code})</span>
        {req.verified === false ? <span class="tag warn">{t('employer.unverifiedItem')}</span> : null}
        {req.basis ? <div class="small muted">{t('employer.basis', { basis: req.basis })}</div> : null}
        {req.maxAgeMonths ? (
          <div class="small muted">{t('employer.refresherEvery', { months: req.maxAgeMonths })}</div>
        ) : null}
      </th>
      <td>
        <span class={`tag ${st?.tone ?? ''}`}>{st ? t(st.label) : line.status}</span>
        <div class="small">
          {line.status === 'expiring'
            ? t('employer.inDateUntil', { date: String(day(line.inDateUntil)) })
            : st && t(st.hint)}
        </div>
      </td>
      <td>
        {h ? (
          <>
            {h.name}
            <div class="small muted">
              {h.issuerName}
              {h.recognised ? null : <span class="tag warn">{t('employer.issuerNotRecognised')}</span>}
            </div>
            {line.inDateUntil && line.status !== 'expiring' ? (
              <div class="small">
                {t(line.status === 'expired' ? 'employer.lapsed' : 'employer.inDateUntil', {
                  date: String(day(line.inDateUntil)),
                })}
              </div>
            ) : null}
            {line.via ? (
              <div class="small">
                {rich('en', 'employer.throughEquivalence', {
                  strength: <span class="tag warn">{strengthWord(line.via.strength)}</span>,
                  label: line.via.label,
                })}
                <div class="muted">
                  {line.via.source
                    ? t('employer.equivalenceSource', { source: line.via.source })
                    : t('employer.equivalenceNoSource')}
                </div>
              </div>
            ) : null}
          </>
        ) : (
          <span class="muted">{t('employer.nothingMeets')}</span>
        )}
        {(line.notes ?? []).map((n) => (
          <div class="small">{n}</div>
        ))}
      </td>
      <td class="small">{line.action ?? '—'}</td>
    </tr>
  );
}

function FitTable({ lines, caption, id }: { lines: FitLine[]; caption: string; id: string }) {
  if (!lines.length) return null;
  return (
    <Scroll label={caption}>
      <table aria-labelledby={id}>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('employer.requirement')}</th>
            <th scope="col">{t('employer.status')}</th>
            <th scope="col">{t('employer.metBy')}</th>
            <th scope="col">{t('employer.whatNext')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <LineRow line={l} />
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

const KIND_ORDER = [
  'registration',
  'care_certificate',
  'mandatory_training',
  'specialism',
  'delegated_task',
  'medicines',
  'qualification',
  'entry',
];

/** Lines grouped by kind (Care Certificate, mandatory training, ...), keeping the role's order within each. */
function byKind(lines: FitLine[]): FitLine[] {
  const rank = (l: FitLine) => {
    const i = KIND_ORDER.indexOf(l.requirement.kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map((x) => x.l);
}

/** The route plan's headings, for the employer and (in the second person) for the worker. */
const PLAN_PARTS = [
  ['skip', 'employer.planSkip', 'employer.planSkipWorker'],
  ['refreshers', 'employer.planRefreshers', 'employer.planRefreshers'],
  ['shortTraining', 'employer.planShortTraining', 'employer.planShortTrainingWorker'],
  ['localSignOff', 'employer.planLocalSignOff', 'employer.planLocalSignOffWorker'],
  ['longer', 'employer.planLonger', 'employer.planLonger'],
] as const satisfies readonly (readonly [keyof RoutePlan, employer: MessageKey, worker: MessageKey])[];

/** The route plan: what can be skipped and what still stands between the person and the role. */
export function RoutePlanList({ plan, reader = 'employer' }: { plan: RoutePlan; reader?: 'employer' | 'worker' }) {
  return (
    <dl class="route-plan">
      {PLAN_PARTS.filter(([k]) => plan[k].length).map(([k, employer, worker]) => (
        <>
          <dt>{t(reader === 'worker' ? worker : employer, { count: plan[k].length })}</dt>
          <dd>
            {k === 'skip' ? (
              plan[k].join('; ')
            ) : (
              <ul class="small">
                {plan[k].map((x) => (
                  <li>{x}</li>
                ))}
              </ul>
            )}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** The role-fit summary line and the tables of required and recommended items. */
export function RoleFitTable({ fit, headingLevel = 'h2' }: { fit: RoleFitReport; headingLevel?: 'h2' | 'h3' }) {
  const H = headingLevel;
  const s = fit.summary;
  const required = byKind(fit.lines.filter((l) => l.requirement.requirement === 'required'));
  const recommended = byKind(fit.lines.filter((l) => l.requirement.requirement === 'recommended'));
  const anyVia = fit.lines.some((l) => l.via);
  return (
    <section aria-labelledby="fit-heading" class="role-fit">
      <H id="fit-heading">{t('employer.fitHeading', { role: fit.role.title })}</H>
      <p class="small muted">
        {fit.role.source}
        {fit.role.bandLabel ? ` · ${fit.role.bandLabel}` : ''}
        {fit.role.payText ? ` · ${fit.role.payText}` : ''}
      </p>
      {fit.notCounted ? (
        <p class="notice error" role="alert">
          {fit.notCounted}
        </p>
      ) : null}
      <p
        class={`notice ${s.requiredMissing || s.requiredExpired || s.requiredCheckRegister ? '' : 'ok'}`}
        role="status"
      >
        <strong>{s.headline ?? s.text}</strong>
        {s.headline ? <span class="small"> {s.text}</span> : null}
      </p>
      {(s.notes ?? []).map((n) => (
        <p class="notice">{n}</p>
      ))}
      {s.routes ? <RoutePlanList plan={s.routes} /> : null}
      <ul class="small inline-list" aria-label={t('employer.countsLabel')}>
        <li>{rich('en', 'employer.countMet', { count: <span class="tag ok">{s.requiredMet}</span> })}</li>
        <li>{rich('en', 'employer.countExpiring', { count: <span class="tag warn">{s.requiredExpiring}</span> })}</li>
        {/* Partly met is the usual case at hire, not a failure: what is still needed is shown in neutral tags. */}
        <li>{rich('en', 'employer.countExpired', { count: <span class="tag">{s.requiredExpired}</span> })}</li>
        <li>{rich('en', 'employer.countStillNeeded', { count: <span class="tag">{s.requiredMissing}</span> })}</li>
      </ul>
      <FitTable lines={required} caption={t('employer.requiredCount', { count: required.length })} id="fit-required" />
      <FitTable
        lines={recommended}
        caption={t('employer.recommendedCount', { count: recommended.length })}
        id="fit-recommended"
      />
      <p class="small muted">{t(anyVia ? 'employer.fitNoteVia' : 'employer.fitNote')}</p>
    </section>
  );
}

export interface RoleFitPageProps {
  employer: EmployerContext;
  input?: string;
  role?: string | undefined;
  error?: string | undefined;
  roleError?: string | undefined;
  detected?: string | undefined;
  report?: CheckReport | undefined;
  fit?: RoleFitReport | undefined;
  carried?: string | undefined;
  frameworkNames?: Record<string, string>;
}

/** GET/POST /employer/:org/role-fit. */
export function RoleFitPage(p: RoleFitPageProps) {
  const e = p.employer;
  return (
    <Layout
      title={p.fit ? t('employer.fitHeading', { role: p.fit.role.title }) : t('employer.fitPageTitle')}
      actor={e.actor}
    >
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>{t('employer.fitPageTitle')}</h1>
      {p.error ? (
        <div class="notice error" role="alert" aria-labelledby="problem-title" tabindex={-1}>
          <h2 id="problem-title">{t('employer.problemTitle')}</h2>
          <p>{p.error}</p>
        </div>
      ) : null}
      {p.fit ? <RoleFitTable fit={p.fit} /> : null}
      {p.fit && p.carried ? <SaveForm employer={e} input={p.carried} role={p.fit.role.ref} /> : null}
      {p.report ? (
        <>
          {p.detected ? <p class="small muted">{t('employer.detected', { detected: p.detected })}</p> : null}
          <CheckResults report={p.report} frameworkNames={p.frameworkNames ?? {}} title={t('employer.verification')} />
        </>
      ) : null}
      <h2 id="fit-form-heading">{t(p.fit ? 'employer.checkAnother' : 'employer.whatCandidateGave')}</h2>
      <form
        method="post"
        action={`/employer/${e.slug}/role-fit`}
        enctype="multipart/form-data"
        class="stack no-print"
        aria-labelledby="fit-form-heading"
      >
        <Csrf actor={e.actor} />
        <label for="input">
          {t('employer.inputLabel')}
          <span class="hint" id="input-hint">
            {t('employer.inputHint')}
          </span>
        </label>
        <textarea id="input" name="input" rows={5} aria-describedby="input-hint" spellcheck={false}>
          {p.input ?? ''}
        </textarea>
        <FileField />
        <RoleSelect groups={e.roleGroups} selected={p.role} error={p.roleError} />
        <div>
          <button type="submit">{t('employer.checkAgainstThisRole')}</button>
        </div>
      </form>
    </Layout>
  );
}

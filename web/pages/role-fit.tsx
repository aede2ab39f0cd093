/** The role-fit report: each requirement of the role met and in date, expiring, expired or missing, and what to skip. */
import type { FitLine, FitStatus, RoutePlan } from '../../worker/services/employer/role-fit';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import type { RoleFitReport } from '../../worker/services/employer/check-fit';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckResults } from '../components/check-results';
import { type EmployerContext, RoleSelect, SaveForm } from '../components/employer-actions';
import { FileField } from '../components/file-field';

const STATUS: Record<FitStatus, { tone: 'ok' | 'warn' | 'bad' | ''; label: string; hint: string }> = {
  met: { tone: 'ok', label: 'Met and in date', hint: 'No retraining needed' },
  expiring: { tone: 'warn', label: 'Met, expiring soon', hint: 'Book a refresher' },
  expired: { tone: 'bad', label: 'Expired', hint: 'Refresher needed' },
  missing: { tone: 'bad', label: 'Missing', hint: 'Training needed' },
  not_accepted: { tone: 'warn', label: 'Valid, not accepted here', hint: 'Repeat with an accepted provider' },
  local_signoff: { tone: 'warn', label: 'Needs local sign-off', hint: 'Prior evidence shown; assess here' },
  due_later: { tone: '', label: 'Due after starting', hint: 'Within the time the rules allow' },
  compare: { tone: '', label: 'Compare the content', hint: 'No published equivalence' },
};

/** The words for a relation's strength. */
const STRENGTH: Record<string, string> = {
  official: 'official',
  published: 'published by an awarding or sector body',
  indicative: 'indicative',
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function LineRow({ line }: { line: FitLine }) {
  const st = STATUS[line.status];
  const h = line.holding;
  const req = line.requirement;
  return (
    <tr>
      <th scope="row">
        {req.name} <span class="small muted">({req.code})</span>
        {req.maxAgeMonths ? <div class="small muted">Refresher every {req.maxAgeMonths} months</div> : null}
      </th>
      <td>
        <span class={`tag ${st?.tone ?? ''}`}>{st?.label ?? line.status}</span>
        <div class="small">{line.status === 'expiring' ? `In date until ${day(line.inDateUntil)}` : st?.hint}</div>
      </td>
      <td>
        {h ? (
          <>
            {h.name}
            <div class="small muted">
              {h.issuerName}
              {h.recognised ? null : <span class="tag warn">issuer not recognised here</span>}
            </div>
            {line.inDateUntil && line.status !== 'expiring' ? (
              <div class="small">
                {line.status === 'expired' ? 'Lapsed' : 'In date until'} {day(line.inDateUntil)}
              </div>
            ) : null}
            {line.via ? (
              <div class="small">
                <span class="tag warn">{STRENGTH[line.via.strength ?? 'indicative'] ?? 'indicative'}</span> Through an
                equivalence: {line.via.label}
              </div>
            ) : null}
          </>
        ) : (
          <span class="muted">Nothing shared meets this</span>
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
            <th scope="col">Requirement</th>
            <th scope="col">Status</th>
            <th scope="col">Met by</th>
            <th scope="col">What next</th>
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
const PLAN_PARTS: [keyof RoutePlan, employer: string, worker: string][] = [
  ['skip', 'Training they can skip', 'Training you can skip'],
  ['refreshers', 'Refreshers due', 'Refreshers due'],
  ['shortTraining', 'Short training still needed', 'Short courses you still need'],
  [
    'localSignOff',
    'Needs local sign-off (person-specific competence)',
    'Needs sign-off by your new employer (your earlier evidence helps)',
  ],
  [
    'longer',
    'Qualifications, registration and entry requirements',
    'Qualifications, registration and entry requirements',
  ],
];

/** The route plan: what can be skipped and what still stands between the person and the role. */
export function RoutePlanList({ plan, reader = 'employer' }: { plan: RoutePlan; reader?: 'employer' | 'worker' }) {
  return (
    <dl class="route-plan">
      {PLAN_PARTS.filter(([k]) => plan[k].length).map(([k, employer, worker]) => (
        <>
          <dt>
            {reader === 'worker' ? worker : employer} ({plan[k].length})
          </dt>
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
      <H id="fit-heading">Role fit: {fit.role.title}</H>
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
      <p class={`notice ${s.requiredMissing || s.requiredExpired ? '' : 'ok'}`} role="status">
        <strong>{s.headline ?? s.text}</strong>
        {s.headline ? <span class="small"> {s.text}</span> : null}
      </p>
      {(s.notes ?? []).map((n) => (
        <p class="notice">{n}</p>
      ))}
      {s.routes ? <RoutePlanList plan={s.routes} /> : null}
      <ul class="small inline-list" aria-label="Counts of required items">
        <li>
          <span class="tag ok">{s.requiredMet}</span> met and in date
        </li>
        <li>
          <span class="tag warn">{s.requiredExpiring}</span> expiring soon
        </li>
        {/* Partly met is the usual case at hire, not a failure: what is still needed is shown in neutral tags. */}
        <li>
          <span class="tag">{s.requiredExpired}</span> expired
        </li>
        <li>
          <span class="tag">{s.requiredMissing}</span> still needed
        </li>
      </ul>
      <FitTable lines={required} caption={`Required (${required.length})`} id="fit-required" />
      <FitTable lines={recommended} caption={`Recommended (${recommended.length})`} id="fit-recommended" />
      <p class="small muted">
        {anyVia
          ? 'Some items are met through equivalences between frameworks (for example a CSTF subject meeting a Care Certificate standard). '
          : ''}
        Mappings between frameworks are indicative, not contractual: use your judgement for anything marked indicative.
      </p>
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
    <Layout title={p.fit ? `Role fit: ${p.fit.role.title}` : 'Check a candidate against a role'} actor={e.actor}>
      <p class="small no-print">
        <a href={`/employer/${e.slug}`}>{e.name}</a>
      </p>
      <h1>Check a candidate against a role</h1>
      {p.error ? (
        <div class="notice error" role="alert" aria-labelledby="problem-title" tabindex={-1}>
          <h2 id="problem-title">We could not check that</h2>
          <p>{p.error}</p>
        </div>
      ) : null}
      {p.fit ? <RoleFitTable fit={p.fit} /> : null}
      {p.fit && p.carried ? <SaveForm employer={e} input={p.carried} role={p.fit.role.ref} /> : null}
      {p.report ? (
        <>
          {p.detected ? <p class="small muted">What you gave us: {p.detected}.</p> : null}
          <CheckResults report={p.report} frameworkNames={p.frameworkNames ?? {}} title="Verification" />
        </>
      ) : null}
      <h2 id="fit-form-heading">{p.fit ? 'Check another candidate' : 'What the candidate gave you'}</h2>
      <form
        method="post"
        action={`/employer/${e.slug}/role-fit`}
        enctype="multipart/form-data"
        class="stack no-print"
        aria-labelledby="fit-form-heading"
      >
        <Csrf actor={e.actor} />
        <label for="input">
          Share link or credentials
          <span class="hint" id="input-hint">
            The share link from their Care Passport, or one or more credentials (codes starting with eyJ).
          </span>
        </label>
        <textarea id="input" name="input" rows={5} aria-describedby="input-hint" spellcheck={false}>
          {p.input ?? ''}
        </textarea>
        <FileField />
        <RoleSelect groups={e.roleGroups} selected={p.role} error={p.roleError} />
        <div>
          <button type="submit">Check against this role</button>
        </div>
      </form>
    </Layout>
  );
}

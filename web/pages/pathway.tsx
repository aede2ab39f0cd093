/** My career pathway: where I am, where I want to be, what I still need, the pay there, and routes onward. */
import type { Actor } from '../../worker/context';
import type { PayPoint } from '../../worker/services/catalogue/catalogue';
import { roleTitle } from '../../worker/services/catalogue/catalogue';
import { ladderRows, roleOptions, type PathwayView, type SuggestedStep } from '../../worker/services/passport/pathway';
import { KIND_LABELS, KIND_ORDER, type PassportKind } from '../../worker/services/passport/passport';
import type { FitLine } from '../../worker/services/employer/role-fit';
import { LadderList, LadderSvg } from '../components/ladder-svg';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';
import { payText } from './catalogue';
import { RoutePlanList } from './role-fit';
import { day } from './passport';

type UserActor = Extract<Actor, { kind: 'user' }>;
type RoleData = NonNullable<PathwayView['current']>;

/** The report's first sentence, in the worker's words ("You could start as ..."). */
function workerHeadline(h: string | undefined): string | undefined {
  return h
    ?.replace(/^Ready to start as /, 'You could start as ')
    .replace(/^Not ready to start as (.*?) yet: needs /, 'Before you can start as $1 you need ');
}

const STATUS_WORDS = {
  met: { text: 'Done', cls: 'ok' },
  expiring: { text: 'Expires soon', cls: 'warn' },
  expired: { text: 'Expired', cls: 'bad' },
  missing: { text: 'Still needed', cls: 'bad' },
  not_accepted: { text: 'Not accepted for this role', cls: 'warn' },
  local_signoff: { text: 'Needs sign-off by the new employer', cls: 'warn' },
  due_later: { text: 'Can be done after you start', cls: '' },
  compare: { text: 'Ask the employer to compare', cls: '' },
} as const;

function FitItem({ line }: { line: FitLine }) {
  const s = STATUS_WORDS[line.status];
  return (
    <li>
      <span class={`tag ${s.cls}`}>{s.text}</span> <strong>{line.requirement.name}</strong>
      {line.requirement.requirement === 'recommended' ? <span class="tag">recommended</span> : null}
      {line.holding ? (
        <div class="small">
          From your certificate: {line.holding.name} ({line.holding.issuerName})
          {!line.holding.recognised ? <span class="tag warn">issuer not recognised here</span> : null}
          {line.inDateUntil && line.status !== 'expired' ? `, in date until ${day(line.inDateUntil)}` : ''}
        </div>
      ) : null}
      {line.via ? (
        <div class="small">
          Counts through an equivalence: {line.via.label} <span class="tag warn">indicative</span>
        </div>
      ) : null}
      {(line.notes ?? []).map((n) => (
        <div class="small">{n}</div>
      ))}
      {line.action ? <div class="small">{line.action}</div> : null}
    </li>
  );
}

/** Lines grouped by the kind of item (Care Certificate, mandatory training ...), in the passport's order. */
function byKind(lines: FitLine[]) {
  return KIND_ORDER.map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    lines: lines.filter(
      (l) => (KIND_ORDER.includes(l.requirement.kind as PassportKind) ? l.requirement.kind : 'other') === kind,
    ),
  })).filter((g) => g.lines.length);
}

const URGENCY = {
  expired: 0,
  expiring: 1,
  not_accepted: 2,
  missing: 3,
  local_signoff: 4,
  compare: 5,
  due_later: 6,
  met: 7,
} as const;

/** Required before recommended; then what needs doing soonest: expired, expiring, missing, done. */
function byUrgency(a: FitLine, b: FitLine): number {
  const req = (l: FitLine) => (l.requirement.requirement === 'required' ? 0 : 1);
  return req(a) - req(b) || URGENCY[a.status] - URGENCY[b.status];
}

function Pay({ points }: { points: PayPoint[] }) {
  if (!points.length) return <p class="small">No pay points are published for this role's band.</p>;
  const years = [...new Set(points.map((p) => p.year))].sort().reverse();
  return (
    <>
      <ul>
        {years.map((y) => (
          <li>
            {points
              .filter((p) => p.year === y)
              .map((p) => `${payText(p)}${p.stepYears ? ` after ${p.stepYears} years` : ' to start'}`)
              .join('; ')}
          </li>
        ))}
      </ul>
      {years.map((y) => (
        <p class="small muted source">
          Source for {y}: {points.find((p) => p.year === y)?.source}
        </p>
      ))}
    </>
  );
}

function RoleFacts({ heading, data }: { heading: string; data: RoleData }) {
  const equivalents = data.equivalences.filter((e) => e.other);
  return (
    <section aria-labelledby={`facts-${data.role.id}`} class="card">
      <h3 id={`facts-${data.role.id}`}>
        {heading}: {roleTitle(data.role)}
      </h3>
      <p class="small muted">{data.framework?.name}</p>
      <p>
        Band: {data.band ? <strong>{data.band.label}</strong> : 'no band on this ladder'}{' '}
        <span class="tag warn">indicative</span>
      </p>
      {data.band ? <Pay points={data.payPoints} /> : null}
      {data.band?.note ? <p class="small notice">{data.band.note}</p> : null}
      {equivalents.length ? (
        <>
          <p>Similar roles elsewhere:</p>
          <ul class="small">
            {equivalents.map((e) => (
              <li>
                <a href={`/catalogue/roles/${e.other?.id}`}>{e.other ? roleTitle(e.other) : ''}</a>
                {e.other?.bandId ? ` (${data.relatedBands.find((b) => b.id === e.other?.bandId)?.label ?? ''})` : ''}{' '}
                <span class="tag warn">indicative</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function StepList({ actor, view, steps }: { actor: UserActor; view: PathwayView; steps: SuggestedStep[] }) {
  return (
    <ul class="cards">
      {steps.map((s) => (
        <li class="card">
          <p>
            <strong>{s.toTitle}</strong>
          </p>
          <p class="small">{s.route.label}</p>
          {s.via ? (
            <p class="small">
              Through: {s.via} <span class="tag warn">indicative</span>
            </p>
          ) : null}
          {view.targetId === s.route.toRoleId ? (
            <p>
              <span class="tag ok">This is your target</span>
            </p>
          ) : (
            <form method="post" action="/passport/pathway" class="inline">
              <Csrf actor={actor} />
              <input type="hidden" name="currentRoleId" value={view.currentId ?? ''} />
              <input type="hidden" name="targetRoleId" value={s.route.toRoleId} />
              <button type="submit" class="secondary">
                Make {s.toTitle} my target
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Each ladder the worker is on, as a figure with the same ladder as a list beside it. */
function LadderSection({ view }: { view: PathwayView }) {
  return (
    <section aria-labelledby="ladders-title">
      <h2 id="ladders-title">Where you are on the ladder</h2>
      {view.shown.map((l) => {
        const rows = ladderRows(l, view.currentId, view.targetId);
        const listId = `ladder-list-${l.framework.id}`;
        return (
          <div class="ladder-figure">
            <LadderSvg id={`ladder-${l.framework.id}`} name={l.framework.name} rows={rows} />
            <p class="small">
              {l.framework.name}
              {!l.framework.verified ? <span class="tag warn">indicative</span> : null}
            </p>
            <details>
              <summary id={listId}>The same ladder as a list</summary>
              <LadderList rows={rows} labelledBy={listId} />
            </details>
          </div>
        );
      })}
    </section>
  );
}

/** What the target role still needs, what is only recommended, and what the worker's certificates already cover. */
function GapSection({ fit, targetTitle }: { fit: NonNullable<PathwayView['fit']>; targetTitle: string | null }) {
  const lines = [...fit.lines].sort(byUrgency);
  const todo = lines.filter((l) => l.status !== 'met' && l.requirement.requirement === 'required');
  const extra = lines.filter((l) => l.status !== 'met' && l.requirement.requirement === 'recommended');
  const done = lines.filter((l) => l.status === 'met');
  return (
    <section aria-labelledby="gap-title">
      <h2 id="gap-title">What you need for {targetTitle}</h2>
      <p class="notice" role="status">
        <strong>{workerHeadline(fit.summary.headline) ?? fit.summary.text}</strong>
        {fit.summary.headline ? <span class="small"> {fit.summary.text}</span> : null}
      </p>
      {(fit.summary.notes ?? []).map((n) => (
        <p class="notice">{n}</p>
      ))}
      {fit.summary.routes ? <RoutePlanList plan={fit.summary.routes} reader="worker" /> : null}
      <h3 id="todo-title">Still to do ({todo.length})</h3>
      {todo.length ? (
        <div id="still-to-do">
          {byKind(todo).map((g) => (
            <>
              <h4 id={`todo-${g.kind}`}>
                {g.label} ({g.lines.length})
              </h4>
              <ul aria-labelledby={`todo-${g.kind}`} class="fit-list">
                {g.lines.map((l) => (
                  <FitItem line={l} />
                ))}
              </ul>
            </>
          ))}
        </div>
      ) : (
        <p>Nothing required is missing or out of date.</p>
      )}
      {extra.length ? (
        <details>
          <summary id="extra-title">Recommended, not required ({extra.length})</summary>
          <ul aria-labelledby="extra-title" class="fit-list">
            {extra.map((l) => (
              <FitItem line={l} />
            ))}
          </ul>
        </details>
      ) : null}
      <h3 id="done-title">Already done ({done.length})</h3>
      {done.length ? (
        <ul aria-labelledby="done-title" class="fit-list">
          {done.map((l) => (
            <FitItem line={l} />
          ))}
        </ul>
      ) : (
        <p>None of your certificates cover this role's requirements yet.</p>
      )}
      <p class="small muted">
        Based on the requirements in our catalogue. Equivalences between frameworks are indicative, not contractual: an
        employer may ask for more.
      </p>
    </section>
  );
}

/** Routes onward from the worker's role: the next hop, then the one after. */
function StepsSection({ actor, view }: { actor: UserActor; view: PathwayView }) {
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">Suggested next steps</h2>
      {view.steps.length ? (
        <>
          <p class="small">
            {view.currentId
              ? 'Routes from your role, across social care and the NHS.'
              : 'Routes across social care and the NHS. Choose your current role to see the ones that start from it.'}
          </p>
          <StepList actor={actor} view={view} steps={view.steps.filter((s) => s.hop === 1)} />
          {view.steps.some((s) => s.hop === 2) ? (
            <>
              <h3>After that</h3>
              <StepList actor={actor} view={view} steps={view.steps.filter((s) => s.hop === 2)} />
            </>
          ) : null}
          <p class="small muted">Source: {view.steps[0]?.route.source}</p>
        </>
      ) : (
        <p>
          No routes from your role are recorded yet. Browse the <a href="/catalogue">career ladders</a>.
        </p>
      )}
    </section>
  );
}

/** The form choosing the role the worker does now and the one they aim for. */
function ChooseRoles({ actor, view, form }: { actor: UserActor; view: PathwayView; form: FormState }) {
  const groups = roleOptions(view.ladders);
  return (
    <section aria-labelledby="choose-title">
      <h2 id="choose-title">{view.current || view.target ? 'Change my roles' : 'Choose my roles'}</h2>
      <form method="post" action="/passport/pathway" class="stack" novalidate>
        <Csrf actor={actor} />
        <SelectField
          name="currentRoleId"
          label="Where are you now?"
          hint="The role closest to what you do. Job titles differ between employers."
          form={form}
          options={[['', 'Not chosen']]}
          groups={groups}
        />
        <SelectField
          name="targetRoleId"
          label="Where would you like to get to?"
          hint="Any role on any ladder, in social care or the NHS."
          form={form}
          options={[['', 'Not chosen']]}
          groups={groups}
        />
        <button type="submit">Save and show my pathway</button>
      </form>
    </section>
  );
}

/** GET /passport/pathway: where the worker is on the career ladders, what a target role needs and routes onward. */
export function PathwayPage(p: { actor: UserActor; view: PathwayView; form: FormState; notice?: string | undefined }) {
  const { view } = p;
  const fit = view.fit;
  const currentTitle = view.current ? roleTitle(view.current.role) : null;
  const targetTitle = view.target ? roleTitle(view.target.role) : null;
  return (
    <Layout title="My career pathway" actor={p.actor} notice={p.notice}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>My career pathway</h1>
      <ErrorSummary errors={p.form.errors} />
      {currentTitle || targetTitle ? (
        <p>
          {currentTitle ? (
            <>
              You are a <strong>{currentTitle}</strong>.{' '}
            </>
          ) : null}
          {targetTitle ? (
            <>
              Your target is <strong>{targetTitle}</strong>.
            </>
          ) : (
            'Choose a target role below to see what you still need.'
          )}
        </p>
      ) : (
        <p>
          Choose the role you do now and one you would like to move to. We show what your certificates already cover.
        </p>
      )}

      {view.shown.length ? <LadderSection view={view} /> : null}

      {fit && view.target ? <GapSection fit={fit} targetTitle={targetTitle} /> : null}

      {view.current || view.target ? (
        <section aria-labelledby="pay-title">
          <h2 id="pay-title">Band and pay (indicative)</h2>
          <p class="small">
            Social care employers set their own pay. NHS bands are shown for comparison; every figure shows its pay
            year.
          </p>
          <div class="cols">
            {view.current ? <RoleFacts heading="Now" data={view.current} /> : null}
            {view.target && view.target.role.id !== view.current?.role.id ? (
              <RoleFacts heading="Target" data={view.target} />
            ) : null}
          </div>
        </section>
      ) : null}

      <StepsSection actor={p.actor} view={view} />

      <ChooseRoles actor={p.actor} view={view} form={p.form} />
    </Layout>
  );
}

/** My career pathway: where I am, where I want to be, what I still need, the pay there, and routes onward. */
import type { Actor } from '../../worker/context';
import type { PayPoint } from '../../worker/services/catalogue/catalogue';
import { roleTitle } from '../../worker/services/catalogue/catalogue';
import { ladderRows, roleOptions, type PathwayView, type SuggestedStep } from '../../worker/services/passport/pathway';
import { KIND_ORDER, type PassportKind } from '../../worker/services/passport/passport';
import type { FitLine } from '../../worker/services/employer/role-fit';
import { LadderList, LadderSvg } from '../components/ladder-svg';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';
import { payText } from './catalogue';
import { RoutePlanList, strengthWord } from './role-fit';
import { day } from './passport';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { InEnglish, rich } from '../i18n/rich';

type UserActor = Extract<Actor, { kind: 'user' }>;
type RoleData = NonNullable<PathwayView['current']>;

/** The report's first sentence, in the worker's words ("You could start as ..."). */
function workerHeadline(h: string | undefined): string | undefined {
  return h
    ?.replace(/^Ready to start as /, 'You could start as ')
    .replace(/^Not ready to start as (.*?) yet: needs /, 'Before you can start as $1 you need ');
}

const STATUS_CLASS = {
  met: 'ok',
  expiring: 'warn',
  expired: 'bad',
  missing: 'bad',
  not_accepted: 'warn',
  local_signoff: 'warn',
  due_later: '',
  compare: '',
  check_register: 'warn',
} as const;

/** One requirement of the target role: its state in words, the certificate that meets it, and what to do. */
function FitItem({ line, lang }: { line: FitLine; lang: Lang }) {
  const t = translator(lang);
  return (
    <li>
      <span class={`tag ${STATUS_CLASS[line.status]}`}>{t(`fit.${line.status}`)}</span>{' '}
      <strong>
        <InEnglish lang={lang}>{line.requirement.name}</InEnglish>
      </strong>
      {line.requirement.requirement === 'recommended' ? <span class="tag">{t('fit.recommended')}</span> : null}
      {line.requirement.verified === false ? <span class="tag warn">{t('pathway.indicative')}</span> : null}
      {line.holding ? (
        <div class="small">
          {t('fit.from', { name: line.holding.name, issuer: line.holding.issuerName })}
          {!line.holding.recognised ? <span class="tag warn">{t('fit.issuerNotRecognised')}</span> : null}
          {line.inDateUntil && line.status !== 'expired'
            ? t('fit.inDateUntil', { date: day(line.inDateUntil, '', lang) })
            : ''}
        </div>
      ) : null}
      {line.via ? (
        <div class="small">
          {rich(lang, 'fit.via', { label: <InEnglish lang={lang}>{line.via.label}</InEnglish> })}{' '}
          <span class="tag warn">{strengthWord(line.via.strength, t)}</span>
          <div class="muted">
            {line.via.source
              ? rich(lang, 'fit.viaSource', { source: <InEnglish lang={lang}>{line.via.source}</InEnglish> })
              : t('fit.viaNoSource')}
          </div>
        </div>
      ) : null}
      {(line.notes ?? []).map((n) => (
        <div class="small">
          <InEnglish lang={lang}>{n}</InEnglish>
        </div>
      ))}
      {line.action ? (
        <div class="small">
          <InEnglish lang={lang}>{line.action}</InEnglish>
        </div>
      ) : null}
    </li>
  );
}

/** Lines grouped by the kind of item (Care Certificate, mandatory training ...), in the passport's order. */
function byKind(lines: FitLine[], t: Translate) {
  return KIND_ORDER.map((kind) => ({
    kind,
    label: t(`kind.${kind}`),
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
  check_register: 7,
  met: 8,
} as const;

/** Required before recommended; then what needs doing soonest: expired, expiring, missing, done. */
function byUrgency(a: FitLine, b: FitLine): number {
  const req = (l: FitLine) => (l.requirement.requirement === 'required' ? 0 : 1);
  return req(a) - req(b) || URGENCY[a.status] - URGENCY[b.status];
}

function Pay({ points, lang }: { points: PayPoint[]; lang: Lang }) {
  const t = translator(lang);
  if (!points.length) return <p class="small">{t('pathway.noPay')}</p>;
  const years = [...new Set(points.map((p) => p.year))].sort().reverse();
  return (
    <>
      <ul>
        {years.map((y) => (
          <li>
            {points
              .filter((p) => p.year === y)
              .map((p) =>
                p.stepYears
                  ? t('pathway.payAfter', { pay: payText(p), years: p.stepYears })
                  : t('pathway.payStart', { pay: payText(p) }),
              )
              .join('; ')}
          </li>
        ))}
      </ul>
      {years.map((y) => (
        <p class="small muted source">
          {rich(lang, 'pathway.sourceFor', {
            year: y,
            source: <InEnglish lang={lang}>{points.find((p) => p.year === y)?.source}</InEnglish>,
          })}
        </p>
      ))}
    </>
  );
}

function RoleFacts({ heading, data, lang }: { heading: string; data: RoleData; lang: Lang }) {
  const t = translator(lang);
  const equivalents = data.equivalences.filter((e) => e.other);
  return (
    <section aria-labelledby={`facts-${data.role.id}`} class="card">
      <h3 id={`facts-${data.role.id}`}>
        {heading}: <InEnglish lang={lang}>{roleTitle(data.role)}</InEnglish>
      </h3>
      <p class="small muted">
        <InEnglish lang={lang}>{data.framework?.name}</InEnglish>
      </p>
      <p>
        {rich(lang, 'pathway.band', {
          band: data.band ? (
            <strong>
              <InEnglish lang={lang}>{data.band.label}</InEnglish>
            </strong>
          ) : (
            t('pathway.noBand')
          ),
        })}{' '}
        <span class="tag warn">{t('pathway.indicative')}</span>
      </p>
      {data.band ? <Pay points={data.payPoints} lang={lang} /> : null}
      {data.band?.note ? (
        <p class="small notice">
          <InEnglish lang={lang}>{data.band.note}</InEnglish>
        </p>
      ) : null}
      {equivalents.length ? (
        <>
          <p>{t('pathway.similar')}</p>
          <ul class="small" lang={lang === 'en' ? undefined : 'en'}>
            {equivalents.map((e) => (
              <li>
                <a href={`/catalogue/roles/${e.other?.id}`}>{e.other ? roleTitle(e.other) : ''}</a>
                {e.other?.bandId ? ` (${data.relatedBands.find((b) => b.id === e.other?.bandId)?.label ?? ''})` : ''}{' '}
                <span class="tag warn" lang={lang === 'en' ? undefined : lang}>
                  {t('pathway.indicative')}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function StepList({
  actor,
  view,
  steps,
  lang,
}: {
  actor: UserActor;
  view: PathwayView;
  steps: SuggestedStep[];
  lang: Lang;
}) {
  const t = translator(lang);
  return (
    <ul class="cards">
      {steps.map((s) => (
        <li class="card">
          <p>
            <strong>
              <InEnglish lang={lang}>{s.toTitle}</InEnglish>
            </strong>
          </p>
          <p class="small">
            <InEnglish lang={lang}>{s.route.label}</InEnglish>
          </p>
          {s.via ? (
            <p class="small">
              {rich(lang, 'pathway.through', { via: <InEnglish lang={lang}>{s.via}</InEnglish> })}{' '}
              <span class="tag warn">{t('pathway.indicative')}</span>
            </p>
          ) : null}
          {view.targetId === s.route.toRoleId ? (
            <p>
              <span class="tag ok">{t('pathway.isTarget')}</span>
            </p>
          ) : (
            <form method="post" action="/passport/pathway" class="inline">
              <Csrf actor={actor} />
              <input type="hidden" name="currentRoleId" value={view.currentId ?? ''} />
              <input type="hidden" name="targetRoleId" value={s.route.toRoleId} />
              <button type="submit" class="secondary">
                {rich(lang, 'pathway.makeTarget', { role: <InEnglish lang={lang}>{s.toTitle}</InEnglish> })}
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Each ladder the worker is on, as a figure with the same ladder as a list beside it (catalogue names stay as written). */
function LadderSection({ view, lang }: { view: PathwayView; lang: Lang }) {
  const t = translator(lang);
  return (
    <section aria-labelledby="ladders-title">
      <h2 id="ladders-title">{t('pathway.ladderTitle')}</h2>
      {view.shown.map((l) => {
        const rows = ladderRows(l, view.currentId, view.targetId);
        const listId = `ladder-list-${l.framework.id}`;
        return (
          <div class="ladder-figure">
            <LadderSvg id={`ladder-${l.framework.id}`} name={l.framework.name} rows={rows} lang={lang} />
            <p class="small">
              <InEnglish lang={lang}>{l.framework.name}</InEnglish>
              {!l.framework.verified ? <span class="tag warn">{t('pathway.indicative')}</span> : null}
            </p>
            <details>
              <summary id={listId}>{t('pathway.ladderList')}</summary>
              <LadderList rows={rows} labelledBy={listId} lang={lang} />
            </details>
          </div>
        );
      })}
    </section>
  );
}

/** Requirements grouped by kind under a heading each, for the still-to-do list. */
function ToDo({ lines, lang }: { lines: FitLine[]; lang: Lang }) {
  const t = translator(lang);
  if (!lines.length) return <p>{t('pathway.todoNone')}</p>;
  return (
    <div id="still-to-do">
      {byKind(lines, t).map((g) => (
        <>
          <h4 id={`todo-${g.kind}`}>
            {g.label} ({g.lines.length})
          </h4>
          <ul aria-labelledby={`todo-${g.kind}`} class="fit-list">
            {g.lines.map((l) => (
              <FitItem line={l} lang={lang} />
            ))}
          </ul>
        </>
      ))}
    </div>
  );
}

/** The report's plain sentence, its notes and the route plan (written in English by the role-fit service). */
function FitSummary({ fit }: { fit: NonNullable<PathwayView['fit']> }) {
  return (
    <>
      <p class="notice" role="status">
        <strong>{workerHeadline(fit.summary.headline) ?? fit.summary.text}</strong>
        {fit.summary.headline ? <span class="small"> {fit.summary.text}</span> : null}
      </p>
      {(fit.summary.notes ?? []).map((n) => (
        <p class="notice">{n}</p>
      ))}
      {fit.summary.routes ? <RoutePlanList plan={fit.summary.routes} reader="worker" /> : null}
    </>
  );
}

/** What the target role still needs, what is only recommended, and what the worker's certificates already cover. */
function GapSection(p: { fit: NonNullable<PathwayView['fit']>; targetTitle: string | null; lang: Lang }) {
  const { fit, lang } = p;
  const t = translator(lang);
  const lines = [...fit.lines].sort(byUrgency);
  const todo = lines.filter((l) => l.status !== 'met' && l.requirement.requirement === 'required');
  const extra = lines.filter((l) => l.status !== 'met' && l.requirement.requirement === 'recommended');
  const done = lines.filter((l) => l.status === 'met');
  return (
    <section aria-labelledby="gap-title">
      <h2 id="gap-title">
        {rich(lang, 'pathway.gapTitle', { role: <InEnglish lang={lang}>{p.targetTitle}</InEnglish> })}
      </h2>
      {lang === 'en' ? (
        <FitSummary fit={fit} />
      ) : (
        <>
          <p class="small muted">{t('common.englishOnly')}</p>
          <div lang="en">
            <FitSummary fit={fit} />
          </div>
        </>
      )}
      <h3 id="todo-title">{t('pathway.todo', { count: todo.length })}</h3>
      <ToDo lines={todo} lang={lang} />
      {extra.length ? (
        <details>
          <summary id="extra-title">{t('pathway.extra', { count: extra.length })}</summary>
          <ul aria-labelledby="extra-title" class="fit-list">
            {extra.map((l) => (
              <FitItem line={l} lang={lang} />
            ))}
          </ul>
        </details>
      ) : null}
      <h3 id="done-title">{t('pathway.done', { count: done.length })}</h3>
      {done.length ? (
        <ul aria-labelledby="done-title" class="fit-list">
          {done.map((l) => (
            <FitItem line={l} lang={lang} />
          ))}
        </ul>
      ) : (
        <p>{t('pathway.doneNone')}</p>
      )}
      <p class="small muted">{t('pathway.basis')}</p>
    </section>
  );
}

/** Routes onward from the worker's role: the next hop, then the one after. */
function StepsSection({ actor, view, lang }: { actor: UserActor; view: PathwayView; lang: Lang }) {
  const t = translator(lang);
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{t('pathway.stepsTitle')}</h2>
      {view.steps.length ? (
        <>
          <p class="small">{view.currentId ? t('pathway.routesFrom') : t('pathway.routesAll')}</p>
          <StepList actor={actor} view={view} steps={view.steps.filter((s) => s.hop === 1)} lang={lang} />
          {view.steps.some((s) => s.hop === 2) ? (
            <>
              <h3>{t('pathway.afterThat')}</h3>
              <StepList actor={actor} view={view} steps={view.steps.filter((s) => s.hop === 2)} lang={lang} />
            </>
          ) : null}
          <p class="small muted">
            {rich(lang, 'pathway.source', {
              source: <InEnglish lang={lang}>{view.steps[0]?.route.source}</InEnglish>,
            })}
          </p>
        </>
      ) : (
        <p>{rich(lang, 'pathway.noRoutes', { link: <a href="/catalogue">{t('pathway.ladders')}</a> })}</p>
      )}
    </section>
  );
}

/** The form choosing the role the worker does now and the one they aim for (role names stay English). */
function ChooseRoles({
  actor,
  view,
  form,
  lang,
}: {
  actor: UserActor;
  view: PathwayView;
  form: FormState;
  lang: Lang;
}) {
  const t = translator(lang);
  const groups = roleOptions(view.ladders);
  return (
    <section aria-labelledby="choose-title">
      <h2 id="choose-title">{view.current || view.target ? t('pathway.change') : t('pathway.choose')}</h2>
      <form method="post" action="/passport/pathway" class="stack" novalidate>
        <Csrf actor={actor} />
        <SelectField
          name="currentRoleId"
          label={t('pathway.nowLabel')}
          hint={t('pathway.nowHint')}
          form={form}
          options={[['', t('pathway.notChosen')]]}
          groups={groups}
        />
        <SelectField
          name="targetRoleId"
          label={t('pathway.targetLabel')}
          hint={t('pathway.targetHint')}
          form={form}
          options={[['', t('pathway.notChosen')]]}
          groups={groups}
        />
        <button type="submit">{t('pathway.save')}</button>
      </form>
    </section>
  );
}

/** Where the worker is and where they aim, in one sentence (role names as the catalogue writes them). */
function Whereabouts(p: { currentTitle: string | null; targetTitle: string | null; lang: Lang }) {
  const { lang } = p;
  const t = translator(lang);
  const role = (title: string) => (
    <strong>
      <InEnglish lang={lang}>{title}</InEnglish>
    </strong>
  );
  if (!p.currentTitle && !p.targetTitle) return <p>{t('pathway.intro')}</p>;
  return (
    <p>
      {p.currentTitle ? <>{rich(lang, 'pathway.youAre', { role: role(p.currentTitle) })} </> : null}
      {p.targetTitle ? rich(lang, 'pathway.targetIs', { role: role(p.targetTitle) }) : t('pathway.chooseTarget')}
    </p>
  );
}

/** GET /passport/pathway: where the worker is on the career ladders, what a target role needs and routes onward. */
export function PathwayPage(p: {
  actor: UserActor;
  view: PathwayView;
  form: FormState;
  notice?: string | undefined;
  lang?: Lang;
}) {
  const { view } = p;
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const fit = view.fit;
  const currentTitle = view.current ? roleTitle(view.current.role) : null;
  const targetTitle = view.target ? roleTitle(view.target.role) : null;
  return (
    <Layout title={t('pathway.title')} actor={p.actor} notice={p.notice} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('pathway.title')}</h1>
      <ErrorSummary errors={p.form.errors} lang={lang} />
      <Whereabouts currentTitle={currentTitle} targetTitle={targetTitle} lang={lang} />

      {view.shown.length ? <LadderSection view={view} lang={lang} /> : null}

      {fit && view.target ? <GapSection fit={fit} targetTitle={targetTitle} lang={lang} /> : null}

      {view.current || view.target ? (
        <section aria-labelledby="pay-title">
          <h2 id="pay-title">{t('pathway.payTitle')}</h2>
          <p class="small">{t('pathway.payNote')}</p>
          <div class="cols">
            {view.current ? <RoleFacts heading={t('pathway.now')} data={view.current} lang={lang} /> : null}
            {view.target && view.target.role.id !== view.current?.role.id ? (
              <RoleFacts heading={t('pathway.target')} data={view.target} lang={lang} />
            ) : null}
          </div>
        </section>
      ) : null}

      <StepsSection actor={p.actor} view={view} lang={lang} />

      <ChooseRoles actor={p.actor} view={view} form={p.form} lang={lang} />
    </Layout>
  );
}

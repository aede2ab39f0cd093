/** Catalogue pages: the ladders side by side, one role in full, competencies, and sources. */
import type { Actor } from '../../worker/context';
import type {
  Competency,
  CompetencyFilter,
  Framework,
  Ladder,
  getRole,
  listBands,
} from '../../worker/services/catalogue/catalogue';
import { roleTitle } from '../../worker/services/catalogue/catalogue';
import { type MessageKey, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Indicative, Layout } from '../layout';
import { gbp, payText } from '../components/pay';
import { Scroll } from '../components/scroll';

type Bands = Awaited<ReturnType<typeof listBands>>;
type RoleData = NonNullable<Awaited<ReturnType<typeof getRole>>>;

/** Kept for the pathway page, which still imports the pay text from here. */
export { payText };

const t = translator('en');

function Source({ fw }: { fw: Framework }) {
  return (
    <p class="small muted">
      {rich('en', 'catalogue.sourceMarked', { source: fw.source, mark: <Indicative verified={fw.verified} /> })}
    </p>
  );
}

export function CataloguePage({ actor, ladders, afcBands }: { actor: Actor; ladders: Ladder[]; afcBands: Bands }) {
  const years = [...new Set(afcBands.flatMap((b) => b.payPoints.map((p) => p.year)))].sort();
  return (
    <Layout title={t('catalogue.title')} actor={actor}>
      <h1>{t('catalogue.heading')}</h1>
      <p>{rich('en', 'catalogue.intro', { indicative: <strong>{t('catalogue.introIndicative')}</strong> })}</p>
      <div class="cols ladder">
        {ladders.map((l) => (
          <section aria-labelledby={`ladder-${l.framework.id}`} class="card">
            <h2 id={`ladder-${l.framework.id}`}>{l.framework.name}</h2>
            <ol>
              {l.roles.map((r) => (
                <li>
                  <a href={`/catalogue/roles/${r.id}`}>{roleTitle(r)}</a>
                  {r.band ? <span class="tag">{r.band.label}</span> : null}
                  {!r.verified ? <Indicative verified={false} text={t('catalogue.indicative')} /> : null}
                </li>
              ))}
            </ol>
            <Source fw={l.framework} />
          </section>
        ))}
      </div>
      <h2 id="pay">{t('catalogue.payTitle')}</h2>
      <Scroll label={t('catalogue.payTitle')}>
        <table aria-describedby="pay">
          <caption class="visually-hidden">{t('catalogue.payCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.band')}</th>
              {years.map((y) => (
                <th scope="col">
                  {afcBands.some((b) => b.payPoints.some((p) => p.year === y && p.computed))
                    ? t('catalogue.yearComputed', { year: y })
                    : y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {afcBands.map((b) => (
              <tr>
                <th scope="row">{b.label}</th>
                {years.map((y) => (
                  <td>
                    {b.payPoints
                      .filter((p) => p.year === y)
                      .map((p) =>
                        p.stepYears
                          ? t('catalogue.payAfterYrs', { amount: gbp.format(p.amountGbp), years: p.stepYears })
                          : gbp.format(p.amountGbp),
                      )
                      .join(' · ') || '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <p class="small muted">{t('catalogue.computedNote', { source: afcBands[0]?.payPoints[0]?.source ?? '' })}</p>
      <p>
        <a href="/catalogue/competencies">{t('catalogue.competenciesLink')}</a> ·{' '}
        <a href="/catalogue/sources">{t('catalogue.allSources')}</a>
      </p>
    </Layout>
  );
}

/** One requirements table on a role page: each item with its refresh period and why it is expected. */
function RequirementTable({ list, label }: { list: RoleData['requirements']; label: string }) {
  return (
    <Scroll label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('catalogue.item')}</th>
            <th scope="col">{t('catalogue.refresh')}</th>
            <th scope="col">{t('catalogue.why')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr>
              <td>
                <a href={`/catalogue/competencies?q=${encodeURIComponent(r.competency.code)}`}>{r.competency.name}</a>{' '}
                <span class="small muted">{r.competency.code}</span>
                <Indicative verified={r.competency.verified} text={t('catalogue.indicative')} />
              </td>
              <td>
                {r.maxAgeMonths ? t('catalogue.everyMonths', { months: r.maxAgeMonths }) : t('catalogue.doesNotExpire')}
              </td>
              <td class="small">{r.basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** The pay points of the role's band, with their source. */
function RolePayPoints({ data }: { data: RoleData }) {
  if (!data.payPoints.length) return null;
  return (
    <>
      <h2>{t('catalogue.payPointsFor', { band: data.band?.label ?? '' })}</h2>
      <ul>
        {data.payPoints.map((p) => (
          <li>{p.stepYears ? t('catalogue.payAfterYears', { pay: payText(p), years: p.stepYears }) : payText(p)}</li>
        ))}
      </ul>
      <p class="small muted">{t('catalogue.source', { source: data.payPoints[0]?.source ?? '' })}</p>
    </>
  );
}

/** Roles on other ladders recorded as equivalent to this one (always indicative). */
function RoleEquivalents({ data }: { data: RoleData }) {
  return (
    <>
      <h2 id="equivalents">{t('catalogue.equivalentsTitle')}</h2>
      {data.equivalences.length ? (
        <ul aria-labelledby="equivalents">
          {data.equivalences.map((e) => (
            <li>
              {e.other ? <a href={`/catalogue/roles/${e.other.id}`}>{roleTitle(e.other)}</a> : e.fromId}
              {e.other?.bandId ? (
                <span class="tag">{data.relatedBands.find((b) => b.id === e.other?.bandId)?.label}</span>
              ) : null}{' '}
              — {e.label} <span class="tag warn">{t('catalogue.indicative')}</span>
              <span class="small muted"> {t('catalogue.source', { source: e.source })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('catalogue.noEquivalences')}</p>
      )}
    </>
  );
}

/** The roles this one leads to or comes from. */
function RoleRoutes({ data }: { data: RoleData }) {
  if (!data.routes.length) return null;
  return (
    <>
      <h2>{t('catalogue.routesTitle')}</h2>
      <ul>
        {data.routes.map((r) => (
          <li>
            {rich('en', r.direction === 'next' ? 'catalogue.nextStep' : 'catalogue.comesFrom', {
              role: r.other ? <a href={`/catalogue/roles/${r.other.id}`}>{roleTitle(r.other)}</a> : null,
            })}{' '}
            <span class="small muted">({r.source})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What employers expect for the role, split into required and recommended items. */
function RoleRequirements({ data }: { data: RoleData }) {
  const required = data.requirements.filter((r) => r.requirement === 'required');
  const recommended = data.requirements.filter((r) => r.requirement === 'recommended');
  return (
    <>
      <h2 id="requirements">{t('catalogue.requirementsTitle')}</h2>
      <p class="small">{t('catalogue.requirementsIntro')}</p>
      <h3>{t('catalogue.requiredCount', { count: required.length })}</h3>
      {required.length ? (
        <RequirementTable list={required} label={t('catalogue.required')} />
      ) : (
        <p>{t('catalogue.noneRecorded')}</p>
      )}
      <h3>{t('catalogue.recommendedCount', { count: recommended.length })}</h3>
      {recommended.length ? (
        <RequirementTable list={recommended} label={t('catalogue.recommended')} />
      ) : (
        <p>{t('catalogue.noneRecorded')}</p>
      )}
    </>
  );
}

/** The role's band with its typical roles, or that it has none. */
function bandWords(band: RoleData['band']) {
  if (!band) return t('catalogue.noBand');
  return band.typicalRoles ? t('catalogue.bandTypical', { band: band.label, roles: band.typicalRoles }) : band.label;
}

/** A role in the catalogue: its ladder and band, pay, equivalents, progression and requirements. */
export function RolePage({ actor, data }: { actor: Actor; data: RoleData }) {
  const { role, framework, band } = data;
  return (
    <Layout title={roleTitle(role)} actor={actor}>
      <p class="muted">{framework?.name}</p>
      <h1>
        {roleTitle(role)} {!role.verified ? <Indicative verified={false} text={t('catalogue.indicative')} /> : null}
      </h1>
      {role.description ? <p>{role.description}</p> : null}
      {role.note ? <p class="small muted">{role.note}</p> : null}
      <dl class="facts">
        <dt>{t('catalogue.ladder')}</dt>
        <dd>{framework?.name}</dd>
        <dt>{t('catalogue.band')}</dt>
        <dd>{bandWords(band)}</dd>
      </dl>
      <RolePayPoints data={data} />
      <RoleEquivalents data={data} />
      <RoleRoutes data={data} />
      <RoleRequirements data={data} />
      {framework ? <Source fw={framework} /> : null}
    </Layout>
  );
}

const kindLabels = {
  care_certificate: 'catalogue.kindCareCertificate',
  mandatory_training: 'catalogue.kindMandatoryTraining',
  delegated_task: 'catalogue.kindDelegatedTask',
  medicines: 'catalogue.kindMedicines',
  qualification: 'catalogue.kindQualification',
  specialism: 'catalogue.kindSpecialism',
  registration: 'catalogue.kindRegistration',
  entry: 'catalogue.kindEntry',
} as const satisfies Record<Competency['kind'], MessageKey>;

export function CompetenciesPage(p: {
  actor: Actor;
  items: Competency[];
  frameworks: Framework[];
  query: CompetencyFilter;
}) {
  const byFw = p.frameworks
    .map((f) => ({ f, items: p.items.filter((i) => i.frameworkId === f.id) }))
    .filter((g) => g.items.length);
  return (
    <Layout title={t('catalogue.competenciesTitle')} actor={p.actor}>
      <h1>{t('catalogue.competenciesLink')}</h1>
      <search>
        <form method="get" action="/catalogue/competencies" class="stack">
          <label for="q">{t('catalogue.search')}</label>
          <input type="search" id="q" name="q" value={p.query.q ?? ''} />
          <label for="kind">{t('catalogue.kind')}</label>
          <select id="kind" name="kind">
            <option value="">{t('catalogue.any')}</option>
            {Object.entries(kindLabels).map(([k, v]) => (
              <option value={k} selected={p.query.kind === k}>
                {t(v)}
              </option>
            ))}
          </select>
          <button type="submit">{t('catalogue.searchButton')}</button>
        </form>
      </search>
      <p role="status">{t('catalogue.itemCount', { count: p.items.length })}</p>
      {byFw.map(({ f, items }) => (
        <section aria-labelledby={`fw-${f.id}`}>
          <h2 id={`fw-${f.id}`}>{f.name}</h2>
          <Scroll label={f.name}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('catalogue.code')}</th>
                  <th scope="col">{t('catalogue.name')}</th>
                  <th scope="col">{t('catalogue.level')}</th>
                  <th scope="col">{t('catalogue.refresh')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td>{i.code}</td>
                    <td>
                      {i.name} <Indicative verified={i.verified} text={t('catalogue.indicative')} />
                      {i.note ? <div class="small muted">{i.note}</div> : null}
                    </td>
                    <td>{i.level ?? '—'}</td>
                    <td>
                      {i.refreshMonths ? t('catalogue.months', { months: i.refreshMonths }) : t('catalogue.noExpiry')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <Source fw={f} />
        </section>
      ))}
    </Layout>
  );
}

export function SourcesPage({ actor, frameworks }: { actor: Actor; frameworks: Framework[] }) {
  return (
    <Layout title={t('catalogue.sourcesTitle')} actor={actor}>
      <h1>{t('catalogue.sourcesHeading')}</h1>
      <p>
        {rich('en', 'catalogue.sourcesIntro', {
          mark: <span class="tag warn">{t('catalogue.unverifiedMark')}</span>,
        })}
      </p>
      <Scroll label={t('catalogue.sourcesTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.framework')}</th>
              <th scope="col">{t('catalogue.sourceColumn')}</th>
              <th scope="col">{t('catalogue.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {frameworks.map((f) => (
              <tr>
                <td>{f.name}</td>
                <td class="small">
                  {f.source}
                  {f.note ? <div class="muted">{f.note}</div> : null}
                </td>
                <td>
                  {f.verified ? t('catalogue.yes') : <span class="tag warn">{t('catalogue.verifiedFalse')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </Layout>
  );
}

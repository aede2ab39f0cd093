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
import { Indicative, Layout } from '../layout';
import { gbp, payText } from '../components/pay';
import { Scroll } from '../components/scroll';

type Bands = Awaited<ReturnType<typeof listBands>>;
type RoleData = NonNullable<Awaited<ReturnType<typeof getRole>>>;

/** Kept for the pathway page, which still imports the pay text from here. */
export { payText };

function Source({ fw }: { fw: Framework }) {
  return (
    <p class="small muted">
      Source: {fw.source} <Indicative verified={fw.verified} />
    </p>
  );
}

export function CataloguePage({ actor, ladders, afcBands }: { actor: Actor; ladders: Ladder[]; afcBands: Bands }) {
  const years = [...new Set(afcBands.flatMap((b) => b.payPoints.map((p) => p.year)))].sort();
  return (
    <Layout title="Career ladders" actor={actor}>
      <h1>Career ladders side by side</h1>
      <p>
        England's Care Workforce Pathway, Wales's pay and progression bands, NHS Agenda for Change and the social care
        roles the Department of Health and Social Care mapped to NHS bands. Mappings between them are{' '}
        <strong>indicative, not contractual</strong>.
      </p>
      <div class="cols ladder">
        {ladders.map((l) => (
          <section aria-labelledby={`ladder-${l.framework.id}`} class="card">
            <h2 id={`ladder-${l.framework.id}`}>{l.framework.name}</h2>
            <ol>
              {l.roles.map((r) => (
                <li>
                  <a href={`/catalogue/roles/${r.id}`}>{roleTitle(r)}</a>
                  {r.band ? <span class="tag">{r.band.label}</span> : null}
                  {!r.verified ? <Indicative verified={false} text="indicative" /> : null}
                </li>
              ))}
            </ol>
            <Source fw={l.framework} />
          </section>
        ))}
      </div>
      <h2 id="pay">NHS Agenda for Change pay points</h2>
      <Scroll label="NHS Agenda for Change pay points">
        <table aria-describedby="pay">
          <caption class="visually-hidden">Annual pay points by band and pay year, in pounds</caption>
          <thead>
            <tr>
              <th scope="col">Band</th>
              {years.map((y) => (
                <th scope="col">
                  {y}
                  {afcBands.some((b) => b.payPoints.some((p) => p.year === y && p.computed)) ? ' (computed)' : ''}
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
                      .map((p) => `${gbp.format(p.amountGbp)}${p.stepYears ? ` (after ${p.stepYears} yrs)` : ''}`)
                      .join(' · ') || '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <p class="small muted">
        {afcBands[0]?.payPoints[0]?.source ?? ''} Figures marked computed are projections, not published rates.
      </p>
      <p>
        <a href="/catalogue/competencies">Competencies, training subjects and qualifications</a> ·{' '}
        <a href="/catalogue/sources">All sources</a>
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
            <th scope="col">Item</th>
            <th scope="col">Refresh</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr>
              <td>
                <a href={`/catalogue/competencies?q=${encodeURIComponent(r.competency.code)}`}>{r.competency.name}</a>{' '}
                <span class="small muted">{r.competency.code}</span>
                <Indicative verified={r.competency.verified} text="indicative" />
              </td>
              <td>{r.maxAgeMonths ? `every ${r.maxAgeMonths} months` : 'does not expire'}</td>
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
      <h2>Pay points for {data.band?.label}</h2>
      <ul>
        {data.payPoints.map((p) => (
          <li>
            {payText(p)}
            {p.stepYears ? ` after ${p.stepYears} years` : ''}
          </li>
        ))}
      </ul>
      <p class="small muted">Source: {data.payPoints[0]?.source}</p>
    </>
  );
}

/** Roles on other ladders recorded as equivalent to this one (always indicative). */
function RoleEquivalents({ data }: { data: RoleData }) {
  return (
    <>
      <h2 id="equivalents">Equivalent roles (indicative)</h2>
      {data.equivalences.length ? (
        <ul aria-labelledby="equivalents">
          {data.equivalences.map((e) => (
            <li>
              {e.other ? <a href={`/catalogue/roles/${e.other.id}`}>{roleTitle(e.other)}</a> : e.fromId}
              {e.other?.bandId ? (
                <span class="tag">{data.relatedBands.find((b) => b.id === e.other?.bandId)?.label}</span>
              ) : null}{' '}
              — {e.label} <span class="tag warn">indicative</span>
              <span class="small muted"> Source: {e.source}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No equivalences recorded.</p>
      )}
    </>
  );
}

/** The roles this one leads to or comes from. */
function RoleRoutes({ data }: { data: RoleData }) {
  if (!data.routes.length) return null;
  return (
    <>
      <h2>Progression routes</h2>
      <ul>
        {data.routes.map((r) => (
          <li>
            {r.direction === 'next' ? 'Next step: ' : 'Comes from: '}
            {r.other ? <a href={`/catalogue/roles/${r.other.id}`}>{roleTitle(r.other)}</a> : null}{' '}
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
      <h2 id="requirements">Requirements for this role</h2>
      <p class="small">
        What employers usually expect. Where a source suggests rather than mandates, the item is marked recommended.
      </p>
      <h3>Required ({required.length})</h3>
      {required.length ? <RequirementTable list={required} label="Required" /> : <p>None recorded.</p>}
      <h3>Recommended ({recommended.length})</h3>
      {recommended.length ? <RequirementTable list={recommended} label="Recommended" /> : <p>None recorded.</p>}
    </>
  );
}

/** A role in the catalogue: its ladder and band, pay, equivalents, progression and requirements. */
export function RolePage({ actor, data }: { actor: Actor; data: RoleData }) {
  const { role, framework, band } = data;
  return (
    <Layout title={roleTitle(role)} actor={actor}>
      <p class="muted">{framework?.name}</p>
      <h1>
        {roleTitle(role)} {!role.verified ? <Indicative verified={false} text="indicative" /> : null}
      </h1>
      {role.description ? <p>{role.description}</p> : null}
      {role.note ? <p class="small muted">{role.note}</p> : null}
      <dl class="facts">
        <dt>Ladder</dt>
        <dd>{framework?.name}</dd>
        <dt>Band</dt>
        <dd>
          {band ? `${band.label}${band.typicalRoles ? ` (typical roles: ${band.typicalRoles})` : ''}` : 'No band'}
        </dd>
      </dl>
      <RolePayPoints data={data} />
      <RoleEquivalents data={data} />
      <RoleRoutes data={data} />
      <RoleRequirements data={data} />
      {framework ? <Source fw={framework} /> : null}
    </Layout>
  );
}

const kindLabels: Record<Competency['kind'], string> = {
  care_certificate: 'Care Certificate',
  mandatory_training: 'Mandatory training',
  delegated_task: 'Delegated healthcare tasks',
  medicines: 'Medicines',
  qualification: 'Qualifications',
  specialism: 'Specialisms',
  registration: 'Registration',
  entry: 'Entry requirements',
};

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
    <Layout title="Competencies and qualifications" actor={p.actor}>
      <h1>Competencies, training subjects and qualifications</h1>
      <search>
        <form method="get" action="/catalogue/competencies" class="stack">
          <label for="q">Search by name or code</label>
          <input type="search" id="q" name="q" value={p.query.q ?? ''} />
          <label for="kind">Kind</label>
          <select id="kind" name="kind">
            <option value="">Any</option>
            {Object.entries(kindLabels).map(([k, v]) => (
              <option value={k} selected={p.query.kind === k}>
                {v}
              </option>
            ))}
          </select>
          <button type="submit">Search</button>
        </form>
      </search>
      <p role="status">{p.items.length} items</p>
      {byFw.map(({ f, items }) => (
        <section aria-labelledby={`fw-${f.id}`}>
          <h2 id={`fw-${f.id}`}>{f.name}</h2>
          <Scroll label={f.name}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col">Level</th>
                  <th scope="col">Refresh</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td>{i.code}</td>
                    <td>
                      {i.name} <Indicative verified={i.verified} text="indicative" />
                      {i.note ? <div class="small muted">{i.note}</div> : null}
                    </td>
                    <td>{i.level ?? '—'}</td>
                    <td>{i.refreshMonths ? `${i.refreshMonths} months` : 'no expiry'}</td>
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
    <Layout title="Sources" actor={actor}>
      <h1>Sources of the reference data</h1>
      <p>
        Every framework names its source and date. Items marked{' '}
        <span class="tag warn">indicative · verified: false</span> have not been confirmed against the source and must
        be checked before relying on them.
      </p>
      <Scroll label="Sources">
        <table>
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Source</th>
              <th scope="col">Verified</th>
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
                <td>{f.verified ? 'yes' : <span class="tag warn">verified: false</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </Layout>
  );
}

/** The commissioner's workforce dashboard: filters, and for each table a chart, the figures and a CSV link. */
import type { Actor } from '../../worker/context';
import { EXPIRING_WITHIN_DAYS } from '../../worker/services/workforce/dashboard';
import {
  type DashboardTable,
  METHOD_LINE,
  type ReleaseDashboard,
  releaseLine,
} from '../../worker/services/workforce/commissioner-view';
import type { ViewCell } from '../../worker/services/workforce/release-tables';
import { BarChart, CHART_COLOURS, StackedBarChart } from '../charts';
import { Layout } from '../layout';
import { Scroll } from '../components/scroll';

const ROW_HEADER: Record<DashboardTable['name'], string> = {
  categories: 'Role category',
  bands: 'Band',
  qualifications: 'Highest level',
  training: 'Training subject',
  delegated: 'Delegated activity',
  progression: 'Quarter',
  issuers: 'Academy or training provider',
};

const EXPLAIN: Record<DashboardTable['name'], string> = {
  categories:
    "Each worker's current role, placed in the Care Workforce Pathway. Roles on other ladders are placed through indicative equivalences.",
  bands:
    "The band of each worker's current role (NHS Agenda for Change or Wales), directly or through indicative equivalences.",
  qualifications:
    'Each worker counts once, at the highest qualification level among their credentials (apprenticeships and diplomas; a legacy award at the level recorded on it).',
  training: `For each subject, each worker's newest credential (revoked and renewed ones ignored): in date, ending within ${EXPIRING_WITHIN_DAYS} days, or ended.`,
  delegated:
    'Workers whose newest credential for the activity is in date (delegated activities are re-assessed every year).',
  progression:
    'Role changes recorded by consenting workers that moved them up a band (or up their ladder), by quarter.',
  issuers: 'Credentials issued on this platform to the counted workers, by the academy that issued them (any status).',
};

const SEGMENTS = [
  { label: 'In date', colour: CHART_COLOURS.ok },
  { label: `Expiring within ${EXPIRING_WITHIN_DAYS} days`, colour: CHART_COLOURS.warn },
  { label: 'Expired', colour: CHART_COLOURS.bad },
  { label: 'No record', colour: CHART_COLOURS.none },
];

function query(slug: string, params: Record<string, string>, path = '') {
  return `/commissioner/${slug}${path}?${new URLSearchParams(params).toString()}`;
}

function CellText({ cell }: { cell: ViewCell | undefined }) {
  if (!cell) return <>–</>;
  if (cell.state === 'protected') return <span class="muted">{cell.display}</span>;
  return <>{cell.display}</>;
}

function FigureTable({ t }: { t: DashboardTable }) {
  return (
    <Scroll label={`${t.title}: figures`}>
      <table>
        <caption class="visually-hidden">{t.title}: figures</caption>
        <thead>
          <tr>
            <th scope="col">{ROW_HEADER[t.name]}</th>
            {t.cols.map((c) => (
              <th scope="col">{c.label}</th>
            ))}
            {t.rowTotals ? <th scope="col">All workers</th> : null}
            {t.shares ? <th scope="col">Share</th> : null}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r, i) => (
            <tr>
              <th scope="row">{r.label}</th>
              {(t.cells[i] ?? []).map((c) => (
                <td>
                  <CellText cell={c} />
                </td>
              ))}
              {t.rowTotals ? (
                <td>
                  <CellText cell={t.rowTotals[i]} />
                </td>
              ) : null}
              {t.shares ? <td>{t.shares[i] === null || t.shares[i] === undefined ? '–' : `${t.shares[i]}%`}</td> : null}
            </tr>
          ))}
        </tbody>
        {t.colTotals ? (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {t.colTotals.map((c) => (
                <td>
                  <CellText cell={c} />
                </td>
              ))}
              {t.shares ? <td /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </Scroll>
  );
}

function Chart({ t }: { t: DashboardTable }) {
  const id = `chart-${t.name}`;
  if (t.name === 'training') {
    return (
      <StackedBarChart
        id={id}
        title={t.title}
        description="For each mandatory training subject, the share of counted workers in date, expiring, expired or with no record, drawn from the published figures (protected ones are left out). The figures are in the table below."
        segments={SEGMENTS}
        rows={t.rows.map((r, i) => ({
          label: r.label,
          parts: (t.cells[i] ?? []).map((c) => ({ value: c.value, display: c.display })),
        }))}
      />
    );
  }
  const rows = t.rows.slice(0, 15);
  return (
    <BarChart
      id={id}
      title={t.title}
      description={`${t.cols[0]?.label ?? 'Count'} for each ${ROW_HEADER[t.name].toLowerCase()}${
        t.rows.length > rows.length ? ` (the ${rows.length} largest shown)` : ''
      }. The figures are in the table below.`}
      bars={rows.map((r, i) => {
        const c = t.cells[i]?.[0];
        return { label: r.label, value: c?.value ?? null, display: c?.display ?? '' };
      })}
    />
  );
}

export interface CommissionerPageProps {
  actor: Actor;
  org: { slug: string; name: string };
  view: ReleaseDashboard;
}

/** The area and role-category filter, a GET form so a view can be bookmarked. */
function FilterForm({ org, view }: { org: CommissionerPageProps['org']; view: ReleaseDashboard }) {
  const { filter } = view;
  if (!view.areas.length) {
    return (
      <p class="notice error" role="status">
        No areas are recorded for this organisation yet. The platform team adds the local authorities a commissioner
        covers.
      </p>
    );
  }
  return (
    <form method="get" action={`/commissioner/${org.slug}`} class="stack" aria-label="Filter the figures">
      <div class="cols">
        <div class="field">
          <label for="area">Area</label>
          <select id="area" name="area">
            <option value="all" selected={filter.area === 'all'}>
              All your areas
            </option>
            {view.areas.map((a) => (
              <option value={a.code} selected={filter.area === a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="category">Role category</label>
          <select id="category" name="category">
            <option value="all" selected={filter.category === 'all'}>
              All role categories
            </option>
            {view.categories.map((c) => (
              <option value={c.key} selected={filter.category === c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit">Show figures</button>
    </form>
  );
}

/** One published table: its chart, its figures, and its CSV download for the same filter. */
function TableSection({ org, view, table }: CommissionerPageProps & { table: ReleaseDashboard['tables'][number] }) {
  const { filter } = view;
  return (
    <section aria-labelledby={`${table.name}-title`}>
      <h2 id={`${table.name}-title`}>{table.title}</h2>
      <p class="small muted">{EXPLAIN[table.name]}</p>
      {table.rows.length ? (
        <>
          <Chart t={table} />
          <FigureTable t={table} />
        </>
      ) : (
        <p>None recorded.</p>
      )}
      {table.name === 'delegated' ? <p class="small">Out of {view.population.display} counted workers.</p> : null}
      <p class="small">
        <a
          href={query(org.slug, { table: table.name, area: filter.area, category: filter.category }, '/export.csv')}
          download
        >
          Download “{table.title}” as CSV
        </a>
      </p>
    </section>
  );
}

/** The figures for the chosen filter, or why none are shown. */
function Figures(p: CommissionerPageProps) {
  const { view } = p;
  if (!view.areas.length) return null;
  if (view.gated) {
    return (
      <p class="notice" role="status">
        {view.release
          ? 'Too few counted workers match these filters, so no figures are shown. Choose a wider area or all role categories.'
          : 'No figures have been published yet: the first monthly release has not been cut.'}
      </p>
    );
  }
  return (
    <>
      <p>
        Counted workers (consenting and verified): <strong id="population">{view.population.display}</strong>
      </p>
      {view.tables.map((table) => (
        <TableSection {...p} table={table} />
      ))}
    </>
  );
}

/** A commissioner's dashboard: which release it shows, what changed, the filter, and the protected figures. */
export function CommissionerPage(p: CommissionerPageProps) {
  const { actor, org, view } = p;
  return (
    <Layout title={`Workforce intelligence · ${org.name}`} actor={actor}>
      <h1>Workforce intelligence</h1>
      <p class="muted">{org.name}</p>
      <p>
        Anonymous figures about care workers in your areas who agreed to be counted and whose training or employment is
        confirmed by a recognised academy or an approved employer. No names, contact details or other identifiers are
        shown or exported. Figures are published monthly, not live. {METHOD_LINE}
      </p>
      <p id="release">
        <strong>{releaseLine(view.release)}</strong>
      </p>
      {view.change ? (
        <div class="notice" role="note" id="method-change">
          <p>
            <strong>What changed:</strong> {view.change}
          </p>
        </div>
      ) : null}
      <FilterForm org={org} view={view} />
      <Figures {...p} />
    </Layout>
  );
}

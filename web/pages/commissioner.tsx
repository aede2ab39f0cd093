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
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Layout } from '../layout';
import { Scroll } from '../components/scroll';

const t = translator('en');

const ROW_HEADER: Record<DashboardTable['name'], string> = {
  categories: t('commissioner.rowCategories'),
  bands: t('commissioner.rowBands'),
  qualifications: t('commissioner.rowQualifications'),
  training: t('commissioner.rowTraining'),
  delegated: t('commissioner.rowDelegated'),
  progression: t('commissioner.rowProgression'),
  issuers: t('commissioner.rowIssuers'),
};

const EXPLAIN: Record<DashboardTable['name'], string> = {
  categories: t('commissioner.explainCategories'),
  bands: t('commissioner.explainBands'),
  qualifications: t('commissioner.explainQualifications'),
  training: t('commissioner.explainTraining', { days: EXPIRING_WITHIN_DAYS }),
  delegated: t('commissioner.explainDelegated'),
  progression: t('commissioner.explainProgression'),
  issuers: t('commissioner.explainIssuers'),
};

const SEGMENTS = [
  { label: t('commissioner.inDate'), colour: CHART_COLOURS.ok },
  { label: t('commissioner.expiringWithin', { days: EXPIRING_WITHIN_DAYS }), colour: CHART_COLOURS.warn },
  { label: t('commissioner.expired'), colour: CHART_COLOURS.bad },
  { label: t('commissioner.noRecord'), colour: CHART_COLOURS.none },
];

function query(slug: string, params: Record<string, string>, path = '') {
  return `/commissioner/${slug}${path}?${new URLSearchParams(params).toString()}`;
}

/** A published figure, with protected ones shown muted. */
function CellText({ cell }: { cell: ViewCell | undefined }) {
  if (!cell) return <>–</>;
  if (cell.state === 'protected') return <span class="muted">{cell.display}</span>;
  return <>{cell.display}</>;
}

/** One table's published figures, with totals and shares where the table has them. */
function FigureTable({ table }: { table: DashboardTable }) {
  return (
    <Scroll label={t('commissioner.figures', { title: table.title })}>
      <table>
        <caption class="visually-hidden">{t('commissioner.figures', { title: table.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{ROW_HEADER[table.name]}</th>
            {table.cols.map((c) => (
              <th scope="col">{c.label}</th>
            ))}
            {table.rowTotals ? <th scope="col">{t('commissioner.allWorkers')}</th> : null}
            {table.shares ? <th scope="col">{t('commissioner.share')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr>
              <th scope="row">{r.label}</th>
              {(table.cells[i] ?? []).map((c) => (
                <td>
                  <CellText cell={c} />
                </td>
              ))}
              {table.rowTotals ? (
                <td>
                  <CellText cell={table.rowTotals[i]} />
                </td>
              ) : null}
              {table.shares ? (
                <td>{table.shares[i] === null || table.shares[i] === undefined ? '–' : `${table.shares[i]}%`}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {table.colTotals ? (
          <tfoot>
            <tr>
              <th scope="row">{t('commissioner.total')}</th>
              {table.colTotals.map((c) => (
                <td>
                  <CellText cell={c} />
                </td>
              ))}
              {table.shares ? <td /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </Scroll>
  );
}

/** What a bar chart shows, for its accessible description (at most 15 bars are drawn). */
function barDescription(table: DashboardTable, shown: number): string {
  const params = { count: table.cols[0]?.label ?? t('commissioner.count'), row: ROW_HEADER[table.name].toLowerCase() };
  return table.rows.length > shown
    ? t('commissioner.barChartLargest', { ...params, shown })
    : t('commissioner.barChart', params);
}

/** One table's chart: stacked bars for training in date, plain bars for the rest. */
function Chart({ table }: { table: DashboardTable }) {
  const id = `chart-${table.name}`;
  if (table.name === 'training') {
    return (
      <StackedBarChart
        id={id}
        title={table.title}
        description={t('commissioner.trainingChart')}
        segments={SEGMENTS}
        rows={table.rows.map((r, i) => ({
          label: r.label,
          parts: (table.cells[i] ?? []).map((c) => ({ value: c.value, display: c.display })),
        }))}
      />
    );
  }
  const rows = table.rows.slice(0, 15);
  return (
    <BarChart
      id={id}
      title={table.title}
      description={barDescription(table, rows.length)}
      bars={rows.map((r, i) => {
        const c = table.cells[i]?.[0];
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
        {t('commissioner.noAreas')}
      </p>
    );
  }
  return (
    <form method="get" action={`/commissioner/${org.slug}`} class="stack" aria-label={t('commissioner.filter')}>
      <div class="cols">
        <div class="field">
          <label for="area">{t('commissioner.area')}</label>
          <select id="area" name="area">
            <option value="all" selected={filter.area === 'all'}>
              {t('commissioner.allAreas')}
            </option>
            {view.areas.map((a) => (
              <option value={a.code} selected={filter.area === a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="category">{t('commissioner.category')}</label>
          <select id="category" name="category">
            <option value="all" selected={filter.category === 'all'}>
              {t('commissioner.allCategories')}
            </option>
            {view.categories.map((c) => (
              <option value={c.key} selected={filter.category === c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit">{t('commissioner.show')}</button>
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
          <Chart table={table} />
          <FigureTable table={table} />
        </>
      ) : (
        <p>{t('commissioner.noneRecorded')}</p>
      )}
      {table.name === 'delegated' ? (
        <p class="small">{t('commissioner.outOf', { count: view.population.display })}</p>
      ) : null}
      <p class="small">
        <a
          href={query(org.slug, { table: table.name, area: filter.area, category: filter.category }, '/export.csv')}
          download
        >
          {t('commissioner.download', { title: table.title })}
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
        {view.release ? t('commissioner.tooFew') : t('commissioner.noRelease')}
      </p>
    );
  }
  return (
    <>
      <p>
        {rich('en', 'commissioner.population', {
          count: <strong id="population">{view.population.display}</strong>,
        })}
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
    <Layout title={t('commissioner.titleOf', { name: org.name })} actor={actor}>
      <h1>{t('commissioner.title')}</h1>
      <p class="muted">{org.name}</p>
      <p>{t('commissioner.intro', { method: METHOD_LINE })}</p>
      <p id="release">
        <strong>{releaseLine(view.release)}</strong>
      </p>
      {view.change ? (
        <div class="notice" role="note" id="method-change">
          <p>
            <strong>{t('commissioner.whatChanged')}</strong> {view.change}
          </p>
        </div>
      ) : null}
      <FilterForm org={org} view={view} />
      <Figures {...p} />
    </Layout>
  );
}

/** The commissioner's dashboard of workforce figures for their areas: page, CSV export and JSON. */
import { Hono } from 'hono';
import { dashboardQuery, exportQuery } from '../../../schemas/workforce';
import { t } from '../../../web/i18n/messages';
import { CommissionerPage } from '../../../web/pages/commissioner';
import type { AppContext, AppEnv } from '../../context';
import { queryOf } from '../../lib/validate';
import { PRIVATE_HEADERS } from '../../middleware/private-pages';
import { guard } from '../../policy';
import { TABLE_TITLES } from '../../services/workforce/dashboard';
import { METHOD_LINE, loadReleaseDashboard, releaseLine } from '../../services/workforce/commissioner-view';
import { csvHeader, releaseTableCsv } from '../../services/workforce/dashboard-csv';
import { MINIMUM, PROTECTED, ROUND_TO } from '../../services/workforce/perturbation';
import type { ViewCell } from '../../services/workforce/release-tables';
import { guardedOrg } from '../../lib/http/actor';

async function viewFor(c: AppContext, filter: { area: string; category: string }) {
  const org = guardedOrg(c);
  const view = await loadReleaseDashboard(c.get('deps'), { orgId: org.orgId, filter });
  return { org, view };
}

const cellJson = (cell: ViewCell) => ({ value: cell.value, display: cell.display, state: cell.state });

const app = new Hono<AppEnv>();
// Approved commissioners only: anyone can register an organisation, and its areas are confirmed by the platform.
const commissioner = guard('orgMember', { kind: 'commissioner', approved: true });

app.get('/commissioner/:org', commissioner, async (c) => {
  const { org, view } = await viewFor(c, queryOf(c, dashboardQuery));
  return c.html(CommissionerPage({ actor: c.get('actor'), org, view }), 200, PRIVATE_HEADERS);
});

app.get('/commissioner/:org/export.csv', commissioner, async (c) => {
  const q = queryOf(c, exportQuery);
  const { org, view } = await viewFor(c, { area: q.area, category: q.category });
  const table = view.tables.find((t) => t.name === q.table);
  const body = table
    ? releaseTableCsv(view, table)
    : `${csvHeader(view)}${TABLE_TITLES[q.table]}\r\n${t('en', 'commissioner.csvNoFigures')}\r\n`;
  const file = `${org.slug}-${q.table}-${q.area}${q.category === 'all' ? '' : `-${q.category}`}.csv`.replace(
    /[^a-zA-Z0-9._-]/g,
    '_',
  );
  return c.body(body, 200, {
    ...PRIVATE_HEADERS,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file}"`,
  });
});

app.get('/api/v1/commissioner/:org/dashboard', commissioner, async (c) => {
  const { org, view } = await viewFor(c, queryOf(c, dashboardQuery));
  const d = view;
  return c.json(
    {
      organisation: { slug: org.slug, name: org.name },
      filter: view.filter,
      areas: view.areas,
      categories: view.categories,
      release: view.release
        ? { period: view.release.period, cutAt: view.release.cutAt, method: view.release.method }
        : null,
      releaseNote: releaseLine(view.release),
      methodChange: view.change,
      disclosure: { method: METHOD_LINE, roundedTo: ROUND_TO, minimum: MINIMUM, protectedWord: PROTECTED },
      gated: d.gated,
      population: cellJson(d.population),
      tables: d.tables.map((t) => ({
        name: t.name,
        title: t.title,
        columns: t.cols.map((col) => col.label),
        rows: t.rows.map((r, i) => ({
          label: r.label,
          cells: (t.cells[i] ?? []).map(cellJson),
          ...(t.rowTotals?.[i] ? { total: cellJson(t.rowTotals[i]) } : {}),
          ...(t.shares ? { sharePercent: t.shares[i] ?? null } : {}),
        })),
        ...(t.colTotals ? { totals: t.colTotals.map(cellJson) } : {}),
      })),
    },
    200,
    PRIVATE_HEADERS,
  );
});

export default app;

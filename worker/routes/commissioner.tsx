/**
 * Workforce intelligence: a worker's consent to be counted (/account/workforce), an employer's area
 * (/org/:org/area), and the commissioner's dashboard, CSV exports and JSON (/commissioner/:org...).
 */
import type { Hono } from 'hono';
import { dashboardQuery, exportQuery, orgAreaForm, workforceForm } from '../../schemas/workforce';
import { CommissionerPage } from '../../web/pages/commissioner';
import { OrgAreaPage, WorkforceConsentPage } from '../../web/pages/workforce-consent';
import { emptyForm } from '../../web/components/form-state';
import type { AppContext, AppEnv } from '../context';
import { queryOf } from '../lib/validate';
import { currentMembership, guard } from '../policy';
import { listAreas } from '../services/accounts/accounts';
import { listLadders } from '../services/catalogue/catalogue';
import {
  organisationArea,
  saveWorkforceProfile,
  setOrganisationArea,
  workforceProfileOf,
} from '../services/workforce/consent';
import { roleOptions } from '../services/passport/pathway';
import { type CommissionerView, TABLE_TITLES, loadCommissionerView, tableCsv } from '../services/workforce/aggregates';
import type { Cell } from '../services/workforce/disclosure';
import { formStateFrom, noticeFrom, readForm, userActor } from './forms';

const CONSENT_NOTICES: Record<string, string> = {
  saved: 'Saved.',
  given: 'Thank you. You are now counted anonymously in workforce statistics for your area.',
  withdrawn: 'You are no longer counted in workforce statistics, and the role changes recorded for them are deleted.',
};
const AREA_NOTICES: Record<string, string> = { saved: 'The area is saved.' };

/** Figures for one organisation (and a worker's own settings): never stored by a shared cache. */
const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** Keeps a large area's background rebuild alive on Workers; on Node the promise simply runs. */
function keepAlive(c: AppContext, view: CommissionerView) {
  for (const p of view.pending) {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // No execution context outside Workers.
    }
  }
}

async function viewFor(c: AppContext, filter: { area: string; category: string }) {
  const { db, config, clock } = c.get('deps');
  const org = currentMembership(c.get('actor'), c.req.param('org'), 'commissioner');
  const view = await loadCommissionerView(db, config, { orgId: org.orgId, filter, now: clock() });
  keepAlive(c, view);
  return { org, view };
}

const cellJson = (cell: Cell) => ({ value: cell.value, display: cell.display, state: cell.state });

export function commissionerRoutes(app: Hono<AppEnv>) {
  const signedIn = guard('signedIn');
  // Approved commissioners only: anyone can register an organisation, and its areas are confirmed by the platform.
  const commissioner = guard('orgMember', { kind: 'commissioner', approved: true });
  const employerAdmin = guard('orgAdmin', { kind: 'employer' });

  // ------------------------------------------------------------ a worker's consent

  const consentPage = async (c: AppContext, form: ReturnType<typeof emptyForm>, status: 200 | 400 = 200) => {
    const actor = userActor(c);
    const { db } = c.get('deps');
    const [areas, ladders, profile] = await Promise.all([
      listAreas(db),
      listLadders(db),
      workforceProfileOf(db, actor.user.id),
    ]);
    return c.html(
      WorkforceConsentPage({
        actor,
        areas,
        roleGroups: roleOptions(ladders),
        form,
        consentedAt: profile.consent ? profile.consentAt : null,
        notice: noticeFrom(c, CONSENT_NOTICES),
      }),
      status,
      PRIVATE,
    );
  };

  app.get('/account/workforce', signedIn, async (c) => {
    const profile = await workforceProfileOf(c.get('deps').db, userActor(c).user.id);
    return consentPage(
      c,
      emptyForm({
        areaCode: profile.areaCode ?? '',
        currentRoleId: profile.currentRoleId ?? '',
        consent: profile.consent ? 'yes' : '',
      }),
    );
  });

  app.post('/account/workforce', signedIn, async (c) => {
    const actor = userActor(c);
    const f = await readForm(c, workforceForm);
    if (!f.ok) return consentPage(c, f.state, 400);
    const { db, clock } = c.get('deps');
    try {
      const outcome = await saveWorkforceProfile(db, { userId: actor.user.id, ...f.data, now: clock() });
      const notice = outcome.consent === 'given' || outcome.consent === 'withdrawn' ? outcome.consent : 'saved';
      return c.redirect(`/account/workforce?notice=${notice}`, 303);
    } catch (err) {
      return consentPage(c, formStateFrom(err, f.values), 400);
    }
  });

  // ------------------------------------------------------------ an employer's area

  const areaPage = async (c: AppContext, form: ReturnType<typeof emptyForm>, status: 200 | 400 = 200) => {
    const org = currentMembership(c.get('actor'), c.req.param('org'), 'employer');
    return c.html(
      OrgAreaPage({
        actor: userActor(c),
        org,
        areas: await listAreas(c.get('deps').db),
        form,
        notice: noticeFrom(c, AREA_NOTICES),
      }),
      status,
    );
  };

  app.get('/org/:org/area', employerAdmin, async (c) => {
    const org = currentMembership(c.get('actor'), c.req.param('org'), 'employer');
    return areaPage(c, emptyForm({ areaCode: (await organisationArea(c.get('deps').db, org.orgId)) ?? '' }));
  });

  app.post('/org/:org/area', employerAdmin, async (c) => {
    const org = currentMembership(c.get('actor'), c.req.param('org'), 'employer');
    const f = await readForm(c, orgAreaForm);
    if (!f.ok) return areaPage(c, f.state, 400);
    const { db, clock } = c.get('deps');
    try {
      await setOrganisationArea(db, {
        orgId: org.orgId,
        areaCode: f.data.areaCode,
        actorUserId: userActor(c).user.id,
        now: clock(),
      });
    } catch (err) {
      return areaPage(c, formStateFrom(err, f.values), 400);
    }
    return c.redirect(`/org/${org.slug}/area?notice=saved`, 303);
  });

  // ------------------------------------------------------------ the commissioner's dashboard

  app.get('/commissioner/:org', commissioner, async (c) => {
    const { org, view } = await viewFor(c, queryOf(c, dashboardQuery));
    return c.html(CommissionerPage({ actor: c.get('actor'), org, view }), 200, PRIVATE);
  });

  app.get('/commissioner/:org/export.csv', commissioner, async (c) => {
    const q = queryOf(c, exportQuery);
    const { org, view } = await viewFor(c, { area: q.area, category: q.category });
    const d = view.dashboard;
    const table = d.tables.find((t) => t.name === q.table);
    const body = table
      ? tableCsv(table, d.population)
      : `${TABLE_TITLES[q.table]}\r\nFewer than ${d.policy.threshold} consenting workers match these filters; no figures are shown.\r\n`;
    const file = `${org.slug}-${q.table}-${q.area}${q.category === 'all' ? '' : `-${q.category}`}.csv`.replace(
      /[^a-zA-Z0-9._-]/g,
      '_',
    );
    return c.body(body, 200, {
      ...PRIVATE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
    });
  });

  app.get('/api/v1/commissioner/:org/dashboard', commissioner, async (c) => {
    const { org, view } = await viewFor(c, queryOf(c, dashboardQuery));
    const d = view.dashboard;
    return c.json(
      {
        organisation: { slug: org.slug, name: org.name },
        filter: view.filter,
        areas: view.areas,
        categories: view.categories,
        disclosure: { threshold: d.policy.threshold, roundedTo: d.policy.base },
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
      PRIVATE,
    );
  });
}

/** The reference catalogue: public read-only API and browsable pages. */
import { Hono } from 'hono';
import { competencyQuery, idParam, roleQuery } from '../../schemas/catalogue';
import { t } from '../../web/i18n/messages';
import { CataloguePage, CompetenciesPage, RolePage, SourcesPage } from '../../web/pages/catalogue';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { parseWith, queryOf } from '../lib/validate';
import { guard } from '../policy';
import {
  getCompetency,
  getRole,
  listBands,
  listCompetencies,
  listFrameworks,
  listLadders,
  listRoles,
} from '../services/catalogue/catalogue';

const cache = { 'Cache-Control': 'public, max-age=300' };

/** The public catalogue of roles and competencies. */
const app = new Hono<AppEnv>();
const open = guard('public');

app.get('/api/v1/catalogue/frameworks', open, async (c) =>
  c.json({ frameworks: await listFrameworks(c.get('deps').db) }, 200, cache),
);
app.get('/api/v1/catalogue/ladders', open, async (c) =>
  c.json({ ladders: await listLadders(c.get('deps').db) }, 200, cache),
);
app.get('/api/v1/catalogue/roles', open, async (c) => {
  const q = queryOf(c, roleQuery);
  return c.json({ roles: await listRoles(c.get('deps').db, q.framework) }, 200, cache);
});
app.get('/api/v1/catalogue/roles/:id', open, async (c) => {
  const { id } = parseWith(idParam, c.req.param(), 'Role id');
  const role = await getRole(c.get('deps').db, id);
  if (!role) throw notFound(t('en', 'errorPage.noRole'));
  return c.json(role, 200, cache);
});
app.get('/api/v1/catalogue/bands', open, async (c) => {
  const q = queryOf(c, roleQuery);
  return c.json({ bands: await listBands(c.get('deps').db, q.framework) }, 200, cache);
});
app.get('/api/v1/catalogue/competencies', open, async (c) => {
  const q = queryOf(c, competencyQuery);
  return c.json({ competencies: await listCompetencies(c.get('deps').db, q) }, 200, cache);
});
app.get('/api/v1/catalogue/competencies/:id', open, async (c) => {
  const { id } = parseWith(idParam, c.req.param(), 'Competency id');
  const item = await getCompetency(c.get('deps').db, id);
  if (!item) throw notFound(t('en', 'errorPage.noCompetency'));
  return c.json(item, 200, cache);
});

app.get('/catalogue', open, async (c) => {
  const db = c.get('deps').db;
  const [ladders, afc] = await Promise.all([listLadders(db), listBands(db, 'nhs-afc')]);
  return c.html(CataloguePage({ actor: c.get('actor'), ladders, afcBands: afc }));
});
app.get('/catalogue/roles/:id', open, async (c) => {
  const { id } = parseWith(idParam, c.req.param(), 'Role id');
  const role = await getRole(c.get('deps').db, id);
  if (!role) throw notFound(t('en', 'errorPage.noRole'));
  return c.html(RolePage({ actor: c.get('actor'), data: role }));
});
app.get('/catalogue/competencies', open, async (c) => {
  const q = queryOf(c, competencyQuery);
  const db = c.get('deps').db;
  const [items, fws] = await Promise.all([listCompetencies(db, q), listFrameworks(db)]);
  return c.html(CompetenciesPage({ actor: c.get('actor'), items, frameworks: fws, query: q }));
});
app.get('/catalogue/sources', open, async (c) =>
  c.html(SourcesPage({ actor: c.get('actor'), frameworks: await listFrameworks(c.get('deps').db) })),
);

export default app;

/** Platform admin: list workforce releases and cut one (the button behind `npm run admin -- cut-release`). */
import { Hono } from 'hono';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { AdminReleasesPage } from '../../../web/pages/admin-releases';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { userActor } from '../../lib/http/actor';
import { noticeFrom } from '../../lib/http/forms';
import { guard } from '../../policy';
import { coverage, cutRelease, listReleases } from '../../services/workforce/releases';

const NOTICES: Record<string, PlainMessageKey> = {
  cut: 'admin.noticeCut',
  already: 'admin.noticeAlready',
};

const app = new Hono<AppEnv>();
const platformAdmin = guard('platformAdmin');

app.get('/admin/releases', platformAdmin, async (c) => {
  const { db } = c.get('deps');
  const [releases, counted] = await Promise.all([listReleases(db), coverage(db)]);
  return c.html(
    AdminReleasesPage({ actor: userActor(c), releases, coverage: counted, notice: noticeFrom(c, NOTICES) }),
  );
});

app.post('/admin/releases', platformAdmin, async (c) => {
  const { db, clock } = c.get('deps');
  try {
    await cutRelease(db, { now: clock(), cutBy: userActor(c).user.id });
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return c.redirect('/admin/releases?notice=already', 303);
    throw err;
  }
  return c.redirect('/admin/releases?notice=cut', 303);
});

export default app;

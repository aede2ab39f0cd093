/** An employer's area, which places its staff in the commissioners' statistics. */
import { Hono } from 'hono';
import { orgAreaForm } from '../../../schemas/workforce';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { OrgAreaPage } from '../../../web/pages/workforce-consent';
import { emptyForm } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { listAreas } from '../../services/accounts/profile';
import { organisationArea, setOrganisationArea } from '../../services/workforce/consent';
import { guardedOrg, userActor } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';

const AREA_NOTICES: Record<string, PlainMessageKey> = { saved: 'organisation.noticeAreaSaved' };

const app = new Hono<AppEnv>();
const employerAdmin = guard('orgAdmin', { kind: 'employer' });

const areaPage = async (c: AppContext, form: ReturnType<typeof emptyForm>, status: 200 | 400 = 200) => {
  const org = guardedOrg(c);
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
  const org = guardedOrg(c);
  return areaPage(c, emptyForm({ areaCode: (await organisationArea(c.get('deps').db, org.orgId)) ?? '' }));
});

app.post('/org/:org/area', employerAdmin, async (c) => {
  const org = guardedOrg(c);
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

export default app;

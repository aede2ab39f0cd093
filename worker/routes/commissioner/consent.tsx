/** A care worker's consent to be counted, anonymously, in workforce statistics for their area. */
import { Hono } from 'hono';
import { workforceForm } from '../../../schemas/workforce';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { WorkforceConsentPage } from '../../../web/pages/workforce-consent';
import { emptyForm } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { PRIVATE_HEADERS } from '../../middleware/private-pages';
import { guard } from '../../policy';
import { listAreas } from '../../services/accounts/profile';
import { listLadders } from '../../services/catalogue/catalogue';
import { saveWorkforceProfile, workforceProfileOf } from '../../services/workforce/consent';
import { roleOptions } from '../../services/passport/pathway';
import { userActor } from '../../lib/http/actor';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';

const CONSENT_NOTICES = {
  saved: 'account.noticeConsentSaved',
  given: 'account.noticeConsentGiven',
  withdrawn: 'account.noticeConsentWithdrawn',
} as const satisfies Record<string, PlainMessageKey>;

/** The consent page's notices (saved, counted from now, no longer counted) in the page's language. */
const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

const consentPage = async (c: AppContext, form: ReturnType<typeof emptyForm>, status: 200 | 400 = 200) => {
  const actor = userActor(c);
  const lang = c.get('lang');
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
      notice: noticeFrom(c, CONSENT_NOTICES, lang),
      lang,
    }),
    status,
    PRIVATE_HEADERS,
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

export default app;

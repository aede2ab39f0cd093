/** The chooser page after sign-in: every place the signed-in person works, and their own passport. */
import { Hono } from 'hono';
import { StartPage } from '../../../web/pages/start';
import type { AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { guard } from '../../policy';
import { workPlaces } from '../../services/accounts/landing';

const app = new Hono<AppEnv>();

app.get('/start', guard('signedIn'), (c) => {
  const actor = userActor(c);
  const places = workPlaces(actor.user.isPlatformAdmin, actor.memberships);
  return c.html(StartPage({ actor, places, lang: c.get('lang') }));
});

export default app;

/** An academy's achievements: creating one, its page, archiving it. */
import { Hono } from 'hono';
import { achievementForm } from '../../../schemas/academy';
import { NewAchievementPage } from '../../../web/pages/academy-achievements';
import { type FormState, emptyForm } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { academyContext, achievementPage } from '../../lib/http/academy';
import { formStateFrom, postedForm, readForm } from '../../lib/http/forms';
import { hexIdFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { archiveAchievement, createAchievement } from '../../services/academy/achievements';
import { issuableCatalogue } from '../../services/academy/register';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });
const issuer = guard('orgMember', { kind: 'academy', approved: true });

const newAchievementPage = async (
  c: AppContext,
  form: FormState = emptyForm(),
  checked: string[] = [],
  status: 200 | 400 = 200,
) => {
  const { actor, org } = await academyContext(c);
  const catalogue = await issuableCatalogue(c.get('deps').db, org.id);
  return c.html(NewAchievementPage({ actor, slug: org.slug, catalogue, form, checked }), status);
};

app.get('/academy/:org/achievements/new', issuer, (c) => newAchievementPage(c));

app.post('/academy/:org/achievements/new', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const raw = await postedForm(c);
  const checked = ([] as unknown[]).concat(raw.alignedIds ?? []).filter((v): v is string => typeof v === 'string');
  const f = await readForm(c, achievementForm);
  if (!f.ok) return newAchievementPage(c, f.state, checked, 400);
  try {
    const a = await createAchievement(c.get('deps').db, {
      ...f.data,
      orgId: org.id,
      createdBy: actor.user.id,
      now: c.get('deps').clock(),
    });
    return c.redirect(`/academy/${org.slug}/achievements/${a.id}?notice=created`, 303);
  } catch (err) {
    return newAchievementPage(c, formStateFrom(err, f.values), checked, 400);
  }
});

app.get('/academy/:org/achievements/:id', member, (c) => achievementPage(c));

app.post('/academy/:org/achievements/:id/archive', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const id = hexIdFromPath(c, 'id', 'achievement');
  await archiveAchievement(c.get('deps').db, {
    orgId: org.id,
    achievementId: id,
    actorUserId: actor.user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect(`/academy/${org.slug}/achievements/${id}?notice=archived`, 303);
});

export default app;

/** An organisation's API tokens: creating one (shown once) and revoking it. */
import { Hono } from 'hono';
import { apiTokenForm } from '../../../schemas/accounts';
import { emptyForm, type FormState } from '../../../web/components/form-state';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { TokensPage } from '../../../web/pages/organisation';
import type { AppContext, AppEnv } from '../../context';
import { guard } from '../../policy';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/organisations/api-tokens';
import { noticeFrom, postedForm, readForm, tickedValues } from '../../lib/http/forms';
import { orgContext } from '../../lib/http/org';
import { uuidFromPath } from '../../lib/http/params';

const NOTICES: Record<string, PlainMessageKey> = {
  revoked: 'organisation.noticeTokenRevoked',
};

const app = new Hono<AppEnv>();
const admin = guard('orgAdmin');

const tokensPage = async (
  c: AppContext,
  extra: { form?: FormState; checked?: string[]; created?: { name: string; token: string } } = {},
  status: 200 | 400 = 200,
) => {
  const { actor, org } = await orgContext(c);
  const tokens = await listApiTokens(c.get('deps').db, org.id);
  // The response that shows a new token must not be stored anywhere on the way.
  if (extra.created) c.header('Cache-Control', 'no-store');
  return c.html(
    TokensPage({
      actor,
      org,
      tokens,
      form: extra.form ?? emptyForm(),
      checked: extra.checked ?? ['verify'],
      created: extra.created,
      notice: status === 200 && !extra.created ? noticeFrom(c, NOTICES) : undefined,
    }),
    status,
  );
};

app.get('/org/:org/tokens', admin, (c) => tokensPage(c));

app.post('/org/:org/tokens', admin, async (c) => {
  const { actor, org } = await orgContext(c);
  const f = await readForm(c, apiTokenForm);
  if (!f.ok) {
    const checked = tickedValues(await postedForm(c), 'scopes');
    return tokensPage(c, { form: f.state, checked }, 400);
  }
  const { token } = await createApiToken(c.get('deps').db, {
    orgId: org.id,
    name: f.data.name,
    scopes: f.data.scopes,
    createdBy: actor.user.id,
    now: c.get('deps').clock(),
  });
  return tokensPage(c, { created: { name: f.data.name, token } });
});

app.post('/org/:org/tokens/:id/revoke', admin, async (c) => {
  const { actor, org } = await orgContext(c);
  const tokenId = uuidFromPath(c, 'id', 'API token');
  await revokeApiToken(c.get('deps').db, {
    orgId: org.id,
    tokenId,
    actorUserId: actor.user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect(`/org/${org.slug}/tokens?notice=revoked`, 303);
});

export default app;

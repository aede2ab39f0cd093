/** Registering an organisation, and accepting an invitation to join one. */
import { Hono } from 'hono';
import { createOrgForm, tokenQuery } from '../../../schemas/accounts';
import { emptyForm } from '../../../web/components/form-state';
import { t } from '../../../web/i18n/messages';
import { InvitationPage, NewOrganisationPage } from '../../../web/pages/organisation';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { guard } from '../../policy';
import { acceptInvitation, findInvitation } from '../../services/organisations/invitations';
import { createOrganisation } from '../../services/organisations/organisations';
import { userActor } from '../../lib/http/actor';
import { readForm } from '../../lib/http/forms';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

app.get('/organisations/new', signedIn, (c) => c.html(NewOrganisationPage({ actor: userActor(c), form: emptyForm() })));

app.post('/organisations/new', signedIn, async (c) => {
  const actor = userActor(c);
  const f = await readForm(c, createOrgForm);
  if (!f.ok) return c.html(NewOrganisationPage({ actor, form: f.state }), 400);
  const org = await createOrganisation(c.get('deps').db, {
    ...f.data,
    ownerUserId: actor.user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect(`/org/${org.slug}?notice=created`, 303);
});

app.get('/invitations/accept', guard('public'), async (c) => {
  const q = tokenQuery.safeParse(c.req.query());
  if (!q.success) return c.html(InvitationPage({ actor: c.get('actor'), invitation: null, token: '' }), 400);
  const { db, clock } = c.get('deps');
  const invitation = await findInvitation(db, q.data.token, clock());
  return c.html(InvitationPage({ actor: c.get('actor'), invitation, token: q.data.token }), invitation ? 200 : 410);
});

app.post('/invitations/accept', signedIn, async (c) => {
  const actor = userActor(c);
  const f = await readForm(c, tokenQuery);
  if (!f.ok)
    throw new AppError('validation_failed', t('en', 'organisation.invitationLinkInvalid'), [
      { path: 'token', message: t('en', 'organisation.notValid') },
    ]);
  const { db, clock } = c.get('deps');
  const inv = await acceptInvitation(db, { token: f.data.token, user: actor.user, now: clock() });
  return c.redirect(`/org/${inv.org.slug}?notice=joined`, 303);
});

export default app;

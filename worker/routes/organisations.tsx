/** Organisation registration, pages, members, invitations and API tokens. */
import type { Hono } from 'hono';
import { apiTokenForm, createOrgForm, inviteForm, roleForm, tokenQuery } from '../../schemas/accounts';
import { emptyForm, type FormState } from '../../web/components/form-state';
import {
  InvitationPage,
  MembersPage,
  NewOrganisationPage,
  OrganisationPage,
  TokensPage,
} from '../../web/pages/organisation';
import type { AppContext, AppEnv } from '../context';
import { AppError, notFound } from '../errors';
import { currentMembership, guard } from '../policy';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/organisations/api-tokens';
import {
  acceptInvitation,
  changeMemberRole,
  createOrganisation,
  findInvitation,
  getOrganisationBySlug,
  inviteMember,
  issuerScopesByOrg,
  listIssuingFrameworks,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from '../services/organisations/organisations';
import { formStateFrom, noticeFrom, readForm, userActor, uuidFromPath } from './forms';

const NOTICES: Record<string, string> = {
  created: 'Your organisation is registered and awaiting approval by the platform team.',
  joined: 'Welcome! You are now a member.',
  invited: 'Invitation sent.',
  'role-changed': 'Role changed.',
  removed: 'Member removed.',
  withdrawn: 'Invitation withdrawn.',
  revoked: 'Token revoked. Requests using it are refused from now on.',
};

/** The guarded organisation: the caller's membership and the organisation row. */
async function orgContext(c: AppContext) {
  const actor = userActor(c);
  const membership = currentMembership(actor, c.req.param('org'));
  const org = await getOrganisationBySlug(c.get('deps').db, membership.slug);
  if (!org) throw notFound();
  return { actor, membership, org };
}

export function organisationRoutes(app: Hono<AppEnv>) {
  const signedIn = guard('signedIn');
  const member = guard('orgMember');
  const admin = guard('orgAdmin');

  // ------------------------------------------------------------ registering

  app.get('/organisations/new', signedIn, (c) =>
    c.html(NewOrganisationPage({ actor: userActor(c), form: emptyForm() })),
  );

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

  // ------------------------------------------------------------ overview and members

  app.get('/org/:org', member, async (c) => {
    const { actor, membership, org } = await orgContext(c);
    const { db } = c.get('deps');
    const [members, scopeMap, fws] = await Promise.all([
      listMembers(db, org.id),
      issuerScopesByOrg(db, [org.id]),
      org.kind === 'academy' ? listIssuingFrameworks(db) : Promise.resolve([]),
    ]);
    const scopeIds = new Set(scopeMap.get(org.id) ?? []);
    const scopes = fws.filter((f) => scopeIds.has(f.id));
    return c.html(
      OrganisationPage({ actor, org, membership, memberCount: members.length, scopes, notice: noticeFrom(c, NOTICES) }),
    );
  });

  const membersPage = async (
    c: AppContext,
    invite: FormState = emptyForm({ role: 'staff' }),
    status: 200 | 400 = 200,
  ) => {
    const { actor, membership, org } = await orgContext(c);
    const { db, clock } = c.get('deps');
    const [members, invitations] = await Promise.all([
      listMembers(db, org.id),
      listPendingInvitations(db, org.id, clock()),
    ]);
    const notice = status === 200 ? noticeFrom(c, NOTICES) : undefined;
    return c.html(MembersPage({ actor, org, membership, members, invitations, invite, notice }), status);
  };

  app.get('/org/:org/members', member, (c) => membersPage(c));

  app.post('/org/:org/invitations', admin, async (c) => {
    const { actor, membership, org } = await orgContext(c);
    const f = await readForm(c, inviteForm);
    if (!f.ok) return membersPage(c, f.state, 400);
    try {
      await inviteMember(c.get('deps'), {
        org,
        email: f.data.email,
        role: f.data.role,
        invitedBy: { userId: actor.user.id, role: membership.role, name: actor.user.displayName },
      });
    } catch (err) {
      return membersPage(c, formStateFrom(err, f.values), 400);
    }
    return c.redirect(`/org/${org.slug}/members?notice=invited`, 303);
  });

  app.post('/org/:org/invitations/:id/revoke', admin, async (c) => {
    const { actor, org } = await orgContext(c);
    const invitationId = uuidFromPath(c, 'id', 'invitation');
    await revokeInvitation(c.get('deps').db, {
      orgId: org.id,
      invitationId,
      actorUserId: actor.user.id,
      now: c.get('deps').clock(),
    });
    return c.redirect(`/org/${org.slug}/members?notice=withdrawn`, 303);
  });

  app.post('/org/:org/members/:userId/role', admin, async (c) => {
    const { actor, membership, org } = await orgContext(c);
    const targetUserId = uuidFromPath(c, 'userId', 'member');
    const f = await readForm(c, roleForm);
    if (!f.ok)
      throw new AppError('validation_failed', 'Choose a role', [
        { path: 'role', message: f.state.errors.role ?? 'Choose a role' },
      ]);
    await changeMemberRole(c.get('deps').db, {
      orgId: org.id,
      targetUserId,
      role: f.data.role,
      actor: { userId: actor.user.id, role: membership.role },
      now: c.get('deps').clock(),
    });
    return c.redirect(`/org/${org.slug}/members?notice=role-changed`, 303);
  });

  app.post('/org/:org/members/:userId/remove', admin, async (c) => {
    const { actor, membership, org } = await orgContext(c);
    const targetUserId = uuidFromPath(c, 'userId', 'member');
    await removeMember(c.get('deps').db, {
      orgId: org.id,
      targetUserId,
      actor: { userId: actor.user.id, role: membership.role },
      now: c.get('deps').clock(),
    });
    // Someone who removed themselves can no longer see the members page.
    if (targetUserId === actor.user.id) return c.redirect('/account', 303);
    return c.redirect(`/org/${org.slug}/members?notice=removed`, 303);
  });

  // ------------------------------------------------------------ invitation links

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
      throw new AppError('validation_failed', 'This invitation link is not valid', [
        { path: 'token', message: 'Not valid' },
      ]);
    const { db, clock } = c.get('deps');
    const inv = await acceptInvitation(db, { token: f.data.token, user: actor.user, now: clock() });
    return c.redirect(`/org/${inv.org.slug}?notice=joined`, 303);
  });

  // ------------------------------------------------------------ API tokens

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
      const raw = (await c.req.parseBody({ all: true })).scopes;
      const checked = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((s): s is string => typeof s === 'string');
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
}

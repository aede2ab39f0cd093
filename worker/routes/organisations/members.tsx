/** An organisation's overview and its members: inviting, withdrawing invitations, changing roles, removing. */
import { Hono } from 'hono';
import { inviteForm, roleForm } from '../../../schemas/accounts';
import { emptyForm, type FormState } from '../../../web/components/form-state';
import { type PlainMessageKey, t } from '../../../web/i18n/messages';
import { MembersPage, OrganisationPage } from '../../../web/pages/organisation';
import type { AppContext, AppEnv } from '../../context';
import { AppError } from '../../errors';
import { guard } from '../../policy';
import { changeMemberRole, listMembers, removeMember } from '../../services/organisations/memberships';
import { inviteMember, listPendingInvitations, revokeInvitation } from '../../services/organisations/invitations';
import { issuerScopesByOrg, listIssuingFrameworks } from '../../services/organisations/approval';
import { formStateFrom, noticeFrom, readForm } from '../../lib/http/forms';
import { orgContext } from '../../lib/http/org';
import { uuidFromPath } from '../../lib/http/params';

const NOTICES: Record<string, PlainMessageKey> = {
  created: 'organisation.noticeCreated',
  joined: 'organisation.noticeJoined',
  invited: 'organisation.noticeInvited',
  'role-changed': 'organisation.noticeRoleChanged',
  removed: 'organisation.noticeRemoved',
  withdrawn: 'organisation.noticeWithdrawn',
};

const app = new Hono<AppEnv>();
const member = guard('orgMember');
const admin = guard('orgAdmin');

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
  if (!f.ok) {
    const chooseRole = t('en', 'organisation.chooseRole');
    throw new AppError('validation_failed', chooseRole, [{ path: 'role', message: f.state.errors.role ?? chooseRole }]);
  }
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

export default app;

/** Organisation pages: register, overview, members and invitations, accepting an invitation, API tokens. */
import type { Actor, OrgMembership } from '../../worker/context';
import type { ApiTokenView } from '../../worker/services/organisations/api-tokens';
import type { InvitationView } from '../../worker/services/organisations/invitations';
import type { Member } from '../../worker/services/organisations/memberships';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckboxGroup, ErrorSummary, Field, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';
import { MessagePage } from '../components/message-page';
import { StatusTag } from '../components/organisation-status';
import { RefusalNotice } from '../components/org-refusal';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

const KIND_LABEL = {
  academy: t('organisation.kindAcademy'),
  employer: t('organisation.kindEmployer'),
  commissioner: t('organisation.kindCommissioner'),
  platform: t('organisation.kindPlatform'),
} as const;

const ROLE_OPTIONS: [string, string][] = [
  ['staff', t('organisation.roleStaff')],
  ['admin', t('organisation.roleAdmin')],
  ['owner', t('organisation.roleOwner')],
];

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** GET/POST /organisations/new: anyone signed in registers an academy, employer or commissioner. */
export function NewOrganisationPage({ actor, form }: { actor: UserActor; form: FormState }) {
  return (
    <Layout title={t('organisation.newTitle')} actor={actor}>
      <h1>{t('organisation.newTitle')}</h1>
      <p>{t('organisation.newIntro')}</p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action="/organisations/new" class="stack" novalidate>
        <Csrf actor={actor} />
        <Field name="name" label={t('organisation.nameLabel')} form={form} autocomplete="organization" />
        <SelectField
          name="kind"
          label={t('organisation.kindLabel')}
          form={form}
          options={[
            ['', t('organisation.chooseOne')],
            ['academy', KIND_LABEL.academy],
            ['employer', KIND_LABEL.employer],
            ['commissioner', KIND_LABEL.commissioner],
          ]}
        />
        <button type="submit">{t('organisation.register')}</button>
      </form>
    </Layout>
  );
}

/** The organisation's sections; tokens and the area only for its admins. */
function OrgNav({ org, isAdmin }: { org: Organisation; isAdmin: boolean }) {
  return (
    <nav aria-label={t('organisation.nav')}>
      <ul class="inline-list">
        <li>
          <a href={`/org/${org.slug}`}>{t('organisation.navOverview')}</a>
        </li>
        <li>
          <a href={`/org/${org.slug}/members`}>{t('organisation.members')}</a>
        </li>
        {isAdmin ? (
          <li>
            <a href={`/org/${org.slug}/tokens`}>{t('organisation.apiTokens')}</a>
          </li>
        ) : null}
        {isAdmin && org.kind === 'employer' ? (
          <li>
            <a href={`/org/${org.slug}/area`}>{t('organisation.navArea')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** GET /org/:org: the organisation's kind, approval status, the member's role and what an academy may issue. */
export function OrganisationPage(p: {
  actor: UserActor;
  org: Organisation;
  membership: OrgMembership;
  memberCount: number;
  scopes: { id: string; name: string }[];
  notice?: string | undefined;
}) {
  const { org } = p;
  const isAdmin = p.membership.role !== 'staff';
  return (
    <Layout title={org.name} actor={p.actor} notice={p.notice}>
      <h1>{org.name}</h1>
      <OrgNav org={org} isAdmin={isAdmin} />
      <dl class="facts">
        <dt>{t('organisation.kind')}</dt>
        <dd>{KIND_LABEL[org.kind]}</dd>
        <dt>{t('organisation.status')}</dt>
        <dd>
          <StatusTag status={org.status} />
        </dd>
        <dt>{t('organisation.yourRole')}</dt>
        <dd>{p.membership.role}</dd>
        <dt>{t('organisation.members')}</dt>
        <dd>{p.memberCount}</dd>
        {org.approvedAt ? (
          <>
            <dt>{t('organisation.approved')}</dt>
            <dd>{date(org.approvedAt)}</dd>
          </>
        ) : null}
      </dl>
      {org.status === 'pending' ? (
        <p class="notice" role="status">
          {t('organisation.pendingNotice')}
        </p>
      ) : null}
      {org.status === 'suspended' ? <p class="notice error">{t('organisation.suspendedNotice')}</p> : null}
      {org.status === 'refused' ? <RefusalNotice reason={org.refusalReason} /> : null}
      {org.kind === 'academy' ? (
        <section aria-labelledby="scopes-title">
          <h2 id="scopes-title">{t('organisation.scopesTitle')}</h2>
          {p.scopes.length ? (
            <ul>
              {p.scopes.map((s) => (
                <li>{s.name}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('organisation.noScopes')}</p>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

/** What the members page shows: the members, the invitations still open and the invite form. */
type MembersPageProps = {
  actor: UserActor;
  org: Organisation;
  membership: OrgMembership;
  members: Member[];
  invitations: { id: string; email: string; role: string; expiresAt: string }[];
  invite: FormState;
  notice?: string | undefined;
};

/** The organisation's members and roles; admins may change a role or remove someone (only owners touch owners). */
function MembersTable({ p }: { p: MembersPageProps }) {
  const { org, actor } = p;
  const isAdmin = p.membership.role !== 'staff';
  const isOwner = p.membership.role === 'owner';
  const base = `/org/${org.slug}`;
  return (
    <Scroll label={t('organisation.membersOf', { name: org.name })}>
      <table>
        <caption class="visually-hidden">{t('organisation.membersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organisation.colName')}</th>
            <th scope="col">{t('organisation.colEmail')}</th>
            <th scope="col">{t('organisation.colRole')}</th>
            {isAdmin ? <th scope="col">{t('organisation.colChange')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.members.map((m) => {
            const canManage = isAdmin && (isOwner || m.role !== 'owner');
            return (
              <tr>
                <td>
                  {m.displayName}
                  {m.userId === actor.user.id ? <span class="muted"> {t('organisation.you')}</span> : null}
                </td>
                <td>{m.email}</td>
                <td>{m.role}</td>
                {isAdmin ? (
                  <td>
                    {canManage ? (
                      <>
                        <form method="post" action={`${base}/members/${m.userId}/role`} class="inline">
                          <Csrf actor={actor} />
                          <label for={`role-${m.userId}`} class="visually-hidden">
                            {t('organisation.roleFor', { name: m.displayName })}
                          </label>
                          <select id={`role-${m.userId}`} name="role">
                            {ROLE_OPTIONS.filter(([v]) => isOwner || v !== 'owner').map(([v]) => (
                              <option value={v} selected={v === m.role}>
                                {v}
                              </option>
                            ))}
                          </select>{' '}
                          <button type="submit" class="secondary">
                            {t('organisation.changeRole')}
                          </button>
                        </form>{' '}
                        <form
                          method="post"
                          action={`${base}/members/${m.userId}/remove`}
                          class="inline"
                          data-confirm={t('organisation.removeConfirm', { name: m.displayName, org: org.name })}
                        >
                          <Csrf actor={actor} />
                          <button type="submit" class="danger">
                            {t('organisation.remove')}
                            <span class="visually-hidden"> {m.displayName}</span>
                          </button>
                        </form>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/** Invites a colleague by email with a role (only owners may invite owners). */
function InviteForm({ p }: { p: MembersPageProps }) {
  const isOwner = p.membership.role === 'owner';
  const base = `/org/${p.org.slug}`;
  const { actor } = p;
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t('organisation.inviteTitle')}</h2>
      <form method="post" action={`${base}/invitations`} class="stack" novalidate>
        <Csrf actor={actor} />
        <Field
          name="email"
          label={t('organisation.inviteEmail')}
          type="email"
          form={p.invite}
          hint={t('organisation.inviteEmailHint')}
        />
        <SelectField
          name="role"
          label={t('organisation.role')}
          form={p.invite}
          options={ROLE_OPTIONS.filter(([v]) => isOwner || v !== 'owner')}
        />
        <button type="submit">{t('organisation.sendInvitation')}</button>
      </form>
    </section>
  );
}

/** GET /org/:org/members: who belongs to the organisation, pending invitations, and inviting a colleague. */
export function MembersPage(p: MembersPageProps) {
  const { org, actor } = p;
  const isAdmin = p.membership.role !== 'staff';
  const base = `/org/${org.slug}`;
  return (
    <Layout title={t('organisation.membersOf', { name: org.name })} actor={actor} notice={p.notice}>
      <h1>{t('organisation.membersOf', { name: org.name })}</h1>
      <OrgNav org={org} isAdmin={isAdmin} />
      <ErrorSummary errors={p.invite.errors} />
      <MembersTable p={p} />

      <h2>{t('organisation.pendingInvitations')}</h2>
      {p.invitations.length ? (
        <ul>
          {p.invitations.map((i) => (
            <li>
              {t('organisation.invitationLine', { email: i.email, role: i.role, date: date(i.expiresAt) })}{' '}
              {isAdmin ? (
                <form method="post" action={`${base}/invitations/${i.id}/revoke`} class="inline">
                  <Csrf actor={actor} />
                  <button type="submit" class="link">
                    {t('organisation.withdraw')}
                    <span class="visually-hidden"> {t('organisation.invitationTo', { email: i.email })}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('organisation.none')}</p>
      )}

      {isAdmin ? <InviteForm p={p} /> : null}
    </Layout>
  );
}

/** The page an invitation link opens. */
export function InvitationPage(p: { actor: Actor; invitation: InvitationView | null; token: string }) {
  const inv = p.invitation;
  if (!inv) {
    return (
      <MessagePage actor={p.actor} title={t('organisation.invitationBrokenTitle')}>
        <p>{t('organisation.invitationBroken')}</p>
      </MessagePage>
    );
  }
  const here = `/invitations/accept?token=${p.token}`;
  const title = t('organisation.joinTitle', { name: inv.org.name });
  if (p.actor.kind !== 'user') {
    return (
      <MessagePage actor={p.actor} title={title}>
        <p>
          {rich('en', 'organisation.invitedAs', {
            org: <strong>{inv.org.name}</strong>,
            role: inv.role,
            email: <strong>{inv.email}</strong>,
          })}
        </p>
        <p>
          <a class="button" href={`/sign-in?next=${encodeURIComponent(here)}`}>
            {t('organisation.signInToAccept')}
          </a>{' '}
          <a
            class="button secondary"
            href={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(inv.email)}`}
          >
            {t('organisation.createAccount')}
          </a>
        </p>
      </MessagePage>
    );
  }
  const matches = p.actor.user.email === inv.email;
  return (
    <MessagePage actor={p.actor} title={title}>
      <p>
        {rich('en', 'organisation.invitedAsKind', {
          org: <strong>{inv.org.name}</strong>,
          kind: KIND_LABEL[inv.org.kind],
          role: inv.role,
        })}
      </p>
      {matches ? (
        <form method="post" action="/invitations/accept">
          <Csrf actor={p.actor} />
          <input type="hidden" name="token" value={p.token} />
          <button type="submit">{t('organisation.acceptAndJoin')}</button>
        </form>
      ) : (
        <p class="notice error" role="alert">
          {t('organisation.wrongEmail', { email: inv.email, signedInAs: p.actor.user.email })}
        </p>
      )}
    </MessagePage>
  );
}

/** The organisation's API tokens with their scopes and use; live ones can be revoked. */
function TokensTable({ actor, base, tokens }: { actor: UserActor; base: string; tokens: ApiTokenView[] }) {
  return (
    <Scroll label={t('organisation.apiTokens')}>
      <table>
        <caption class="visually-hidden">{t('organisation.apiTokens')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organisation.colName')}</th>
            <th scope="col">{t('organisation.colScopes')}</th>
            <th scope="col">{t('organisation.colCreated')}</th>
            <th scope="col">{t('organisation.colLastUsed')}</th>
            <th scope="col">{t('organisation.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr>
              <td>{token.name}</td>
              <td>{token.scopes.join(', ')}</td>
              <td>{date(token.createdAt)}</td>
              <td>{date(token.lastUsedAt) || t('organisation.never')}</td>
              <td>
                {token.revokedAt ? (
                  <span class="tag bad">{t('organisation.revokedOn', { date: date(token.revokedAt) })}</span>
                ) : (
                  <form
                    method="post"
                    action={`${base}/${token.id}/revoke`}
                    class="inline"
                    data-confirm={t('organisation.revokeConfirm', { name: token.name })}
                  >
                    <Csrf actor={actor} />
                    <button type="submit" class="danger">
                      {t('organisation.revoke')}
                      <span class="visually-hidden"> {token.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** GET /org/:org/tokens: the organisation's API tokens, creating one (shown once) and revoking. */
export function TokensPage(p: {
  actor: UserActor;
  org: Organisation;
  tokens: ApiTokenView[];
  form: FormState;
  checked: string[];
  /** The new token, shown on this response only. */
  created?: { name: string; token: string } | undefined;
  notice?: string | undefined;
}) {
  const { org, actor } = p;
  const base = `/org/${org.slug}/tokens`;
  return (
    <Layout title={t('organisation.tokensTitle', { name: org.name })} actor={actor} notice={p.notice}>
      <h1>{t('organisation.tokensTitle', { name: org.name })}</h1>
      <OrgNav org={org} isAdmin />
      {p.created ? (
        <section class="notice" aria-labelledby="new-token-title">
          <h2 id="new-token-title">{t('organisation.newToken', { name: p.created.name })}</h2>
          <p>
            {rich('en', 'organisation.sendAs', {
              copyNow: <strong>{t('organisation.copyNow')}</strong>,
              header: <code>Authorization: Bearer &lt;token&gt;</code>,
            })}
          </p>
          <label for="new-token">{t('organisation.token')}</label>
          <input id="new-token" type="text" readonly value={p.created.token} />
          <button type="button" class="secondary" data-copy="new-token">
            {t('organisation.copy')}
          </button>
        </section>
      ) : null}
      {org.status !== 'approved' ? (
        <p class="notice error">{t('organisation.tokensNotYet', { name: org.name })}</p>
      ) : null}
      <ErrorSummary errors={p.form.errors} />
      {p.tokens.length ? (
        <TokensTable actor={actor} base={base} tokens={p.tokens} />
      ) : (
        <p class="muted">{t('organisation.noTokens')}</p>
      )}
      <section aria-labelledby="create-token-title">
        <h2 id="create-token-title">{t('organisation.createTokenTitle')}</h2>
        <form method="post" action={base} class="stack" novalidate>
          <Csrf actor={actor} />
          <Field name="name" label={t('organisation.tokenName')} form={p.form} hint={t('organisation.tokenNameHint')} />
          <CheckboxGroup
            name="scopes"
            legend={t('organisation.scopesLegend')}
            checked={p.checked}
            error={p.form.errors.scopes}
            options={[
              ['issue', t('organisation.scopeIssue')],
              ['verify', t('organisation.scopeVerify')],
              ['read', t('organisation.scopeRead')],
            ]}
          />
          <button type="submit">{t('organisation.createToken')}</button>
        </form>
      </section>
    </Layout>
  );
}

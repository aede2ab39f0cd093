/** Organisation pages: register, overview, members and invitations, accepting an invitation, API tokens. */
import type { Actor, OrgMembership } from '../../worker/context';
import type { ApiTokenView } from '../../worker/services/organisations/api-tokens';
import type { InvitationView } from '../../worker/services/organisations/invitations';
import type { Member } from '../../worker/services/organisations/memberships';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { CheckboxGroup, ErrorSummary, Field, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';
import { MessagePage } from '../components/message-page';
import { StatusTag } from '../components/organisation-status';
import { RefusalNotice } from '../components/org-refusal';

type UserActor = Extract<Actor, { kind: 'user' }>;

const KIND_LABEL = {
  academy: 'Academy or training provider',
  employer: 'Employer',
  commissioner: 'Commissioner (local authority or integrated care system)',
  platform: 'Platform operator',
} as const;

const ROLE_OPTIONS: [string, string][] = [
  ['staff', 'Staff'],
  ['admin', 'Admin (can invite and manage members)'],
  ['owner', 'Owner (full control)'],
];

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export function NewOrganisationPage({ actor, form }: { actor: UserActor; form: FormState }) {
  return (
    <Layout title="Register an organisation" actor={actor}>
      <h1>Register an organisation</h1>
      <p>
        The platform team checks every organisation before it can issue or verify credentials. You will be its owner and
        can invite colleagues straight away.
      </p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action="/organisations/new" class="stack" novalidate>
        <Csrf actor={actor} />
        <Field name="name" label="Organisation name" form={form} autocomplete="organization" />
        <SelectField
          name="kind"
          label="What kind of organisation is it?"
          form={form}
          options={[
            ['', 'Choose one'],
            ['academy', KIND_LABEL.academy],
            ['employer', KIND_LABEL.employer],
            ['commissioner', KIND_LABEL.commissioner],
          ]}
        />
        <button type="submit">Register</button>
      </form>
    </Layout>
  );
}

function OrgNav({ org, isAdmin }: { org: Organisation; isAdmin: boolean }) {
  return (
    <nav aria-label="Organisation">
      <ul class="inline-list">
        <li>
          <a href={`/org/${org.slug}`}>Overview</a>
        </li>
        <li>
          <a href={`/org/${org.slug}/members`}>Members</a>
        </li>
        {isAdmin ? (
          <li>
            <a href={`/org/${org.slug}/tokens`}>API tokens</a>
          </li>
        ) : null}
        {isAdmin && org.kind === 'employer' ? (
          <li>
            <a href={`/org/${org.slug}/area`}>Area</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

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
        <dt>Kind</dt>
        <dd>{KIND_LABEL[org.kind]}</dd>
        <dt>Status</dt>
        <dd>
          <StatusTag status={org.status} />
        </dd>
        <dt>Your role</dt>
        <dd>{p.membership.role}</dd>
        <dt>Members</dt>
        <dd>{p.memberCount}</dd>
        {org.approvedAt ? (
          <>
            <dt>Approved</dt>
            <dd>{date(org.approvedAt)}</dd>
          </>
        ) : null}
      </dl>
      {org.status === 'pending' ? (
        <p class="notice" role="status">
          This organisation is awaiting approval by the platform team. You can invite colleagues now; issuing and
          verifying through the API start once it is approved.
        </p>
      ) : null}
      {org.status === 'suspended' ? (
        <p class="notice error">This organisation is suspended. Contact the platform team.</p>
      ) : null}
      {org.status === 'refused' ? <RefusalNotice reason={org.refusalReason} /> : null}
      {org.kind === 'academy' ? (
        <section aria-labelledby="scopes-title">
          <h2 id="scopes-title">What you may issue</h2>
          {p.scopes.length ? (
            <ul>
              {p.scopes.map((s) => (
                <li>{s.name}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">
              No frameworks approved yet. The platform team records these when it approves the academy.
            </p>
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
    <Scroll label={`Members of ${org.name}`}>
      <table>
        <caption class="visually-hidden">Members and their roles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {isAdmin ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.members.map((m) => {
            const canManage = isAdmin && (isOwner || m.role !== 'owner');
            return (
              <tr>
                <td>
                  {m.displayName}
                  {m.userId === actor.user.id ? <span class="muted"> (you)</span> : null}
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
                            Role for {m.displayName}
                          </label>
                          <select id={`role-${m.userId}`} name="role">
                            {ROLE_OPTIONS.filter(([v]) => isOwner || v !== 'owner').map(([v]) => (
                              <option value={v} selected={v === m.role}>
                                {v}
                              </option>
                            ))}
                          </select>{' '}
                          <button type="submit" class="secondary">
                            Change role
                          </button>
                        </form>{' '}
                        <form
                          method="post"
                          action={`${base}/members/${m.userId}/remove`}
                          class="inline"
                          data-confirm={`Remove ${m.displayName} from ${org.name}?`}
                        >
                          <Csrf actor={actor} />
                          <button type="submit" class="danger">
                            Remove<span class="visually-hidden"> {m.displayName}</span>
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
      <h2 id="invite-title">Invite a colleague</h2>
      <form method="post" action={`${base}/invitations`} class="stack" novalidate>
        <Csrf actor={actor} />
        <Field
          name="email"
          label="Their email address"
          type="email"
          form={p.invite}
          hint="They get a link that works for 7 days."
        />
        <SelectField
          name="role"
          label="Role"
          form={p.invite}
          options={ROLE_OPTIONS.filter(([v]) => isOwner || v !== 'owner')}
        />
        <button type="submit">Send invitation</button>
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
    <Layout title={`Members of ${org.name}`} actor={actor} notice={p.notice}>
      <h1>Members of {org.name}</h1>
      <OrgNav org={org} isAdmin={isAdmin} />
      <ErrorSummary errors={p.invite.errors} />
      <MembersTable p={p} />

      <h2>Pending invitations</h2>
      {p.invitations.length ? (
        <ul>
          {p.invitations.map((i) => (
            <li>
              {i.email} as {i.role}, expires {date(i.expiresAt)}{' '}
              {isAdmin ? (
                <form method="post" action={`${base}/invitations/${i.id}/revoke`} class="inline">
                  <Csrf actor={actor} />
                  <button type="submit" class="link">
                    Withdraw<span class="visually-hidden"> invitation to {i.email}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">None.</p>
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
      <MessagePage actor={p.actor} title="This invitation does not work">
        <p>The invitation has already been used, was withdrawn, or has expired. Ask the organisation for a new one.</p>
      </MessagePage>
    );
  }
  const here = `/invitations/accept?token=${p.token}`;
  const title = `Join ${inv.org.name}`;
  if (p.actor.kind !== 'user') {
    return (
      <MessagePage actor={p.actor} title={title}>
        <p>
          You are invited to join <strong>{inv.org.name}</strong> as {inv.role}. The invitation was sent to{' '}
          <strong>{inv.email}</strong>.
        </p>
        <p>
          <a class="button" href={`/sign-in?next=${encodeURIComponent(here)}`}>
            Sign in to accept
          </a>{' '}
          <a
            class="button secondary"
            href={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(inv.email)}`}
          >
            Create an account
          </a>
        </p>
      </MessagePage>
    );
  }
  const matches = p.actor.user.email === inv.email;
  return (
    <MessagePage actor={p.actor} title={title}>
      <p>
        You are invited to join <strong>{inv.org.name}</strong> ({KIND_LABEL[inv.org.kind]}) as {inv.role}.
      </p>
      {matches ? (
        <form method="post" action="/invitations/accept">
          <Csrf actor={p.actor} />
          <input type="hidden" name="token" value={p.token} />
          <button type="submit">Accept and join</button>
        </form>
      ) : (
        <p class="notice error" role="alert">
          This invitation was sent to {inv.email}, but you are signed in as {p.actor.user.email}. Sign out and sign in
          with the invited address to accept it.
        </p>
      )}
    </MessagePage>
  );
}

/** The organisation's API tokens with their scopes and use; live ones can be revoked. */
function TokensTable({ actor, base, tokens }: { actor: UserActor; base: string; tokens: ApiTokenView[] }) {
  return (
    <Scroll label="API tokens">
      <table>
        <caption class="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.scopes.join(', ')}</td>
              <td>{date(t.createdAt)}</td>
              <td>{date(t.lastUsedAt) || 'never'}</td>
              <td>
                {t.revokedAt ? (
                  <span class="tag bad">revoked {date(t.revokedAt)}</span>
                ) : (
                  <form
                    method="post"
                    action={`${base}/${t.id}/revoke`}
                    class="inline"
                    data-confirm={`Revoke "${t.name}"?`}
                  >
                    <Csrf actor={actor} />
                    <button type="submit" class="danger">
                      Revoke<span class="visually-hidden"> {t.name}</span>
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
    <Layout title={`API tokens for ${org.name}`} actor={actor} notice={p.notice}>
      <h1>API tokens for {org.name}</h1>
      <OrgNav org={org} isAdmin />
      {p.created ? (
        <section class="notice" aria-labelledby="new-token-title">
          <h2 id="new-token-title">Your new token "{p.created.name}"</h2>
          <p>
            <strong>Copy it now: it will not be shown again.</strong> Send it as{' '}
            <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
          <label for="new-token">Token</label>
          <input id="new-token" type="text" readonly value={p.created.token} />
          <button type="button" class="secondary" data-copy="new-token">
            Copy
          </button>
        </section>
      ) : null}
      {org.status !== 'approved' ? (
        <p class="notice error">Tokens start working once the platform has approved {org.name}.</p>
      ) : null}
      <ErrorSummary errors={p.form.errors} />
      {p.tokens.length ? (
        <TokensTable actor={actor} base={base} tokens={p.tokens} />
      ) : (
        <p class="muted">No tokens yet.</p>
      )}
      <section aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create a token</h2>
        <form method="post" action={base} class="stack" novalidate>
          <Csrf actor={actor} />
          <Field name="name" label="Name" form={p.form} hint='What uses it, like "HR system".' />
          <CheckboxGroup
            name="scopes"
            legend="What it may do"
            checked={p.checked}
            error={p.form.errors.scopes}
            options={[
              ['issue', 'issue: issue credentials (academies)'],
              ['verify', 'verify: verify credentials and presentations'],
              ['read', 'read: read your organisation’s records'],
            ]}
          />
          <button type="submit">Create token</button>
        </form>
      </section>
    </Layout>
  );
}

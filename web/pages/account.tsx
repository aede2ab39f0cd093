/** Account settings: name, area, password, sessions and the person's organisations. */
import type { Actor } from '../../worker/context';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, Field, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';

export interface AccountPageProps {
  actor: Extract<Actor, { kind: 'user' }>;
  areas: { code: string; name: string; region: string | null }[];
  profile: FormState;
  password: FormState;
  notice?: string | undefined;
}

const statusText = {
  pending: 'awaiting approval',
  approved: 'approved',
  suspended: 'suspended',
  refused: 'refused',
} as const;

/** The forms for the account holder's name and area, and for changing the password. */
function DetailsAndPassword({ p }: { p: AccountPageProps }) {
  const { actor, areas, profile, password } = p;
  return (
    <>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">Your details</h2>
        <form method="post" action="/account" class="stack" novalidate>
          <Csrf actor={actor} />
          <Field name="displayName" label="Name" form={profile} autocomplete="name" />
          <SelectField
            name="areaCode"
            label="Area (local authority)"
            hint="Where you work. Used, with your consent, only in anonymous workforce figures."
            form={profile}
            required={false}
            options={[
              ['', 'Not set'],
              ...areas.map((a): [string, string] => [a.code, a.region ? `${a.name} (${a.region})` : a.name]),
            ]}
          />
          <button type="submit">Save details</button>
        </form>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <form method="post" action="/account/password" class="stack" novalidate>
          <Csrf actor={actor} />
          <Field
            name="currentPassword"
            label="Current password"
            type="password"
            form={password}
            autocomplete="current-password"
          />
          <Field
            name="newPassword"
            label="New password"
            type="password"
            form={password}
            autocomplete="new-password"
            hint="At least 10 characters. Your other devices will be signed out."
          />
          <button type="submit">Change password</button>
        </form>
      </section>
    </>
  );
}

/** The organisations the account belongs to, with its role and their approval status. */
function OrganisationsSection({ actor }: { actor: AccountPageProps['actor'] }) {
  return (
    <section aria-labelledby="orgs-title">
      <h2 id="orgs-title">Your organisations</h2>
      {actor.memberships.length ? (
        <ul>
          {actor.memberships.map((m) => (
            <li>
              <a href={`/org/${m.slug}`}>{m.name}</a> <span class="tag">{m.kind}</span>{' '}
              <span class="tag">{m.role}</span>{' '}
              <span class={`tag ${m.status === 'approved' ? 'ok' : 'warn'}`}>{statusText[m.status]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">You are not a member of any organisation.</p>
      )}
      <p>
        <a href="/organisations/new">Register an academy, employer or commissioner</a>
      </p>
    </section>
  );
}

/** GET /account: the holder's details, password, organisations, devices and data. */
export function AccountPage(p: AccountPageProps) {
  const { actor, profile, password, notice } = p;
  return (
    <Layout title="Your account" actor={actor} notice={notice}>
      <h1>Your account</h1>
      <ErrorSummary errors={{ ...profile.errors, ...password.errors }} />
      <dl class="facts">
        <dt>Email</dt>
        <dd>
          {actor.user.email}{' '}
          {actor.user.emailVerified ? (
            <span class="tag ok">confirmed</span>
          ) : (
            <span class="tag warn">not confirmed</span>
          )}
        </dd>
      </dl>

      <DetailsAndPassword p={p} />

      <OrganisationsSection actor={actor} />

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed-in devices</h2>
        <p>Lost a phone or used a shared computer? Sign out on every device, including this one.</p>
        <form method="post" action="/account/sign-out-everywhere" data-confirm="Sign out on every device?">
          <Csrf actor={actor} />
          <button type="submit" class="danger">
            Sign out everywhere
          </button>
        </form>
      </section>

      <section aria-labelledby="more-title">
        <h2 id="more-title">Your data</h2>
        <ul>
          <li>
            <a href="/account/workforce">Area, current role and workforce statistics consent</a>
          </li>
          <li>
            <a href="/passport/export">Download all my credentials</a>
          </li>
          <li>
            <a href="/account/delete">Delete my account</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

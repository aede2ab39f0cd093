/** Leaving: what deleting the account does (and does not) erase, confirmed by typing the email address. */
import type { Actor } from '../../worker/context';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, Field } from '../components/forms';
import type { FormState } from '../components/form-state';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** What a deletion erases and what issuers and employers keep without the person (the privacy notice in short). */
function WhatDeletionDoes() {
  return (
    <>
      <h2>What happens when you delete</h2>
      <h3>Your certificates stay valid</h3>
      <p>
        Certificates are signed by the organisations that issued them. Anyone who already has one (you, if you
        downloaded it, and employers you shared it with) can still check it. Issuers can still withdraw them.
      </p>
      <h3>We erase your personal data here</h3>
      <ul>
        <li>your name, email address and password</li>
        <li>your passport key, so nothing new can ever be signed in your name</li>
        <li>your share links and the record of who viewed them (the links stop working)</li>
        <li>certificates you added from elsewhere</li>
        <li>your career pathway choices and area</li>
        <li>your memberships of organisations, and you are signed out on every device</li>
        <li>invitations and messages sent to you, and the links in them</li>
      </ul>
      <h3>What the issuers and employers keep, without you</h3>
      <p>
        Each training provider keeps the record it needs to say whether a certificate it issued is still valid (the
        certificate, its dates and whether it was withdrawn), but not your name or email address. Employers who saved a
        check of your passport keep its result (verified or not, and for which role), but not your name, your
        certificates or your share link. Our security log keeps what happened, without your name or email. See{' '}
        <a href="/privacy">how we handle personal data</a>.
      </p>
    </>
  );
}

export function DeleteAccountPage({
  actor,
  form,
  problem,
}: {
  actor: UserActor;
  form: FormState;
  problem?: string | undefined;
}) {
  return (
    <Layout title="Delete your account" actor={actor}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>Delete your account</h1>
      {problem ? (
        <p class="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorSummary errors={form.errors} />
      <h2>First, download your certificates</h2>
      <p>
        Once your account is gone we cannot give them back to you. The download is one file with every certificate in
        it; each one can still be checked by any employer.
      </p>
      <p>
        <a class="button secondary" href="/passport/export">
          Download all my certificates
        </a>
      </p>
      <WhatDeletionDoes />
      <h2>Delete</h2>
      <p>
        <strong>This cannot be undone.</strong>
      </p>
      <form
        method="post"
        action="/account/delete"
        class="stack"
        novalidate
        data-confirm="Delete your account for good?"
      >
        <Csrf actor={actor} />
        <Field
          name="confirmEmail"
          label="Type your email address to confirm"
          hint={`The address you sign in with: ${actor.user.email}`}
          type="email"
          form={form}
          autocomplete="off"
        />
        <button type="submit" class="danger">
          Delete my account
        </button>
      </form>
    </Layout>
  );
}

export function AccountDeletedPage() {
  return (
    <Layout title="Your account is deleted" actor={{ kind: 'anonymous' }}>
      <h1>Your account is deleted</h1>
      <p role="status">
        Your personal data has been erased and you are signed out. The certificates you downloaded are still yours and
        still valid.
      </p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}

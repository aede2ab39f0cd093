/** The register of issued certificates (search, paging) and one certificate's page: status actions, renewal, audit trail. */
import { REGISTER_STATUSES } from '../../schemas/academy';
import type { CredentialDetail, RegisterResult } from '../../worker/services/academy/register';
import { RegisterResults } from '../components/register-results';
import { Scroll } from '../components/scroll';
import { Csrf, Layout } from '../layout';
import {
  AcademyNav,
  Breakable,
  CredentialStatusTag,
  EvidenceFields,
  TextArea,
  type UserActor,
  dateTime,
  longDate,
} from '../components/academy';
import { describedBy, ErrorSummary, Field, FieldNotes, SelectField } from '../components/forms';
import { type FormState, emptyForm } from '../components/form-state';

const STATUS_LABEL: Record<string, string> = {
  active: 'Valid',
  suspended: 'Suspended',
  revoked: 'Revoked',
  expired: 'Expired',
  replaced: 'Renewed (replaced by a newer one)',
};

/** The register's search form: learner, achievement, issue dates and status. */
function RegisterSearch(p: { slug: string; achievements: { id: string; name: string }[]; form: FormState }) {
  const { form } = p;
  return (
    <form method="get" action={`/academy/${p.slug}/register`} class="stack" aria-label="Search the register">
      <Field name="q" label="Learner's name or email" type="search" form={form} required={false} />
      <SelectField
        name="achievement"
        label="Achievement"
        form={form}
        options={[['', 'All achievements'], ...p.achievements.map((a): [string, string] => [a.id, a.name])]}
      />
      <div class="cols">
        <Field name="from" label="Issued on or after" type="date" form={form} required={false} />
        <Field name="to" label="Issued on or before" type="date" form={form} required={false} />
      </div>
      <SelectField
        name="status"
        label="Status"
        form={form}
        options={[['', 'Any status'], ...REGISTER_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s] ?? s])]}
      />
      <button type="submit">Search</button>
    </form>
  );
}

/** GET /academy/:org/register */
export function RegisterPage(p: {
  actor: UserActor;
  slug: string;
  achievements: { id: string; name: string }[];
  form: FormState;
  result: RegisterResult | null;
  now: Date;
  /** Whether the viewer may change certificates' status (tick rows for a bulk change). */
  canAct?: boolean;
  notice?: string | undefined;
}) {
  return (
    <Layout title="Register of issued certificates" actor={p.actor} notice={p.notice}>
      <h1>Register of issued certificates</h1>
      <AcademyNav slug={p.slug} />
      <ErrorSummary errors={p.form.errors} />
      <RegisterSearch slug={p.slug} achievements={p.achievements} form={p.form} />
      {p.result ? (
        <RegisterResults
          slug={p.slug}
          form={p.form}
          result={p.result}
          now={p.now}
          actor={p.canAct ? p.actor : undefined}
        />
      ) : null}
    </Layout>
  );
}

export interface CredentialForms {
  revoke: FormState;
  suspend: FormState;
  renew: FormState;
}

export const emptyCredentialForms = (): CredentialForms => ({
  revoke: emptyForm(),
  suspend: emptyForm(),
  renew: emptyForm(),
});

/** What the academy's page for one issued certificate shows, and whether the viewer may act on it. */
type CredentialPageProps = {
  actor: UserActor;
  slug: string;
  detail: CredentialDetail;
  canAct: boolean;
  forms: CredentialForms;
  origin: string;
  notice?: string | undefined;
  noticeKind?: 'ok' | 'error';
};

/** Who the certificate is for, its dates, evidence, cohort upload and the certificates it renews or is renewed by. */
function CredentialFacts({ p }: { p: CredentialPageProps }) {
  const c = p.detail.credential;
  const name = c.subjectName ?? 'Learner';
  const evidence = c.evidence ? (JSON.parse(c.evidence) as Record<string, string | undefined>) : null;
  return (
    <dl class="facts">
      <dt>Learner</dt>
      <dd>
        {name} (<Breakable text={c.subjectEmail ?? ''} />)
      </dd>
      <dt>Completed</dt>
      <dd>{longDate(c.validFrom)}</dd>
      <dt>Issued</dt>
      <dd>{longDate(c.issuedAt)}</dd>
      <dt>Expires</dt>
      <dd>{c.validUntil ? longDate(c.validUntil) : 'Does not expire'}</dd>
      <dt>Passport</dt>
      <dd>{p.detail.claim}</dd>
      {evidence ? (
        <>
          <dt>Evidence</dt>
          <dd>
            {[
              evidence.assessorName ? `Assessed by ${evidence.assessorName}` : '',
              evidence.assessedOn ? `on ${longDate(evidence.assessedOn)}` : '',
              evidence.score ? `score ${evidence.score}` : '',
              evidence.notes ?? '',
            ]
              .filter(Boolean)
              .join('; ')}
          </dd>
        </>
      ) : null}
      {p.detail.batch ? (
        <>
          <dt>Cohort upload</dt>
          <dd>
            <a href={`/academy/${p.slug}/batches/${p.detail.batch.id}`}>{p.detail.batch.fileName || 'Upload'}</a>, row{' '}
            {c.batchRow}
          </dd>
        </>
      ) : null}
      {c.replacesId ? (
        <>
          <dt>Renews</dt>
          <dd>
            <a href={`/academy/${p.slug}/credentials/${c.replacesId}`}>the earlier certificate</a>
          </dd>
        </>
      ) : null}
      {c.replacedById ? (
        <>
          <dt>Renewed by</dt>
          <dd>
            <a href={`/academy/${p.slug}/credentials/${c.replacedById}`}>the newer certificate</a> (the learner's
            passport shows that one)
          </dd>
        </>
      ) : null}
      <dt>Credential id</dt>
      <dd>
        <code>
          <Breakable text={`urn:uuid:${c.id}`} />
        </code>
      </dd>
    </dl>
  );
}

/** Suspend or reinstate, and revoke permanently. */
function StatusActions({ p }: { p: CredentialPageProps }) {
  const c = p.detail.credential;
  const base = `/academy/${p.slug}/credentials/${c.id}`;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Change its status</h2>
      {c.status === 'active' ? (
        <form method="post" action={`${base}/suspend`} class="stack" novalidate>
          <Csrf actor={p.actor} />
          <h3>Suspend</h3>
          <p>Verifiers see it as not valid until you reinstate it, for example while you look into a concern.</p>
          <div class="field">
            <label for="suspend-reason">Reason (optional)</label>
            <FieldNotes id="suspend-reason" error={p.forms.suspend.errors.reason} />
            <input
              type="text"
              id="suspend-reason"
              name="reason"
              value={p.forms.suspend.values.reason ?? ''}
              aria-invalid={p.forms.suspend.errors.reason ? 'true' : undefined}
              aria-describedby={describedBy('suspend-reason', undefined, p.forms.suspend.errors.reason)}
            />
          </div>
          <button type="submit" class="secondary">
            Suspend
          </button>
        </form>
      ) : (
        <form method="post" action={`${base}/reinstate`}>
          <Csrf actor={p.actor} />
          <h3>Reinstate</h3>
          <p>It becomes valid again.</p>
          <button type="submit">Reinstate</button>
        </form>
      )}
      <form
        method="post"
        action={`${base}/revoke`}
        class="stack"
        novalidate
        data-confirm="Revoke this certificate permanently? It cannot be undone."
      >
        <Csrf actor={p.actor} />
        <h3>Revoke</h3>
        <p>
          <strong>Revoking is permanent.</strong> Every verifier will see it as revoked from now on. To correct a
          mistake, revoke it and issue a new one.
        </p>
        <ErrorSummary errors={p.forms.revoke.errors} labels={{ reason: 'Reason for revoking' }} />
        <TextArea
          name="reason"
          label="Reason for revoking"
          form={p.forms.revoke}
          hint="Kept in the audit trail; not shown to the public."
          required
        />
        <button type="submit" class="danger">
          Revoke permanently
        </button>
      </form>
    </section>
  );
}

/** Issues a renewal that replaces the certificate once the learner completes the refresher. */
function RenewSection({ p }: { p: CredentialPageProps }) {
  const base = `/academy/${p.slug}/credentials/${p.detail.credential.id}`;
  return (
    <section aria-labelledby="renew-title">
      <h2 id="renew-title">Renew</h2>
      <p>
        When the learner completes the refresher, issue a new certificate that replaces this one. Their passport then
        shows only the new one; this one stays valid until it expires.
      </p>
      <ErrorSummary errors={p.forms.renew.errors} />
      <form method="post" action={`${base}/renew`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field name="completedOn" label="Date the refresher was completed" type="date" form={p.forms.renew} />
        <fieldset>
          <legend>Evidence (optional)</legend>
          <EvidenceFields form={p.forms.renew} />
        </fieldset>
        <button type="submit">Issue the renewal</button>
      </form>
    </section>
  );
}

/** Everything done to the certificate, oldest first, with who did it. */
function AuditTrail({ trail }: { trail: CredentialDetail['trail'] }) {
  return (
    <section aria-labelledby="trail-title">
      <h2 id="trail-title">Audit trail</h2>
      <Scroll label="Audit trail">
        <table aria-labelledby="trail-title">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {trail.map((e) => (
              <tr>
                <td>{dateTime(e.at)}</td>
                <td>{e.who}</td>
                <td>
                  {ACTION_LABEL[e.action] ?? e.action}
                  {typeof e.details.reason === 'string' ? `: ${e.details.reason}` : ''}
                  {typeof e.details.holderDid === 'string' ? <code class="small"> {e.details.holderDid}</code> : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

/** GET /academy/:org/credentials/:id */
export function CredentialPage(p: CredentialPageProps) {
  const { credential: c, achievement: a, status } = p.detail;
  const base = `/academy/${p.slug}/credentials/${c.id}`;
  const name = c.subjectName ?? 'Learner';
  const canRenew = c.status !== 'revoked' && !c.replacedById && !a.archivedAt;
  return (
    <Layout title={`${a.name}: ${name}`} actor={p.actor} notice={p.notice} noticeKind={p.noticeKind ?? 'ok'}>
      <h1>
        {a.name}: {name}
      </h1>
      <AcademyNav slug={p.slug} />
      <p>
        <CredentialStatusTag status={status} />
        {c.replacedById ? <span class="tag">Renewed</span> : null}
        {c.statusReason ? <span> Reason: {c.statusReason}</span> : null}
      </p>
      <CredentialFacts p={p} />
      <p>
        <a href={`/certificates/${c.id}`}>Printable certificate</a> ·{' '}
        <a href={`/credentials/${c.id}/verify`}>Check it as a verifier would</a> ·{' '}
        <a href={`/certificates/${c.id}/credential.jwt`}>Download the signed credential</a>
      </p>
      <p class="small muted">
        The certificate link is public to whoever has it: <Breakable text={`${p.origin}/certificates/${c.id}`} />
      </p>

      {p.canAct && p.detail.canSendClaimLink ? (
        <section aria-labelledby="claim-title">
          <h2 id="claim-title">Claim link</h2>
          <p>
            The learner has not added this certificate to a Care Passport yet. If the email was lost or the link
            expired, send a new link to <Breakable text={c.subjectEmail ?? ''} />; earlier links stop working.
          </p>
          <form method="post" action={`${base}/claim-link`}>
            <Csrf actor={p.actor} />
            <button type="submit" class="secondary">
              Send a new claim link
            </button>
          </form>
        </section>
      ) : null}
      {p.canAct && c.status !== 'revoked' ? <StatusActions p={p} /> : null}

      {p.canAct && canRenew ? <RenewSection p={p} /> : null}

      <AuditTrail trail={p.detail.trail} />
    </Layout>
  );
}

const ACTION_LABEL: Record<string, string> = {
  'batch.uploaded': 'Cohort file uploaded',
  'batch.confirmed': 'Cohort issuing confirmed',
  'credential.issued': 'Issued',
  'credential.issued_many': 'Issued',
  'credential.renewed': 'Issued as a renewal',
  'credential.claimed': 'Claimed into the learner’s passport',
  'credential.claim_link_sent': 'New claim link sent',
  'credential.revoked': 'Revoked',
  'credential.suspended': 'Suspended',
  'credential.reinstated': 'Reinstated',
  'wallet_offer.created': 'Learner offered it to a wallet app',
  'credential.wallet_issued': 'Copy issued into the learner’s wallet app, sharing this status entry',
};

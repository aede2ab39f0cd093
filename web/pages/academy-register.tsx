/** The register of issued certificates (search, paging) and one certificate's page: status actions, renewal, audit trail. */
import { REGISTER_STATUSES } from '../../schemas/academy';
import type { CredentialClaim, CredentialDetail, RegisterResult } from '../../worker/services/academy/register';
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
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';

const t = translator('en');

/** Each register status's name in the search form. */
const STATUS_LABEL: Record<string, string> = {
  active: t('register.statusActive'),
  suspended: t('register.statusSuspended'),
  revoked: t('register.statusRevoked'),
  expired: t('register.statusExpired'),
  replaced: t('register.statusReplaced'),
};

/** The register's search form: learner, achievement, issue dates and status. */
function RegisterSearch(p: { slug: string; achievements: { id: string; name: string }[]; form: FormState }) {
  const { form } = p;
  return (
    <form method="get" action={`/academy/${p.slug}/register`} class="stack" aria-label={t('register.searchLabel')}>
      <Field name="q" label={t('register.searchLearner')} type="search" form={form} required={false} />
      <SelectField
        name="achievement"
        label={t('register.colAchievement')}
        form={form}
        options={[['', t('register.allAchievements')], ...p.achievements.map((a): [string, string] => [a.id, a.name])]}
      />
      <div class="cols">
        <Field name="from" label={t('register.issuedFrom')} type="date" form={form} required={false} />
        <Field name="to" label={t('register.issuedTo')} type="date" form={form} required={false} />
      </div>
      <SelectField
        name="status"
        label={t('register.colStatus')}
        form={form}
        options={[
          ['', t('register.anyStatus')],
          ...REGISTER_STATUSES.map((s): [string, string] => [s, STATUS_LABEL[s] ?? s]),
        ]}
      />
      <button type="submit">{t('register.search')}</button>
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
    <Layout title={t('register.title')} actor={p.actor} notice={p.notice}>
      <h1>{t('register.title')}</h1>
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

/** Whether the learner has the certificate, in words, with the day it was claimed or its claim link expires. */
function claimWords(claim: CredentialClaim): string {
  switch (claim.state) {
    case 'claimed':
      return t('register.claimedOn', { date: longDate(claim.at) });
    case 'in_passport':
      return t('register.inPassport');
    case 'link_sent':
      return t('register.linkSentExpires', { date: longDate(claim.expiresAt) });
    case 'link_expired':
      return t('register.linkExpired');
    default:
      return t('register.notClaimed');
  }
}

/** The assessment evidence as one line: who assessed the learner and on what day, the score, the notes. */
function evidenceWords(e: Record<string, string | undefined>): string {
  const date = e.assessedOn ? longDate(e.assessedOn) : '';
  const name = e.assessorName ?? '';
  const assessed = name
    ? date
      ? t('register.assessedByOn', { name, date })
      : t('register.assessedBy', { name })
    : date
      ? t('register.assessedOn', { date })
      : '';
  return [assessed, e.score ? t('register.score', { score: e.score }) : '', e.notes ?? ''].filter(Boolean).join('; ');
}

/** Who the certificate is for, its dates, evidence, cohort upload and the certificates it renews or is renewed by. */
function CredentialFacts({ p }: { p: CredentialPageProps }) {
  const c = p.detail.credential;
  const name = c.subjectName ?? t('register.learner');
  const evidence = c.evidence ? (JSON.parse(c.evidence) as Record<string, string | undefined>) : null;
  return (
    <dl class="facts">
      <dt>{t('register.colLearner')}</dt>
      <dd>
        {name} (<Breakable text={c.subjectEmail ?? ''} />)
      </dd>
      <dt>{t('register.completed')}</dt>
      <dd>{longDate(c.validFrom)}</dd>
      <dt>{t('register.colIssued')}</dt>
      <dd>{longDate(c.issuedAt)}</dd>
      <dt>{t('register.colExpires')}</dt>
      <dd>{c.validUntil ? longDate(c.validUntil) : t('register.noExpiry')}</dd>
      <dt>{t('register.passport')}</dt>
      <dd>{claimWords(p.detail.claim)}</dd>
      {evidence ? (
        <>
          <dt>{t('register.evidence')}</dt>
          <dd>{evidenceWords(evidence)}</dd>
        </>
      ) : null}
      {p.detail.batch ? (
        <>
          <dt>{t('register.cohortUpload')}</dt>
          <dd>
            {rich('en', 'register.uploadRow', {
              upload: (
                <a href={`/academy/${p.slug}/batches/${p.detail.batch.id}`}>
                  {p.detail.batch.fileName || t('register.upload')}
                </a>
              ),
              row: String(c.batchRow),
            })}
          </dd>
        </>
      ) : null}
      {c.replacesId ? (
        <>
          <dt>{t('register.renews')}</dt>
          <dd>
            <a href={`/academy/${p.slug}/credentials/${c.replacesId}`}>{t('register.earlier')}</a>
          </dd>
        </>
      ) : null}
      {c.replacedById ? (
        <>
          <dt>{t('register.renewedBy')}</dt>
          <dd>
            {rich('en', 'register.newerShown', {
              newer: <a href={`/academy/${p.slug}/credentials/${c.replacedById}`}>{t('register.newer')}</a>,
            })}
          </dd>
        </>
      ) : null}
      <dt>{t('register.credentialId')}</dt>
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
      <h2 id="actions-title">{t('register.changeStatus')}</h2>
      {c.status === 'active' ? (
        <form method="post" action={`${base}/suspend`} class="stack" novalidate>
          <Csrf actor={p.actor} />
          <h3>{t('register.suspendVerb')}</h3>
          <p>{t('register.suspendOneHint')}</p>
          <div class="field">
            <label for="suspend-reason">{t('register.reasonOptional')}</label>
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
            {t('register.suspendVerb')}
          </button>
        </form>
      ) : (
        <form method="post" action={`${base}/reinstate`}>
          <Csrf actor={p.actor} />
          <h3>{t('register.reinstateVerb')}</h3>
          <p>{t('register.reinstateOneHint')}</p>
          <button type="submit">{t('register.reinstateVerb')}</button>
        </form>
      )}
      {/* Checked by the browser (no novalidate), so an empty reason is asked for before the "cannot be undone" dialog. */}
      <form method="post" action={`${base}/revoke`} class="stack" data-confirm={t('register.revokeConfirm')}>
        <Csrf actor={p.actor} />
        <h3>{t('register.revokeVerb')}</h3>
        <p>{rich('en', 'register.revokeWarning', { permanent: <strong>{t('register.revokePermanent')}</strong> })}</p>
        <TextArea
          name="reason"
          label={t('register.revokeReason')}
          form={p.forms.revoke}
          hint={t('register.revokeReasonHint')}
          required
          minLength={3}
        />
        <button type="submit" class="danger">
          {t('register.revokeButton')}
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
      <h2 id="renew-title">{t('register.renew')}</h2>
      <p>{t('register.renewIntro')}</p>
      <form method="post" action={`${base}/renew`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field name="completedOn" label={t('register.refresherDate')} type="date" form={p.forms.renew} />
        <fieldset>
          <legend>{t('register.evidenceOptional')}</legend>
          <EvidenceFields form={p.forms.renew} />
        </fieldset>
        <button type="submit">{t('register.issueRenewal')}</button>
      </form>
    </section>
  );
}

/** Everything done to the certificate, oldest first, with who did it. */
function AuditTrail({ trail }: { trail: CredentialDetail['trail'] }) {
  return (
    <section aria-labelledby="trail-title">
      <h2 id="trail-title">{t('register.auditTrail')}</h2>
      <Scroll label={t('register.auditTrail')}>
        <table aria-labelledby="trail-title">
          <thead>
            <tr>
              <th scope="col">{t('register.when')}</th>
              <th scope="col">{t('register.who')}</th>
              <th scope="col">{t('register.what')}</th>
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

/**
 * The errors of whichever form on the page was sent, for the one summary at the top: each keyed by the id of its
 * field (the suspend form's reason is `suspend-reason`), so the summary's links land on it.
 */
function FormErrors({ forms }: { forms: CredentialForms }) {
  const suspend = Object.entries(forms.suspend.errors).map(([k, v]) => [k === '_form' ? k : `suspend-${k}`, v]);
  return (
    <ErrorSummary
      errors={{ ...forms.revoke.errors, ...Object.fromEntries(suspend), ...forms.renew.errors }}
      labels={{ reason: t('register.revokeReason'), 'suspend-reason': t('register.reasonOptional') }}
    />
  );
}

/** GET /academy/:org/credentials/:id */
export function CredentialPage(p: CredentialPageProps) {
  const { credential: c, achievement: a, status } = p.detail;
  const base = `/academy/${p.slug}/credentials/${c.id}`;
  const name = c.subjectName ?? t('register.learner');
  const canRenew = c.status !== 'revoked' && !c.replacedById && !a.archivedAt;
  return (
    <Layout title={`${a.name}: ${name}`} actor={p.actor} notice={p.notice} noticeKind={p.noticeKind ?? 'ok'}>
      <h1>
        {a.name}: {name}
      </h1>
      <AcademyNav slug={p.slug} />
      <FormErrors forms={p.forms} />
      <p>
        <CredentialStatusTag status={status} />
        {c.replacedById ? <span class="tag">{t('register.renewedTag')}</span> : null}
        {c.statusReason ? <span> {t('register.reasonIs', { reason: c.statusReason })}</span> : null}
      </p>
      <CredentialFacts p={p} />
      <p>
        <a href={`/certificates/${c.id}`}>{t('register.printable')}</a> ·{' '}
        <a href={`/credentials/${c.id}/verify`}>{t('register.checkAsVerifier')}</a> ·{' '}
        <a href={`/certificates/${c.id}/credential.jwt`}>{t('register.downloadSigned')}</a>
      </p>
      <p class="small muted">
        {rich('en', 'register.publicLink', { link: <Breakable text={`${p.origin}/certificates/${c.id}`} /> })}
      </p>

      {p.canAct && p.detail.canSendClaimLink ? (
        <section aria-labelledby="claim-title">
          <h2 id="claim-title">{t('register.claimLink')}</h2>
          <p>{rich('en', 'register.claimLinkIntro', { email: <Breakable text={c.subjectEmail ?? ''} /> })}</p>
          <form method="post" action={`${base}/claim-link`}>
            <Csrf actor={p.actor} />
            <button type="submit" class="secondary">
              {t('register.sendClaimLink')}
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

/** Audit actions named for people; an action without a name shows its code. */
const ACTION_LABEL: Record<string, string> = {
  'batch.uploaded': t('register.actBatchUploaded'),
  'batch.confirmed': t('register.actBatchConfirmed'),
  'credential.issued': t('register.actIssued'),
  'credential.issued_many': t('register.actIssued'),
  'credential.renewed': t('register.actRenewed'),
  'credential.claimed': t('register.actClaimed'),
  'credential.claim_link_sent': t('register.actClaimLinkSent'),
  'credential.revoked': t('register.actRevoked'),
  'credential.suspended': t('register.actSuspended'),
  'credential.reinstated': t('register.actReinstated'),
  'wallet_offer.created': t('register.actWalletOffer'),
  'credential.wallet_issued': t('register.actWalletIssued'),
};

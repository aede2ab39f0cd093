/** The academy's dashboard and the pieces its other pages share (navigation, dates, status tags, text areas). */
import type { Actor, OrgMembership } from '../../worker/context';
import type { Organisation } from '../../worker/services/organisations/organisations';
import { Scroll } from '../components/scroll';
import { Layout } from '../layout';
import { describedBy, Field, FieldNotes } from '../components/forms';
import type { FormState } from '../components/form-state';
import { StatusTag } from './organisation';

export type UserActor = Extract<Actor, { kind: 'user' }>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date for people: "20 May 2026" (UTC); empty for null. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Date and time for audit trails: "20 May 2026, 09:00 UTC". */
export function dateTime(iso: string): string {
  return `${longDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

/** Long URLs, ids and email addresses with break opportunities after / - : . @ so they wrap at phone width (no inline styles under the CSP). */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/\-:.@])/);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </>
      ))}
    </>
  );
}

/** "CertificateOfCompletion" -> "Certificate of completion". */
export function humanType(t: string): string {
  const words = t.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
  return words.map((w, i) => (i === 0 ? w : w.toLowerCase())).join(' ');
}

export const METHOD_LABEL: Record<string, string> = {
  'e-learning': 'E-learning',
  classroom: 'Classroom',
  'observed-practice': 'Observed practice',
  blended: 'Blended (e-learning and practice)',
  assessment: 'Assessment only',
};

/** A credential's status as a tag: valid, expired, suspended or revoked. */
export function CredentialStatusTag({ status }: { status: 'active' | 'expired' | 'suspended' | 'revoked' }) {
  if (status === 'active') return <span class="tag ok">Valid</span>;
  if (status === 'revoked') return <span class="tag bad">Revoked</span>;
  return <span class="tag warn">{status === 'expired' ? 'Expired' : 'Suspended'}</span>;
}

/** The academy's own navigation, under the page heading. */
export function AcademyNav({ slug }: { slug: string }) {
  return (
    <nav aria-label="Academy" class="small">
      <a href={`/academy/${slug}`}>Dashboard</a> · <a href={`/academy/${slug}/achievements/new`}>New achievement</a> ·{' '}
      <a href={`/academy/${slug}/register`}>Register of issued certificates</a> ·{' '}
      <a href={`/academy/${slug}/keys`}>Signing keys</a> · <a href={`/org/${slug}`}>Members and settings</a>
    </nav>
  );
}

/** A labelled text area with hint and error linked through aria-describedby (ids prefixed when a page has several). */
export function TextArea(p: {
  name: string;
  label: string;
  form: FormState;
  hint?: string;
  id?: string;
  rows?: number;
  required?: boolean;
}) {
  const id = p.id ?? p.name;
  const error = p.form.errors[p.name];
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <FieldNotes id={id} hint={p.hint} error={error} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required ?? false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
    </div>
  );
}

/** Optional evidence of an assessment: assessor, date, score, observation notes. */
export function EvidenceFields({ form }: { form: FormState }) {
  return (
    <>
      <Field name="assessorName" label="Assessor's name" form={form} required={false} />
      <Field name="assessedOn" label="Date assessed" type="date" form={form} required={false} />
      <Field name="score" label="Score or result" form={form} required={false} hint="For example 92% or Pass." />
      <TextArea name="notes" label="Observation notes" form={form} />
    </>
  );
}

/** A labelled input like Field, but with an id prefix so one page can hold several forms with the same field names. */
export function PrefixedField(p: {
  prefix: string;
  name: string;
  label: string;
  form: FormState;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
}) {
  const id = `${p.prefix}-${p.name}`;
  const error = p.form.errors[p.name];
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <FieldNotes id={id} hint={p.hint} error={error} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.form.values[p.name] ?? ''}
        required={p.required ?? false}
        autocomplete={p.autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, error)}
      />
    </div>
  );
}

export interface DashboardProps {
  actor: UserActor;
  org: Organisation;
  membership: OrgMembership;
  scopes: { id: string; name: string }[];
  achievements: {
    id: string;
    name: string;
    achievementType: string;
    covers: string[];
    validity: string;
    issued: number;
  }[];
  batches: {
    id: string;
    fileName: string | null;
    achievementName: string;
    createdAt: string;
    status: string;
    totalRows: number;
    validRows: number;
  }[];
  recent: { id: string; subjectName: string | null; achievementName: string; issuedAt: string; status: string }[];
  notice?: string | undefined;
}

const BATCH_STATUS: Record<string, string> = {
  preview: 'Waiting for you to confirm',
  issuing: 'Issuing',
  done: 'Finished',
};

/** The achievements the academy awards, with how many of each it has issued. */
function AchievementsSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  const approved = org.status === 'approved';
  return (
    <section aria-labelledby="achievements-title">
      <h2 id="achievements-title">Achievements</h2>
      {approved ? (
        <p>
          <a class="button" href={`/academy/${org.slug}/achievements/new`}>
            Define a new achievement
          </a>
        </p>
      ) : null}
      {p.achievements.length ? (
        <Scroll label="Achievements">
          <table>
            <caption class="visually-hidden">Achievements this academy issues</caption>
            <thead>
              <tr>
                <th scope="col">Achievement</th>
                <th scope="col">Kind</th>
                <th scope="col">Covers</th>
                <th scope="col">Valid for</th>
                <th scope="col">Issued</th>
              </tr>
            </thead>
            <tbody>
              {p.achievements.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={`/academy/${org.slug}/achievements/${a.id}`}>{a.name}</a>
                  </th>
                  <td>{humanType(a.achievementType)}</td>
                  <td>{a.covers.join(', ')}</td>
                  <td>{a.validity}</td>
                  <td>{a.issued}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p class="muted">
          No achievements yet. An achievement is the certificate you award: define one, then issue it.
        </p>
      )}
    </section>
  );
}

/** The latest cohort CSV uploads and how far each has got. */
function BatchesSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  return (
    <section aria-labelledby="batches-title">
      <h2 id="batches-title">Recent cohort uploads</h2>
      {p.batches.length ? (
        <Scroll label="Recent cohort uploads">
          <table>
            <caption class="visually-hidden">Recent cohort uploads</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Achievement</th>
                <th scope="col">Uploaded</th>
                <th scope="col">Learners</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.batches.map((b) => (
                <tr>
                  <th scope="row">
                    <a href={`/academy/${org.slug}/batches/${b.id}`}>{b.fileName || 'Upload'}</a>
                  </th>
                  <td>{b.achievementName}</td>
                  <td>{longDate(b.createdAt)}</td>
                  <td>
                    {b.validRows} of {b.totalRows} ready
                  </td>
                  <td>{BATCH_STATUS[b.status] ?? b.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p class="muted">No cohort uploads yet. Open an achievement to upload a CSV of learners.</p>
      )}
    </section>
  );
}

/** The certificates issued most recently, linking to the full register. */
function RecentSection({ p }: { p: DashboardProps }) {
  const { org } = p;
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">Recently issued</h2>
      {p.recent.length ? (
        <ul>
          {p.recent.map((r) => (
            <li>
              <a href={`/academy/${org.slug}/credentials/${r.id}`}>
                {r.subjectName ?? 'Learner'}: {r.achievementName}
              </a>{' '}
              <span class="muted small">{longDate(r.issuedAt)}</span>
              {r.status !== 'active' ? <span class="tag bad">{r.status}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nothing issued yet.</p>
      )}
      <p>
        <a href={`/academy/${org.slug}/register`}>Search every certificate you have issued</a>
      </p>
    </section>
  );
}

/** GET /academy/:org — approval status, what it may issue, achievements, recent issuing and links. */
export function AcademyDashboardPage(p: DashboardProps) {
  const { org } = p;
  return (
    <Layout title={`${org.name}: academy`} actor={p.actor} notice={p.notice}>
      <h1>{org.name}</h1>
      <AcademyNav slug={org.slug} />
      <dl class="facts">
        <dt>Approval</dt>
        <dd>
          <StatusTag status={org.status} />
          {org.approvedAt ? ` since ${longDate(org.approvedAt)}` : null}
        </dd>
        <dt>Your role</dt>
        <dd>{p.membership.role}</dd>
      </dl>
      {org.status === 'pending' ? (
        <p class="notice">
          The platform team has not approved this academy yet. Once it does, you can define achievements and issue
          certificates here.
        </p>
      ) : null}
      {org.status === 'suspended' ? (
        <p class="notice error">This academy is suspended: it cannot issue certificates. Contact the platform team.</p>
      ) : null}

      <section aria-labelledby="scopes-title">
        <h2 id="scopes-title">What you may issue</h2>
        {p.scopes.length ? (
          <>
            <p>The platform approved this academy to issue certificates against these frameworks:</p>
            <ul>
              {p.scopes.map((s) => (
                <li>{s.name}</li>
              ))}
            </ul>
            <p class="small muted">
              Items outside them are not offered when you define an achievement, and verifiers would flag them. To add a
              framework, contact the platform team.
            </p>
          </>
        ) : (
          <p class="muted">No frameworks are approved for this academy yet.</p>
        )}
      </section>

      <AchievementsSection p={p} />

      <BatchesSection p={p} />

      <RecentSection p={p} />

      <section aria-labelledby="api-title">
        <h2 id="api-title">Issuing from your own systems</h2>
        <p>
          Everything here also works through the API: one learner with <code>POST /credentials/issue</code>, a cohort
          with <code>POST /api/v1/academies/{org.slug}/cohorts</code>. Create a token under{' '}
          <a href={`/org/${org.slug}/tokens`}>API tokens</a> and see the <a href="/api/openapi.json">API description</a>
          .
        </p>
      </section>
    </Layout>
  );
}

/** Workforce statistics consent (a worker's area, current role and agreement) and an employer's area. */
import type { Actor } from '../../worker/context';
import { Csrf, Layout } from '../layout';
import { describedBy, ErrorSummary, FieldNotes, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface AreaOption {
  code: string;
  name: string;
  region: string | null;
}

const areaOptions = (areas: AreaOption[]): [string, string][] =>
  areas.map((a): [string, string] => [a.code, a.region ? `${a.name} (${a.region})` : a.name]);

/** What being counted means for the worker, and whether they are counted now. */
function ConsentExplained({ consentedAt }: { consentedAt: string | null }) {
  return (
    <section aria-labelledby="what-title">
      <h2 id="what-title">What this means</h2>
      <p>
        Councils and health and care partnerships plan training and recruitment for their area. If you agree, you are{' '}
        <strong>counted anonymously in area statistics</strong>: how many people work in each kind of role, their
        qualification levels, whether their training is in date, and how many move up a band.
      </p>
      <ul>
        <li>
          <strong>No name, email or identifier leaves.</strong> Commissioners only ever see monthly totals with a small
          random adjustment, rounded, and small numbers are shown only as “protected”, so nobody can be picked out.
        </li>
        <li>
          We use your area, your current role and the credentials in your passport. You are counted once a credential
          from a recognised academy or an approved employer backs you.
        </li>
        <li>
          <strong>You can withdraw any time</strong> by unticking the box below. You are not counted from the next
          monthly release, and the role changes we recorded for these statistics are deleted straight away.
        </li>
      </ul>
      {consentedAt ? (
        <p class="tag ok">You agreed on {consentedAt.slice(0, 10)}.</p>
      ) : (
        <p class="tag">You are not counted at the moment.</p>
      )}
    </section>
  );
}

/** The worker's area, current role and agreement to be counted. */
function ConsentForm(p: {
  actor: UserActor;
  areas: AreaOption[];
  roleGroups: { label: string; options: [string, string][] }[];
  form: FormState;
}) {
  const { form } = p;
  const consent = form.values.consent === 'yes';
  const consentError = form.errors.consent;
  return (
    <form method="post" action="/account/workforce" class="stack" novalidate>
      <Csrf actor={p.actor} />
      <SelectField
        name="areaCode"
        label="Area you work in (local authority)"
        hint="Needed to be counted."
        form={form}
        required={false}
        options={[['', 'Not set'], ...areaOptions(p.areas)]}
      />
      <SelectField
        name="currentRoleId"
        label="Your current role"
        hint="Pick the closest role on any ladder. Optional."
        form={form}
        required={false}
        options={[['', 'Not set']]}
        groups={p.roleGroups}
      />
      <div class="field" id="consent">
        <FieldNotes id="consent" error={consentError} />
        <div class="check">
          <input
            type="checkbox"
            id="consent-box"
            name="consent"
            value="yes"
            checked={consent}
            aria-describedby={describedBy('consent', undefined, consentError)}
          />{' '}
          <label for="consent-box">
            I agree to be counted anonymously in workforce statistics for my area. I can withdraw at any time.
          </label>
        </div>
      </div>
      <button type="submit">Save</button>
    </form>
  );
}

/** A worker's consent to be counted anonymously in their area's workforce statistics. */
export function WorkforceConsentPage(p: {
  actor: UserActor;
  areas: AreaOption[];
  roleGroups: { label: string; options: [string, string][] }[];
  form: FormState;
  consentedAt: string | null;
  notice?: string | undefined;
}) {
  return (
    <Layout title="Workforce statistics" actor={p.actor} notice={p.notice}>
      <h1>Be counted in workforce statistics</h1>
      <ErrorSummary
        errors={p.form.errors}
        labels={{ areaCode: 'Area', currentRoleId: 'Current role', consent: 'Agreement' }}
      />
      <ConsentExplained consentedAt={p.consentedAt} />
      <ConsentForm actor={p.actor} areas={p.areas} roleGroups={p.roleGroups} form={p.form} />
    </Layout>
  );
}

export function OrgAreaPage(p: {
  actor: UserActor;
  org: { slug: string; name: string };
  areas: AreaOption[];
  form: FormState;
  notice?: string | undefined;
}) {
  return (
    <Layout title={`Area · ${p.org.name}`} actor={p.actor} notice={p.notice}>
      <h1>Where {p.org.name} operates</h1>
      <p>
        The local authority area your organisation works in. Commissioners plan by area; no information about your staff
        is shared by setting it.
      </p>
      <ErrorSummary errors={p.form.errors} labels={{ areaCode: 'Area' }} />
      <form method="post" action={`/org/${p.org.slug}/area`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <SelectField
          name="areaCode"
          label="Area (local authority)"
          form={p.form}
          options={[['', 'Choose an area'], ...areaOptions(p.areas)]}
        />
        <button type="submit">Save area</button>
      </form>
      <p>
        <a href={`/org/${p.org.slug}`}>Back to {p.org.name}</a>
      </p>
    </Layout>
  );
}

/** Workforce statistics consent (a worker's area, current role and agreement) and an employer's area. */
import type { Actor } from '../../worker/context';
import { type Lang, t as tr, translator } from '../i18n/messages';
import { EnglishBlock, rich } from '../i18n/rich';
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
function ConsentExplained({ consentedAt, lang }: { consentedAt: string | null; lang: Lang }) {
  const t = translator(lang);
  return (
    <section aria-labelledby="what-title">
      <h2 id="what-title">{t('account.consentWhat')}</h2>
      <p>{rich(lang, 'account.consentIntro', { counted: <strong>{t('account.consentCounted')}</strong> })}</p>
      <ul>
        <li>
          {rich(lang, 'account.consentNoIdentifiers', {
            lead: <strong>{t('account.consentNoIdentifiersLead')}</strong>,
          })}
        </li>
        <li>{t('account.consentWhatWeUse')}</li>
        <li>{rich(lang, 'account.consentWithdraw', { lead: <strong>{t('account.consentWithdrawLead')}</strong> })}</li>
      </ul>
      {consentedAt ? (
        <p class="tag ok">{t('account.consentAgreedOn', { date: consentedAt.slice(0, 10) })}</p>
      ) : (
        <p class="tag">{t('account.consentNotCounted')}</p>
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
  lang: Lang;
}) {
  const { form } = p;
  const t = translator(p.lang);
  // The error messages are written in English (by the schemas), so they are marked as English on a Welsh page.
  const errorLang = p.lang === 'en' ? undefined : 'en';
  const consent = form.values.consent === 'yes';
  const consentError = form.errors.consent;
  return (
    <form method="post" action="/account/workforce" class="stack" novalidate>
      <Csrf actor={p.actor} />
      <SelectField
        name="areaCode"
        label={t('account.consentArea')}
        hint={t('account.consentAreaHint')}
        form={form}
        required={false}
        errorLang={errorLang}
        options={[['', t('account.notSet')], ...areaOptions(p.areas)]}
      />
      <SelectField
        name="currentRoleId"
        label={t('account.consentRole')}
        hint={t('account.consentRoleHint')}
        form={form}
        required={false}
        errorLang={errorLang}
        options={[['', t('account.notSet')]]}
        groups={p.roleGroups}
      />
      <div class="field" id="consent">
        <FieldNotes id="consent" error={consentError} errorLang={errorLang} />
        <div class="check">
          <input
            type="checkbox"
            id="consent-box"
            name="consent"
            value="yes"
            checked={consent}
            aria-describedby={describedBy('consent', undefined, consentError)}
          />{' '}
          <label for="consent-box">{t('account.consentAgree')}</label>
        </div>
      </div>
      <button type="submit">{t('account.save')}</button>
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
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('account.consentTitle')} actor={p.actor} notice={p.notice} lang={lang}>
      <h1>{t('account.consentHeading')}</h1>
      {/* The summary is written in English (its messages come from the schemas), so its field names are too. */}
      <EnglishBlock lang={lang}>
        <ErrorSummary
          errors={p.form.errors}
          labels={{
            areaCode: tr('en', 'account.errorArea'),
            currentRoleId: tr('en', 'account.errorRole'),
            consent: tr('en', 'account.errorAgreement'),
          }}
        />
      </EnglishBlock>
      <ConsentExplained consentedAt={p.consentedAt} lang={lang} />
      <ConsentForm actor={p.actor} areas={p.areas} roleGroups={p.roleGroups} form={p.form} lang={lang} />
    </Layout>
  );
}

/** GET/POST /org/:org/area: the local authority area an employer works in (English only for now). */
export function OrgAreaPage(p: {
  actor: UserActor;
  org: { slug: string; name: string };
  areas: AreaOption[];
  form: FormState;
  notice?: string | undefined;
}) {
  const t = translator('en');
  return (
    <Layout title={t('organisation.areaTitle', { name: p.org.name })} actor={p.actor} notice={p.notice}>
      <h1>{t('organisation.areaHeading', { name: p.org.name })}</h1>
      <p>{t('organisation.areaIntro')}</p>
      <ErrorSummary errors={p.form.errors} labels={{ areaCode: t('organisation.area') }} />
      <form method="post" action={`/org/${p.org.slug}/area`} class="stack" novalidate>
        <Csrf actor={p.actor} />
        <SelectField
          name="areaCode"
          label={t('organisation.areaLabel')}
          form={p.form}
          options={[['', t('organisation.chooseArea')], ...areaOptions(p.areas)]}
        />
        <button type="submit">{t('organisation.saveArea')}</button>
      </form>
      <p>
        <a href={`/org/${p.org.slug}`}>{t('organisation.backTo', { name: p.org.name })}</a>
      </p>
    </Layout>
  );
}

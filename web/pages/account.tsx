/** Account settings: name, area, password, sessions and the person's organisations. */
import type { Actor, OrgMembership } from '../../worker/context';
import { type Lang, type MessageKey, type Translate, translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, Field, SelectField } from '../components/forms';
import type { FormState } from '../components/form-state';

export interface AccountPageProps {
  actor: Extract<Actor, { kind: 'user' }>;
  areas: { code: string; name: string; region: string | null }[];
  profile: FormState;
  password: FormState;
  notice?: string | undefined;
  lang?: Lang;
}

const STATUS = {
  pending: 'account.statusPending',
  approved: 'account.statusApproved',
  suspended: 'account.statusSuspended',
  refused: 'account.statusRefused',
} as const satisfies Record<OrgMembership['status'], MessageKey>;

const KIND = {
  academy: 'account.kindAcademy',
  employer: 'account.kindEmployer',
  commissioner: 'account.kindCommissioner',
  platform: 'account.kindPlatform',
} as const satisfies Record<OrgMembership['kind'], MessageKey>;

const ROLE = {
  owner: 'account.roleOwner',
  admin: 'account.roleAdmin',
  staff: 'account.roleStaff',
} as const satisfies Record<OrgMembership['role'], MessageKey>;

/** The forms for the account holder's name and area, and for changing the password. */
function DetailsAndPassword({ p, lang }: { p: AccountPageProps; lang: Lang }) {
  const { actor, areas, profile, password } = p;
  const t = translator(lang);
  // The error messages are written in English (by the schemas), so they are marked as English on a Welsh page.
  const errorLang = lang === 'en' ? undefined : 'en';
  return (
    <>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.detailsTitle')}</h2>
        <form method="post" action="/account" class="stack" novalidate>
          <Csrf actor={actor} />
          <Field
            name="displayName"
            label={t('account.name')}
            form={profile}
            autocomplete="name"
            errorLang={errorLang}
          />
          <SelectField
            name="areaCode"
            label={t('account.area')}
            hint={t('account.areaHint')}
            form={profile}
            required={false}
            errorLang={errorLang}
            options={[
              ['', t('account.notSet')],
              ...areas.map((a): [string, string] => [a.code, a.region ? `${a.name} (${a.region})` : a.name]),
            ]}
          />
          <button type="submit">{t('account.saveDetails')}</button>
        </form>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('account.passwordTitle')}</h2>
        <form method="post" action="/account/password" class="stack" novalidate>
          <Csrf actor={actor} />
          <Field
            name="currentPassword"
            label={t('account.currentPassword')}
            type="password"
            form={password}
            autocomplete="current-password"
            errorLang={errorLang}
          />
          <Field
            name="newPassword"
            label={t('account.newPassword')}
            type="password"
            form={password}
            autocomplete="new-password"
            hint={t('account.newPasswordHint')}
            errorLang={errorLang}
          />
          <button type="submit">{t('account.changePassword')}</button>
        </form>
      </section>
    </>
  );
}

/** The organisations the account belongs to, with its role and their approval status. */
function OrganisationsSection({ actor, t }: { actor: AccountPageProps['actor']; t: Translate }) {
  return (
    <section aria-labelledby="orgs-title">
      <h2 id="orgs-title">{t('account.orgsTitle')}</h2>
      {actor.memberships.length ? (
        <ul>
          {actor.memberships.map((m) => (
            <li>
              <a href={`/org/${m.slug}`}>{m.name}</a> <span class="tag">{t(KIND[m.kind])}</span>{' '}
              <span class="tag">{t(ROLE[m.role])}</span>{' '}
              <span class={`tag ${m.status === 'approved' ? 'ok' : 'warn'}`}>{t(STATUS[m.status])}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('account.noOrgs')}</p>
      )}
      <p>
        <a href="/organisations/new">{t('account.registerOrg')}</a>
      </p>
    </section>
  );
}

/** Signing out on every device, and the links to the holder's consent, export and account deletion. */
function DevicesAndData({ actor, t }: { actor: AccountPageProps['actor']; t: Translate }) {
  return (
    <>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.devicesTitle')}</h2>
        <p>{t('account.devicesText')}</p>
        <form method="post" action="/account/sign-out-everywhere" data-confirm={t('account.signOutConfirm')}>
          <Csrf actor={actor} />
          <button type="submit" class="danger">
            {t('account.signOutEverywhere')}
          </button>
        </form>
      </section>

      <section aria-labelledby="more-title">
        <h2 id="more-title">{t('account.dataTitle')}</h2>
        <ul>
          <li>
            <a href="/account/workforce">{t('account.workforceLink')}</a>
          </li>
          <li>
            <a href="/passport/export">{t('account.downloadAll')}</a>
          </li>
          <li>
            <a href="/account/delete">{t('account.deleteAccount')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}

/** GET /account: the holder's details, password, organisations, devices and data. */
export function AccountPage(p: AccountPageProps) {
  const { actor, profile, password, notice } = p;
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('account.title')} actor={actor} notice={notice} lang={lang}>
      <h1>{t('account.title')}</h1>
      <ErrorSummary errors={{ ...profile.errors, ...password.errors }} lang={lang} />
      <dl class="facts">
        <dt>{t('account.email')}</dt>
        <dd>
          {actor.user.email}{' '}
          {actor.user.emailVerified ? (
            <span class="tag ok">{t('account.emailConfirmed')}</span>
          ) : (
            <span class="tag warn">{t('account.emailNotConfirmed')}</span>
          )}
        </dd>
      </dl>

      <DetailsAndPassword p={p} lang={lang} />

      <OrganisationsSection actor={actor} t={t} />

      <DevicesAndData actor={actor} t={t} />
    </Layout>
  );
}

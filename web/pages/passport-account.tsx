/** Leaving: what deleting the account does (and does not) erase, confirmed by typing the email address. */
import type { Actor } from '../../worker/context';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { ErrorSummary, Field } from '../components/forms';
import type { FormState } from '../components/form-state';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** What a deletion erases, in the order the privacy notice lists it. */
const ERASED = [
  'leaving.eraseName',
  'leaving.eraseKey',
  'leaving.eraseShares',
  'leaving.eraseImported',
  'leaving.erasePathway',
  'leaving.eraseMemberships',
  'leaving.eraseInvitations',
] as const;

/** What a deletion erases and what issuers and employers keep without the person (the privacy notice in short). */
function WhatDeletionDoes({ t, lang }: { t: Translate; lang: Lang }) {
  return (
    <>
      <h2>{t('leaving.whatHappens')}</h2>
      <h3>{t('leaving.staysValid')}</h3>
      <p>{t('leaving.staysValidBody')}</p>
      <h3>{t('leaving.weErase')}</h3>
      <ul>
        {ERASED.map((key) => (
          <li>{t(key)}</li>
        ))}
      </ul>
      <h3>{t('leaving.othersKeep')}</h3>
      <p>{rich(lang, 'leaving.othersKeepBody', { link: <a href="/privacy">{t('leaving.privacyLink')}</a> })}</p>
    </>
  );
}

/**
 * GET/POST /account/delete: download first, what deleting does, then confirm with the email address. A refusal is
 * written in English (by the form's schema or the account service) and marked so on a Welsh page.
 */
export function DeleteAccountPage({
  actor,
  form,
  problem,
  lang = 'en',
}: {
  actor: UserActor;
  form: FormState;
  problem?: string | undefined;
  lang?: Lang;
}) {
  const t = translator(lang);
  const errorLang = lang === 'en' ? undefined : 'en';
  return (
    <Layout title={t('leaving.title')} actor={actor} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('leaving.title')}</h1>
      {problem ? (
        <p class="notice error" role="alert" lang={errorLang}>
          {problem}
        </p>
      ) : null}
      <ErrorSummary errors={form.errors} lang={lang} />
      <h2>{t('leaving.downloadFirst')}</h2>
      <p>{t('leaving.downloadFirstBody')}</p>
      <p>
        <a class="button secondary" href="/passport/export">
          {t('leaving.download')}
        </a>
      </p>
      <WhatDeletionDoes t={t} lang={lang} />
      <h2>{t('leaving.delete')}</h2>
      <p>
        <strong>{t('leaving.cannotUndo')}</strong>
      </p>
      <form method="post" action="/account/delete" class="stack" novalidate data-confirm={t('leaving.confirm')}>
        <Csrf actor={actor} />
        <Field
          name="confirmEmail"
          label={t('leaving.emailLabel')}
          hint={t('leaving.emailHint', { email: actor.user.email })}
          type="email"
          form={form}
          autocomplete="off"
          errorLang={errorLang}
        />
        <button type="submit" class="danger">
          {t('leaving.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** After deleting: the person is signed out, so the page is for no one in particular, in the language they chose. */
export function AccountDeletedPage({ lang = 'en' }: { lang?: Lang } = {}) {
  const t = translator(lang);
  return (
    <Layout title={t('leaving.deletedTitle')} actor={{ kind: 'anonymous' }} lang={lang}>
      <h1>{t('leaving.deletedTitle')}</h1>
      <p role="status">{t('leaving.deletedBody')}</p>
      <p>
        <a href="/">{t('leaving.toHome')}</a>
      </p>
    </Layout>
  );
}

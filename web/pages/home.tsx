import type { Actor } from '../../worker/context';
import { type Lang, translator } from '../i18n/messages';
import { Layout } from '../layout';

/** The landing page: what the service does for each of its users. */
export function HomePage({ actor, lang = 'en' }: { actor: Actor; lang?: Lang }) {
  const t = translator(lang);
  return (
    <Layout title={t('home.title')} actor={actor} lang={lang}>
      <h1>{t('home.heading')}</h1>
      <p>{t('home.intro')}</p>
      <ul class="cards">
        <li class="card">
          <h2>{t('home.workers')}</h2>
          <p>{t('home.workersText')}</p>
          <a class="button" href={actor.kind === 'user' ? '/passport' : '/sign-up'}>
            {actor.kind === 'user' ? t('home.openPassport') : t('home.createPassport')}
          </a>
        </li>
        <li class="card">
          <h2>{t('home.employers')}</h2>
          <p>{t('home.employersText')}</p>
          <a class="button secondary" href="/verify">
            {t('home.verify')}
          </a>
        </li>
        <li class="card">
          <h2>{t('home.academies')}</h2>
          <p>{t('home.academiesText')}</p>
          <a class="button secondary" href="/sign-in">
            {t('home.signInToIssue')}
          </a>
        </li>
        <li class="card">
          <h2>{t('home.ladders')}</h2>
          <p>{t('home.laddersText')}</p>
          <a class="button secondary" href="/catalogue">
            {t('home.browseLadders')}
          </a>
        </li>
      </ul>
      <section aria-labelledby="organisations-title" class="stack">
        <h2 id="organisations-title">{t('home.organisations')}</h2>
        <p>{t('home.organisationsText')}</p>
        <p>
          <a class="button" href="/organisations/new">
            {t('home.register')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The chooser after sign-in for people who work in more than one place. */
import type { Actor } from '../../worker/context';
import type { WorkPlace } from '../../worker/services/accounts/landing';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { InEnglish } from '../i18n/rich';
import { Layout } from '../layout';

/**
 * A place as the person reads it: in English as the service words it; in Welsh the admin area and the passport are
 * translated, and an organisation keeps its name and English description, marked as English.
 */
function placeLabel(place: WorkPlace, lang: Lang, t: Translate) {
  if (lang === 'en') return place.label;
  if (place.kind === 'admin') return t('start.admin');
  if (place.kind === 'passport') return t('start.passport');
  return <InEnglish lang={lang}>{place.label}</InEnglish>;
}

/** "Where do you want to go?": each organisation's home, the admin area and the person's own passport. */
export function StartPage(p: { actor: Actor; places: readonly WorkPlace[]; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('start.title')} actor={p.actor} lang={lang}>
      <h1>{t('start.title')}</h1>
      <p>{t('start.intro')}</p>
      <ul class="cards">
        {p.places.map((place) => (
          <li class="card">
            <a href={place.href}>{placeLabel(place, lang, t)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

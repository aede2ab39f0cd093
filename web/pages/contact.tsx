/** The contact page: the support address, and a form whose message is emailed to the support team. */
import type { Actor } from '../../worker/context';
import { ErrorSummary, Field, FieldNotes, describedBy } from '../components/forms';
import type { FormState } from '../components/form-state';
import { type Lang, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';

/** GET/POST /contact; the form's error messages come from the schema in English and are marked so on a Welsh page. */
export function ContactPage(p: {
  actor: Actor;
  supportEmail: string;
  form: FormState;
  notice?: string | undefined;
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const errorLang = lang === 'en' ? undefined : 'en';
  const error = p.form.errors.message;
  return (
    <Layout title={t('contact.title')} actor={p.actor} notice={p.notice} lang={lang}>
      <h1>{t('contact.title')}</h1>
      <p>
        {rich(lang, 'contact.intro', {
          email: <a href={`mailto:${p.supportEmail}`}>{p.supportEmail}</a>,
          help: <a href="/help">{t('contact.helpLink')}</a>,
        })}
      </p>
      <ErrorSummary errors={p.form.errors} lang={lang} />
      <form method="post" action="/contact" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field
          name="name"
          label={t('contact.name')}
          form={p.form}
          autocomplete="name"
          lang={lang}
          errorLang={errorLang}
        />
        <Field
          name="email"
          label={t('contact.email')}
          type="email"
          form={p.form}
          autocomplete="email"
          lang={lang}
          errorLang={errorLang}
        />
        <div class="field">
          <label for="message">{t('contact.message')}</label>
          <FieldNotes id="message" error={error} lang={lang} errorLang={errorLang} />
          <textarea
            id="message"
            name="message"
            rows={6}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy('message', undefined, error)}
          >
            {p.form.values.message ?? ''}
          </textarea>
        </div>
        <button type="submit">{t('contact.send')}</button>
      </form>
    </Layout>
  );
}

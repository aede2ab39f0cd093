import type { Actor } from '../../worker/context';
import { type Lang, type MessageKey, translator } from '../i18n/messages';
import { Layout } from '../layout';

const titles: Record<number, Extract<MessageKey, `errorPage.${string}`>> = {
  400: 'errorPage.badRequest',
  401: 'errorPage.signIn',
  403: 'errorPage.forbidden',
  404: 'errorPage.notFound',
  409: 'errorPage.conflict',
  413: 'errorPage.tooLarge',
  429: 'errorPage.tooMany',
  500: 'errorPage.server',
};

/**
 * An error page with the message in plain words and any field problems listed. The page follows `lang`; the message
 * and the field problems are in `messageLang` (the services and schemas write English) and are marked when it differs.
 */
export function ErrorPage(p: {
  actor: Actor;
  status: number;
  message: string;
  details?: unknown;
  lang?: Lang;
  messageLang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const marked = (p.messageLang ?? 'en') === lang ? undefined : (p.messageLang ?? 'en');
  const list = Array.isArray(p.details) ? (p.details as { path?: string; message?: string }[]) : [];
  const title = t((Object.hasOwn(titles, p.status) ? titles[p.status] : undefined) ?? 'errorPage.generic');
  return (
    <Layout title={title} actor={p.actor} lang={lang}>
      <h1>{title}</h1>
      <p role="alert" lang={marked}>
        {p.message}
      </p>
      {list.length ? (
        <ul lang={marked}>
          {list.map((d) => (
            <li>
              {d.path ? <strong>{d.path}: </strong> : null}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {p.status === 401 ? (
        <p>
          <a href="/sign-in">{t('errorPage.signInLink')}</a>
        </p>
      ) : (
        <p>
          <a href="/">{t('errorPage.home')}</a>
        </p>
      )}
    </Layout>
  );
}

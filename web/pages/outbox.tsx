/** The local mail outbox (development and test only): every message the service would have emailed. */
import type { Actor } from '../../worker/context';
import { translator } from '../i18n/messages';
import { Layout } from '../layout';

/** A development aid, English only. */
const t = translator('en');

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Message text with its web links made clickable (text stays escaped; only http(s) URLs become links). */
function Linkified({ text }: { text: string }) {
  return <>{text.split(URL_PATTERN).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</>;
}

export function OutboxPage({ actor, messages }: { actor: Actor; messages: OutboxMessage[] }) {
  return (
    <Layout title={t('outbox.title')} actor={actor}>
      <h1>{t('outbox.title')}</h1>
      <p class="muted">{t('outbox.devOnly')}</p>
      {messages.length ? (
        messages.map((m) => (
          <article class="card" aria-labelledby={`msg-${m.id}`}>
            <h2 id={`msg-${m.id}`}>{m.subject}</h2>
            <p class="small muted">{t('outbox.to', { to: m.to, when: m.createdAt })}</p>
            <pre class="mail">
              <Linkified text={m.body} />
            </pre>
          </article>
        ))
      ) : (
        <p>{t('outbox.none')}</p>
      )}
    </Layout>
  );
}

/** The local mail outbox (development and test only): every message the service would have emailed. */
import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

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
    <Layout title="Outbox" actor={actor}>
      <h1>Outbox</h1>
      <p class="muted">
        Development only: mail is not sent; it lands here instead, newest first. This page does not exist in production.
      </p>
      {messages.length ? (
        messages.map((m) => (
          <article class="card" aria-labelledby={`msg-${m.id}`}>
            <h2 id={`msg-${m.id}`}>{m.subject}</h2>
            <p class="small muted">
              To {m.to} · {m.createdAt}
            </p>
            <pre class="mail">
              <Linkified text={m.body} />
            </pre>
          </article>
        ))
      ) : (
        <p>No messages yet.</p>
      )}
    </Layout>
  );
}

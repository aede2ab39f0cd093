/** A short page with one heading and a message (check your email, link expired ...). */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import type { Lang } from '../i18n/messages';
import { Layout } from '../layout';

/** A page with one heading and a short message (check your email, link expired ...). */
export function MessagePage(p: { actor: Actor; title: string; children: Child; lang?: Lang }) {
  return (
    <Layout title={p.title} actor={p.actor} lang={p.lang ?? 'en'}>
      <h1>{p.title}</h1>
      {p.children}
    </Layout>
  );
}

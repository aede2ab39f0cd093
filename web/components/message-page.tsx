/** A short page with one heading and a message (check your email, link expired ...). */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

/** A page with one heading and a short message (check your email, link expired ...). */
export function MessagePage(p: { actor: Actor; title: string; children: Child }) {
  return (
    <Layout title={p.title} actor={p.actor}>
      <h1>{p.title}</h1>
      {p.children}
    </Layout>
  );
}

import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

const titles: Record<number, string> = {
  400: 'There is a problem with what was sent',
  401: 'Please sign in',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'That has already been done',
  413: 'That is too large',
  429: 'Too many attempts',
  500: 'Sorry, something went wrong',
};

/** An error page with the message in plain words and any field problems listed. */
export function ErrorPage(p: { actor: Actor; status: number; message: string; details?: unknown }) {
  const list = Array.isArray(p.details) ? (p.details as { path?: string; message?: string }[]) : [];
  return (
    <Layout title={titles[p.status] ?? 'Error'} actor={p.actor}>
      <h1>{titles[p.status] ?? 'Error'}</h1>
      <p role="alert">{p.message}</p>
      {list.length ? (
        <ul>
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
          <a href="/sign-in">Sign in</a>
        </p>
      ) : (
        <p>
          <a href="/">Go to the home page</a>
        </p>
      )}
    </Layout>
  );
}

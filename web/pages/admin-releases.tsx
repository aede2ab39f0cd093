/** Platform admin: workforce releases (the figures commissioners see), and cutting this month's release. */
import type { Actor } from '../../worker/context';
import type { Release } from '../../worker/services/workforce/releases';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { AdminNav } from './admin-roles';

type UserActor = Extract<Actor, { kind: 'user' }>;

export interface AdminReleasesProps {
  actor: UserActor;
  releases: Release[];
  /** Consenting workers, and how many of them are verified (counted). */
  coverage: { consenting: number; verified: number };
  notice?: string | undefined;
}

export function AdminReleasesPage({ actor, releases, coverage, notice }: AdminReleasesProps) {
  return (
    <Layout title="Workforce releases · Platform admin" actor={actor} notice={notice}>
      <h1>Workforce releases</h1>
      <AdminNav current="releases" />
      <p>
        Commissioners see workforce figures only as monthly releases, frozen when a release is cut, never live. Cut one
        release a month (a scheduled <code>npm run admin -- cut-release</code> does the same). A consent, role or
        credential change shows only in the next release, together with the rest of the month’s changes.
      </p>
      <p>
        Counted now: <strong>{coverage.verified}</strong> of <strong>{coverage.consenting}</strong> consenting workers.
        The others have no live credential from a recognised academy and no approved employer, so they are not counted.
      </p>
      <form method="post" action="/admin/releases">
        <Csrf actor={actor} />
        <button type="submit">Cut this month’s release now</button>
      </form>
      <h2>Published releases</h2>
      {releases.length ? (
        <Scroll label="Published releases">
          <table>
            <thead>
              <tr>
                <th scope="col">Release</th>
                <th scope="col">Figures as at</th>
                <th scope="col">Method</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr>
                  <td>{r.period}</td>
                  <td>{r.cutAt.slice(0, 16).replace('T', ' ')} UTC</td>
                  <td>{r.method}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p>No release yet: commissioners see no figures until the first one is cut.</p>
      )}
    </Layout>
  );
}

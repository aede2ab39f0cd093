/** Platform admin: workforce releases (the figures commissioners see), and cutting this month's release. */
import type { Actor } from '../../worker/context';
import type { Release } from '../../worker/services/workforce/releases';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { Scroll } from '../components/scroll';
import { AdminNav } from './admin-roles';

type UserActor = Extract<Actor, { kind: 'user' }>;

const t = translator('en');

export interface AdminReleasesProps {
  actor: UserActor;
  releases: Release[];
  /** Consenting workers, and how many of them are verified (counted). */
  coverage: { consenting: number; verified: number };
  notice?: string | undefined;
}

/** GET /admin/releases: what commissioners see, who is counted now, and cutting this month's release. */
export function AdminReleasesPage({ actor, releases, coverage, notice }: AdminReleasesProps) {
  return (
    <Layout title={t('admin.titleOf', { page: t('admin.navReleases') })} actor={actor} notice={notice}>
      <h1>{t('admin.navReleases')}</h1>
      <AdminNav current="admin.navReleases" />
      <p>{rich('en', 'admin.releasesIntro', { command: <code>npm run admin -- cut-release</code> })}</p>
      <p>
        {rich('en', 'admin.countedNow', {
          verified: <strong>{coverage.verified}</strong>,
          consenting: <strong>{coverage.consenting}</strong>,
        })}
      </p>
      <form method="post" action="/admin/releases">
        <Csrf actor={actor} />
        <button type="submit">{t('admin.cutNow')}</button>
      </form>
      <h2>{t('admin.publishedReleases')}</h2>
      {releases.length ? (
        <Scroll label={t('admin.publishedReleases')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.colRelease')}</th>
                <th scope="col">{t('admin.colFiguresAsAt')}</th>
                <th scope="col">{t('admin.colMethod')}</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr>
                  <td>{r.period}</td>
                  <td>{t('admin.cutAtUtc', { time: r.cutAt.slice(0, 16).replace('T', ' ') })}</td>
                  <td>{r.method}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p>{t('admin.noRelease')}</p>
      )}
    </Layout>
  );
}

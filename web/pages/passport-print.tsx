/** The one-page passport summary a worker prints or saves as a PDF, in the language she chose. */
import type { Actor } from '../../worker/context';
import type { PassportEntry, PassportStatus } from '../../worker/services/passport/passport';
import { groupEntries } from '../../worker/services/passport/passport';
import { day } from '../components/passport-status';
import { Scroll } from '../components/scroll';
import { type Lang, type MessageKey, translator } from '../i18n/messages';
import { Layout } from '../layout';

/** Each status as a worker or an employer says it on paper (the same words as the text summary beside the export). */
const STATUS_KEYS = {
  valid: 'status.valid',
  expiring: 'print.statusExpiring',
  expired: 'status.expired',
  suspended: 'status.suspended',
  revoked: 'status.revoked',
} as const satisfies Record<PassportStatus, MessageKey>;

/** Every certificate by kind in one table per kind; issued ones link to their printable certificate with its QR. */
export function PassportPrintPage(p: {
  actor: Actor;
  holderName: string;
  entries: readonly PassportEntry[];
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const count = p.entries.length;
  return (
    <Layout title={t('print.title')} actor={p.actor} lang={lang}>
      <p class="no-print">
        {t('print.howTo')} <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <article class="certificate" aria-labelledby="summary-title">
        <h1 id="summary-title">{t('print.heading', { name: p.holderName })}</h1>
        <p>{count === 1 ? t('print.countOne') : t('print.countMany', { count })}</p>
        {groupEntries([...p.entries]).map((g) => (
          <section aria-labelledby={`print-${g.kind}`}>
            <h2 id={`print-${g.kind}`}>{t(`kind.${g.kind}`)}</h2>
            <Scroll label={t(`kind.${g.kind}`)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('print.certificate')}</th>
                    <th scope="col">{t('passport.issuedBy')}</th>
                    <th scope="col">{t('print.validUntil')}</th>
                    <th scope="col">{t('print.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.entries.map((e) => (
                    <tr>
                      <td>{e.source === 'issued' ? <a href={`/certificates/${e.id}`}>{e.name}</a> : e.name}</td>
                      <td>{e.issuerName}</td>
                      <td>{day(e.validUntil, t('common.noExpiry'), lang)}</td>
                      <td>{t(STATUS_KEYS[e.status])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </section>
        ))}
      </article>
    </Layout>
  );
}

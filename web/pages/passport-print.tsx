/** The one-page passport summary a worker prints or saves as a PDF. */
import type { Actor } from '../../worker/context';
import type { PassportEntry } from '../../worker/services/passport/passport';
import { KIND_LABELS, groupEntries } from '../../worker/services/passport/passport';
import { STATUS_WORDS, summaryDay } from '../../worker/services/passport/summary';
import { Scroll } from '../components/scroll';
import { Layout } from '../layout';

/** Every certificate by kind in one table per kind; issued ones link to their printable certificate with its QR. */
export function PassportPrintPage(p: { actor: Actor; holderName: string; entries: readonly PassportEntry[] }) {
  return (
    <Layout title="My passport: summary to print" actor={p.actor}>
      <p class="no-print">
        Use your browser's Print command to print this page or save it as a PDF.{' '}
        <a href="/passport">Back to my passport</a>
      </p>
      <article class="certificate" aria-labelledby="summary-title">
        <h1 id="summary-title">Care Passport: {p.holderName}</h1>
        <p>
          {p.entries.length === 1 ? '1 certificate' : `${p.entries.length} certificates`}, each signed by the
          organisation that issued it.
        </p>
        {groupEntries([...p.entries]).map((g) => (
          <section aria-labelledby={`print-${g.kind}`}>
            <h2 id={`print-${g.kind}`}>{KIND_LABELS[g.kind]}</h2>
            <Scroll label={KIND_LABELS[g.kind]}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Certificate</th>
                    <th scope="col">Issued by</th>
                    <th scope="col">Valid until</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {g.entries.map((e) => (
                    <tr>
                      <td>{e.source === 'issued' ? <a href={`/certificates/${e.id}`}>{e.name}</a> : e.name}</td>
                      <td>{e.issuerName}</td>
                      <td>{summaryDay(e.validUntil, 'Does not expire')}</td>
                      <td>{STATUS_WORDS[e.status]}</td>
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

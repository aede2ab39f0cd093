/** The page that comes before sending new claim links to several learners: who gets an email, who is skipped and why. */
import { MAX_BULK_CLAIM_LINKS } from '../../schemas/register-bulk';
import type { ClaimLinkRow, ClaimLinkSkip, ClaimLinksPreview } from '../../worker/services/academy/bulk-claim-links';
import { CLAIM_LINKS_PER_DAY } from '../../worker/services/academy/claim-links';
import { AcademyNav, type UserActor } from '../components/academy';
import { ErrorSummary } from '../components/forms';
import type { FormState } from '../components/form-state';
import { LearnerCells, SearchHiddenFields, registerLink } from '../components/register-bulk';
import { Scroll } from '../components/scroll';
import { type MessageKey, translator } from '../i18n/messages';
import { Csrf, Layout } from '../layout';

const t = translator('en');

/** What the confirmation page shows and carries. */
export interface ClaimLinksConfirmProps {
  actor: UserActor;
  slug: string;
  /** The posted selection and any errors. */
  form: FormState;
  /** The ticked certificate ids, carried to the confirming post. */
  ids: string[];
  /** Who would get an email and who is skipped; null when the selection itself could not be read. */
  preview: ClaimLinksPreview | null;
}

const SKIP_KEY = {
  claimed: 'register.skipClaimed',
  revoked: 'register.skipRevoked',
  renewed: 'register.skipRenewed',
  expired: 'register.skipExpired',
  no_email: 'register.skipNoEmail',
} as const satisfies Record<Exclude<ClaimLinkSkip, 'limit'>, MessageKey>;

/** Why a certificate gets no new link, in the academy's words. */
const skipWords = (skip: ClaimLinkSkip) =>
  skip === 'limit' ? t('register.skipLimit', { limit: CLAIM_LINKS_PER_DAY }) : t(SKIP_KEY[skip]);

const n = (count: number) => count.toLocaleString('en-GB');

/** The learners to be emailed, or the certificates skipped with the reason for each. */
function LinksTable(p: { caption: string; rows: ClaimLinkRow[]; why: boolean }) {
  return (
    <Scroll label={p.caption}>
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('register.colLearner')}</th>
            <th scope="col">{t('register.colAchievement')}</th>
            <th scope="col">{t('register.colIssued')}</th>
            {p.why ? <th scope="col">{t('register.colWhy')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <LearnerCells row={r} />
              {p.why && r.skip ? <td>{skipWords(r.skip)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** How many were chosen, how many learners get an email, and how many are skipped for each reason. */
function Summary({ preview }: { preview: ClaimLinksPreview }) {
  const skipped = preview.chosen - preview.sending;
  const reasons = (Object.entries(preview.counts) as [ClaimLinkSkip, number][]).filter(([, count]) => count > 0);
  return (
    <>
      <p>
        {preview.chosen === 1 ? t('register.chosenOne') : t('register.chosenMany', { count: n(preview.chosen) })}{' '}
        {preview.sending === 0
          ? t('register.linksSendingNone')
          : preview.sending === 1
            ? t('register.linksSendingOne')
            : t('register.linksSendingMany', { count: n(preview.sending) })}
      </p>
      {skipped > 0 ? (
        <>
          <p>{skipped === 1 ? t('register.linksSkippedOne') : t('register.linksSkippedMany', { count: n(skipped) })}</p>
          <ul>
            {reasons.map(([skip, count]) => (
              <li>{t('register.linksSkipCount', { reason: skipWords(skip), count: n(count) })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The tables of who gets an email and who is skipped (the skipped ones capped, and said so). */
function Lists({ preview }: { preview: ClaimLinksPreview }) {
  const skipped = preview.chosen - preview.sending;
  const skippedCaption =
    skipped > preview.skipped.length
      ? t('register.linksSkippedFirst', { shown: n(preview.skipped.length), count: n(skipped) })
      : t('register.linksSkippedTable');
  return (
    <>
      {preview.toEmail.length && !preview.tooMany ? (
        <LinksTable caption={t('register.linksToEmail')} rows={preview.toEmail} why={false} />
      ) : null}
      {preview.skipped.length ? <LinksTable caption={skippedCaption} rows={preview.skipped} why={true} /> : null}
    </>
  );
}

/** POST /academy/:org/register/claim-links without `confirm`: who would get a new claim link, before any is sent. */
export function ClaimLinksConfirmPage(p: ClaimLinksConfirmProps) {
  const { preview, form } = p;
  const confirmable = !!preview && preview.sending > 0 && !preview.tooMany && !Object.keys(form.errors).length;
  const count = preview?.sending ?? 0;
  return (
    <Layout title={t('register.linksTitle')} actor={p.actor}>
      <h1>
        {!confirmable
          ? t('register.linksHeading')
          : count === 1
            ? t('register.linksHeadingOne')
            : t('register.linksHeadingMany', { count: n(count) })}
      </h1>
      <AcademyNav slug={p.slug} />
      <ErrorSummary errors={form.errors} labels={{ ids: t('register.certificatesLabel') }} />
      {preview ? <Summary preview={preview} /> : null}
      {preview?.tooMany ? (
        <div class="notice error" role="alert">
          {t('register.linksTooMany', { max: MAX_BULK_CLAIM_LINKS })}
        </div>
      ) : null}
      {preview ? <Lists preview={preview} /> : null}
      {confirmable ? (
        <form method="post" action={`/academy/${p.slug}/register/claim-links`} class="stack" novalidate>
          <Csrf actor={p.actor} />
          <SearchHiddenFields values={form.values} />
          <input type="hidden" name="scope" value={form.values.scope ?? 'ticked'} />
          {p.ids.map((id) => (
            <input type="hidden" name="ids" value={id} />
          ))}
          <input type="hidden" name="confirm" value="yes" />
          <p>{t('register.linksAudit')}</p>
          <div>
            <button type="submit">
              {count === 1 ? t('register.linksSendOne') : t('register.linksSendMany', { count: n(count) })}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <a href={registerLink(p.slug, form.values)}>{t('register.linksBack')}</a>
      </p>
    </Layout>
  );
}

/** The result of a whole check (one credential, several, or a holder's presentation): headline, who is sharing, then each credential. */
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import { formatLabel } from '../../worker/services/verification/verify-input';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { InEnglish } from '../i18n/rich';
import { Breakable } from './technical';
import { ChecksList, VerificationResult, plainReason } from './verification';

/** The sentence for a check where some credentials failed: "1 of 3 credentials is not valid...". */
function someBad(bad: number, n: number, t: Translate): string {
  if (n === 1) return t('verify.badOfOne', { bad, count: n });
  return t(bad === 1 ? 'verify.badOneOfMany' : 'verify.badManyOfMany', { bad, count: n });
}

/** The headline for a whole check, in one sentence. */
export function headline(report: CheckReport, lang: Lang = 'en'): { ok: boolean; text: string } {
  const t = translator(lang);
  const n = report.credentials.length;
  const bad = report.credentials.filter((c) => !c.result.verified || c.belongsToHolder === false).length;
  const own = report.presentation?.errors.find((e) => e.code !== 'credential_invalid');
  if (own)
    return { ok: false, text: t('verify.headlineNotValid', { reason: plainReason(own.code, own.message, lang) }) };
  if (!n) return { ok: false, text: t('verify.nothingToCheck') };
  if (!bad) {
    const holder = report.presentation || report.holder;
    if (n === 1) return { ok: true, text: t(holder ? 'verify.validOneHolder' : 'verify.validOne') };
    return { ok: true, text: t(holder ? 'verify.validManyHolder' : 'verify.validMany', { count: n }) };
  }
  return { ok: false, text: someBad(bad, n, t) };
}

/** Who is sharing and whether everything belongs to them (presentations and shares). */
function HolderFacts({ report, lang }: { report: CheckReport; lang: Lang }) {
  const t = translator(lang);
  const p = report.presentation;
  if (!p && !report.holder) return null;
  const mismatch = report.credentials.some((c) => c.belongsToHolder === false);
  const signatureOk = p ? p.checks.some((ch) => ch.check === 'signature' && ch.ok) : true;
  return (
    <section class="card" aria-labelledby="holder-heading">
      <h3 id="holder-heading">{t('verify.whoIsSharing')}</h3>
      <dl class="facts">
        {report.sharedBy ? (
          <>
            <dt>{t('verify.sharedBy')}</dt>
            <dd>
              {report.sharedBy} <span class="small muted">{t('verify.accountName')}</span>
            </dd>
          </>
        ) : null}
        {p ? (
          <>
            <dt>{t('verify.holderSignature')}</dt>
            <dd>
              {signatureOk ? (
                <span class="tag ok">{t('verify.tagOk')}</span>
              ) : (
                <span class="tag bad">{t('verify.tagProblem')}</span>
              )}{' '}
              {signatureOk ? t('verify.signedByHolder') : t('verify.holderSignatureBad')}
            </dd>
          </>
        ) : null}
        <dt>{t('verify.belongs')}</dt>
        <dd>
          {mismatch ? (
            <>
              <span class="tag bad">{t('verify.tagProblem')}</span> {t('verify.belongsMismatch')}
            </>
          ) : report.credentials.length ? (
            <>
              <span class="tag ok">{t('verify.tagOk')}</span> {t('verify.belongsAll')}
            </>
          ) : (
            t('verify.noCredentials')
          )}
        </dd>
      </dl>
      <ChecksList summary={t('verify.checksOnPresentation')} checks={p?.checks ?? []} lang={lang}>
        <dl class="facts">
          <dt>{t('verify.holderIdentifier')}</dt>
          <dd>{report.holder ? <Breakable text={report.holder} /> : t('verify.holderNotGiven')}</dd>
          {p ? (
            <>
              <dt>{t('verify.format')}</dt>
              <dd>
                <InEnglish lang={lang}>{formatLabel('vp+jwt')}</InEnglish>
              </dd>
            </>
          ) : null}
        </dl>
      </ChecksList>
    </section>
  );
}

/**
 * The whole result of a check: headline, who is sharing, caveats, then one card per credential. `lang` is the page's
 * language; the notes the services write stay English and are marked so on a page in another language.
 */
export function CheckResults({
  report,
  frameworkNames,
  title,
  lang = 'en',
}: {
  report: CheckReport;
  frameworkNames: Record<string, string>;
  title?: string;
  lang?: Lang;
}) {
  const t = translator(lang);
  const h = headline(report, lang);
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{title ?? t('verify.result')}</h2>
      <p class={`notice ${h.ok ? 'ok' : 'error'}`} role="status">
        <strong>{h.text}</strong>
      </p>
      <p class="small muted">{t('verify.checkedAt', { when: report.checkedAt.slice(0, 16).replace('T', ' ') })}</p>
      <HolderFacts report={report} lang={lang} />
      {report.notes.length ? (
        <ul class="small" lang={lang === 'en' ? undefined : 'en'}>
          {report.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : null}
      {report.credentials.length ? <h3 class="visually-hidden">{t('verify.credentials')}</h3> : null}
      {report.credentials.map((c) => (
        <VerificationResult
          result={c.result}
          frameworkNames={frameworkNames}
          issuedToSomeoneElse={c.belongsToHolder === false}
          claimed={c.claimed}
          heading="h3"
          lang={lang}
        />
      ))}
    </section>
  );
}

/** Public pages of one issued credential: the printable certificate (with a QR code) and its live verification. */
import type { CredentialResult } from '../../worker/credentials/verify';
import type { Actor } from '../../worker/context';
import type { PublicCredential } from '../../worker/services/academy/register';
import { Qr } from '../components/qr';
import { kindName } from '../components/technical';
import { VerificationResult, verdict } from '../components/verification';
import { Layout } from '../layout';
import { Breakable, dateTime, humanType, longDate } from '../components/academy';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { InEnglish, rich } from '../i18n/rich';

const t = translator('en');

type Status = 'active' | 'expired' | 'suspended' | 'revoked';

const STATUS_WORD = {
  active: 'certificate.statusActive',
  revoked: 'certificate.statusRevoked',
  suspended: 'certificate.statusSuspended',
  expired: 'certificate.statusExpired',
} as const;

function StatusBanner({ status, renewed, lang }: { status: Status; renewed: boolean; lang: Lang }) {
  const tr = translator(lang);
  if (status === 'revoked') {
    return (
      <p class="notice error" role="alert">
        {rich(lang, 'certificate.revokedBanner', { label: <strong>{tr('certificate.revokedLabel')}</strong> })}
      </p>
    );
  }
  if (status === 'suspended') {
    return (
      <p class="notice error" role="alert">
        {rich(lang, 'certificate.suspendedBanner', { label: <strong>{tr('certificate.suspendedLabel')}</strong> })}
      </p>
    );
  }
  if (status === 'expired') {
    return (
      <p class="notice error">
        {rich(lang, 'certificate.expiredBanner', { label: <strong>{tr('certificate.expiredLabel')}</strong> })}
      </p>
    );
  }
  return renewed ? <p class="notice">{tr('certificate.renewed')}</p> : null;
}

/** The certificate's facts: dates, status, kind, level and the catalogue items it covers (names as the catalogue has them). */
function CertificateFacts({ cert, status, lang }: { cert: PublicCredential; status: Status; lang: Lang }) {
  const tr: Translate = translator(lang);
  const { c, a } = cert;
  return (
    <dl class="facts">
      <dt>{tr('certificate.completed')}</dt>
      <dd>{longDate(c.validFrom, lang)}</dd>
      <dt>{tr('certificate.issued')}</dt>
      <dd>{longDate(c.issuedAt, lang)}</dd>
      <dt>{tr('certificate.validUntil')}</dt>
      <dd>{c.validUntil ? longDate(c.validUntil, lang) : tr('certificate.noExpiry')}</dd>
      <dt>{tr('certificate.status')}</dt>
      <dd>{tr(STATUS_WORD[status])}</dd>
      <dt>{tr('certificate.kind')}</dt>
      <dd>{lang === 'en' ? humanType(a.achievementType) : kindName(a.achievementType, lang)}</dd>
      {a.level ? (
        <>
          <dt>{tr('certificate.level')}</dt>
          <dd>{a.level}</dd>
        </>
      ) : null}
      {cert.aligned.length ? (
        <>
          <dt>{tr('certificate.covers')}</dt>
          <dd>
            <ul>
              {cert.aligned.map((x) => (
                <li>
                  <InEnglish lang={lang}>
                    {x.name} <span class="muted small">({x.framework})</span>
                  </InEnglish>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** GET /certificates/:id — printable, in the visitor's language; status in words; a QR code that opens the live check. */
export function CertificatePage(p: {
  actor: Actor;
  cert: PublicCredential;
  status: Status;
  verifyUrl: string;
  lang: Lang;
}) {
  const { c, a } = p.cert;
  const tr = translator(p.lang);
  const name = c.subjectName ?? tr('certificate.theLearner');
  return (
    <Layout title={tr('certificate.title', { name: a.name })} actor={p.actor} lang={p.lang}>
      <StatusBanner status={p.status} renewed={!!c.replacedById} lang={p.lang} />
      <article class="certificate" aria-labelledby="cert-title">
        <p class="muted">{p.status === 'revoked' ? tr('certificate.headRevoked') : tr('certificate.head')}</p>
        <h1 id="cert-title">{a.name}</h1>
        <p>{rich(p.lang, 'certificate.awardedTo', { name: <strong class="cert-name">{name}</strong> })}</p>
        <p>{rich(p.lang, 'certificate.by', { issuer: <strong>{p.cert.issuerName}</strong> })}</p>
        <CertificateFacts cert={p.cert} status={p.status} lang={p.lang} />
        <p>
          <InEnglish lang={p.lang}>{a.description}</InEnglish>
        </p>
        <Qr text={p.verifyUrl} label={tr('certificate.qr', { url: p.verifyUrl })} size={180} />
        <p class="small">{rich(p.lang, 'certificate.scan', { url: <Breakable text={p.verifyUrl} /> })}</p>
      </article>
      <p class="no-print">
        <a href={p.verifyUrl}>{tr('certificate.checkNow')}</a> ·{' '}
        <a href={`/certificates/${c.id}/credential.jwt`}>{tr('certificate.download')}</a> · {tr('certificate.print')}
      </p>
    </Layout>
  );
}

/** GET /credentials/:id/verify — the stored credential checked live, as any verifier would. */
export function VerifyCredentialPage(p: {
  actor: Actor;
  credentialId: string;
  result: CredentialResult;
  checkedAt: Date;
}) {
  return (
    <Layout title={t('academy.checkTitle', { verdict: verdict(p.result) })} actor={p.actor}>
      <h1>{t('academy.checkHeading')}</h1>
      <p role="status">
        <strong>{verdict(p.result)}</strong>
      </p>
      <VerificationResult result={p.result} heading="h2" />
      <p class="small muted">{t('academy.checkedAt', { when: dateTime(p.checkedAt.toISOString()) })}</p>
      <p>
        <a href={`/certificates/${p.credentialId}`}>{t('academy.seeCertificate')}</a> ·{' '}
        <a href="/verify">{t('academy.checkAnother')}</a>
      </p>
    </Layout>
  );
}

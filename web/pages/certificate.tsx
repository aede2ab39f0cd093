/** Public pages of one issued credential: the printable certificate (with a QR code) and its live verification. */
import type { CredentialResult } from '../../worker/credentials/verify';
import type { Actor } from '../../worker/context';
import type { PublicCredential } from '../../worker/services/academy/register';
import { Qr } from '../components/qr';
import { VerificationResult, verdict } from '../components/verification';
import { Layout } from '../layout';
import { Breakable, dateTime, humanType, longDate } from '../components/academy';
import { translator } from '../i18n/messages';
import { rich } from '../i18n/rich';

const t = translator('en');

type Status = 'active' | 'expired' | 'suspended' | 'revoked';

function StatusBanner({ status, renewed }: { status: Status; renewed: boolean }) {
  if (status === 'revoked') {
    return (
      <p class="notice error" role="alert">
        {rich('en', 'academy.certRevokedBanner', { label: <strong>{t('academy.certRevokedLabel')}</strong> })}
      </p>
    );
  }
  if (status === 'suspended') {
    return (
      <p class="notice error" role="alert">
        {rich('en', 'academy.certSuspendedBanner', { label: <strong>{t('academy.certSuspendedLabel')}</strong> })}
      </p>
    );
  }
  if (status === 'expired') {
    return (
      <p class="notice error">
        {rich('en', 'academy.certExpiredBanner', { label: <strong>{t('academy.certExpiredLabel')}</strong> })}
      </p>
    );
  }
  return renewed ? <p class="notice">{t('academy.certRenewed')}</p> : null;
}

/** GET /certificates/:id — printable; status in words; a QR code that opens the live check. */
export function CertificatePage(p: { actor: Actor; cert: PublicCredential; status: Status; verifyUrl: string }) {
  const { c, a } = p.cert;
  const name = c.subjectName ?? t('academy.certTheLearner');
  return (
    <Layout title={t('academy.certTitle', { name: a.name })} actor={p.actor}>
      <StatusBanner status={p.status} renewed={!!c.replacedById} />
      <article class="certificate" aria-labelledby="cert-title">
        <p class="muted">{p.status === 'revoked' ? t('academy.certHeadRevoked') : t('academy.certificate')}</p>
        <h1 id="cert-title">{a.name}</h1>
        <p>{rich('en', 'academy.certAwardedTo', { name: <strong class="cert-name">{name}</strong> })}</p>
        <p>{rich('en', 'academy.certBy', { issuer: <strong>{p.cert.issuerName}</strong> })}</p>
        <dl class="facts">
          <dt>{t('register.completed')}</dt>
          <dd>{longDate(c.validFrom)}</dd>
          <dt>{t('register.colIssued')}</dt>
          <dd>{longDate(c.issuedAt)}</dd>
          <dt>{t('academy.certValidUntil')}</dt>
          <dd>{c.validUntil ? longDate(c.validUntil) : t('register.noExpiry')}</dd>
          <dt>{t('register.colStatus')}</dt>
          <dd>
            {p.status === 'active'
              ? t('register.statusActive')
              : p.status === 'revoked'
                ? t('academy.certRevokedWord')
                : p.status === 'suspended'
                  ? t('register.statusSuspended')
                  : t('register.statusExpired')}
          </dd>
          <dt>{t('academy.kind')}</dt>
          <dd>{humanType(a.achievementType)}</dd>
          {a.level ? (
            <>
              <dt>{t('academy.certLevel')}</dt>
              <dd>{a.level}</dd>
            </>
          ) : null}
          {p.cert.aligned.length ? (
            <>
              <dt>{t('academy.covers')}</dt>
              <dd>
                <ul>
                  {p.cert.aligned.map((x) => (
                    <li>
                      {x.name} <span class="muted small">({x.framework})</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        <p>{a.description}</p>
        <Qr text={p.verifyUrl} label={t('academy.certQr', { url: p.verifyUrl })} size={180} />
        <p class="small">{rich('en', 'academy.certScan', { url: <Breakable text={p.verifyUrl} /> })}</p>
      </article>
      <p class="no-print">
        <a href={p.verifyUrl}>{t('academy.certCheckNow')}</a> ·{' '}
        <a href={`/certificates/${c.id}/credential.jwt`}>{t('register.downloadSigned')}</a> · {t('academy.certPrint')}
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

/** Public pages of one issued credential: the printable certificate (with a QR code) and its live verification. */
import type { CredentialResult } from '../../worker/credentials/verify';
import type { Actor } from '../../worker/context';
import type { PublicCredential } from '../../worker/services/academy/register';
import { Qr } from '../components/qr';
import { VerificationResult, verdict } from '../components/verification';
import { Layout } from '../layout';
import { Breakable, dateTime, humanType, longDate } from '../components/academy';

type Status = 'active' | 'expired' | 'suspended' | 'revoked';

function StatusBanner({ status, renewed }: { status: Status; renewed: boolean }) {
  if (status === 'revoked') {
    return (
      <p class="notice error" role="alert">
        <strong>REVOKED.</strong> The issuer has revoked this certificate. It is not valid.
      </p>
    );
  }
  if (status === 'suspended') {
    return (
      <p class="notice error" role="alert">
        <strong>SUSPENDED.</strong> The issuer has suspended this certificate. Do not rely on it until it is reinstated.
      </p>
    );
  }
  if (status === 'expired') {
    return (
      <p class="notice error">
        <strong>EXPIRED.</strong> This certificate has passed its expiry date; the training needs a refresher.
      </p>
    );
  }
  return renewed ? (
    <p class="notice">The learner has renewed this training; a newer certificate replaces this one.</p>
  ) : null;
}

/** GET /certificates/:id — printable; status in words; a QR code that opens the live check. */
export function CertificatePage(p: { actor: Actor; cert: PublicCredential; status: Status; verifyUrl: string }) {
  const { c, a } = p.cert;
  const name = c.subjectName ?? 'The learner';
  return (
    <Layout title={`${a.name}: certificate`} actor={p.actor}>
      <StatusBanner status={p.status} renewed={!!c.replacedById} />
      <article class="certificate" aria-labelledby="cert-title">
        <p class="muted">Certificate{p.status === 'revoked' ? ' (REVOKED)' : ''}</p>
        <h1 id="cert-title">{a.name}</h1>
        <p>
          awarded to <strong class="cert-name">{name}</strong>
        </p>
        <p>
          by <strong>{p.cert.issuerName}</strong>
        </p>
        <dl class="facts">
          <dt>Completed</dt>
          <dd>{longDate(c.validFrom)}</dd>
          <dt>Issued</dt>
          <dd>{longDate(c.issuedAt)}</dd>
          <dt>Valid until</dt>
          <dd>{c.validUntil ? longDate(c.validUntil) : 'Does not expire'}</dd>
          <dt>Status</dt>
          <dd>
            {p.status === 'active'
              ? 'Valid'
              : p.status === 'revoked'
                ? 'REVOKED'
                : p.status === 'suspended'
                  ? 'Suspended'
                  : 'Expired'}
          </dd>
          <dt>Kind</dt>
          <dd>{humanType(a.achievementType)}</dd>
          {a.level ? (
            <>
              <dt>Level</dt>
              <dd>{a.level}</dd>
            </>
          ) : null}
          {p.cert.aligned.length ? (
            <>
              <dt>Covers</dt>
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
        <Qr text={p.verifyUrl} label={`QR code: check this certificate at ${p.verifyUrl}`} size={180} />
        <p class="small">
          Scan the code or open <Breakable text={p.verifyUrl} /> to check that this certificate is genuine and still
          valid. It is a digitally signed credential (W3C Verifiable Credential, Open Badges 3.0).
        </p>
      </article>
      <p class="no-print">
        <a href={p.verifyUrl}>Check it now</a> ·{' '}
        <a href={`/certificates/${c.id}/credential.jwt`}>Download the signed credential</a> · Use your browser's Print
        to print it or save it as PDF.
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
    <Layout title={`Check a certificate: ${verdict(p.result)}`} actor={p.actor}>
      <h1>Is this certificate genuine?</h1>
      <p role="status">
        <strong>{verdict(p.result)}</strong>
      </p>
      <VerificationResult result={p.result} heading="h2" />
      <p class="small muted">
        Checked {dateTime(p.checkedAt.toISOString())}: the issuer's signature and identity (did:web), whether the issuer
        has revoked or suspended it, its dates, and whether the platform approved the issuer for what it certifies.
      </p>
      <p>
        <a href={`/certificates/${p.credentialId}`}>See the certificate</a> ·{' '}
        <a href="/verify">Check another credential</a>
      </p>
    </Layout>
  );
}

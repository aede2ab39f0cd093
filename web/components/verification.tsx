/** A credential's verification result: plain words first ("Valid" / "Not valid: revoked by the issuer"), details second. */
import type { CredentialResult } from '../../worker/credentials/verify';

const plain: Record<string, string> = {
  payload_too_large: 'it is too large to be a credential',
  malformed_jwt: 'it is not a readable credential (damaged or incomplete)',
  unsupported_algorithm: 'it uses a signing method we do not accept',
  unsupported_header: 'it has a header we do not accept',
  wrong_type: 'it is not marked as a verifiable credential',
  schema_invalid: 'its contents do not follow the credential standard',
  issuer_mismatch: 'the issuer named inside does not match the signer',
  issuer_unresolvable: 'we could not look up who issued it',
  unknown_key: 'it was signed with a key the issuer does not list',
  invalid_signature: 'its signature does not match: it has been altered or forged',
  expired: 'it has expired',
  not_yet_valid: 'it is not valid yet',
  revoked: 'the issuer has revoked it',
  suspended: 'the issuer has suspended it',
  status_unavailable: "we could not check whether the issuer has revoked it",
  status_list_invalid: "the issuer's revocation list could not be trusted",
  issuer_not_approved: 'the issuer is not approved to award this',
  trust_unavailable: 'we could not check the issuer against the register',
  presentation_expired: 'the shared bundle has expired',
  wrong_audience: 'it was shared with someone else',
  nonce_mismatch: 'it answers a different request',
  replayed_presentation: 'it has already been used once (a replay)',
  holder_mismatch: 'it belongs to someone other than the person sharing it',
  credential_invalid: 'a credential inside is not valid',
  too_many_credentials: 'it holds too many credentials',
};

/** One sentence for a result: "Valid" or "Not valid: <first reason>". */
export function verdict(r: Pick<CredentialResult, 'verified' | 'errors'>): string {
  if (r.verified) return 'Valid';
  const first = r.errors[0];
  return `Not valid: ${first ? (plain[first.code] ?? first.message) : 'it could not be checked'}`;
}

/** Plain words for an error code. */
export function plainReason(code: string, fallback: string): string {
  return plain[code] ?? fallback;
}

function subjectOf(r: CredentialResult) {
  const c = r.credential as Record<string, unknown> | undefined;
  const s = c?.credentialSubject as Record<string, unknown> | Record<string, unknown>[] | undefined;
  const first = Array.isArray(s) ? s[0] : s;
  const achievement = first?.achievement as Record<string, unknown> | undefined;
  return { c, achievement };
}

const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : null);

/** The full result card: verdict, what it is, who issued it, dates, issuer recognition, evidence, then every check. */
export function VerificationResult({ result, heading = 'h3' }: { result: CredentialResult; heading?: 'h2' | 'h3' }) {
  const { c, achievement } = subjectOf(result);
  const H = heading;
  const name = (achievement?.name as string | undefined) ?? (c?.name as string | undefined) ?? 'Credential';
  const evidence = Array.isArray(c?.evidence) ? (c?.evidence as Record<string, unknown>[]) : [];
  return (
    <section class={`card result ${result.verified ? 'ok' : 'bad'}`} aria-label={`${name}: ${verdict(result)}`}>
      <H>{name}</H>
      <p>
        <span class={`tag ${result.verified ? 'ok' : 'bad'}`}>{result.verified ? 'Valid' : 'Not valid'}</span>{' '}
        <strong>{verdict(result)}</strong>
      </p>
      <dl class="facts">
        <dt>Issued by</dt>
        <dd>
          {result.trust?.name ?? result.issuer ?? 'Unknown'}{' '}
          {result.trust?.recognised ? (
            <span class="tag ok">Recognised issuer</span>
          ) : (
            <span class="tag warn">Issuer not recognised here</span>
          )}
          {result.trust?.approvedFor?.length ? (
            <div class="small muted">Approved for: {result.trust.approvedFor.join(', ')}</div>
          ) : null}
        </dd>
        {day(c?.validFrom) ? (
          <>
            <dt>Valid from</dt>
            <dd>{day(c?.validFrom)}</dd>
          </>
        ) : null}
        <dt>Expires</dt>
        <dd>{day(c?.validUntil) ?? 'Does not expire'}</dd>
        {typeof achievement?.achievementType === 'string' ? (
          <>
            <dt>Kind</dt>
            <dd>{achievement.achievementType}</dd>
          </>
        ) : null}
        {evidence.length ? (
          <>
            <dt>Evidence</dt>
            <dd>{evidence.map((e) => [e.name, e.narrative].filter(Boolean).join(': ')).join('; ')}</dd>
          </>
        ) : null}
      </dl>
      {result.warnings.length ? (
        <ul class="small">
          {result.warnings.map((w) => (
            <li>{w.message}</li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>Checks performed</summary>
        <ul class="small">
          {result.checks.map((ch) => (
            <li>
              <span class={`tag ${ch.ok ? 'ok' : 'bad'}`}>{ch.ok ? 'pass' : 'fail'}</span> {ch.check}: {ch.message}
              {ch.code ? <code> ({ch.code})</code> : null}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

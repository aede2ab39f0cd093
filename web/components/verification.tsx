/** A credential's verification result: plain words first ("Valid" / "Not valid: revoked by the issuer"), details second. */
import type { Child } from 'hono/jsx';
import type { CredentialResult } from '../../worker/credentials/verify';
import { formatLabel } from '../../worker/services/verification/verify-input';
import { Breakable, kindName, TechnicalDetails } from './technical';

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
  status_unavailable: 'we could not check whether the issuer has revoked it',
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

type Tone = 'ok' | 'bad' | 'warn' | 'none';

/** One line per thing an employer asks about (signature, issuer, dates, revocation, suspension), in plain words. */
export function keyChecks(
  r: CredentialResult,
  frameworkNames: Record<string, string> = {},
): { what: string; tone: Tone; text: string }[] {
  const find = (name: string) => r.checks.filter((ch) => ch.check === name);
  const reached = (name: string) => find(name).length > 0;
  const failed = (name: string) => find(name).find((ch) => !ch.ok);
  const notChecked = { tone: 'none' as const, text: 'Not checked: the credential could not be read far enough' };
  const out: { what: string; tone: Tone; text: string }[] = [];

  const sig =
    failed('structure') ??
    failed('header') ??
    failed('schema') ??
    failed('issuer') ??
    failed('key') ??
    failed('signature');
  out.push({
    what: 'Signature',
    ...(sig
      ? { tone: 'bad' as const, text: `Fails: ${plainReason(sig.code ?? '', sig.message)}` }
      : reached('signature')
        ? { tone: 'ok' as const, text: 'Matches: not altered since it was issued' }
        : notChecked),
  });

  const t = r.trust;
  const approved = t?.approvedFor?.map((f) => frameworkNames[f] ?? f).join(', ');
  // The full list is in the card's facts; here only what matters for this credential.
  out.push({
    what: 'Issuer',
    ...(!t
      ? failed('trust')
        ? { tone: 'bad' as const, text: plainReason('trust_unavailable', 'Could not be checked') }
        : notChecked
      : !t.recognised
        ? { tone: 'warn' as const, text: 'Not recognised here: not in our register of approved organisations' }
        : !t.approvedForThis
          ? {
              tone: 'bad' as const,
              text: `${t.name ?? 'Recognised'}, but not approved to award this${approved ? ` (approved for ${approved})` : ''}`,
            }
          : { tone: 'ok' as const, text: `${t.name ?? 'Recognised'}: recognised here and approved to award this` }),
  });

  const dates = find('dates');
  const dateFail = dates.find((ch) => !ch.ok);
  const until = day(r.credential?.validUntil);
  out.push({
    what: 'Dates',
    ...(!dates.length
      ? notChecked
      : dateFail
        ? { tone: 'bad' as const, text: plainReason(dateFail.code ?? '', dateFail.message).replace(/^it /, 'It ') }
        : { tone: 'ok' as const, text: until ? `In date until ${until}` : 'In date; does not expire' }),
  });

  const status = find('status');
  const statusLine = (purpose: 'revocation' | 'suspension') => {
    const word = purpose === 'revocation' ? 'revoked' : 'suspended';
    if (!reached('signature')) return notChecked;
    if (r.errors.some((e) => e.code === word))
      return { tone: 'bad' as const, text: `${word === 'revoked' ? 'Revoked' : 'Suspended'} by the issuer` };
    if (status.some((ch) => ch.ok && ch.message.includes(`Not ${word}`)))
      return { tone: 'ok' as const, text: `Not ${word}` };
    const problem = status.find((ch) => !ch.ok && ch.code !== 'revoked' && ch.code !== 'suspended');
    if (problem)
      return {
        tone: 'bad' as const,
        text: `Could not be checked: ${plainReason(problem.code ?? '', problem.message)}`,
      };
    if (r.warnings.some((w) => w.code === 'no_status'))
      return { tone: 'warn' as const, text: 'The issuer offers no way to check this' };
    return dates.length ? { tone: 'warn' as const, text: 'Not checked' } : notChecked;
  };
  out.push({ what: 'Revocation', ...statusLine('revocation') });
  out.push({ what: 'Suspension', ...statusLine('suspension') });
  return out;
}

const CHECK_LABEL: Record<string, string> = {
  size: 'Size',
  structure: 'Readable',
  header: 'Format',
  schema: 'Follows the standard',
  issuer: 'Issuer identity',
  key: 'Signing key',
  signature: 'Signature',
  dates: 'Dates',
  status: 'Revocation and suspension',
  trust: 'Issuer register',
  audience: 'Made for this check',
  nonce: 'Answers our request',
  replay: 'Not a replay',
  credentials: 'Credentials inside',
  holder: 'Belongs to the holder',
};

/** The name of a pipeline step in plain words. */
export function checkLabel(name: string): string {
  return CHECK_LABEL[name] ?? name;
}

/** Who issued it, in words: the registered name, else the name it gives itself, else what is missing. */
function issuerShown(result: CredentialResult, c: Record<string, unknown> | undefined): string {
  if (result.trust?.name) return result.trust.name;
  const own = (c?.issuer as { name?: unknown } | undefined)?.name;
  if (typeof own === 'string' && own.trim()) return own.trim();
  return c ? 'Not named on the credential' : 'Not confirmed: the credential could not be read';
}

/** Who issued the credential and whether we recognise them, its dates, kind and evidence. */
function ResultFacts({ result, frameworkNames }: { result: CredentialResult; frameworkNames: Record<string, string> }) {
  const { c, achievement } = subjectOf(result);
  const evidence = Array.isArray(c?.evidence) ? (c?.evidence as Record<string, unknown>[]) : [];
  return (
    <dl class="facts">
      <dt>Issued by</dt>
      <dd>
        {issuerShown(result, c)}{' '}
        {!result.trust ? null : result.trust.recognised ? (
          <span class="tag ok">Recognised issuer</span>
        ) : (
          <span class="tag warn">Issuer not recognised here</span>
        )}
        {result.trust?.approvedFor?.length ? (
          <details class="small">
            <summary>
              Approved for{' '}
              {result.trust.approvedFor.length === 1 ? '1 framework' : `${result.trust.approvedFor.length} frameworks`}
            </summary>
            {result.trust.approvedFor.map((f) => frameworkNames[f] ?? f).join(', ')}
          </details>
        ) : null}
      </dd>
      {day(c?.validFrom ?? c?.issuanceDate) ? (
        <>
          <dt>Issued</dt>
          <dd>{day(c?.validFrom ?? c?.issuanceDate)}</dd>
        </>
      ) : null}
      <dt>Expires</dt>
      <dd>{day(c?.validUntil ?? c?.expirationDate) ?? (c ? 'Does not expire' : 'Not known: it could not be read')}</dd>
      {typeof achievement?.achievementType === 'string' ? (
        <>
          <dt>Kind</dt>
          <dd>{kindName(achievement.achievementType)}</dd>
        </>
      ) : null}
      {evidence.length ? (
        <>
          <dt>Evidence</dt>
          <dd>{evidence.map((e) => [e.name, e.narrative].filter(Boolean).join(': ')).join('; ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Identifiers, formats and every step of a verification (passed or failed with its message), folded away under
 * "Technical details"; `summary` names the list of steps.
 */
export function ChecksList({
  summary,
  checks,
  children,
}: {
  summary: string;
  checks: CredentialResult['checks'];
  children?: Child;
}) {
  return (
    <TechnicalDetails>
      {children}
      {checks.length ? <p class="small">{summary}</p> : null}
      <ul class="small">
        {checks.map((ch) => (
          <li>
            <span class={`tag ${ch.ok ? 'ok' : 'bad'}`}>{ch.ok ? 'pass' : 'fail'}</span> {checkLabel(ch.check)}:{' '}
            {ch.message}
            {ch.code ? <code> ({ch.code})</code> : null}
          </li>
        ))}
      </ul>
    </TechnicalDetails>
  );
}

/** A credential's machine facts: format, issuer and holder identifiers, and its type as written. */
function TechnicalFacts({ result }: { result: CredentialResult }) {
  const { c, achievement } = subjectOf(result);
  const subject = c?.credentialSubject as { id?: unknown } | undefined;
  return (
    <dl class="facts">
      <dt>Format</dt>
      <dd>{formatLabel(result.format)}</dd>
      {result.issuer ? (
        <>
          <dt>Issuer identifier</dt>
          <dd>
            <Breakable text={result.issuer} />
          </dd>
        </>
      ) : null}
      {typeof subject?.id === 'string' ? (
        <>
          <dt>Holder identifier</dt>
          <dd>
            <Breakable text={subject.id} />
          </dd>
        </>
      ) : null}
      {typeof achievement?.achievementType === 'string' ? (
        <>
          <dt>Type</dt>
          <dd>{achievement.achievementType}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The full result card: verdict, what it is, who issued it, the five key checks, dates, evidence, then every check. */
export function VerificationResult({
  result,
  heading = 'h3',
  frameworkNames = {},
  issuedToSomeoneElse = false,
  claimed,
}: {
  result: CredentialResult;
  heading?: 'h2' | 'h3';
  /** Framework ids to names, for "approved for ..." */
  frameworkNames?: Record<string, string>;
  /** Inside a presentation: this credential was issued to someone other than the holder. */
  issuedToSomeoneElse?: boolean;
  /** What an unverifiable credential says about itself (read without trusting it), to show what it claims. */
  claimed?: { name?: string | undefined; issuer?: string | undefined } | undefined;
}) {
  const { c, achievement } = subjectOf(result);
  const H = heading;
  const name = (achievement?.name as string | undefined) ?? (c?.name as string | undefined) ?? 'Credential';
  const unconfirmed = !c && (claimed?.name || claimed?.issuer);
  const ok = result.verified && !issuedToSomeoneElse;
  const said =
    issuedToSomeoneElse && result.verified ? `Not valid here: ${plainReason('holder_mismatch', '')}` : verdict(result);
  return (
    <section class={`card result ${ok ? 'ok' : 'bad'}`} aria-label={`${name}: ${said}`}>
      <H>{name}</H>
      <p>
        <span class={`tag ${ok ? 'ok' : 'bad'}`}>{ok ? 'Valid' : 'Not valid'}</span> <strong>{said}</strong>
      </p>
      {unconfirmed ? (
        <p class="small">
          It says it is {claimed?.name ? <strong>“{claimed.name}”</strong> : 'a credential'}
          {claimed?.issuer ? (
            <>
              {' '}
              from <strong>{claimed.issuer}</strong>
            </>
          ) : null}
          , but none of that can be trusted: it could not be confirmed.
        </p>
      ) : null}
      <ul class="small checklist">
        {keyChecks(result, frameworkNames).map((k) => (
          <li>
            <strong>{k.what}:</strong>{' '}
            {k.tone !== 'none' ? (
              <span class={`tag ${k.tone}`}>{k.tone === 'ok' ? 'ok' : k.tone === 'bad' ? 'problem' : 'note'}</span>
            ) : null}{' '}
            {k.text}
          </li>
        ))}
        {issuedToSomeoneElse ? (
          <li>
            <strong>Holder:</strong> <span class="tag bad">problem</span> Issued to someone other than the person
            sharing it
          </li>
        ) : null}
      </ul>
      <ResultFacts result={result} frameworkNames={frameworkNames} />
      {result.warnings.length ? (
        <ul class="small">
          {result.warnings.map((w) => (
            <li>{w.message}</li>
          ))}
        </ul>
      ) : null}
      <ChecksList summary="Checks performed" checks={result.checks}>
        <TechnicalFacts result={result} />
      </ChecksList>
    </section>
  );
}

/** A credential's verification result: plain words first ("Valid" / "Not valid: revoked by the issuer"), details second. */
import type { Child } from 'hono/jsx';
import type { CredentialResult } from '../../worker/credentials/verify';
import { formatLabel } from '../../worker/services/verification/verify-input';
import { type Lang, type MessageKey, type Translate, t, translator } from '../i18n/messages';
import { InEnglish, rich } from '../i18n/rich';
import { Breakable, kindName, TechnicalDetails } from './technical';

type ReasonKey = Extract<MessageKey, `verify.reason${string}`>;

/** Plain words for each error code the verifier gives, as a clause ("it has expired"). */
const plain: Record<string, ReasonKey> = {
  payload_too_large: 'verify.reasonPayloadTooLarge',
  malformed_jwt: 'verify.reasonMalformed',
  unsupported_algorithm: 'verify.reasonAlgorithm',
  unsupported_header: 'verify.reasonHeader',
  wrong_type: 'verify.reasonWrongType',
  schema_invalid: 'verify.reasonSchema',
  issuer_mismatch: 'verify.reasonIssuerMismatch',
  issuer_unresolvable: 'verify.reasonIssuerUnresolvable',
  unknown_key: 'verify.reasonUnknownKey',
  invalid_signature: 'verify.reasonSignature',
  expired: 'verify.reasonExpired',
  not_yet_valid: 'verify.reasonNotYetValid',
  revoked: 'verify.reasonRevoked',
  suspended: 'verify.reasonSuspended',
  status_unavailable: 'verify.reasonStatusUnavailable',
  status_list_invalid: 'verify.reasonStatusListInvalid',
  issuer_not_approved: 'verify.reasonIssuerNotApproved',
  trust_unavailable: 'verify.reasonTrustUnavailable',
  presentation_expired: 'verify.reasonPresentationExpired',
  wrong_audience: 'verify.reasonWrongAudience',
  nonce_mismatch: 'verify.reasonNonce',
  replayed_presentation: 'verify.reasonReplay',
  holder_mismatch: 'verify.reasonHolderMismatch',
  credential_invalid: 'verify.reasonCredentialInvalid',
  too_many_credentials: 'verify.reasonTooMany',
};

/** The catalogue key for an error code, if the code is one we word ourselves. */
const reasonKey = (code: string): ReasonKey | undefined => (Object.hasOwn(plain, code) ? plain[code] : undefined);

/** One sentence for a result: "Valid" or "Not valid: <first reason>". */
export function verdict(r: Pick<CredentialResult, 'verified' | 'errors'>, lang: Lang = 'en'): string {
  const t = translator(lang);
  if (r.verified) return t('verify.valid');
  const first = r.errors[0];
  const reason = first ? plainReason(first.code, first.message, lang) : t('verify.reasonUnchecked');
  return t('verify.notValidBecause', { reason });
}

/** Plain words for an error code; a code we do not word keeps the verifier's own (English) message. */
export function plainReason(code: string, fallback: string, lang: Lang = 'en'): string {
  const key = reasonKey(code);
  return key ? t(lang, key) : fallback;
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

/** One key check's answer: how it went and what to say. */
type KeyLine = { tone: Tone; text: string };

/** The issuer line: recognised and approved for this, recognised but not approved for this, or not recognised. */
function issuerLine(r: CredentialResult, frameworkNames: Record<string, string>, t: Translate, notChecked: KeyLine) {
  const trust = r.trust;
  if (!trust) {
    return r.checks.some((ch) => ch.check === 'trust' && !ch.ok)
      ? { tone: 'bad' as const, text: t('verify.reasonTrustUnavailable') }
      : notChecked;
  }
  if (!trust.recognised) return { tone: 'warn' as const, text: t('verify.issuerUnknown') };
  const name = typeof trust.name === 'string' ? trust.name : undefined;
  if (trust.approvedForThis) {
    return {
      tone: 'ok' as const,
      text: name !== undefined ? t('verify.issuerApprovedNamed', { name }) : t('verify.issuerApproved'),
    };
  }
  // The full list is in the card's facts; here only what matters for this credential.
  const frameworks = trust.approvedFor?.map((f) => frameworkNames[f] ?? f).join(', ');
  const text = frameworks
    ? name !== undefined
      ? t('verify.issuerNotApprovedNamedFor', { name, frameworks })
      : t('verify.issuerNotApprovedFor', { frameworks })
    : name !== undefined
      ? t('verify.issuerNotApprovedNamed', { name })
      : t('verify.issuerNotApproved');
  return { tone: 'bad' as const, text };
}

/** The revocation or suspension line, from the status checks and the errors. */
function statusLine(
  r: CredentialResult,
  purpose: 'revocation' | 'suspension',
  lang: Lang,
  notChecked: KeyLine,
): KeyLine {
  const t = translator(lang);
  const word = purpose === 'revocation' ? 'revoked' : 'suspended';
  const status = r.checks.filter((ch) => ch.check === 'status');
  if (!r.checks.some((ch) => ch.check === 'signature')) return notChecked;
  if (r.errors.some((e) => e.code === word))
    return { tone: 'bad', text: t(word === 'revoked' ? 'verify.revokedByIssuer' : 'verify.suspendedByIssuer') };
  if (status.some((ch) => ch.ok && ch.message.includes(`Not ${word}`)))
    return { tone: 'ok', text: t(word === 'revoked' ? 'verify.notRevoked' : 'verify.notSuspended') };
  const problem = status.find((ch) => !ch.ok && ch.code !== 'revoked' && ch.code !== 'suspended');
  if (problem) {
    const reason = plainReason(problem.code ?? '', problem.message, lang);
    return { tone: 'bad', text: t('verify.couldNotCheck', { reason }) };
  }
  if (r.warnings.some((w) => w.code === 'no_status')) return { tone: 'warn', text: t('verify.noStatus') };
  return r.checks.some((ch) => ch.check === 'dates') ? { tone: 'warn', text: t('verify.notCheckedShort') } : notChecked;
}

/** The dates line: in date (until when), or why not. */
function datesLine(r: CredentialResult, lang: Lang, notChecked: KeyLine): KeyLine {
  const t = translator(lang);
  const dates = r.checks.filter((ch) => ch.check === 'dates');
  if (!dates.length) return notChecked;
  const fail = dates.find((ch) => !ch.ok);
  if (fail) {
    if (fail.code === 'expired') return { tone: 'bad', text: t('verify.dateExpired') };
    if (fail.code === 'not_yet_valid') return { tone: 'bad', text: t('verify.dateNotYet') };
    return { tone: 'bad', text: plainReason(fail.code ?? '', fail.message, lang).replace(/^it /, 'It ') };
  }
  const until = day(r.credential?.validUntil);
  return { tone: 'ok', text: until ? t('verify.inDateUntil', { date: until }) : t('verify.inDateNoExpiry') };
}

/** One line per thing an employer asks about (signature, issuer, dates, revocation, suspension), in plain words. */
export function keyChecks(
  r: CredentialResult,
  frameworkNames: Record<string, string> = {},
  lang: Lang = 'en',
): ({ what: string } & KeyLine)[] {
  const t = translator(lang);
  const failed = (name: string) => r.checks.find((ch) => ch.check === name && !ch.ok);
  const notChecked: KeyLine = { tone: 'none', text: t('verify.notChecked') };
  const sig =
    failed('structure') ??
    failed('header') ??
    failed('schema') ??
    failed('issuer') ??
    failed('key') ??
    failed('signature');
  const signature: KeyLine = sig
    ? { tone: 'bad', text: t('verify.sigFails', { reason: plainReason(sig.code ?? '', sig.message, lang) }) }
    : r.checks.some((ch) => ch.check === 'signature')
      ? { tone: 'ok', text: t('verify.sigMatches') }
      : notChecked;
  return [
    { what: t('verify.keySignature'), ...signature },
    { what: t('verify.keyIssuer'), ...issuerLine(r, frameworkNames, t, notChecked) },
    { what: t('verify.keyDates'), ...datesLine(r, lang, notChecked) },
    { what: t('verify.keyRevocation'), ...statusLine(r, 'revocation', lang, notChecked) },
    { what: t('verify.keySuspension'), ...statusLine(r, 'suspension', lang, notChecked) },
  ];
}

const CHECK_LABEL: Record<string, Extract<MessageKey, `verify.step${string}`>> = {
  size: 'verify.stepSize',
  structure: 'verify.stepStructure',
  header: 'verify.stepHeader',
  schema: 'verify.stepSchema',
  issuer: 'verify.stepIssuer',
  key: 'verify.stepKey',
  signature: 'verify.stepSignature',
  dates: 'verify.stepDates',
  status: 'verify.stepStatus',
  trust: 'verify.stepTrust',
  audience: 'verify.stepAudience',
  nonce: 'verify.stepNonce',
  replay: 'verify.stepReplay',
  credentials: 'verify.stepCredentials',
  holder: 'verify.stepHolder',
};

/** The name of a pipeline step in plain words. */
export function checkLabel(name: string, lang: Lang = 'en'): string {
  const key = Object.hasOwn(CHECK_LABEL, name) ? CHECK_LABEL[name] : undefined;
  return key ? t(lang, key) : name;
}

/** Who issued it, in words: the registered name, else the name it gives itself, else what is missing. */
function issuerShown(result: CredentialResult, c: Record<string, unknown> | undefined, t: Translate): string {
  if (result.trust?.name) return result.trust.name;
  const own = (c?.issuer as { name?: unknown } | undefined)?.name;
  if (typeof own === 'string' && own.trim()) return own.trim();
  return c ? t('verify.issuerUnnamed') : t('verify.issuerUnconfirmed');
}

/** Who issued the credential and whether we recognise them, its dates, kind and evidence. */
function ResultFacts({
  result,
  frameworkNames,
  lang,
}: {
  result: CredentialResult;
  frameworkNames: Record<string, string>;
  lang: Lang;
}) {
  const t = translator(lang);
  const { c, achievement } = subjectOf(result);
  const evidence = Array.isArray(c?.evidence) ? (c?.evidence as Record<string, unknown>[]) : [];
  const approvedFor = result.trust?.approvedFor ?? [];
  return (
    <dl class="facts">
      <dt>{t('verify.issuedBy')}</dt>
      <dd>
        {issuerShown(result, c, t)}{' '}
        {!result.trust ? null : result.trust.recognised ? (
          <span class="tag ok">{t('verify.recognisedIssuer')}</span>
        ) : (
          <span class="tag warn">{t('verify.issuerNotRecognised')}</span>
        )}
        {approvedFor.length ? (
          <details class="small">
            <summary>
              {approvedFor.length === 1
                ? t('verify.approvedForOne')
                : t('verify.approvedForMany', { count: approvedFor.length })}
            </summary>
            {approvedFor.map((f) => frameworkNames[f] ?? f).join(', ')}
          </details>
        ) : null}
      </dd>
      {day(c?.validFrom ?? c?.issuanceDate) ? (
        <>
          <dt>{t('verify.validFrom')}</dt>
          <dd>{day(c?.validFrom ?? c?.issuanceDate)}</dd>
        </>
      ) : null}
      <dt>{t('verify.expires')}</dt>
      <dd>{day(c?.validUntil ?? c?.expirationDate) ?? (c ? t('verify.noExpiry') : t('verify.expiryUnknown'))}</dd>
      {typeof achievement?.achievementType === 'string' ? (
        <>
          <dt>{t('verify.kind')}</dt>
          <dd>{kindName(achievement.achievementType, lang)}</dd>
        </>
      ) : null}
      {evidence.length ? (
        <>
          <dt>{t('verify.evidence')}</dt>
          <dd>{evidence.map((e) => [e.name, e.narrative].filter(Boolean).join(': ')).join('; ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Identifiers, formats and every step of a verification (passed or failed with its message), folded away under
 * "Technical details"; `summary` names the list of steps. Each step's message is the verifier's own, in English.
 */
export function ChecksList({
  summary,
  checks,
  children,
  lang = 'en',
}: {
  summary: string;
  checks: CredentialResult['checks'];
  children?: Child;
  lang?: Lang;
}) {
  const t = translator(lang);
  return (
    <TechnicalDetails lang={lang}>
      {children}
      {checks.length ? <p class="small">{summary}</p> : null}
      <ul class="small">
        {checks.map((ch) => (
          <li>
            <span class={`tag ${ch.ok ? 'ok' : 'bad'}`}>{ch.ok ? t('verify.pass') : t('verify.fail')}</span>{' '}
            {checkLabel(ch.check, lang)}: <InEnglish lang={lang}>{ch.message}</InEnglish>
            {ch.code ? <code> ({ch.code})</code> : null}
          </li>
        ))}
      </ul>
    </TechnicalDetails>
  );
}

/** A credential's machine facts: format, issuer and holder identifiers, and its type as written. */
function TechnicalFacts({ result, lang }: { result: CredentialResult; lang: Lang }) {
  const t = translator(lang);
  const { c, achievement } = subjectOf(result);
  const subject = c?.credentialSubject as { id?: unknown } | undefined;
  return (
    <dl class="facts">
      <dt>{t('verify.format')}</dt>
      <dd>
        <InEnglish lang={lang}>{formatLabel(result.format)}</InEnglish>
      </dd>
      {result.issuer ? (
        <>
          <dt>{t('verify.issuerId')}</dt>
          <dd>
            <Breakable text={result.issuer} />
          </dd>
        </>
      ) : null}
      {typeof subject?.id === 'string' ? (
        <>
          <dt>{t('verify.holderId')}</dt>
          <dd>
            <Breakable text={subject.id} />
          </dd>
        </>
      ) : null}
      {typeof achievement?.achievementType === 'string' ? (
        <>
          <dt>{t('verify.type')}</dt>
          <dd>{achievement.achievementType}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** What an unverifiable credential says about itself, said as a claim that cannot be trusted. */
function Unconfirmed({
  claimed,
  lang,
}: {
  claimed: { name?: string | undefined; issuer?: string | undefined };
  lang: Lang;
}) {
  const name = claimed.name ? <strong>“{claimed.name}”</strong> : null;
  const issuer = claimed.issuer ? <strong>{claimed.issuer}</strong> : null;
  return (
    <p class="small">
      {name && issuer
        ? rich(lang, 'verify.claimsNameIssuer', { name, issuer })
        : name
          ? rich(lang, 'verify.claimsName', { name })
          : rich(lang, 'verify.claimsIssuer', { issuer })}
    </p>
  );
}

/** The full result card: verdict, what it is, who issued it, the five key checks, dates, evidence, then every check. */
export function VerificationResult({
  result,
  heading = 'h3',
  frameworkNames = {},
  issuedToSomeoneElse = false,
  claimed,
  lang = 'en',
}: {
  result: CredentialResult;
  heading?: 'h2' | 'h3';
  /** Framework ids to names, for "approved for ..." */
  frameworkNames?: Record<string, string>;
  /** Inside a presentation: this credential was issued to someone other than the holder. */
  issuedToSomeoneElse?: boolean;
  /** What an unverifiable credential says about itself (read without trusting it), to show what it claims. */
  claimed?: { name?: string | undefined; issuer?: string | undefined } | undefined;
  /** The page's language; the verifier's own messages (warnings, each step's detail) stay English, marked so. */
  lang?: Lang;
}) {
  const t = translator(lang);
  const { c, achievement } = subjectOf(result);
  const H = heading;
  const name = (achievement?.name as string | undefined) ?? (c?.name as string | undefined) ?? t('verify.credential');
  const unconfirmed = !c && (claimed?.name || claimed?.issuer);
  const ok = result.verified && !issuedToSomeoneElse;
  const said =
    issuedToSomeoneElse && result.verified
      ? t('verify.notValidHere', { reason: plainReason('holder_mismatch', '', lang) })
      : verdict(result, lang);
  const tag = { ok: t('verify.tagOk'), bad: t('verify.tagProblem'), warn: t('verify.tagNote') };
  return (
    <section class={`card result ${ok ? 'ok' : 'bad'}`} aria-label={`${name}: ${said}`}>
      <H>{name}</H>
      <p>
        {/* The tag is the verdict seen at a glance; the sentence beside it says the same, so it is read once. */}
        <span class={`tag ${ok ? 'ok' : 'bad'}`} aria-hidden="true">
          {ok ? t('verify.valid') : t('verify.notValid')}
        </span>{' '}
        <strong>{said}</strong>
      </p>
      {unconfirmed && claimed ? <Unconfirmed claimed={claimed} lang={lang} /> : null}
      <ul class="small checklist">
        {keyChecks(result, frameworkNames, lang).map((k) => (
          <li>
            <strong>{k.what}:</strong> {k.tone !== 'none' ? <span class={`tag ${k.tone}`}>{tag[k.tone]}</span> : null}{' '}
            {k.text}
          </li>
        ))}
        {issuedToSomeoneElse ? (
          <li>
            <strong>{t('verify.keyHolder')}:</strong> <span class="tag bad">{t('verify.tagProblem')}</span>{' '}
            {t('verify.issuedToOther')}
          </li>
        ) : null}
      </ul>
      <ResultFacts result={result} frameworkNames={frameworkNames} lang={lang} />
      {result.warnings.length ? (
        <ul class="small" lang={lang === 'en' ? undefined : 'en'}>
          {result.warnings.map((w) => (
            <li>{w.message}</li>
          ))}
        </ul>
      ) : null}
      <ChecksList summary={t('verify.checksPerformed')} checks={result.checks} lang={lang}>
        <TechnicalFacts result={result} lang={lang} />
      </ChecksList>
    </section>
  );
}

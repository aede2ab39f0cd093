/** The result of a whole check (one credential, several, or a holder's presentation): headline, who is sharing, then each credential. */
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import { formatLabel } from '../../worker/services/verification/verify-input';
import { Breakable } from './technical';
import { ChecksList, VerificationResult, plainReason } from './verification';

/** The headline for a whole check, in one sentence. */
export function headline(report: CheckReport): { ok: boolean; text: string } {
  const n = report.credentials.length;
  const bad = report.credentials.filter((c) => !c.result.verified || c.belongsToHolder === false).length;
  const own = report.presentation?.errors.find((e) => e.code !== 'credential_invalid');
  if (own) return { ok: false, text: `Not valid: ${plainReason(own.code, own.message)}.` };
  if (!n) return { ok: false, text: 'There were no credentials to check.' };
  if (!bad) {
    return {
      ok: true,
      text:
        report.presentation || report.holder
          ? `Valid: ${n === 1 ? 'the credential checks' : `all ${n} credentials check`} out and ${n === 1 ? 'belongs' : 'belong'} to the person sharing ${n === 1 ? 'it' : 'them'}.`
          : `Valid: ${n === 1 ? 'the credential checks' : `all ${n} credentials check`} out.`,
    };
  }
  return {
    ok: false,
    text: `${bad} of ${n} credential${n === 1 ? '' : 's'} ${bad === 1 ? 'is' : 'are'} not valid. The reasons are below.`,
  };
}

/** Who is sharing and whether everything belongs to them (presentations and shares). */
function HolderFacts({ report }: { report: CheckReport }) {
  const p = report.presentation;
  if (!p && !report.holder) return null;
  const mismatch = report.credentials.some((c) => c.belongsToHolder === false);
  const signatureOk = p ? p.checks.some((ch) => ch.check === 'signature' && ch.ok) : true;
  return (
    <section class="card" aria-labelledby="holder-heading">
      <h3 id="holder-heading">Who is sharing</h3>
      <dl class="facts">
        {report.sharedBy ? (
          <>
            <dt>Shared by</dt>
            <dd>
              {report.sharedBy} <span class="small muted">(the name on their Care Passport account)</span>
            </dd>
          </>
        ) : null}
        {p ? (
          <>
            <dt>Holder's signature</dt>
            <dd>
              {signatureOk ? <span class="tag ok">ok</span> : <span class="tag bad">problem</span>}{' '}
              {signatureOk ? 'Signed by the holder' : 'The holder signature could not be verified'}
            </dd>
          </>
        ) : null}
        <dt>Belongs to them</dt>
        <dd>
          {mismatch ? (
            <>
              <span class="tag bad">problem</span>{' '}
              {plainReason('holder_mismatch', 'Some credentials belong to someone else')}: at least one credential was
              issued to someone else
            </>
          ) : report.credentials.length ? (
            <>
              <span class="tag ok">ok</span> Every credential was issued to the person sharing them
            </>
          ) : (
            'No credentials'
          )}
        </dd>
      </dl>
      <ChecksList summary="Checks on the presentation" checks={p?.checks ?? []}>
        <dl class="facts">
          <dt>Holder's identifier</dt>
          <dd>
            {report.holder ? <Breakable text={report.holder} /> : 'Not given: the share did not name a holder key'}
          </dd>
          {p ? (
            <>
              <dt>Format</dt>
              <dd>{formatLabel('vp+jwt')}</dd>
            </>
          ) : null}
        </dl>
      </ChecksList>
    </section>
  );
}

/** The whole result of a check: headline, who is sharing, caveats, then one card per credential. */
export function CheckResults({
  report,
  frameworkNames,
  title = 'Result',
}: {
  report: CheckReport;
  frameworkNames: Record<string, string>;
  title?: string;
}) {
  const h = headline(report);
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{title}</h2>
      <p class={`notice ${h.ok ? 'ok' : 'error'}`} role="status">
        <strong>{h.text}</strong>
      </p>
      <p class="small muted">Checked {report.checkedAt.slice(0, 16).replace('T', ' ')} UTC.</p>
      <HolderFacts report={report} />
      {report.notes.length ? (
        <ul class="small">
          {report.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : null}
      {report.credentials.length ? <h3 class="visually-hidden">Credentials</h3> : null}
      {report.credentials.map((c) => (
        <VerificationResult
          result={c.result}
          frameworkNames={frameworkNames}
          issuedToSomeoneElse={c.belongsToHolder === false}
          claimed={c.claimed}
          heading="h3"
        />
      ))}
    </section>
  );
}

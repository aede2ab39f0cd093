/**
 * What role fit counts, from credential summaries (summary.ts): the verifier read each credential once, so role fit
 * needs neither the credential document nor its JWT again.
 */
import type { CredentialSummary } from '../verification/summary';
import type { VerifiedCredential } from '../verification/verifier';
import { type Holding, issuerWords, readEvidence, statedLevel } from './role-fit';

/**
 * One holding from a credential's summary. `holder` is the presentation's holder: a credential issued to anyone
 * else never meets anything (it proves nothing about the person presenting it), even when it verifies on its own.
 */
export function holdingFromSummary(
  summary: CredentialSummary,
  trust: VerifiedCredential['trust'],
  { holder = null, index = 0 }: { holder?: string | null; index?: number } = {},
): Holding {
  const notTheHolder = !!holder && (!summary.subjectIds.length || summary.subjectIds.some((id) => id !== holder));
  return {
    credentialId: summary.id ?? `credential-${index + 1}`,
    name: summary.name,
    issuerName: issuerWords(trust?.name, summary.issuerName),
    alignedIds: summary.alignedCodes,
    validFrom: summary.validFrom ?? new Date(0).toISOString(),
    validUntil: summary.validUntil,
    state: notTheHolder ? 'invalid' : summary.status,
    recognised: !!trust?.recognised,
    level: statedLevel(summary.level, summary.name),
    providerKinds: trust?.recognised ? (trust.providerKinds ?? []) : [],
    evidence: readEvidence(summary.evidence, null),
  };
}

/** Holdings from verified credentials (a presentation or pasted credentials); unreadable ones are left out. */
export function holdingsFromChecks(results: VerifiedCredential[], holder: string | null = null): Holding[] {
  return results.flatMap((r, index) => (r.summary ? [holdingFromSummary(r.summary, r.trust, { holder, index })] : []));
}

/** The trust registry: which issuers are approved organisations here, and for which frameworks. */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { competencies, issuerScopes, organisations } from '../../../db/schema';
import type { Config } from '../../config';
import type { JsonObject } from '../../credentials/jwt';
import type { TrustResult } from '../../credentials/verify';
import { providerKindsOf } from '../catalogue/rules';
import { PLATFORM_SLUG, slugFromDid } from '../organisations/issuers';
import { alignedCodes } from './summary';

/** Trust: is the issuer an approved organisation here, and approved for the frameworks the achievement aligns to? */
export async function lookupTrust(
  db: Database,
  config: Config,
  issuerDid: string,
  credential: JsonObject,
): Promise<TrustResult> {
  const slug = slugFromDid(config, issuerDid);
  if (!slug) return { recognised: false, approvedForThis: false };
  const orgRows = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  const org = orgRows[0];
  if (org?.status !== 'approved') return { recognised: false, approvedForThis: false };
  if (org.kind === 'platform' && slug === PLATFORM_SLUG)
    return { recognised: true, name: org.name, approvedForThis: true, providerKinds: providerKindsOf(org) };
  if (org.kind !== 'academy') return { recognised: true, name: org.name, approvedForThis: false, approvedFor: [] };
  const scopes = await db
    .select({ f: issuerScopes.frameworkId })
    .from(issuerScopes)
    .where(eq(issuerScopes.orgId, org.id));
  const approvedFor = scopes.map((s) => s.f);
  const codes = alignedCodes(credential);
  let approvedForThis = true;
  if (codes.length) {
    const rows = await db
      .select({ id: competencies.id, f: competencies.frameworkId })
      .from(competencies)
      .where(inArray(competencies.id, codes.slice(0, 50)));
    // Every aligned item must exist in the catalogue and sit in a framework the issuer is approved for.
    approvedForThis = rows.length === Math.min(codes.length, 50) && rows.every((r) => approvedFor.includes(r.f));
  }
  return { recognised: true, name: org.name, approvedForThis, approvedFor, providerKinds: providerKindsOf(org) };
}
